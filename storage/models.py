"""The tables. Columns used only by later stages (analysis, alerts, the multi-instance scheduler) are
nullable or defaulted so that earlier stages can ignore them.

Change the schema only together with a new migration in `migrations/versions/`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from watcher.storage.db import UTCDateTime

# Stable constraint names, so later migrations can address them on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

HEALTH = ("ok", "failing")
OUTCOMES = ("baseline", "unchanged", "changed", "failed", "not-modified")
CHANGE_TYPES = ("added", "removed", "modified")
DOCUMENT_STATUSES = ("none", "fetched", "unavailable", "pending")


def one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


class SourceRow(Base):
    """One configured source and its scheduling/health state (history rows point here)."""

    __tablename__ = "sources"
    __table_args__ = (CheckConstraint(one_of("health", HEALTH), name="health"),)

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    config_hash: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    next_due: Mapped[datetime | None]
    retry_after: Mapped[datetime | None]
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_until: Mapped[datetime | None]
    health: Mapped[str] = mapped_column(String(16), default="ok", server_default="ok")
    consecutive_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    checks: Mapped[int] = mapped_column(default=0, server_default="0")
    last_check_at: Mapped[datetime | None]
    last_change_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)


class FetchRow(Base):
    """One attempt to fetch a source: small, kept for the validators and the history; pruned by retention."""

    __tablename__ = "fetches"
    __table_args__ = (
        Index("ix_fetches_source_id_at", "source_id", "at"),
        CheckConstraint(one_of("outcome", OUTCOMES), name="outcome"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    at: Mapped[datetime]
    url: Mapped[str] = mapped_column(Text)
    http_status: Mapped[int | None]
    outcome: Mapped[str] = mapped_column(String(16))
    duration_ms: Mapped[int] = mapped_column(default=0)
    bytes: Mapped[int] = mapped_column(default=0)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)


class SnapshotRow(Base):
    """One distinct version of a source (by normalised content hash), with the raw response compressed."""

    __tablename__ = "snapshots"
    __table_args__ = (
        UniqueConstraint("source_id", "content_hash"),
        Index("ix_snapshots_source_id_last_seen_at", "source_id", "last_seen_at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    content_hash: Mapped[str] = mapped_column(String(64))
    raw_hash: Mapped[str] = mapped_column(String(64))
    raw_body: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)  # zlib-compressed
    headers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(200), default="")
    encoding: Mapped[str | None] = mapped_column(String(40))
    extractor_version: Mapped[str] = mapped_column(String(40))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    items: Mapped[list[Any] | None]
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]


class ChangeRow(Base):
    """One reported difference, with what the analysis stage and the linked-document fetch add to it."""

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_source_id_created_at", "source_id", "created_at"),
        CheckConstraint(one_of("type", CHANGE_TYPES), name="type"),
        CheckConstraint(one_of("document_status", DOCUMENT_STATUSES), name="document_status"),
        {"sqlite_autoincrement": True},  # change ids are shown to users: never reuse one
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id"), index=True)
    previous_snapshot_id: Mapped[int | None] = mapped_column(ForeignKey("snapshots.id", ondelete="SET NULL"))
    type: Mapped[str] = mapped_column(String(16))
    item_key: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str | None] = mapped_column(Text)
    diff: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    new_text: Mapped[str] = mapped_column(Text, default="")
    old_text: Mapped[str] = mapped_column(Text, default="")
    item_date: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime]
    kind: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str | None] = mapped_column(Text)
    document_url: Mapped[str | None] = mapped_column(Text)
    document_status: Mapped[str] = mapped_column(String(16), default="none", server_default="none")
    document_text: Mapped[str | None] = mapped_column(Text)
    document_content_type: Mapped[str | None] = mapped_column(String(200))
    document_error: Mapped[str | None] = mapped_column(Text)
    document_attempts: Mapped[int] = mapped_column(default=0, server_default="0")


class ChangeInstrumentRow(Base):
    """An instrument (law, draft, guideline) a change concerns, with the evidence found (analysis stage)."""

    __tablename__ = "change_instruments"

    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"), primary_key=True)
    instrument_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    evidence: Mapped[str] = mapped_column(Text, default="")


class ChangeDateRow(Base):
    """A date a change mentions and what it is (deadline, entry into force, ...) (analysis stage)."""

    __tablename__ = "change_dates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"), index=True)
    date: Mapped[str] = mapped_column(String(10))  # ISO yyyy-mm-dd
    role: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(Text, default="")


# The alert tables live in their own module; importing it here puts them in Base.metadata.
from watcher.storage import alert_tables as alert_tables  # noqa: E402

# The service tables (source health events) live in their own module too.
from watcher.storage import service_tables as service_tables  # noqa: E402
