"""The `rss` and `atom` kinds: one class reads RSS 2.0, RSS 1.0 (RDF) and Atom feeds.

XML is parsed with defusedxml, so entity declarations (billion laughs, external entities) are refused
instead of expanded. Only entity-free XML that is merely malformed gets a second, forgiving lxml pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring
from lxml import etree
from pydantic import BaseModel

from watcher.errors import ExtractError
from watcher.kinds.base import Kind
from watcher.kinds.common import refuse
from watcher.normalize import canonical_url, items_text, one_line, parse_date, strip_tags, title_key
from watcher.records import Document, FetchResult, Item

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
_ISO_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")
ENTITY_SENTENCE = "the feed declares XML entities, which watcher refuses to expand"


def local(tag: Any) -> str:
    """A tag name without its namespace ('{http://www.w3.org/2005/Atom}entry' -> 'entry')."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_xml(fetched: FetchResult) -> Any:
    """The root element of an XML response; refuses entity declarations, forgives plain malformation."""
    data = fetched.body or (fetched.text or "").encode("utf-8")
    if not data.strip():
        raise ExtractError("the response is empty")
    try:
        return defused_fromstring(data)
    except DefusedXmlException:
        raise ExtractError(ENTITY_SENTENCE) from None
    except ParseError as exc:
        if _ENTITY_DECLARATION.search(data):
            raise ExtractError(ENTITY_SENTENCE) from None
        problem = str(exc)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        raise refuse(fetched, f"the response is not well-formed XML ({problem})")
    return root


def _children(el: Any, name: str) -> Iterator[Any]:
    return (child for child in el if local(child.tag) == name)


def _text(el: Any, *names: str) -> str:
    for name in names:
        for child in _children(el, name):
            text = "".join(child.itertext())
            if text.strip():
                return text.strip()
    return ""


def _atom_link(entry: Any) -> str:
    fallback = ""
    for link in _children(entry, "link"):
        href = link.get("href")
        if href is None:  # RSS <link>text</link>
            text = (link.text or "").strip()
            if text:
                return text
            continue
        if link.get("rel", "alternate") == "alternate":
            return str(href).strip()
        fallback = fallback or str(href).strip()
    return fallback


def feed_date(value: str) -> str | None:
    """An RFC 822 (pubDate) or ISO 8601 (updated, dc:date) timestamp as an ISO date."""
    if not value:
        return None
    match = _ISO_DATE.match(value)
    if match:
        return parse_date(match.group(1))
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return parse_date(value, day_first=False)


def _entry(entry: Any, base: str) -> Item | None:
    title = one_line(strip_tags(_text(entry, "title")))
    link = _atom_link(entry)
    url = canonical_url(link, base, keep_fragment=True) if link else None
    guid = _text(entry, "guid", "id")
    if not guid and entry.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"):
        guid = entry.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    if not (title or url or guid):
        return None
    key = one_line(guid) if guid else (canonical_url(link, base) if link else title_key(title))
    date = feed_date(_text(entry, "pubDate", "date", "published", "updated", "issued", "modified"))
    summary = strip_tags(_text(entry, "description", "summary", "encoded", "content"))
    return Item(key=key, title=title or url or key, url=url, date=date, summary=summary)


def _entries(root: Any) -> tuple[list[Any], str]:
    """The entry elements and the feed title, by feed flavour; refuses anything that is not a feed."""
    kind = local(root.tag)
    if kind == "rss":
        channel = next(_children(root, "channel"), None)
        if channel is None:
            raise ExtractError("the RSS feed has no <channel> element")
        return list(_children(channel, "item")), _text(channel, "title")
    if kind == "RDF":
        channel = next(_children(root, "channel"), None)
        return list(_children(root, "item")), _text(channel, "title") if channel is not None else ""
    if kind == "feed":
        return list(_children(root, "entry")), _text(root, "title")
    raise ExtractError(f"the response is not an RSS or Atom feed (its root element is <{kind or '?'}>)")


class FeedKind(Kind):
    """An RSS (2.0 or 1.0/RDF) or Atom feed. Each entry becomes an item keyed by its guid/id (else its link,
    else its title) with its date and a plain-text summary; new entries are reported one by one."""

    name = "feed"
    version = "1"
    itemised = True

    def extract(self, fetched: FetchResult, options: BaseModel | None) -> Document:
        root = parse_xml(fetched)
        if local(root.tag) in ("html", "HTML"):
            raise refuse(fetched, "the response is an HTML page, not an RSS or Atom feed")
        entries, title = _entries(root)
        items: dict[str, Item] = {}
        for entry in entries:
            item = _entry(entry, fetched.final_url)
            if item is not None and item.key not in items:
                items[item.key] = item
        found = tuple(items.values())
        return Document(text=items_text(found), extractor_version=self.version, title=one_line(title) or None,
                        items=found)
