"""Property tests: whatever a server sends, the extractors (each kind, with and without options), the charset
decoder, the date parsers, the instrument tagger and the whole analysis raise nothing but watcher's own errors.

Inputs are shaped like the real thing (tag soup, feeds, JSON records, dates in several languages and scripts)
so that hypothesis reaches past the first parse; the kind-level byte fuzzing in test_kinds_shared stays as is.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.kinds_support import fetched
from watcher.analysis import Context, analyse
from watcher.analysis.dates import extract as extract_dates
from watcher.analysis.registry import Registry
from watcher.analysis.tagger import tag
from watcher.annotate import analyse_change
from watcher.diff import diff_documents
from watcher.errors import WatcherError
from watcher.fetch import decode_text
from watcher.kinds import get_kind
from watcher.normalize import parse_date
from watcher.records import Change, Document
from watcher.truncation import truncation_reason

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.sampled_from([
    "AI Act", "Regulation (EU) 2024/1689", "Article 50", "consultation", "draft", "adopted", "2 August 2026",
    "2026年12月24日", "令和8年4月1日", "2026. 12. 24.", "1er août 2026", "3. März 2027", "12/31/2026", "31.12.2026",
    "人工智能", "征求意见稿", "인공지능 기본법", "AI推進法", "until", "from", "deadline", "postponed to", "&amp;",
    "&#x0;", "&bogus;", "\u200b", "\ufeff", "\x00", "<", ">", "]]>", "{", "}", "\ud7ff", "𠀀", " ", "\n", "-",
])
PHRASE = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=25).map(" ".join)
TAGS = st.sampled_from(["p", "li", "ul", "ol", "div", "main", "article", "a", "span", "time", "table", "tr", "td",
                        "h1", "h2", "script", "style", "nav", "footer", "title", "head", "body", "br", "iframe"])


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        name = draw(TAGS)
        attrs = draw(st.sampled_from(["", " href='/n/1'", " href='javascript:x'", " class='news date'",
                                      " href='http://[::1'", " datetime='2026-13-45'", " href=\"%zz\""]))
        parts.append(draw(st.sampled_from([f"<{name}{attrs}>", f"</{name}>", f"<{name}{attrs}/>"])))
        parts.append(draw(PHRASE))
    return "".join(parts)


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | PHRASE,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
        st.sampled_from(["results", "data", "items", "title", "url", "html_url", "id", "date",
                        "publication_date", "document_number", "name", ""]), inner, max_size=5),
    max_leaves=25,
)


@st.composite
def feed(draw: st.DrawFn) -> str:
    items = "".join(
        f"<item><title>{draw(PHRASE)}</title><link>{draw(PHRASE)}</link><pubDate>{draw(PHRASE)}</pubDate>"
        f"<guid>{draw(PHRASE)}</guid></item>" for _ in range(draw(st.integers(0, 4))))
    root = draw(st.sampled_from(["rss version='2.0'><channel", "feed xmlns='http://www.w3.org/2005/Atom'",
                                 "rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"]))
    return f"<?xml version='1.0'?><{root}>{items}" + draw(st.sampled_from(["", "</channel></rss>", "</feed>"]))


KIND_OPTIONS: list[tuple[str, dict[str, Any]]] = [
    ("html", {}), ("html", {"selector": "main", "exclude": [".date"]}),
    ("listing", {}), ("listing", {"selector": "li", "date": "time", "link": "a"}),
    ("rss", {}), ("json", {}), ("json", {"path": "results", "title": "name", "date": "date"}),
    ("json", {"path": "$.data.items[*]"}),
]


def _extract_quietly(kind: str, options: dict[str, Any], body: bytes | str, ctype: str) -> Document | None:
    implementation = get_kind(kind)
    parsed = implementation.Options.model_validate(options or {})
    try:
        return implementation.extract(fetched(body, ctype), parsed)
    except WatcherError:
        return None


@FUZZ
@given(body=st.one_of(tag_soup(), feed(), JSON_VALUE.map(json.dumps), st.binary(max_size=400)),
       charset=st.sampled_from([None, "gbk", "big5", "shift_jis", "euc-kr", "utf-16", "x-unknown", "utf-8"]))
def test_every_kind_and_option_set_fails_only_with_watchers_errors(body: bytes | str, charset: str | None) -> None:
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    text, codec = decode_text(data, "text/html" + (f"; charset={charset}" if charset else ""))
    assert isinstance(text, str) and codec
    documents = [_extract_quietly(kind, options, data, "application/json" if kind == "json" else "text/html")
                 for kind, options in KIND_OPTIONS]
    for doc in documents:
        if doc is not None:
            assert isinstance(doc.text, str)
            diff_documents(doc, doc)
            truncation_reason(doc, doc)


@FUZZ
@given(text=PHRASE, published=st.one_of(st.none(), st.dates().map(str)), us=st.booleans())
def test_date_parsers_never_raise(text: str, published: str | None, us: bool) -> None:
    iso = parse_date(text)
    assert iso is None or len(iso) == 10
    for found in extract_dates(text, published=published, us_locale=us):
        assert found is not None


REGISTRY = Registry.load()


@FUZZ
@given(new=PHRASE, old=st.one_of(st.none(), PHRASE), jurisdiction=st.sampled_from([None, "EU", "CN", "JP", "KR", "US"]),
       language=st.sampled_from([None, "en", "zh", "ja", "ko", "de", "fr"]))
def test_tagger_and_analysis_never_raise(new: str, old: str | None, jurisdiction: str | None,
                                         language: str | None) -> None:
    tag(new, registry=REGISTRY, page_jurisdiction=jurisdiction, language=language, title=old)
    context = Context(jurisdiction=jurisdiction, language=language)
    analyse(new, old, context=context, registry=REGISTRY)
    change = Change(type="modified", title=new[:40], url=None, item_key=None, diff="", excerpt=new[:200],
                    new_text=new, old_text=old or "")
    analyse_change(change, base=context, old=Document(old or "", "1"), new=Document(new, "1"), registry=REGISTRY)
