"""Compare two versions of a source: item by item for listings, feeds and APIs; sentence by sentence for text.

Pure functions, no I/O. Flap suppression (a version equal to one of the last N is not a change) is the
caller's business: it compares `content_hash` against the stored versions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from watcher.records import Change, Document, Item

MAX_DIFF_LINES = 400  # lines of unified diff kept per change
MAX_REGION_CHARS = 20_000  # characters of changed text kept in new_text / old_text
MAX_EXCERPT_CHARS = 1_000
CONTEXT_LINES = 3

_WESTERN_END = ".!?"
_CJK_END = "。！？"
_CLOSERS = "\"'”’»)]）】」』"


def content_hash(doc: Document) -> str:
    """A digest of what a diff compares: the normalised text and the items, in key order.

    Stable across runs and machines; the extractor version and the title are not part of it.
    """
    items = None
    if doc.items is not None:
        items = sorted([i.key, i.title, i.url, i.date, i.summary] for i in doc.items)
    canonical = json.dumps({"text": doc.text, "items": items}, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def diff_documents(old: Document | None, new: Document) -> list[Change]:
    """The changes from `old` to `new`. No previous version means a baseline: no changes."""
    if old is None:
        return []
    if old.items is not None and new.items is not None:
        return _diff_items(old.items, new.items)
    return _diff_text(old, new)


# ---------------------------------------------------------------------------------------- items --


def _keyed(items: Iterable[Item]) -> dict[tuple[str, int], Item]:
    """Items by (key, occurrence), so a key repeated on one page is matched occurrence by occurrence."""
    seen: dict[str, int] = {}
    keyed: dict[tuple[str, int], Item] = {}
    for item in items:
        n = seen.get(item.key, 0)
        seen[item.key] = n + 1
        keyed[(item.key, n)] = item
    return keyed


def _same(a: Item, b: Item) -> bool:
    return (a.title, a.date, a.summary, a.url) == (b.title, b.date, b.summary, b.url)


def _diff_items(old: Sequence[Item], new: Sequence[Item]) -> list[Change]:
    before, after = _keyed(old), _keyed(new)
    added = [_item_change("added", None, item) for k, item in after.items() if k not in before]
    modified = [
        _item_change("modified", before[k], item)
        for k, item in after.items()
        if k in before and not _same(before[k], item)
    ]
    removed = [_item_change("removed", item, None) for k, item in before.items() if k not in after]
    return added + modified + removed


def _item_lines(item: Item | None) -> list[str]:
    if item is None:
        return []
    lines = [item.title]
    if item.date:
        lines.append(item.date)
    lines.extend(line for line in item.summary.splitlines() if line.strip())
    if item.url:
        lines.append(item.url)
    return lines


def _item_change(kind: str, old: Item | None, new: Item | None) -> Change:
    shown = new if new is not None else old
    assert shown is not None
    diff, _ = _unified(_item_lines(old), _item_lines(new))
    return Change(
        type=kind,  # type: ignore[arg-type]
        title=shown.title,
        url=shown.url,
        item_key=shown.key,
        diff=diff,
        excerpt=shown.text(),
        new_text=new.text() if new is not None else "",
        old_text=old.text() if old is not None else "",
        date=shown.date,
    )


# ----------------------------------------------------------------------------------------- text --


def _diff_text(old: Document, new: Document) -> list[Change]:
    if old.text == new.text:
        return []
    a, b = old.text.splitlines(), new.text.splitlines()
    diff, matcher = _unified(a, b)
    old_region: list[str] = []
    new_region: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            old_region.extend(a[i1:i2])
            new_region.extend(b[j1:j2])
    return [
        Change(
            type="modified",
            title=new.title or "",
            url=None,
            item_key=None,
            diff=diff,
            excerpt=_excerpt(old_region, new_region),
            new_text=_clip("\n".join(new_region), MAX_REGION_CHARS),
            old_text=_clip("\n".join(old_region), MAX_REGION_CHARS),
        )
    ]


def _excerpt(old_lines: Sequence[str], new_lines: Sequence[str]) -> str:
    """The sentences that changed: those of the new side absent from the old, else the removed ones."""
    old_sentences = [s for line in old_lines for s in split_sentences(line)]
    new_sentences = [s for line in new_lines for s in split_sentences(line)]
    old_set, new_set = {_squash(s) for s in old_sentences}, {_squash(s) for s in new_sentences}
    fresh = _unique(s for s in new_sentences if _squash(s) not in old_set)
    if fresh:
        return _clip(" ".join(fresh), MAX_EXCERPT_CHARS)
    gone = _unique(s for s in old_sentences if _squash(s) not in new_set)
    if gone:
        return _clip("removed: " + " ".join(gone), MAX_EXCERPT_CHARS)
    # Only line breaks or the order of sentences changed.
    return _clip(" ".join(_unique(new_sentences or old_sentences)), MAX_EXCERPT_CHARS)


def split_sentences(text: str) -> list[str]:
    """Split one line into sentences at `. ! ?` (followed by a space and not a lower-case word) and at
    the CJK `。！？` (no space needed). Closing quotes and brackets stay with their sentence."""
    sentences: list[str] = []
    start, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in _WESTERN_END and ch not in _CJK_END:
            i += 1
            continue
        j = i + 1
        while j < n and (text[j] in _WESTERN_END or text[j] in _CJK_END):
            j += 1
        while j < n and text[j] in _CLOSERS:
            j += 1
        if _boundary(text, i, j):
            sentence = text[start:j].strip()
            if sentence:
                sentences.append(sentence)
            start = j
        i = j
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _boundary(text: str, mark: int, after: int) -> bool:
    if any(c in _CJK_END for c in text[mark:after]):
        return True
    if after >= len(text):
        return True
    if not text[after].isspace():
        return False  # 1.5, e.g.x, example.org
    rest = text[after:].lstrip()
    return not rest or not rest[0].islower()  # "e.g. the" continues the sentence


# ---------------------------------------------------------------------------------------- shared --


def _unified(a: Sequence[str], b: Sequence[str]) -> tuple[str, SequenceMatcher[str]]:
    """A unified diff (headers `previous` / `current`) capped at MAX_DIFF_LINES, and the matcher used."""
    matcher = SequenceMatcher(None, a, b)  # autojunk: linear time on pages full of repeated lines
    lines = ["--- previous", "+++ current"]
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        first, last = group[0], group[-1]
        lines.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(" " + line for line in a[i1:i2])
                continue
            lines.extend("-" + line for line in a[i1:i2])
            lines.extend("+" + line for line in b[j1:j2])
    if len(lines) == 2:
        return "", matcher
    if len(lines) > MAX_DIFF_LINES:
        cut = len(lines) - MAX_DIFF_LINES
        lines = [*lines[:MAX_DIFF_LINES], f"[{cut} more diff lines not shown]"]
    return "\n".join(lines), matcher


def _range(start: int, stop: int) -> str:
    """A hunk range as unified diffs write it (1-based start; the length is left out when it is 1)."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    if length == 0:
        return f"{start},0"
    return f"{start + 1},{length}"


def _squash(sentence: str) -> str:
    return " ".join(sentence.split())


def _unique(sentences: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for sentence in sentences:
        key = _squash(sentence)
        if key not in seen:
            seen.add(key)
            out.append(sentence)
    return out


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
