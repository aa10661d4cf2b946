"""`watcher analyze`: the extract -> diff -> analyse pipeline of a check, run on two local files.

`analyse_files` is the one path from files to analysed changes; the CLI prints its result and the scorer
(`watcher.eval`) measures it, so the accuracy reported is the product's own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from watcher.analysis import Analysis, Context, InstrumentTag, Registry, only_noise
from watcher.annotate import analyse_change
from watcher.diff import diff_documents
from watcher.errors import ExtractError, WatcherError
from watcher.fetch import decode_text
from watcher.kinds import get_kind
from watcher.kinds.json_api import JsonKind, JsonOptions, record_item
from watcher.kinds.linked import guess_kind
from watcher.normalize import items_text
from watcher.records import Change, DateMention, Document, FetchResult

# Kinds a file can be read as: the source kinds, plus plain text (Markdown and .txt files).
FILE_KINDS = ("html", "listing", "rss", "atom", "json", "pdf", "text")
TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".rst")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MEDIA = {
    "html": "text/html", "listing": "text/html", "rss": "application/rss+xml", "atom": "application/atom+xml",
    "json": "application/json", "pdf": "application/pdf", "text": "text/plain",
}
TEXT_VERSION = "text-1"
_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p|h[1-6]|article|main|table|ul)[\s>]", re.I)
_TRAILING = re.compile(r"[ \t]+$", re.M)
_MANY_BLANKS = re.compile(r"\n{3,}")


class AnalyzeError(WatcherError):
    """A file `watcher analyze` cannot read."""


def guess_file_kind(body: bytes, name: str) -> str:
    """What to read a file as, from its name and its first bytes: pdf, rss, atom, json, html or text."""
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES and not body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF"):
        return "text"
    kind = guess_kind(body, None, name)
    if kind != "html":
        return kind
    return "html" if suffix in HTML_SUFFIXES or _HTML_TAG.search(body[:4096]) else "text"


def fetch_result(body: bytes, kind: str, url: str) -> FetchResult:
    """A file's bytes dressed as the response the fetch stage would have handed on."""
    media = MEDIA[kind]
    text, encoding = (None, None) if kind == "pdf" else decode_text(body, media)
    return FetchResult(url=url, final_url=url, status=200, headers={"content-type": media}, body=body,
                       content_type=media, encoding=encoding, text=text, elapsed_ms=0)


def extract(fetched: FetchResult, kind: str) -> Document:
    """The normalised document of a file, read with the given kind."""
    if kind == "text":
        text = _MANY_BLANKS.sub("\n\n", _TRAILING.sub("", (fetched.text or "").replace("\r\n", "\n")))
        first = next((line.strip(" #*") for line in text.splitlines() if line.strip(" #*")), None)
        return Document(text=text.strip("\n"), extractor_version=TEXT_VERSION, title=first[:200] if first else None)
    reader = get_kind(kind)
    try:
        return reader.extract(fetched, reader.Options.model_validate({}))
    except ExtractError:
        if kind != "json":
            raise
        return _one_record(fetched)


def _one_record(fetched: FetchResult) -> Document:
    """A JSON file holding one record (an API's answer about one document) is a list of that one record."""
    try:
        data = json.loads(fetched.text or "")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ExtractError("the file holds neither a list of records nor a single record")
    item = record_item(data, JsonOptions.model_validate({}), fetched.final_url)
    return Document(text=items_text((item,)), extractor_version=JsonKind.version, items=(item,))


def read_document(path: Path, *, kind: str | None, url: str | None) -> tuple[Document, str]:
    """Read and extract one file; returns the document and the kind it was read as."""
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise AnalyzeError(f"cannot read {path}: {exc.strerror or exc}") from None
    kind = kind or guess_file_kind(body, path.name)
    if kind not in FILE_KINDS:
        raise AnalyzeError(f"unknown kind {kind!r} (known: {', '.join(FILE_KINDS)})")
    try:
        return extract(fetch_result(body, kind, url or path.resolve().as_uri()), kind), kind
    except ExtractError as exc:
        raise AnalyzeError(f"cannot read {path} as {kind}: {exc.sentence}") from None


def analyse_files(
    old: Path | None,
    new: Path,
    *,
    url: str | None = None,
    kind: str | None = None,
    jurisdiction: str | None = None,
    language: str | None = None,
    registry: Registry | None = None,
) -> list[Change]:
    """The analysed changes from `old` (None: no previous version) to `new`, as a check would report them.

    Without an old version a document is one new change and an itemised file (feed, API, listing) gives
    one new change per item. A pair that differs only by noise gives no change at all.
    """
    new_doc, kind = read_document(new, kind=kind, url=url)
    old_doc = read_document(old, kind=kind, url=url)[0] if old is not None else None
    if old_doc is not None and only_noise(old_doc.text, new_doc.text):
        return []
    if old_doc is not None:
        changes = diff_documents(old_doc, new_doc)
    elif new_doc.items is not None:
        changes = diff_documents(replace(new_doc, items=()), new_doc)
    else:
        changes = [_whole(new_doc, new)]
    base = Context(url=url, jurisdiction=jurisdiction, language=language)
    return [
        replace(c, url=c.url or url,
                analysis=analyse_change(c, base=base, old=old_doc, new=new_doc, registry=registry))
        for c in changes
    ]


def _whole(doc: Document, path: Path) -> Change:
    return Change(type="added", title=doc.title or path.name, url=None, item_key=None, diff="",
                  excerpt=doc.text[:300], new_text=doc.text)


def combined(changes: Sequence[Change]) -> Analysis | None:
    """One analysis for a set of changes (what a scorer compares with one label): instruments and dates of
    all of them, the kind of the first change that is not plain news. None when there is no change."""
    analyses = [c.analysis for c in changes if c.analysis is not None]
    if not analyses:
        return None
    if len(analyses) == 1:
        return analyses[0]
    tags: dict[str, InstrumentTag] = {}
    for a in analyses:
        for t in a.instruments:
            if t.id not in tags or t.confidence > tags[t.id].confidence:
                tags[t.id] = t
    dates: dict[tuple[str, str], DateMention] = {}
    for a in analyses:
        for d in a.dates:
            dates.setdefault((d.date, d.role), d)
    kind = next((a.kind for a in analyses if a.kind != "news"), "news")
    summary = "; ".join(a.summary for a in analyses[:3])
    return Analysis(tuple(sorted(tags.values(), key=lambda t: -t.confidence)), kind, tuple(dates.values()), summary)
