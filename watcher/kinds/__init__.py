"""Registry of source kinds, filled explicitly. Adding a kind = one module + one line here."""

from __future__ import annotations

from watcher.kinds.base import Kind
from watcher.kinds.feed import FeedKind
from watcher.kinds.html import HtmlKind
from watcher.kinds.json_api import JsonKind
from watcher.kinds.listing import ListingKind
from watcher.kinds.pdf import PdfKind

KINDS: dict[str, type[Kind]] = {
    "html": HtmlKind,
    "listing": ListingKind,
    "rss": FeedKind,
    "atom": FeedKind,
    "json": JsonKind,
    "pdf": PdfKind,
}


def get_kind(name: str) -> Kind:
    try:
        return KINDS[name]()
    except KeyError:
        known = ", ".join(sorted(KINDS))
        raise KeyError(f"unknown kind {name!r} (known kinds: {known})") from None
