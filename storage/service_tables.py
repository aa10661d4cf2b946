"""Tables of the service: `source_events` records each time a source became failing or recovered.

The latest event of a source says which health alert was last raised for it, so a failing streak raises
one `source-failing` alert and its end one `source-recovered` alert, whichever instance sees it and however
often the service restarts in between. Imported by `models` so the table is part of `Base.metadata`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from watcher.storage.models import Base, one_of

SOURCE_EVENTS = ("failing", "recovered")


class SourceEventRow(Base):
    """A change of a source's health: `failing` after K failed checks in a row, `recovered` after the next success."""

    __tablename__ = "source_events"
    __table_args__ = (
        CheckConstraint(one_of("event", SOURCE_EVENTS), name="event"),
        Index("ix_source_events_source_id_id", "source_id", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    event: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    failures: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
