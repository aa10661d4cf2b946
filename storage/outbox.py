"""The alert outbox: queueing alerts, claiming the next one of a channel, recording every attempt.

Queueing happens inside the caller's transaction (`enqueue(session, ...)`, called from the Store's
`on_saved` hook while the change is being stored), so a stored change always has its alerts. Delivery is
claim -> send -> finish: `claim_next` leases the oldest pending alert of a channel to this process (the
channel's later alerts wait behind it, so a channel receives its alerts in order); `finish` records the
attempt and, only when the channel accepted, marks the alert delivered. A lease whose owner died (expired,
or a dead process on this host) is taken over. On PostgreSQL the claim's SELECT locks the head row
(FOR UPDATE), so instances sharing a database never claim the same alert.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from watcher.storage.alert_tables import AlertAttemptRow, AlertRow
from watcher.storage.repository import Store

from watcher.alerts.routing import PlannedAlert, digest_key

FINAL = ("delivered", "failed", "digested")


@dataclass(frozen=True)
class AlertInfo:
    """One outbox row as the dispatcher and `watcher alerts` see it."""

    id: int
    uid: str
    key: str
    event: str
    subscription: str
    channel: str
    change_id: int | None
    status: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    last_error: str | None
    details: dict[str, Any] | None


@dataclass(frozen=True)
class Attempt:
    at: datetime
    outcome: str
    detail: str
    duration_ms: int


def _info(row: AlertRow) -> AlertInfo:
    return AlertInfo(
        id=row.id, uid=row.uid, key=row.key, event=row.event, subscription=row.subscription, channel=row.channel,
        change_id=row.change_id, status=row.status, attempts=row.attempts, created_at=row.created_at,
        next_attempt_at=row.next_attempt_at, delivered_at=row.delivered_at, last_error=row.last_error,
        details=row.details,
    )


def default_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_gone(owner: str | None) -> bool:
    """Whether a lease owner is a process of this host that no longer runs."""
    if not owner:
        return True
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def enqueue(session: Session, planned: Sequence[PlannedAlert], now: datetime) -> int:
    """Write planned alerts in the caller's transaction; ones whose key is already queued are skipped."""
    if not planned:
        return 0
    keys = [p.key for p in planned]
    existing = set(session.scalars(select(AlertRow.key).where(AlertRow.key.in_(keys))))
    added = 0
    for plan in planned:
        if plan.key in existing:
            continue
        existing.add(plan.key)
        row = AlertRow(
            uid=str(uuid.uuid4()), key=plan.key, event=plan.event, subscription=plan.subscription,
            channel=plan.channel, change_id=plan.change_id, details=dict(plan.details) if plan.details else None,
            status=plan.status, attempts=0, created_at=now, next_attempt_at=plan.due,
        )
        try:
            with session.begin_nested():  # another instance may have queued the same key meanwhile
                session.add(row)
        except IntegrityError:
            continue
        added += 1
    return added


class Outbox:
    """Alert rows of one Store. `owner` names this process in leases."""

    def __init__(self, store: Store, owner: str | None = None) -> None:
        self.store = store
        self.owner = owner or default_owner()

    def enqueue(self, planned: Sequence[PlannedAlert]) -> int:
        """Queue alerts in a transaction of their own (reminders); returns how many were new."""
        with self.store._writing("queue alerts") as session:
            return enqueue(session, planned, self.store.now())

    def roll_up_digests(self, now: datetime) -> list[int]:
        """Fold held alerts whose digest time has come into one digest alert per (subscription, channel, time)."""
        made: list[int] = []
        with self.store._writing("build the alert digests") as session:
            held = session.scalars(
                select(AlertRow).where(AlertRow.status == "held", AlertRow.next_attempt_at <= now)
                .order_by(AlertRow.id).with_for_update()
            ).all()
            groups: dict[tuple[str, str, datetime], list[AlertRow]] = {}
            for row in held:
                assert row.next_attempt_at is not None
                groups.setdefault((row.subscription, row.channel, row.next_attempt_at), []).append(row)
            for (sub, channel, due), rows in groups.items():
                key = digest_key(sub, channel, due)
                digest = session.scalars(select(AlertRow).where(AlertRow.key == key)).first()
                if digest is None:
                    digest = AlertRow(uid=str(uuid.uuid4()), key=key, event="digest", subscription=sub,
                                      channel=channel, status="pending", attempts=0, created_at=now,
                                      next_attempt_at=due, details={"period_end": due.isoformat()})
                    session.add(digest)
                    session.flush()
                    made.append(digest.id)
                for row in rows:
                    row.status, row.digest_id, row.next_attempt_at = "digested", digest.id, None
        return made

    def digest_changes(self, digest_id: int) -> list[int]:
        """The change ids a digest alert groups, in the order they were stored."""
        with self.store._reading(f"read digest alert {digest_id}") as session:
            stmt = (select(AlertRow.change_id).where(AlertRow.digest_id == digest_id, AlertRow.change_id.is_not(None))
                    .order_by(AlertRow.change_id))
            return [cid for cid in session.scalars(stmt) if cid is not None]

    def channels_pending(self) -> list[str]:
        with self.store._reading("list the channels with pending alerts") as session:
            stmt = select(AlertRow.channel).where(AlertRow.status == "pending").distinct().order_by(AlertRow.channel)
            return list(session.scalars(stmt))

    def claim_next(self, channel: str, now: datetime, lease_seconds: float) -> AlertInfo | None:
        """Lease the oldest pending alert of `channel` if it is due and nobody else holds it; else None."""
        with self.store._writing(f"claim an alert of channel {channel}") as session:
            row = session.scalars(
                select(AlertRow).where(AlertRow.channel == channel, AlertRow.status == "pending")
                .order_by(AlertRow.id).limit(1).with_for_update()
            ).first()
            if row is None or (row.next_attempt_at is not None and row.next_attempt_at > now):
                return None
            held = row.lease_until is not None and row.lease_until > now and row.lease_owner != self.owner
            if held and not owner_gone(row.lease_owner):
                return None
            row.lease_owner, row.lease_until = self.owner, now + timedelta(seconds=lease_seconds)
            return _info(row)

    def finish(self, alert_id: int, *, now: datetime, outcome: str, detail: str, duration_ms: int,
               next_attempt_at: datetime | None = None) -> bool:
        """Record one attempt; `delivered` and `failed` are final, `retry` waits until `next_attempt_at`.

        Returns False (and records nothing) when this process no longer holds the alert's lease.
        """
        values: dict[str, Any] = {"attempts": AlertRow.attempts + 1, "lease_owner": None, "lease_until": None}
        if outcome == "delivered":
            values.update(status="delivered", delivered_at=now, next_attempt_at=None)
        elif outcome == "failed":
            values.update(status="failed", last_error=detail, next_attempt_at=None)
        else:
            values.update(last_error=detail, next_attempt_at=next_attempt_at)
        with self.store._writing(f"record a delivery attempt of alert {alert_id}") as session:
            result = session.execute(
                update(AlertRow).where(AlertRow.id == alert_id, AlertRow.lease_owner == self.owner,
                                       AlertRow.status == "pending").values(values),
                execution_options={"synchronize_session": False},
            )
            if getattr(result, "rowcount", 0) == 0:
                return False
            session.add(AlertAttemptRow(alert_id=alert_id, at=now, duration_ms=duration_ms, outcome=outcome,
                                        detail=detail))
        return True

    def list_alerts(self, *, status: Sequence[str] = (), limit: int = 100) -> list[AlertInfo]:
        """Alerts, newest first, optionally only of the given statuses."""
        stmt = select(AlertRow)
        if status:
            stmt = stmt.where(AlertRow.status.in_(list(status)))
        stmt = stmt.order_by(AlertRow.id.desc()).limit(max(0, limit))
        with self.store._reading("list the alerts") as session:
            return [_info(row) for row in session.scalars(stmt)]

    def get(self, ref: str) -> AlertInfo | None:
        """An alert by number (`12`) or by its id (the uid, or a unique prefix of it)."""
        with self.store._reading(f"read alert {ref}") as session:
            if ref.isdigit():
                row = session.get(AlertRow, int(ref))
                return None if row is None else _info(row)
            rows = session.scalars(select(AlertRow).where(AlertRow.uid.startswith(ref.lower())).limit(2)).all()
            return _info(rows[0]) if len(rows) == 1 else None

    def attempts(self, alert_id: int) -> list[Attempt]:
        with self.store._reading(f"read the attempts of alert {alert_id}") as session:
            stmt = select(AlertAttemptRow).where(AlertAttemptRow.alert_id == alert_id).order_by(AlertAttemptRow.id)
            return [Attempt(r.at, r.outcome, r.detail, r.duration_ms) for r in session.scalars(stmt)]

    def retry(self, alert_id: int, now: datetime) -> bool:
        """Make a failed (or waiting) alert due now. Delivered and digested alerts stay as they are."""
        with self.store._writing(f"retry alert {alert_id}") as session:
            result = session.execute(
                update(AlertRow)
                .where(AlertRow.id == alert_id, AlertRow.status.in_(("failed", "pending")),
                       or_(AlertRow.lease_until.is_(None), AlertRow.lease_until <= now))
                .values(status="pending", next_attempt_at=now, lease_owner=None, lease_until=None),
                execution_options={"synchronize_session": False},
            )
            return bool(getattr(result, "rowcount", 0))

    def counts(self) -> dict[tuple[str, str], int]:
        """Number of alerts per (channel, status): for status pages and metrics."""
        with self.store._reading("count the alerts") as session:
            stmt = select(AlertRow.channel, AlertRow.status, func.count()).group_by(AlertRow.channel, AlertRow.status)
            return {(channel, status): n for channel, status, n in session.execute(stmt)}
