"""Check sources end to end: fetch -> extract -> snapshot -> diff, one source at a time or many at once.

Everything that writes goes through the Store; everything before it is pure.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from typing import TypeVar

from watcher.analysis import Context, Registry
from watcher.annotate import analyse_change
from watcher.config import FetchSettings, SourceConfig
from watcher.diff import content_hash, diff_documents
from watcher.errors import ExtractError, FetchError, WatcherError
from watcher.fetch import Fetcher
from watcher.guard import error_page_reason
from watcher.kinds import get_kind
from watcher.linked import fetch_linked
from watcher.normalize import apply_ignore
from watcher.records import Change, CheckResult, Document, FetchResult, LinkedDocument, Validators
from watcher.storage.repository import SourceState, Store, StoredVersion
from watcher.truncation import confirmed, truncation_reason

_T = TypeVar("_T")
Progress = Callable[[CheckResult], None]

# Parsing and database work run on one worker thread: the event loop keeps every fetch moving, and the
# CPU-bound steps do not fight each other for the interpreter lock as they would on a pool.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="watcher-check")


async def _off_loop(fn: Callable[..., _T], *args: object) -> _T:
    return await asyncio.get_running_loop().run_in_executor(_WORKER, partial(fn, *args))


@dataclass(frozen=True)
class _Diffed:
    """A new version and its changes, waiting for linked documents before it is annotated and saved."""

    fetched: FetchResult
    document: Document
    digest: str
    raw_hash: str
    latest: StoredVersion
    changes: list[Change]


@dataclass(frozen=True)
class Checker:
    """Checks sources with one shared fetcher and store."""

    store: Store
    fetcher: Fetcher
    settings: FetchSettings
    registry: Registry | None = None  # None: the shipped instruments only

    async def check(self, source: SourceConfig) -> CheckResult:
        started = time.monotonic()
        deadline = started + source.budget
        try:
            result = await self._check(source, started, deadline)
        except (FetchError, ExtractError) as exc:
            return await _off_loop(self._failed, source, started, exc)
        if result.status == "unchanged":
            # Documents that could not be fetched with an earlier change get another try.
            await self._retry_pending_documents(source, deadline)
        return result

    async def _check(self, source: SourceConfig, started: float, deadline: float) -> CheckResult:
        state, validators = await _off_loop(self._before_fetch, source)
        now = datetime.now(UTC)
        if state is not None and state.retry_after is not None and state.retry_after > now:
            when = state.retry_after.strftime("%Y-%m-%d %H:%M UTC")
            return CheckResult(
                source.id, "failed", error=f"not checked: the server asked watcher to wait until {when}",
                duration_ms=_ms(started), retry_after=state.retry_after,
            )
        missing = source.missing_env()
        if missing:
            raise FetchError(f"environment variable {missing[0]} is not set (needed by this source's headers)",
                             transient=False)
        fetched = await self.fetcher.fetch(
            source.url, deadline=deadline, validators=validators, headers=source.headers,
            max_bytes=source.max_bytes, concurrency=source.concurrency, delay=source.delay,
            allow_link_local=source.allow_link_local,
        )
        step = await _off_loop(self._after_fetch, source, state, fetched, started)
        if isinstance(step, CheckResult):
            return step
        documents = await self._linked_documents(source, step.changes, deadline)
        return await _off_loop(self._finish, source, step, documents, started)

    def _before_fetch(self, source: SourceConfig) -> tuple[SourceState | None, Validators]:
        return self.store.source_state(source.id), self.store.latest_validators(source.id)

    def _after_fetch(
        self, source: SourceConfig, state: SourceState | None, fetched: FetchResult, started: float
    ) -> CheckResult | _Diffed:
        """Everything from the response to the changes: a final result, or changes still to annotate and save."""
        if fetched.not_modified:
            # A 304 repeats what was seen last, which already heads the stored versions: one fetch row, no reads.
            return self._unchanged(source, fetched, started, None, "not-modified")
        kind = get_kind(source.kind)
        recent = self.store.recent_versions(source.id, max(1, self.settings.compared_versions))
        raw_hash = hashlib.sha256(fetched.body).hexdigest()
        if recent and recent[0].raw_hash == raw_hash and recent[0].extractor_version == kind.version:
            return self._unchanged(source, fetched, started, recent[0], "unchanged")
        document = self._extract(source, fetched)
        digest = content_hash(document)
        if not recent:
            return self._save(source, fetched, document, digest, raw_hash, None, [], "baseline", started)
        latest = recent[0]
        if latest.extractor_version != kind.version:
            # A new extractor re-baselines silently instead of alerting on every source.
            result = self._save(source, fetched, document, digest, raw_hash, latest.id, [], "unchanged", started)
            return replace(result, notes=("re-baselined after an extractor upgrade",))
        seen = next((v for v in recent if v.content_hash == digest), None)
        if seen is not None:
            return self._unchanged(source, fetched, started, seen, "unchanged")
        suspect = truncation_reason(latest.document, document)
        if suspect is not None and not confirmed(suspect, state.last_error if state else None):
            raise ExtractError(suspect)  # not stored: a complete page next time is no change at all
        changes = [_with_source_url(c, source) for c in diff_documents(latest.document, document)]
        return _Diffed(fetched, document, digest, raw_hash, latest, changes)

    def _finish(
        self, source: SourceConfig, step: _Diffed, documents: dict[str, LinkedDocument], started: float
    ) -> CheckResult:
        changes = [self._analysed(source, c, step.latest.document, step.document, documents) for c in step.changes]
        outcome = "changed" if changes else "unchanged"
        return self._save(source, step.fetched, step.document, step.digest, step.raw_hash, step.latest.id,
                          changes, outcome, started, documents)

    def _extract(self, source: SourceConfig, fetched: FetchResult) -> Document:
        kind = get_kind(source.kind)
        document = apply_ignore(kind.extract(fetched, source.options), source.ignore)
        reason = error_page_reason(fetched, document)
        if reason:
            raise ExtractError(reason)
        return document

    async def _linked_documents(
        self, source: SourceConfig, changes: Sequence[Change], deadline: float
    ) -> dict[str, LinkedDocument]:
        """Fetch the documents that new items link to, within the budget; the rest wait as pending."""
        if not source.follow_links:
            return {}
        wanted = [c for c in changes if c.type == "added" and c.url and c.item_key and c.url != source.url]
        documents: dict[str, LinkedDocument] = {}
        for n, change in enumerate(wanted):
            assert change.url is not None and change.item_key is not None
            if n >= source.max_documents or time.monotonic() >= deadline - 1:
                documents[change.item_key] = LinkedDocument(change.url, "pending")
                continue
            documents[change.item_key] = await fetch_linked(self.fetcher, change.url, source, deadline)
        return documents

    async def _retry_pending_documents(self, source: SourceConfig, deadline: float) -> None:
        if not source.follow_links:
            return
        for change_id, url in self.store.pending_documents(source.id, source.max_documents):
            if time.monotonic() >= deadline - 1:
                return
            linked = await fetch_linked(self.fetcher, url, source, deadline)
            self.store.set_document(change_id, linked)
            change = self.store.get_change_record(change_id) if linked.status == "fetched" else None
            if change is not None:
                self.store.set_analysis(change_id, analyse_change(
                    change, base=_context(source), linked_text=linked.text, registry=self.registry))

    def _analysed(
        self, source: SourceConfig, change: Change, old: Document, new: Document,
        documents: dict[str, LinkedDocument],
    ) -> Change:
        linked = documents.get(change.item_key or "")
        text = linked.text if linked is not None and linked.status == "fetched" else ""
        analysis = analyse_change(change, base=_context(source), old=old, new=new, linked_text=text,
                                  registry=self.registry)
        return replace(change, analysis=analysis)

    def _unchanged(
        self, source: SourceConfig, fetched: FetchResult, started: float, seen: StoredVersion | None, outcome: str
    ) -> CheckResult:
        self.store.record_unchanged(
            source.id, url=fetched.final_url, status=fetched.status, duration_ms=_ms(started),
            bytes_=len(fetched.body), validators=None if fetched.not_modified else _validators(fetched),
            snapshot_id=seen.id if seen else None, outcome=outcome,
        )
        return CheckResult(source.id, "unchanged", duration_ms=_ms(started))

    def _save(
        self, source: SourceConfig, fetched: FetchResult, document: Document, digest: str, raw_hash: str,
        previous_id: int | None, changes: Sequence[Change], outcome: str, started: float,
        documents: dict[str, LinkedDocument] | None = None,
    ) -> CheckResult:
        _, views = self.store.save_version(
            source.id, fetched=fetched, document=document, content_hash=digest, raw_hash=raw_hash,
            previous_id=previous_id, changes=changes, outcome=outcome, duration_ms=_ms(started),
            documents=documents,
        )
        status = "baseline" if outcome == "baseline" else ("changed" if views else "unchanged")
        return CheckResult(source.id, status, changes=tuple(views), duration_ms=_ms(started))  # type: ignore[arg-type]

    def _failed(self, source: SourceConfig, started: float, exc: WatcherError) -> CheckResult:
        retry_after = exc.retry_after if isinstance(exc, FetchError) else None
        self.store.record_failure(
            source.id, url=source.url, status=None, error=exc.sentence, duration_ms=_ms(started),
            retry_after=retry_after,
        )
        return CheckResult(source.id, "failed", error=exc.sentence, duration_ms=_ms(started),
                           retry_after=retry_after)


async def check_sources(
    sources: Sequence[SourceConfig], store: Store, settings: FetchSettings, progress: Progress | None = None,
    registry: Registry | None = None,
) -> list[CheckResult]:
    """Check every source concurrently (politeness is per host, inside the fetcher); results in input order.

    `registry` is the instrument registry changes are tagged with (default: the shipped one).
    """
    store.sync_sources(sources)
    limit = asyncio.Semaphore(max(1, settings.max_parallel_sources))
    async with Fetcher(settings) as fetcher:
        checker = Checker(store, fetcher, settings, registry)

        async def one(source: SourceConfig) -> CheckResult:
            async with limit:
                result = await checker.check(source)
            if progress is not None:
                progress(result)
            return result

        return list(await asyncio.gather(*(one(s) for s in sources)))


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _validators(fetched: FetchResult) -> Validators:
    return Validators(etag=fetched.etag, last_modified=fetched.last_modified)


def _context(source: SourceConfig) -> Context:
    return Context(url=source.url, jurisdiction=source.jurisdiction, language=source.language,
                   source_instruments=source.instruments)


def _with_source_url(change: Change, source: SourceConfig) -> Change:
    if change.url:
        return change
    return replace(change, url=source.url, title=change.title or source.name)
