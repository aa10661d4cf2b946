"""Upcoming dates: the registry's milestones and the dates stored changes state, and an iCalendar export.

Only dates someone has to act on or prepare for are listed: comments due, entry into force, application,
compliance or reporting deadlines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from watcher.analysis import Instrument, Registry
from watcher.duration import parse_duration

if TYPE_CHECKING:
    from watcher.storage.repository import Store

DEADLINE_ROLES = ("comments-due", "entry-into-force", "applies-from", "deadline")
ROLE_LABEL = {"comments-due": "comments due", "entry-into-force": "entry into force",
              "applies-from": "applies from", "deadline": "deadline"}
_YEARS = re.compile(r"^\s*(\d+)\s*y\s*$", re.I)


@dataclass(frozen=True)
class Deadline:
    """One upcoming date, from the registry (`change_id` None) or from a stored change."""

    date: str  # ISO
    role: str
    label: str  # what happens, in words
    instruments: tuple[str, ...]
    origin: str  # "registry" or "change"
    change_id: int | None = None
    source_id: str | None = None
    url: str | None = None
    confidence: str = ""  # the registry's confidence in a milestone date

    @property
    def uid(self) -> str:
        """Stable across exports, so a calendar that imports the file twice updates instead of duplicating."""
        owner = f"change-{self.change_id}" if self.change_id is not None else (self.instruments or ("none",))[0]
        return f"{owner}-{self.date}-{self.role}@watcher"

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date, "role": self.role, "label": self.label, "instruments": list(self.instruments),
                "origin": self.origin, "change_id": self.change_id, "source": self.source_id, "url": self.url,
                "confidence": self.confidence or None}


def short_title(inst: Instrument) -> str:
    """An instrument's English name without the long subtitle ("AI Act — Regulation (EU) ..." -> "AI Act")."""
    return inst.title.split(" — ")[0].strip() or inst.id


def parse_within(value: str) -> timedelta:
    """A look-ahead such as 30d, 12w or 1y (a year is 365 days). Raises ValueError."""
    years = _YEARS.match(value)
    if years:
        return timedelta(days=365 * int(years.group(1)))
    return timedelta(seconds=parse_duration(value))


def registry_deadlines(registry: Registry, *, start: date, end: date, instrument: str | None) -> list[Deadline]:
    found = []
    for inst in registry:
        if instrument is not None and inst.id != instrument:
            continue
        for m in inst.milestones:
            if m.role in DEADLINE_ROLES and start.isoformat() <= m.date <= end.isoformat():
                found.append(Deadline(m.date, m.role, f"{short_title(inst)}: {m.label}", (inst.id,), "registry",
                                      url=inst.official_urls[0] if inst.official_urls else None,
                                      confidence=m.confidence))
    return found


def collect(registry: Registry, store: Store, *, start: date, end: date, instrument: str | None) -> list[Deadline]:
    """Registry milestones and stored changes' dates from `start` to `end`, soonest first.

    A change's date that repeats a milestone of an instrument it concerns is left out: the registry has it.
    """
    from_registry = registry_deadlines(registry, start=start, end=end, instrument=instrument)
    known = {(d.date, d.role, d.instruments[0]) for d in from_registry}
    from_changes = []
    for u in store.upcoming_dates(start=start, end=end, instrument=instrument):
        if u.mention.role not in DEADLINE_ROLES or any((u.mention.date, u.mention.role, i) in known
                                                       for i in u.instruments):
            continue
        from_changes.append(Deadline(u.mention.date, u.mention.role, u.title or u.mention.text, u.instruments,
                                     "change", change_id=u.change_id, source_id=u.source_id, url=u.url))
    return sorted(_unique(from_registry + from_changes), key=lambda d: (d.date, d.origin != "registry", d.uid))


def _unique(deadlines: Iterable[Deadline]) -> list[Deadline]:
    seen: dict[str, Deadline] = {}
    for d in deadlines:
        seen.setdefault(d.uid, d)
    return list(seen.values())


# -------------------------------------------------------------------------------------- iCalendar --


def ics_text(deadlines: Sequence[Deadline], *, now: datetime | None = None) -> str:
    """An RFC 5545 calendar with one all-day event per date: CRLF line ends, lines folded at 75 octets."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//watcher//AI regulation deadlines//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:AI regulation deadlines"]
    for d in deadlines:
        day = date.fromisoformat(d.date)
        what = ROLE_LABEL.get(d.role, d.role)
        about = ", ".join(d.instruments)
        summary = f"{what}: {d.label}" + (f" [{about}]" if about and d.origin == "change" else "")
        detail = [f"{what} ({d.origin}{', ' + d.confidence if d.confidence else ''})"]
        if about:
            detail.append(f"instruments: {about}")
        if d.change_id is not None:
            detail.append(f"watcher change {d.change_id} on {d.source_id}")
        lines += ["BEGIN:VEVENT", f"UID:{_escape(d.uid)}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_escape(summary)}", f"DESCRIPTION:{_escape(chr(10).join(detail))}",
                  f"CATEGORIES:{_escape(d.role)}", "TRANSP:TRANSPARENT"]
        if d.url:
            lines.append(f"URL:{d.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write_ics(path: Path, deadlines: Sequence[Deadline]) -> None:
    path.write_bytes(ics_text(deadlines).encode("utf-8"))


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str, limit: int = 75) -> str:
    """Split a content line into pieces of at most `limit` octets (never inside a UTF-8 character); each
    continuation starts with one space, which counts toward its limit."""
    pieces: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        room = limit if not pieces else limit - 1
        if size + width > room:
            pieces.append(current)
            current, size = "", 0
        current += ch
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)
