"""Reading and writing the analysis of stored changes: kind and summary on the change row, instruments and
dates in their own tables. Helpers work inside a Store session; the Store methods call them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from watcher.storage.models import ChangeDateRow, ChangeInstrumentRow, ChangeRow

from watcher.records import Analysis, DateMention, InstrumentTag


class UpcomingDate(NamedTuple):
    """A date stated by a stored change, with the change it came from and the instruments it concerns."""

    change_id: int
    source_id: str
    title: str
    url: str | None
    mention: DateMention
    instruments: tuple[str, ...]


def analysis_rows(change_id: int, analysis: Analysis) -> list[ChangeInstrumentRow | ChangeDateRow]:
    """The instrument and date rows of one analysis (an instrument tagged twice is stored once)."""
    rows: list[ChangeInstrumentRow | ChangeDateRow] = []
    seen: set[str] = set()
    for tag in analysis.instruments:
        if tag.id in seen:
            continue
        seen.add(tag.id)
        rows.append(ChangeInstrumentRow(change_id=change_id, instrument_id=tag.id, confidence=tag.confidence,
                                        evidence=tag.evidence))
    for mention in analysis.dates:
        rows.append(ChangeDateRow(change_id=change_id, date=mention.date, role=mention.role, text=mention.text))
    return rows


def replace_analysis(session: Session, change_id: int, analysis: Analysis) -> None:
    """Replace what is stored of a change's analysis (the change row must exist)."""
    session.execute(delete(ChangeInstrumentRow).where(ChangeInstrumentRow.change_id == change_id))
    session.execute(delete(ChangeDateRow).where(ChangeDateRow.change_id == change_id))
    row = session.get(ChangeRow, change_id)
    if row is not None:
        row.kind, row.summary = analysis.kind, analysis.summary
    session.add_all(analysis_rows(change_id, analysis))


def load_analyses(session: Session, heads: Iterable[tuple[int, str | None, str | None]]) -> dict[int, Analysis]:
    """Analyses of many changes in two queries; `heads` gives (change id, kind, summary) per change.

    A change whose kind is not set was never analysed and gets no entry.
    """
    analysed = {cid: (kind, summary or "") for cid, kind, summary in heads if kind is not None}
    if not analysed:
        return {}
    ids = list(analysed)
    tags: dict[int, list[InstrumentTag]] = {cid: [] for cid in ids}
    for row in session.scalars(select(ChangeInstrumentRow).where(ChangeInstrumentRow.change_id.in_(ids))):
        tags[row.change_id].append(InstrumentTag(row.instrument_id, row.confidence, row.evidence))
    dates: dict[int, list[DateMention]] = {cid: [] for cid in ids}
    stmt = select(ChangeDateRow).where(ChangeDateRow.change_id.in_(ids)).order_by(ChangeDateRow.id)
    for day in session.scalars(stmt):
        dates[day.change_id].append(DateMention(day.date, day.role, day.text))
    return {
        cid: Analysis(
            instruments=tuple(sorted(tags[cid], key=lambda t: (-t.confidence, t.id))),
            kind=kind,
            dates=tuple(dates[cid]),
            summary=summary,
        )
        for cid, (kind, summary) in analysed.items()
    }


def upcoming_dates(
    session: Session, *, start: date, end: date, instrument: str | None = None, roles: Sequence[str] | None = None
) -> list[UpcomingDate]:
    """Dates from `start` to `end` (inclusive) stated by stored changes, soonest first."""
    stmt = (
        select(ChangeDateRow, ChangeRow.source_id, ChangeRow.title, ChangeRow.url)
        .join(ChangeRow, ChangeRow.id == ChangeDateRow.change_id)
        .where(ChangeDateRow.date >= start.isoformat(), ChangeDateRow.date <= end.isoformat())
        .order_by(ChangeDateRow.date, ChangeDateRow.change_id, ChangeDateRow.id)
    )
    if roles is not None:
        stmt = stmt.where(ChangeDateRow.role.in_(list(roles)))
    if instrument is not None:
        tagged = select(ChangeInstrumentRow.change_id).where(ChangeInstrumentRow.instrument_id == instrument)
        stmt = stmt.where(ChangeDateRow.change_id.in_(tagged))
    found = session.execute(stmt).all()
    ids = sorted({r[0].change_id for r in found})
    by_change: dict[int, list[str]] = {cid: [] for cid in ids}
    if ids:
        inst_stmt = (
            select(ChangeInstrumentRow.change_id, ChangeInstrumentRow.instrument_id)
            .where(ChangeInstrumentRow.change_id.in_(ids))
            .order_by(ChangeInstrumentRow.confidence.desc(), ChangeInstrumentRow.instrument_id)
        )
        for cid, iid in session.execute(inst_stmt):
            by_change[cid].append(iid)
    return [
        UpcomingDate(
            change_id=row.change_id, source_id=source_id, title=title, url=url,
            mention=DateMention(row.date, row.role, row.text), instruments=tuple(by_change[row.change_id]),
        )
        for row, source_id, title, url in found
    ]
