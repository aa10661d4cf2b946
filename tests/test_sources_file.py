"""The shipped `sources.yaml`: loads cleanly and covers the official sources watcher promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_config import install_fake_kinds
from watcher.config import ENV_REFERENCE, SourceConfig, load_sources
from watcher.kinds import KINDS
from watcher.paths import packaged_sources_path

SHIPPED = Path(__file__).resolve().parents[1] / "sources.yaml"
KNOWN_KINDS = {"html", "listing", "rss", "atom", "json", "pdf"}


REAL_KINDS: set[str] = set()


@pytest.fixture
def sources(monkeypatch: pytest.MonkeyPatch) -> list[SourceConfig]:
    REAL_KINDS.clear()
    REAL_KINDS.update(KINDS)
    install_fake_kinds(monkeypatch)  # stands in only for kinds the registry does not have yet
    return load_sources(SHIPPED, environ={})


def test_packaged_copy_is_the_same_file() -> None:
    packaged = packaged_sources_path()
    assert packaged.is_file()
    assert packaged.resolve() == SHIPPED.resolve()


def test_loads_with_enough_sources_and_unique_ids(sources: list[SourceConfig]) -> None:
    assert len(sources) >= 30
    ids = [s.id for s in sources]
    assert len(ids) == len(set(ids))


def test_covers_every_jurisdiction(sources: list[SourceConfig]) -> None:
    assert {"EU", "US", "CN", "KR", "JP", "BR", "GB", "INT"} <= {s.jurisdiction for s in sources}
    assert any(s.jurisdiction.startswith("US-") for s in sources)


@pytest.mark.parametrize(
    ("publisher", "host"),
    [
        ("European Commission", "digital-strategy.ec.europa.eu"),
        ("European Commission (AI Act Service Desk)", "ai-act-service-desk.ec.europa.eu"),
        ("Publications Office of the EU (EUR-Lex)", "eur-lex.europa.eu"),
        ("European Parliament", "oeil.secure.europarl.europa.eu"),
        ("European Data Protection Board", "www.edpb.europa.eu"),
        ("European Data Protection Supervisor", "www.edps.europa.eu"),
        ("National Institute of Standards and Technology", "www.nist.gov"),
        ("National Institute of Standards and Technology (CSRC)", "csrc.nist.gov"),
        ("Office of the Federal Register (NARA)", "www.federalregister.gov"),
        ("Library of Congress (congress.gov)", "www.congress.gov"),
        ("Cyberspace Administration of China", "www.cac.gov.cn"),
        ("TC260 (National Cybersecurity Standardization Technical Committee)", "www.tc260.org.cn"),
        ("UK Parliament", "bills-api.parliament.uk"),
        ("Ministry of Government Legislation (National Law Information Center)", "www.law.go.kr"),
        ("Ministry of Government Legislation", "opinion.lawmaking.go.kr"),
        ("Digital Agency (e-Gov)", "public-comment.e-gov.go.jp"),
        ("Cabinet Office of Japan", "www8.cao.go.jp"),
        ("Câmara dos Deputados", "dadosabertos.camara.leg.br"),
        ("Senado Federal", "www25.senado.leg.br"),
        ("Council of Europe", "www.coe.int"),
        ("OECD", "oecd.ai"),
    ],
)
def test_covers_each_publisher(sources: list[SourceConfig], publisher: str, host: str) -> None:
    assert any(s.publisher == publisher and s.host == host for s in sources), (publisher, host)


def test_required_pages(sources: list[SourceConfig]) -> None:
    urls = {s.url for s in sources}
    for needle in (
        "/en/policies/regulatory-framework-ai",
        "related-content?topic=119&type=25",
        "/en/policies/contents-code-gpai",
        "/en/policies/code-practice-ai-generated-content",
        "uri=CELEX:32024R1689",
        "/HIS/?uri=CELEX:32024R1689",
        "reference=2021/0106(COD)",
        "/itl/ai-risk-management-framework",
        "federalregister.gov/api/v1/documents.json",
        "treatynum=225",
        "SearchTerm=artificial%20intelligence",
    ):
        assert any(needle in url for url in urls), needle


def test_urls_are_https(sources: list[SourceConfig]) -> None:
    assert all(s.url.startswith("https://") for s in sources)


def test_kinds_are_registered(sources: list[SourceConfig]) -> None:
    assert {s.kind for s in sources} <= KNOWN_KINDS
    missing = {s.kind for s in sources} - REAL_KINDS
    if missing:
        pytest.skip(f"kinds not registered yet: {', '.join(sorted(missing))}")


def test_intervals_between_one_hour_and_a_week(sources: list[SourceConfig]) -> None:
    for source in sources:
        assert 3600 <= source.interval <= 7 * 86400, source.id


def test_keyed_sources_are_disabled_and_reference_the_environment(sources: list[SourceConfig]) -> None:
    keyed = [s for s in sources if any(ENV_REFERENCE.search(v) for v in s.header_templates.values())]
    assert keyed, "the congress.gov API entry should need a key"
    for source in keyed:
        assert source.enabled is False, source.id
        assert source.missing_env(), source.id


def test_every_source_has_notes_and_language(sources: list[SourceConfig]) -> None:
    for source in sources:
        assert source.notes and source.language, source.id
