"""Scheduling state of the service: when each source is due, who is checking it, and its health events.

A due check is claimed with a lease on the source's row: in one write transaction the row is selected
`FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite has one writer at a time and takes its lock at BEGIN
IMMEDIATE) and leased only when it is due, not waiting for a server's Retry-After, and not leased by a live
instance. `finish` moves `next_due` on and releases the lease, only while this instance still holds it.
A check recorded after its due time (`last_check_at >= next_due`) whose instance died before finishing is
not repeated by the instance taking over: that one only finishes it.
So several instances sharing one database check each source once per due time; the lease of an instance
that died expires (or, on the same host, is taken over as soon as its process is gone).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session
from watcher.storage.models import SourceRow
from watcher.storage.outbox import default_owner, enqueue, owner_gone
from watcher.storage.repository import SourceState, Store
from watcher.storage.service_tables import SourceEventRow

from watcher.alerts.routing import PlannedAlert

_NO_SYNC = {"synchronize_session": False}


@dataclass(frozen=True)
class Claim:
    """The answer to a claim: `due` is the due time now leased to us; otherwise `wait_until` says when to look again."""

    source_id: str
    due: datetime | None = None
    wait_until: datetime | None = None
    reason: str = ""
    # The check of this due time was stored by an instance that died before finishing it: only finish it.
    already_checked: bool = False

    @property
    def granted(self) -> bool:
        return self.due is not None


@dataclass(frozen=True)
class HealthEvent:
    """A source became failing or recovered (stored in `source_events`, alerted to the operators)."""

    id: int
    source_id: str
    event: str
    at: datetime
    failures: int
    error: str | None


NextDue = Callable[[str, datetime | None, datetime], datetime]


class Schedule:
    """The scheduling columns of `sources` and the `source_events` table of one Store."""

    def __init__(self, store: Store, owner: str | None = None) -> None:
        self.store = store
        self.owner = owner or default_owner()

    def plan(self, first_due: Mapping[str, datetime], latest_due: Mapping[str, datetime]) -> None:
        """Give sources that were never scheduled their first due time; bring forward one that is due later
        than its (possibly shortened) interval allows. Overdue sources keep their time: they are checked soon."""
        with self.store._writing("plan the checks") as session:
            rows = session.execute(select(SourceRow.id, SourceRow.next_due).where(SourceRow.id.in_(list(first_due))))
            for source_id, next_due in rows:
                wanted = None
                if next_due is None:
                    wanted = first_due[source_id]
                elif source_id in latest_due and next_due > latest_due[source_id]:
                    wanted = latest_due[source_id]
                if wanted is not None:
                    session.execute(update(SourceRow).where(SourceRow.id == source_id).values(next_due=wanted),
                                    execution_options=_NO_SYNC)

    def claim(self, source_id: str, lease_seconds: float) -> Claim:
        """Lease the source's current due time to this instance, if it is due and free."""
        with self.store._writing(f"claim a check of source {source_id}") as session:
            row = session.execute(
                select(SourceRow.next_due, SourceRow.retry_after, SourceRow.lease_owner, SourceRow.lease_until,
                       SourceRow.last_check_at)
                .where(SourceRow.id == source_id).with_for_update(skip_locked=True)
            ).first()
            now = self.store.now()
            if row is None:  # another instance is claiming it this very moment (or it is not stored)
                return Claim(source_id, wait_until=now + timedelta(seconds=1), reason="locked")
            held = row.lease_owner not in (None, self.owner) and row.lease_until is not None and row.lease_until > now
            if held and not owner_gone(row.lease_owner):
                return Claim(source_id, wait_until=row.lease_until, reason=f"leased by {row.lease_owner}")
            if row.next_due is None or row.next_due > now:
                return Claim(source_id, wait_until=row.next_due, reason="not due")
            if row.retry_after is not None and row.retry_after > now:
                return Claim(source_id, wait_until=row.retry_after, reason="the server asked to wait")
            session.execute(
                update(SourceRow).where(SourceRow.id == source_id)
                .values(lease_owner=self.owner, lease_until=now + timedelta(seconds=lease_seconds)),
                execution_options=_NO_SYNC,
            )
            done = row.last_check_at is not None and row.last_check_at >= row.next_due
            return Claim(source_id, due=row.next_due, already_checked=done)

    def finish(
        self, claim: Claim, next_due: NextDue, *, failing_after: int,
        alerts: Callable[[HealthEvent], Sequence[PlannedAlert]] | None = None,
    ) -> tuple[datetime | None, HealthEvent | None]:
        """End a claimed check: set the next due time (`next_due(source, retry_after, now)`), release the lease
        and record a health event when the source just became failing or recovered, queueing its alerts, all
        in one transaction. Returns (next due, event); next due is None when the lease was lost meanwhile."""
        with self.store._writing(f"schedule the next check of source {claim.source_id}") as session:
            row = session.scalars(
                select(SourceRow).where(SourceRow.id == claim.source_id, SourceRow.lease_owner == self.owner)
                .with_for_update()
            ).first()
            if row is None:
                return None, None
            now = self.store.now()
            due = next_due(row.id, row.retry_after, now)
            row.next_due, row.lease_owner, row.lease_until = due, None, None
            event = self._health(session, row, now, failing_after)
            if event is not None and alerts is not None:
                enqueue(session, alerts(event), now)
            return due, event

    def _health(self, session: Session, row: SourceRow, now: datetime, failing_after: int) -> HealthEvent | None:
        last = session.execute(
            select(SourceEventRow.event).where(SourceEventRow.source_id == row.id)
            .order_by(SourceEventRow.id.desc()).limit(1)
        ).scalar()
        failing = last == "failing"
        kind = None
        if not failing and row.consecutive_failures >= failing_after:
            kind = "failing"
        elif failing and row.consecutive_failures == 0:
            kind = "recovered"
        row.health = "failing" if (kind == "failing" or (failing and kind is None)) else "ok"
        if kind is None:
            return None
        stored = SourceEventRow(source_id=row.id, event=kind, at=now, failures=row.consecutive_failures,
                                error=row.last_error if kind == "failing" else None)
        session.add(stored)
        session.flush()
        return HealthEvent(stored.id, row.id, kind, now, stored.failures, stored.error)

    def release(self, source_id: str) -> None:
        """Give up a claimed check without doing it (shutdown): the source stays due for whoever comes next."""
        with self.store._writing(f"release the lease on source {source_id}") as session:
            session.execute(
                update(SourceRow).where(SourceRow.id == source_id, SourceRow.lease_owner == self.owner)
                .values(lease_owner=None, lease_until=None),
                execution_options=_NO_SYNC,
            )

    def due_times(self, source_ids: Sequence[str]) -> dict[str, datetime | None]:
        with self.store._reading("read the due times") as session:
            stmt = select(SourceRow.id, SourceRow.next_due).where(SourceRow.id.in_(list(source_ids)))
            return {source_id: due for source_id, due in session.execute(stmt)}

    def states(self, source_ids: Sequence[str] | None = None) -> list[SourceState]:
        """Scheduling and health state of the given sources (default: every stored one), by id."""
        stmt = select(SourceRow).order_by(SourceRow.id)
        if source_ids is not None:
            stmt = stmt.where(SourceRow.id.in_(list(source_ids)))
        with self.store._reading("read the state of the sources") as session:
            return [
                SourceState(id=r.id, retry_after=r.retry_after, consecutive_failures=r.consecutive_failures,
                            health=r.health, checks=r.checks, last_check_at=r.last_check_at,
                            last_change_at=r.last_change_at, last_error=r.last_error, next_due=r.next_due)
                for r in session.scalars(stmt)
            ]

    def events(self, source_id: str | None = None) -> list[HealthEvent]:
        stmt = select(SourceEventRow).order_by(SourceEventRow.id)
        if source_id is not None:
            stmt = stmt.where(SourceEventRow.source_id == source_id)
        with self.store._reading("read the source health events") as session:
            return [HealthEvent(r.id, r.source_id, r.event, r.at, r.failures, r.error) for r in session.scalars(stmt)]

    def ping(self) -> None:
        """A trivial query: raises StorageError when the database cannot be reached."""
        with self.store._reading("reach the database") as session:
            session.execute(text("SELECT 1"))

    def failing_count(self) -> int:
        with self.store._reading("count the failing sources") as session:
            return int(session.execute(select(func.count()).select_from(SourceRow).where(SourceRow.health == "failing")).scalar() or 0)
