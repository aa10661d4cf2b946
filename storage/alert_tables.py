"""The alert tables: the outbox (`alerts`) and the result of every delivery attempt (`alert_attempts`).

An alert row is written in the transaction that stores its change (or, for digests and reminders, by the
dispatcher), with a unique `key` saying what it is for, so the same alert can never be queued twice. Its
`uid` is the stable alert id channels see (Idempotency-Key, Message-ID). `lease_owner` / `lease_until` let
several dispatchers share one database: one claims a channel's next alert before sending it.
Imported by `models` so that the tables are part of `Base.metadata`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from watcher.storage.models import Base, one_of

ALERT_STATUSES = ("held", "pending", "delivered", "failed", "digested")
ALERT_EVENTS = ("change", "digest", "reminder", "source")  # source: a source failing or recovered
ATTEMPT_OUTCOMES = ("delivered", "retry", "failed")


class AlertRow(Base):
    """One message to one channel: a change, a digest of held changes, or a deadline reminder.

    held: waiting for its digest (next_attempt_at = the digest time); pending: to send once next_attempt_at
    is reached; delivered / failed: final; digested: folded into the digest alert `digest_id`.
    """

    __tablename__ = "alerts"
    __table_args__ = (
        CheckConstraint(one_of("status", ALERT_STATUSES), name="status"),
        CheckConstraint(one_of("event", ALERT_EVENTS), name="event"),
        Index("ix_alerts_channel_status_id", "channel", "status", "id"),
        Index("ix_alerts_status_next_attempt_at", "status", "next_attempt_at"),
        {"sqlite_autoincrement": True},  # ids are shown to users and give the delivery order: never reuse one
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    event: Mapped[str] = mapped_column(String(16))
    subscription: Mapped[str] = mapped_column(String(80))
    channel: Mapped[str] = mapped_column(String(80))
    change_id: Mapped[int | None] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"), index=True)
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id", ondelete="SET NULL"), index=True)
    details: Mapped[dict[str, Any] | None]  # what a reminder is about
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_until: Mapped[datetime | None]


class AlertAttemptRow(Base):
    """One try to deliver an alert, with what the channel answered."""

    __tablename__ = "alert_attempts"
    __table_args__ = (CheckConstraint(one_of("outcome", ATTEMPT_OUTCOMES), name="outcome"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    duration_ms: Mapped[int] = mapped_column(default=0)
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")
