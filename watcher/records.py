"""Typed records passed between pipeline stages. Plain frozen dataclasses, never dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

CheckStatus = Literal["baseline", "unchanged", "changed", "failed"]
ChangeType = Literal["added", "removed", "modified"]
DocumentStatus = Literal["none", "fetched", "unavailable", "pending"]


@dataclass(frozen=True)
class FetchResult:
    """What the fetch stage hands on. `not_modified` means a 304: there is no body."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    content_type: str  # media type only, lower case, e.g. "text/html"
    encoding: str | None  # charset the body was decoded with (None for binary kinds)
    text: str | None  # decoded body for textual media types
    elapsed_ms: int
    not_modified: bool = False

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass(frozen=True)
class Validators:
    """The server's own validators from the last stored response, echoed back verbatim."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Item:
    """One entry of a listing, feed or API. `key` is its stable identity (link, else normalised title)."""

    key: str
    title: str
    url: str | None = None
    date: str | None = None  # ISO date when the page gives one
    summary: str = ""

    def text(self) -> str:
        parts = [self.title]
        if self.date:
            parts.append(self.date)
        if self.summary:
            parts.append(self.summary)
        if self.url:
            parts.append(self.url)
        return " | ".join(parts)


@dataclass(frozen=True)
class Document:
    """The normalised form of one fetched version.

    `text` is what a text diff compares; `items` is set for kinds that produce entries (listing, feeds,
    APIs) and is what an item diff compares.
    """

    text: str
    extractor_version: str
    title: str | None = None
    items: tuple[Item, ...] | None = None


@dataclass(frozen=True)
class LinkedDocument:
    """The text of a document a new item links to, fetched with the change."""

    url: str
    status: DocumentStatus
    text: str = ""
    content_type: str = ""
    error: str | None = None


@dataclass(frozen=True)
class InstrumentTag:
    """An instrument a change concerns (registry id), with the words that matched and a confidence 0..1."""

    id: str
    confidence: float
    evidence: str


@dataclass(frozen=True)
class DateMention:
    """A date a change states, with its role (comments-due, entry-into-force, applies-from, ...)."""

    date: str  # ISO date
    role: str
    text: str  # the words of the page that gave the date


@dataclass(frozen=True)
class Analysis:
    """What a change is about: instruments, kind of change, dates, and a one-line summary."""

    instruments: tuple[InstrumentTag, ...]
    kind: str
    dates: tuple[DateMention, ...]
    summary: str


@dataclass(frozen=True)
class Change:
    """One difference between two versions: a new/removed/edited item, or an edited document."""

    type: ChangeType
    title: str
    url: str | None
    item_key: str | None  # None for a whole-document text change
    diff: str  # unified diff (item: old/new item lines; document: normalised text)
    excerpt: str  # the changed sentences, new side first
    new_text: str = ""  # the item's or the changed region's new text
    old_text: str = ""
    date: str | None = None
    analysis: Analysis | None = None


@dataclass(frozen=True)
class ChangeView:
    """A stored change as shown to users and scripts."""

    id: int
    source_id: str
    type: ChangeType
    title: str
    url: str | None
    diff: str
    excerpt: str
    created_at: datetime
    document: LinkedDocument | None = None
    analysis: Analysis | None = None


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one source once."""

    source_id: str
    status: CheckStatus
    changes: tuple[ChangeView, ...] = ()
    error: str | None = None
    duration_ms: int = 0
    retry_after: datetime | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
