"""Fetch the document a new listing item links to, so the alert carries the draft itself."""

from __future__ import annotations

from watcher.config import SourceConfig
from watcher.errors import ExtractError, FetchError
from watcher.fetch import Fetcher
from watcher.kinds.linked import extract_linked_text
from watcher.records import LinkedDocument

# Enough for the longest real drafts; a linked document is context, not the thing being diffed.
MAX_LINKED_CHARS = 200_000


async def fetch_linked(fetcher: Fetcher, url: str, source: SourceConfig, deadline: float) -> LinkedDocument:
    """Return the linked document's text, or an `unavailable` record with the reason (retried later)."""
    try:
        fetched = await fetcher.fetch(
            url, deadline=deadline, headers=source.headers, max_bytes=source.max_bytes,
            concurrency=source.concurrency, delay=source.delay, allow_link_local=source.allow_link_local,
        )
        text = extract_linked_text(fetched)
    except (FetchError, ExtractError) as exc:
        return LinkedDocument(url, "unavailable", error=exc.sentence)
    return LinkedDocument(url, "fetched", text=text[:MAX_LINKED_CHARS], content_type=fetched.content_type)
