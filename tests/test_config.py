"""Loading and validating sources files: plain sentences with file and line."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import ClassVar

import pytest
from pydantic import BaseModel, ConfigDict

from watcher.config import SourceConfig, load_sources
from watcher.configcheck import ConfigProblems
from watcher.errors import ConfigError
from watcher.kinds import KINDS
from watcher.kinds.base import Kind, NoOptions
from watcher.records import Document, FetchResult


class _HtmlOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    selector: str | None = None
    exclude: list[str] = []


class _ListingOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    selector: str | None = None
    title: str | None = None
    link: str | None = None
    date: str | None = None
    summary: str | None = None
    exclude: list[str] = []


class _JsonOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    path: str | None = None
    key: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None


_FAKE_OPTIONS: dict[str, type[BaseModel]] = {
    "html": _HtmlOptions, "listing": _ListingOptions, "rss": NoOptions, "atom": NoOptions,
    "json": _JsonOptions, "pdf": NoOptions,
}


def install_fake_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register stand-in kinds (with the agreed option fields) for any kind the registry lacks yet."""
    for name, options in _FAKE_OPTIONS.items():
        if name in KINDS:
            continue

        class Fake(Kind):
            Options: ClassVar[type[BaseModel]] = options

            def extract(self, fetched: FetchResult, options: BaseModel) -> Document:
                raise NotImplementedError

        Fake.name = name
        Fake.version = "test"
        monkeypatch.setitem(KINDS, name, Fake)


@pytest.fixture(autouse=True)
def kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_kinds(monkeypatch)


def write(tmp_path: Path, text: str, name: str = "sources.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


GOOD = """
- id: eu-news
  name: EU news
  url: https://digital-strategy.ec.europa.eu/en/related-content?topic=119
  kind: listing
  jurisdiction: EU
  publisher: European Commission
  interval: 6h
  selector: ul.items li
- id: fr-api
  name: Federal Register
  url: https://www.federalregister.gov/api/v1/documents.json
  kind: json
  jurisdiction: US
  publisher: OFR
  interval: 1h30m
  enabled: false
  options:
    path: results
    url: html_url
"""


def problems_of(path: Path) -> ConfigProblems:
    with pytest.raises(ConfigProblems) as caught:
        load_sources(path)
    return caught.value


def test_good_file_loads_with_options_and_lines(tmp_path: Path) -> None:
    sources = load_sources(write(tmp_path, GOOD))
    assert [s.id for s in sources] == ["eu-news", "fr-api"]
    news, api = sources
    assert news.line == 1 and api.line == 9
    assert news.interval == 21600 and api.interval == 5400
    assert isinstance(news.options, KINDS["listing"].Options)
    assert news.options.model_dump()["selector"] == "ul.items li"
    assert api.url.startswith("https://www.federalregister.gov/") and api.options.url == "html_url"
    assert api.enabled is False


def test_mapping_with_sources_key_and_kind_without_options(tmp_path: Path) -> None:
    path = write(tmp_path, """
        sources:
          - {id: feed, name: F, url: "https://example.org/feed", kind: rss, jurisdiction: EU,
             publisher: P, interval: 1s}
    """)
    (source,) = load_sources(path)
    assert isinstance(source.options, NoOptions) and source.interval == 1.0 and source.line == 2


def test_other_top_level_keys_rejected(tmp_path: Path) -> None:
    err = problems_of(write(tmp_path, "sources: []\nsettings: {}\n"))
    assert err.problems == [(2, "unknown top-level key 'settings': the file holds a list of sources, "
                                "or a mapping with the single key 'sources'")]


def test_unknown_key_suggests_the_option(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("  selector: ul.items li", "  selectr: ul.items li"))
    err = problems_of(path)
    assert str(err) == f"{path}:8: unknown key 'selectr' for a listing source (did you mean 'selector'?)"
    assert err.path == str(path) and err.line == 8


def test_unknown_nested_option(tmp_path: Path) -> None:
    err = problems_of(write(tmp_path, GOOD.replace("    path: results", "    pth: results")))
    assert err.problems == [(18, "unknown option 'pth' for a json source (did you mean 'path'?)")]


def test_missing_required_key(tmp_path: Path) -> None:
    err = problems_of(write(tmp_path, GOOD.replace("  publisher: OFR\n", "")))
    assert err.problems == [(9, "source 'fr-api' is missing the required key 'publisher'")]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/x", "url 'ftp://example.org/x' must start with http:// or https://"),
        ("https:///path", "url 'https:///path' has no host name"),
        ("https://example.org/a b", "url 'https://example.org/a b' contains spaces (write a space as %20)"),
        ("example.org", "url 'example.org' must start with http:// or https://"),
    ],
)
def test_bad_url(tmp_path: Path, url: str, reason: str) -> None:
    text = GOOD.replace("https://digital-strategy.ec.europa.eu/en/related-content?topic=119", f'"{url}"')
    assert problems_of(write(tmp_path, text)).problems == [(3, reason)]


def test_duplicate_id(tmp_path: Path) -> None:
    err = problems_of(write(tmp_path, GOOD.replace("id: fr-api", "id: eu-news")))
    assert err.problems == [(9, "duplicate id 'eu-news': already used on line 1")]


@pytest.mark.parametrize(
    ("interval", "reason"),
    [
        ("5x", "interval '5x' is not a duration such as 30s, 15m, 6h or 1d"),
        ("0.5s", "interval '0.5s' is shorter than one second"),
        ("0", "interval 0 is shorter than one second"),
    ],
)
def test_bad_interval(tmp_path: Path, interval: str, reason: str) -> None:
    err = problems_of(write(tmp_path, GOOD.replace("interval: 6h", f"interval: {interval}")))
    assert err.problems == [(7, reason)]


@pytest.mark.parametrize("interval", ["1s", "45", "30d", "1w"])
def test_any_interval_from_one_second_is_valid(tmp_path: Path, interval: str) -> None:
    assert load_sources(write(tmp_path, GOOD.replace("interval: 6h", f"interval: {interval}")))


def test_unknown_kind_lists_known_ones(tmp_path: Path) -> None:
    err = problems_of(write(tmp_path, GOOD.replace("kind: listing", "kind: listin")))
    ((line, reason),) = err.problems
    known = ", ".join(sorted(KINDS))
    assert line == 4 and reason == f"unknown kind 'listin' (did you mean 'listing'?) (known kinds: {known})"


@pytest.mark.parametrize("bad", ["EU-News", "-news", "news item", "ünï"])
def test_bad_id(tmp_path: Path, bad: str) -> None:
    err = problems_of(write(tmp_path, GOOD.replace("id: eu-news", f'id: "{bad}"')))
    ((line, reason),) = err.problems
    assert line == 1 and reason.startswith(f"id {bad!r} is not valid: use lower-case letters")


def test_wrong_types_in_plain_sentences(tmp_path: Path) -> None:
    text = GOOD.replace("  enabled: false", '  enabled: "yes please"\n  max_documents: many\n  max_bytes: 0')
    err = problems_of(write(tmp_path, text))
    assert err.problems == [
        (16, "enabled must be true or false, got 'yes please'"),
        (17, "max_documents must be a whole number, got 'many'"),
        (18, "max_bytes must be at least 1, got 0"),
    ]
    assert "pydantic" not in str(err) and "Input should" not in str(err)


def test_wrong_option_type(tmp_path: Path) -> None:
    err = problems_of(write(tmp_path, GOOD.replace("  selector: ul.items li", "  selector: [a, b]")))
    assert err.problems == [(8, "selector must be text, got a list")]


def test_every_problem_reported_once_with_file_and_line(tmp_path: Path) -> None:
    text = GOOD.replace("kind: listing", "kind: listing\n  colour: red").replace("interval: 1h30m", "interval: soon")
    path = write(tmp_path, text)
    err = problems_of(path)
    assert str(err).splitlines() == [
        f"2 problems in {path}:",
        f"{path}:5: unknown key 'colour' for a listing source",
        f"{path}:16: interval 'soon' is not a duration such as 30s, 15m, 6h or 1d",
    ]
    assert err.line == 5


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: a\n  name: [unclosed\n- id: b\n")
    with pytest.raises(ConfigError) as caught:
        load_sources(path)
    assert caught.value.path == str(path) and caught.value.line is not None
    assert str(caught.value).startswith(f"{path}:{caught.value.line}: the file is not valid YAML")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the file is empty: expected a list of sources"),
        ("# only a comment\n", "the file is empty: expected a list of sources"),
        ("just text\n", "expected a list of sources, got 'just text'"),
        ("sources: 3\n", "expected a list of sources, got 3"),
        ("- 42\n", "each source must be a mapping of keys (id, name, url, kind, ...), got 42"),
    ],
)
def test_wrong_shapes(tmp_path: Path, text: str, reason: str) -> None:
    ((_line, got),) = problems_of(write(tmp_path, text)).problems
    assert got == reason


def test_duplicate_key_in_entry(tmp_path: Path) -> None:
    err = problems_of(write(tmp_path, GOOD.replace("  interval: 6h", "  interval: 6h\n  interval: 2h")))
    assert err.problems == [(8, "key 'interval' appears twice in the same mapping (first on line 7)")]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_sources(tmp_path / "nope.yaml")


HEADERS = GOOD.replace("  enabled: false", "  headers:\n    X-Api-Key: ${TEST_KEY}\n    Accept: application/json")


def test_header_from_environment_is_resolved_but_never_shown(tmp_path: Path) -> None:
    api = load_sources(write(tmp_path, HEADERS), environ={"TEST_KEY": "s3cret"})[1]
    assert api.headers == {"X-Api-Key": "s3cret", "Accept": "application/json"}
    assert api.missing_env() == ()
    assert api.public_headers() == {"X-Api-Key": "${TEST_KEY}", "Accept": "application/json"}
    assert "s3cret" not in repr(api) and "s3cret" not in str(api)


def test_unset_environment_variable_keeps_source_valid_with_a_note(tmp_path: Path) -> None:
    api = load_sources(write(tmp_path, HEADERS), environ={})[1]
    assert api.missing_env() == ("TEST_KEY",)
    assert api.headers == {"Accept": "application/json"}


def test_literal_secret_header_is_masked() -> None:
    source = SourceConfig.model_validate(
        {"id": "x", "name": "x", "url": "https://example.org", "kind": "rss", "jurisdiction": "EU",
         "publisher": "p", "interval": "1h", "headers": {"Authorization": "Bearer abc", "Accept": "*/*"}}
    )
    assert source.public_headers() == {"Authorization": "***", "Accept": "*/*"}


def test_invalid_ignore_pattern(tmp_path: Path) -> None:
    err = problems_of(write(tmp_path, GOOD.replace("  enabled: false", "  ignore: ['(unclosed']")))
    ((line, reason),) = err.problems
    assert line == 16 and reason.startswith("ignore pattern '(unclosed' is not a valid regular expression")
