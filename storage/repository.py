"""The Store: everything watcher reads from and writes to its database.

Every write is one short transaction (a snapshot row is never half-written); every read loads only the
columns it returns (raw bodies stay on disk unless asked for). Datetimes in and out are aware UTC.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import Engine, case, select, update
from sqlalchemy.orm import Session, load_only, sessionmaker
from watcher.storage import analysis as stored
from watcher.storage import migrate
from watcher.storage.db import make_engine, storage_errors, writer
from watcher.storage.models import ChangeInstrumentRow, ChangeRow, FetchRow, SnapshotRow, SourceRow
from watcher.storage.rows import (
    VIEW_COLUMNS,
    change_record,
    change_row,
    change_view,
    config_hash,
    items_from_json,
    items_to_json,
)

from watcher.config import SourceConfig
from watcher.errors import StorageError
from watcher.records import Analysis, Change, ChangeView, Document, FetchResult, LinkedDocument, Validators

# A source is reported as failing once this many checks in a row have failed.
FAILING_AFTER = 3
# A linked document is retried on later checks until it has been tried this many times.
MAX_DOCUMENT_ATTEMPTS = 5
STORED_OUTCOMES = ("baseline", "changed", "unchanged")  # outcomes whose response content is stored
COMPRESS_LEVEL = 6
_NO_SYNC = {"synchronize_session": False}  # sessions are short-lived: no need to refresh loaded objects


@dataclass(frozen=True)
class StoredVersion:
    """A stored version of a source, without its raw body."""

    id: int
    content_hash: str
    raw_hash: str
    extractor_version: str
    document: Document
    created_at: datetime


@dataclass(frozen=True)
class SourceState:
    """A source's scheduling and health state."""

    id: str
    retry_after: datetime | None
    consecutive_failures: int
    health: str
    checks: int
    last_check_at: datetime | None
    last_change_at: datetime | None
    last_error: str | None
    next_due: datetime | None


def utcnow() -> datetime:
    return datetime.now(UTC)


class Store:
    """Watcher's database. Open with `Store.open(url)`; every method raises StorageError on failure."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(writer(engine), expire_on_commit=False)
        self.now: Callable[[], datetime] = utcnow  # replaceable in tests
        # Called inside save_version's transaction with the stored changes (the alert outbox is filled here).
        self.on_saved: Callable[[Session, list[ChangeView]], None] | None = None

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True) -> Store:
        """Open any SQLAlchemy URL (creating a SQLite file's folder) and bring its schema up to date.

        With `upgrade=False` the schema is only checked, and a database that is not up to date is an error.
        """
        engine = make_engine(url)
        try:
            if upgrade:
                migrate.upgrade(engine, url)
            else:
                migrate.check(engine, url)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, url)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _writing(self, action: str) -> Iterator[Session]:
        with storage_errors(action, self.url), self._write.begin() as session:
            yield session

    @contextmanager
    def _reading(self, action: str) -> Iterator[Session]:
        with storage_errors(action, self.url), self._read() as session:
            yield session

    # ---------------------------------------------------------------------------------- sources --

    def sync_sources(self, sources: Sequence[SourceConfig]) -> None:
        """Insert new sources and update changed ones. Sources no longer configured keep their history."""
        wanted = {s.id: s for s in sources}
        now = self.now()
        with self._writing("record the configured sources") as session:
            stmt = select(SourceRow).where(SourceRow.id.in_(list(wanted)))
            rows = {row.id: row for row in session.scalars(stmt)}
            for source_id, source in wanted.items():
                digest = config_hash(source)
                row = rows.get(source_id)
                if row is None:
                    session.add(SourceRow(id=source_id, config_hash=digest, kind=source.kind, name=source.name,
                                          created_at=now))
                elif (row.config_hash, row.kind, row.name) != (digest, source.kind, source.name):
                    row.config_hash, row.kind, row.name = digest, source.kind, source.name

    def source_state(self, source_id: str) -> SourceState | None:
        with self._reading(f"read the state of source {source_id}") as session:
            row = session.get(SourceRow, source_id)
            if row is None:
                return None
            return SourceState(
                id=row.id, retry_after=row.retry_after, consecutive_failures=row.consecutive_failures,
                health=row.health, checks=row.checks, last_check_at=row.last_check_at,
                last_change_at=row.last_change_at, last_error=row.last_error, next_due=row.next_due,
            )

    def _ensure_source(self, session: Session, source_id: str, now: datetime) -> None:
        """History always hangs off a source row; one is created for a source that was never synced."""
        if session.get(SourceRow, source_id) is None:
            session.add(SourceRow(id=source_id, name=source_id, created_at=now))
            session.flush()

    def _succeeded(self, session: Session, source_id: str, now: datetime, *, changed: bool) -> None:
        values: dict[str, Any] = {
            "checks": SourceRow.checks + 1, "last_check_at": now, "consecutive_failures": 0,
            "retry_after": None, "health": "ok",
        }
        if changed:
            values["last_change_at"] = now
        session.execute(update(SourceRow).where(SourceRow.id == source_id).values(values), execution_options=_NO_SYNC)

    # ---------------------------------------------------------------------------------- fetches --

    def latest_validators(self, source_id: str) -> Validators:
        """The server's validators from the latest 200 response whose content is stored.

        Failed and 304 fetches never count: echoing validators of a body watcher did not store would let
        a 304 hide content it never saw.
        """
        stmt = (
            select(FetchRow.etag, FetchRow.last_modified)
            .where(FetchRow.source_id == source_id, FetchRow.outcome.in_(STORED_OUTCOMES),
                   FetchRow.http_status == 200)
            .order_by(FetchRow.at.desc(), FetchRow.id.desc())
            .limit(1)
        )
        with self._reading(f"read the validators of source {source_id}") as session:
            row = session.execute(stmt).first()
        return Validators() if row is None else Validators(etag=row.etag, last_modified=row.last_modified)

    def record_unchanged(
        self, source_id: str, *, url: str, status: int, duration_ms: int, bytes_: int,
        validators: Validators | None, snapshot_id: int | None, outcome: str,
    ) -> None:
        """A check that found nothing new: one fetch row; the version it matched is marked as seen now."""
        now = self.now()
        validators = validators or Validators()
        with self._writing(f"record a check of source {source_id}") as session:
            self._ensure_source(session, source_id, now)
            session.add(FetchRow(
                source_id=source_id, at=now, url=url, http_status=status, outcome=outcome,
                duration_ms=duration_ms, bytes=bytes_, etag=validators.etag,
                last_modified=validators.last_modified,
            ))
            if snapshot_id is not None:
                session.execute(
                    update(SnapshotRow)
                    .where(SnapshotRow.id == snapshot_id, SnapshotRow.source_id == source_id)
                    .values(last_seen_at=now),
                    execution_options=_NO_SYNC,
                )
            self._succeeded(session, source_id, now, changed=False)

    def record_failure(
        self, source_id: str, *, url: str, status: int | None, error: str, duration_ms: int,
        retry_after: datetime | None,
    ) -> None:
        """A failed check: one fetch row with the error sentence; the source counts one more failure."""
        now = self.now()
        with self._writing(f"record a failed check of source {source_id}") as session:
            self._ensure_source(session, source_id, now)
            session.add(FetchRow(
                source_id=source_id, at=now, url=url, http_status=status, outcome="failed",
                duration_ms=duration_ms, bytes=0, error=error,
            ))
            failures = SourceRow.consecutive_failures + 1
            session.execute(
                update(SourceRow)
                .where(SourceRow.id == source_id)
                .values(
                    checks=SourceRow.checks + 1, last_check_at=now, consecutive_failures=failures,
                    last_error=error, retry_after=retry_after,
                    health=case((failures >= FAILING_AFTER, "failing"), else_=SourceRow.health),
                ),
                execution_options=_NO_SYNC,
            )

    # -------------------------------------------------------------------------------- snapshots --

    def recent_versions(self, source_id: str, n: int) -> list[StoredVersion]:
        """The last `n` versions, the one seen most recently first. Raw bodies are not loaded."""
        stmt = (
            select(SnapshotRow.id, SnapshotRow.content_hash, SnapshotRow.raw_hash, SnapshotRow.extractor_version,
                   SnapshotRow.title, SnapshotRow.text, SnapshotRow.items, SnapshotRow.created_at)
            .where(SnapshotRow.source_id == source_id)
            .order_by(SnapshotRow.last_seen_at.desc(), SnapshotRow.id.desc())
            .limit(max(0, n))
        )
        with self._reading(f"read the stored versions of source {source_id}") as session:
            rows = session.execute(stmt).all()
        return [
            StoredVersion(
                id=row.id, content_hash=row.content_hash, raw_hash=row.raw_hash,
                extractor_version=row.extractor_version, created_at=row.created_at,
                document=Document(text=row.text, extractor_version=row.extractor_version, title=row.title,
                                  items=items_from_json(row.items)),
            )
            for row in rows
        ]

    def raw_body(self, snapshot_id: int) -> bytes | None:
        """The response body a version was extracted from, decompressed; None when there is no such version."""
        with self._reading(f"read stored version {snapshot_id}") as session:
            stored = session.execute(select(SnapshotRow.raw_body).where(SnapshotRow.id == snapshot_id)).scalar()
        return None if stored is None else zlib.decompress(stored)

    def save_version(
        self, source_id: str, *, fetched: FetchResult, document: Document, content_hash: str, raw_hash: str,
        previous_id: int | None, changes: Sequence[Change], outcome: str, duration_ms: int,
        documents: Mapping[str, LinkedDocument] | None = None,
    ) -> tuple[int, list[ChangeView]]:
        """Store a version with its changes, the fetch and the source's new state, all in one transaction.

        A version whose content hash is already stored reuses that row, refreshed with this response.
        `documents` (keyed by item key) gives the linked document fetched for a change.
        Returns the snapshot id and the stored changes.
        """
        now = self.now()
        documents = documents or {}
        with self._writing(f"save a new version of source {source_id}") as session:
            self._ensure_source(session, source_id, now)
            fresh = {
                "raw_hash": raw_hash, "raw_body": zlib.compress(fetched.body, COMPRESS_LEVEL),
                "headers": dict(fetched.headers), "url": fetched.url, "final_url": fetched.final_url,
                "content_type": fetched.content_type, "encoding": fetched.encoding,
                "extractor_version": document.extractor_version, "title": document.title, "last_seen_at": now,
            }
            snapshot_id = session.execute(
                select(SnapshotRow.id)
                .where(SnapshotRow.source_id == source_id, SnapshotRow.content_hash == content_hash)
            ).scalar()
            if snapshot_id is None:
                snapshot = SnapshotRow(source_id=source_id, content_hash=content_hash, text=document.text,
                                       items=items_to_json(document.items), created_at=now, **fresh)
                session.add(snapshot)
                session.flush()
                snapshot_id = snapshot.id
            else:
                session.execute(update(SnapshotRow).where(SnapshotRow.id == snapshot_id).values(fresh),
                                execution_options=_NO_SYNC)
            rows = [
                change_row(change, source_id, snapshot_id, previous_id, now, documents.get(change.item_key or ""))
                for change in changes
            ]
            session.add_all(rows)
            session.add(FetchRow(
                source_id=source_id, at=now, url=fetched.url, http_status=fetched.status, outcome=outcome,
                duration_ms=duration_ms, bytes=len(fetched.body), etag=fetched.etag,
                last_modified=fetched.last_modified,
            ))
            session.flush()
            session.add_all([r for row, c in zip(rows, changes, strict=True) if c.analysis is not None
                             for r in stored.analysis_rows(row.id, c.analysis)])
            self._succeeded(session, source_id, now, changed=bool(rows))
            views = [change_view(row, c.analysis) for row, c in zip(rows, changes, strict=True)]
            if views and self.on_saved is not None:
                self.on_saved(session, views)
        return snapshot_id, views

    # ---------------------------------------------------------------------------------- changes --

    def set_document(self, change_id: int, doc: LinkedDocument) -> None:
        """Record an attempt to fetch the document a change links to."""
        with self._writing(f"record the linked document of change {change_id}") as session:
            result = session.execute(
                update(ChangeRow)
                .where(ChangeRow.id == change_id)
                .values(
                    document_url=doc.url, document_status=doc.status, document_text=doc.text or None,
                    document_content_type=doc.content_type or None, document_error=doc.error,
                    document_attempts=ChangeRow.document_attempts + 1,
                ),
                execution_options=_NO_SYNC,
            )
            if cast(Any, result).rowcount == 0:
                raise StorageError(f"cannot record the linked document of change {change_id}: there is no such change")

    def pending_documents(self, source_id: str, limit: int) -> list[tuple[int, str]]:
        """Linked documents still to fetch (pending, or unavailable with tries left), oldest first."""
        stmt = (
            select(ChangeRow.id, ChangeRow.document_url)
            .where(
                ChangeRow.source_id == source_id,
                ChangeRow.document_status.in_(("pending", "unavailable")),
                ChangeRow.document_attempts < MAX_DOCUMENT_ATTEMPTS,
                ChangeRow.document_url.is_not(None),
            )
            .order_by(ChangeRow.created_at, ChangeRow.id)
            .limit(max(0, limit))
        )
        with self._reading(f"read the pending documents of source {source_id}") as session:
            return [(row.id, row.document_url) for row in session.execute(stmt)]

    def list_changes(
        self, *, source_id: str | None = None, since: datetime | None = None, limit: int = 50,
        instrument: str | None = None, kind: str | None = None,
    ) -> list[ChangeView]:
        """Stored changes, newest first, optionally of one source, no older than `since`, tagged with
        `instrument`, or of one change `kind` (draft, consultation, ...)."""
        stmt = select(ChangeRow).options(load_only(*VIEW_COLUMNS))
        if source_id is not None:
            stmt = stmt.where(ChangeRow.source_id == source_id)
        if since is not None:
            stmt = stmt.where(ChangeRow.created_at >= since)
        if kind is not None:
            stmt = stmt.where(ChangeRow.kind == kind)
        if instrument is not None:
            tagged = select(ChangeInstrumentRow.change_id).where(ChangeInstrumentRow.instrument_id == instrument)
            stmt = stmt.where(ChangeRow.id.in_(tagged))
        stmt = stmt.order_by(ChangeRow.created_at.desc(), ChangeRow.id.desc()).limit(max(0, limit))
        with self._reading("list the stored changes") as session:
            rows = list(session.scalars(stmt))
            analyses = stored.load_analyses(session, ((r.id, r.kind, r.summary) for r in rows))
            return [change_view(row, analyses.get(row.id)) for row in rows]

    def get_change(self, change_id: int) -> ChangeView | None:
        with self._reading(f"read change {change_id}") as session:
            row = session.get(ChangeRow, change_id)
            if row is None:
                return None
            return change_view(row, stored.load_analyses(session, [(row.id, row.kind, row.summary)]).get(row.id))

    def get_change_record(self, change_id: int) -> Change | None:
        """A stored change as the record it was saved from, with its item texts (for re-analysis)."""
        with self._reading(f"read change {change_id}") as session:
            row = session.get(ChangeRow, change_id)
            if row is None:
                return None
            return change_record(row, stored.load_analyses(session, [(row.id, row.kind, row.summary)]).get(row.id))

    def set_analysis(self, change_id: int, analysis: Analysis) -> None:
        """Replace the analysis of a stored change (after its linked document arrived, or a re-run)."""
        with self._writing(f"record the analysis of change {change_id}") as session:
            if session.get(ChangeRow, change_id) is None:
                raise StorageError(f"cannot record the analysis of change {change_id}: there is no such change")
            stored.replace_analysis(session, change_id, analysis)

    def upcoming_dates(self, *, start: date, end: date, instrument: str | None = None) -> list[stored.UpcomingDate]:
        """Dates from `start` to `end` (inclusive) that stored changes state, soonest first, each with its
        change (id, source, title, url) and the instruments that change concerns."""
        with self._reading("read the dates of stored changes") as session:
            return stored.upcoming_dates(session, start=start, end=end, instrument=instrument)
