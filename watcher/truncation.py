"""Recognise a truncated response: a new version that lost most of the previous one at once.

A server that drops the connection early, a CDN that serves half a page, or a listing that rendered only
its first screen all look like "most items were removed". Reporting that would send a mass "removed"
alert and make the stub the new baseline, so that the next complete page "adds" everything back. A
suspect version is therefore refused once, with a sentence; if the very same shape comes back on the next
check, the shrinking is real and is reported as a normal change.

Pure functions, no I/O: the caller keeps the previous sentence (the source's last error) and compares.
"""

from __future__ import annotations

from watcher.records import Document

MIN_ITEMS = 6  # fewer items than this: losing most of them is ordinary churn
MIN_TEXT_CHARS = 1_000  # shorter texts: a shrink is an ordinary edit
TEXT_KEPT_RATIO = 0.25  # a text that keeps less than this share of its length is suspect
TRUNCATED_ENDING = "treated as a truncated response, not as removals"


def truncation_reason(old: Document, new: Document) -> str | None:
    """The sentence saying why `new` looks like a cut-off copy of `old`, or None when it looks genuine."""
    if old.items is not None and new.items is not None:
        return _items_reason(old, new)
    if old.items is None and new.items is None:
        return _text_reason(old.text, new.text)
    return None


def confirmed(reason: str, last_error: str | None) -> bool:
    """True when the previous check already refused exactly this shape: it is real, report it now."""
    return last_error == reason


def _items_reason(old: Document, new: Document) -> str | None:
    assert old.items is not None and new.items is not None
    before = [item.key for item in old.items]
    if len(before) < MIN_ITEMS:
        return None
    after = {item.key for item in new.items}
    kept = sum(1 for key in set(before) if key in after)
    removed = len(set(before)) - kept
    added = len(after) - kept
    if removed * 2 <= len(set(before)) or added * 4 > removed:
        return None
    return (f"the page came back with {len(new.items)} of {len(old.items)} items; "
            f"{TRUNCATED_ENDING}")


def _text_reason(old: str, new: str) -> str | None:
    if len(old) < MIN_TEXT_CHARS or len(new) >= len(old) * TEXT_KEPT_RATIO:
        return None
    return (f"the document came back with {len(new):,} of its {len(old):,} characters; "
            f"{TRUNCATED_ENDING}")
