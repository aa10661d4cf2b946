"""Text of a document that a new item links to, and a guess of a response's kind from its bytes."""

from __future__ import annotations

import re

from watcher.errors import ExtractError
from watcher.kinds.dom import body_of, clean_text, parse_html, select_one
from watcher.kinds.pdf import pdf_text
from watcher.records import FetchResult

# Where pages keep their main text, best first.
MAIN_CONTENT = ("main", "article", "#content", "#main-content", "[role=main]", ".main-content", ".content")
_XML_PROLOGUE = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S)


def guess_kind(body: bytes, content_type: str | None, filename: str | None) -> str:
    """'pdf', 'rss', 'atom', 'json' or 'html' from the bytes, the media type and the file name.

    A listing cannot be told from a page by looking at it, so pages are always 'html'.
    """
    media = (content_type or "").split(";")[0].strip().lower()
    name = (filename or "").lower()
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or media == "application/pdf" or name.endswith(".pdf"):
        return "pdf"
    if media in ("application/rss+xml", "application/rdf+xml"):
        return "rss"
    if media == "application/atom+xml":
        return "atom"
    if head[:1] in (b"{", b"[") or media == "application/json" or media.endswith("+json") or name.endswith(".json"):
        return "json"
    root = _XML_PROLOGUE.sub(b"", head, count=1)[:40].lower()
    if root.startswith((b"<rss", b"<rdf:rdf")):
        return "rss"
    if root.startswith(b"<feed"):
        return "atom"
    return "html"


def extract_linked_text(fetched: FetchResult) -> str:
    """The readable text of a linked document: an HTML page's main content, or a PDF's text layer."""
    kind = guess_kind(fetched.body, fetched.content_type, fetched.final_url.rsplit("/", 1)[-1])
    if kind == "pdf":
        return pdf_text(fetched.body)[0]
    media = fetched.content_type.lower()
    if kind != "html" or not (media in ("text/html", "application/xhtml+xml") or not media):
        raise ExtractError(f"watcher cannot read linked documents of type {fetched.content_type or kind!r}")
    root = parse_html(fetched)
    body = body_of(root)
    for css in MAIN_CONTENT:
        found = select_one(body, css)
        if found is not None:
            text = clean_text([found])
            if text:
                return text
    text = clean_text([body])
    if not text:
        raise ExtractError("the linked page has no readable text")
    return text
