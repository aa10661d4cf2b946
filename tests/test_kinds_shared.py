"""Registry, linked-document text, kind guessing, normalisation helpers, and robustness of every kind."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tests.kinds_support import fetched, make_pdf, page
from watcher.errors import ExtractError
from watcher.kinds import KINDS, get_kind
from watcher.kinds.linked import extract_linked_text, guess_kind
from watcher.normalize import apply_ignore, canonical_url, normalise_space, parse_date
from watcher.records import Document, Item


def test_registry_and_option_models() -> None:
    assert set(KINDS) == {"html", "listing", "rss", "atom", "json", "pdf"}
    for name, kind in KINDS.items():
        assert kind.__doc__ and kind.version, name
        options = kind.Options()
        assert isinstance(options, BaseModel)
        assert kind.Options.model_config.get("extra") == "forbid" and kind.Options.model_config.get("frozen")
        assert all(info.description for info in kind.Options.model_fields.values()), name
    with pytest.raises(KeyError, match="known kinds"):
        get_kind("csv")


@pytest.mark.parametrize(("body", "ctype", "name", "kind"), [
    (b"%PDF-1.4 ...", None, None, "pdf"),
    (b"", "application/pdf", None, "pdf"),
    (b"x", None, "annex.PDF", "pdf"),
    (b'<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">', "text/xml", None, "rss"),
    (b'\xef\xbb\xbf<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', None, None, "atom"),
    (b"<rdf:RDF xmlns:rdf='x'>", None, None, "rss"),
    (b"", "application/atom+xml; charset=utf-8", None, "atom"),
    (b'  {"results": []}', None, None, "json"),
    (b"", "application/vnd.api+json", None, "json"),
    (b"<!DOCTYPE html><html>", "text/html", None, "html"),
    (b"plain words", None, None, "html"),
])
def test_guess_kind(body: bytes, ctype: str | None, name: str | None, kind: str) -> None:
    assert guess_kind(body, ctype, name) == kind


def test_linked_html_prefers_the_main_content() -> None:
    text = extract_linked_text(page("nist_ai_rmf_v1.html"))
    assert text.startswith("AI Risk Management Framework\nThe framework is a voluntary resource")
    assert "Facebook" not in text and "Updated May 19" not in text
    body = "<body><div class='header'>Site</div><div id='x'><p>Only body text.</p></div></body>"
    assert extract_linked_text(fetched(body)) == "Only body text."


def test_linked_gbk_page_and_pdf() -> None:
    text = extract_linked_text(page("cac_zqyj_v1.html"))
    assert "人工智能拟人化互动服务管理暂行办法" in text
    pdf = fetched(make_pdf([["Draft implementing act on sandboxes"]]), "application/pdf")
    assert extract_linked_text(pdf) == "Draft implementing act on sandboxes"


def test_linked_other_types_are_refused() -> None:
    with pytest.raises(ExtractError, match="cannot read linked documents of type 'application/zip'"):
        extract_linked_text(fetched(b"PK\x03\x04", "application/zip"))
    with pytest.raises(ExtractError, match="no readable text"):
        extract_linked_text(fetched("<html><body><nav>menu</nav></body></html>"))


def test_canonical_url() -> None:
    assert canonical_url("/a/b?utm_source=x&id=3&itok=Zz#frag", "HTTPS://Example.ORG:443/base/") == (
        "https://example.org/a/b?id=3")
    assert canonical_url("/a;jsessionid=ABC?PHPSESSID=1&q=ai", "http://h:8080/") == "http://h:8080/a?q=ai"
    assert canonical_url("x#keep", "https://h/dir/", keep_fragment=True) == "https://h/dir/x#keep"
    assert canonical_url("//www.cac.gov.cn/a.htm", "https://www.cac.gov.cn/zqyj/") == "https://www.cac.gov.cn/a.htm"


def test_normalise_space() -> None:
    assert normalise_space("  a \u00a0 b\n\n\n\u3000c\t\n") == "a b\nc"


@pytest.mark.parametrize(("text", "iso"), [
    ("19-05-2026", "2026-05-19"), ("19/05/2026", "2026-05-19"), ("19 May 2026", "2026-05-19"),
    ("May 19, 2026", "2026-05-19"), ("2026-05-19", "2026-05-19"), ("2026年5月19日", "2026-05-19"),
    ("2026.05.19", "2026-05-19"), ("2026년 5월 19일", "2026-05-19"), ("19 de maio de 2025", "2025-05-19"),
    ("19. Mai 2026", "2026-05-19"), ("1er mars 2026", "2026-03-01"), ("5 settembre 2025", "2025-09-05"),
    ("3 de diciembre de 2024", "2024-12-03"), ("Sept. 4, 2025", "2025-09-04"), ("OJ L, 12.7.2024", "2024-07-12"),
    ("Published 19 May 2026, updated 2026-06-01", "2026-05-19"), ("13/05/2026", "2026-05-13"),
    ("Regulation (EU) 2024/1689", None), ("31-02-2026", None), ("", None),
])
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_parse_date_month_first() -> None:
    assert parse_date("05/04/2026", day_first=False) == "2026-05-04"
    assert parse_date("05/04/2026") == "2026-04-05"


def test_apply_ignore_cleans_text_and_items() -> None:
    item = Item(key="k", title="Notice (visits: 1204)", url="https://x/visits: 9", date="2026-05-19",
                summary="Body visits: 77")
    doc = Document(text="Heading\nvisits: 1204\nNotice (visits: 1204)", extractor_version="1", items=(item,))
    cleaned = apply_ignore(doc, [r"\(?visits: \d+\)?"])
    assert cleaned.text == "Heading\nNotice"
    assert cleaned.items == (Item(key="k", title="Notice", url="https://x/visits: 9", date="2026-05-19",
                                  summary="Body"),)
    assert apply_ignore(doc, []) is doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300),
    st.builds(lambda s: "<rss><channel><item><title>" + s, st.text(max_size=80)),
    st.builds(lambda s: '{"results": [' + s, st.text(max_size=80)),
    st.builds(lambda s: b"%PDF-1.4\n" + s, st.binary(max_size=200)),
))
def test_no_kind_raises_anything_but_extract_error(body: bytes | str) -> None:
    for name in ("html", "listing", "rss", "json", "pdf"):
        ctype = "application/pdf" if name == "pdf" else "text/html"
        with contextlib.suppress(ExtractError):
            get_kind(name).extract(fetched(body, ctype), None)
