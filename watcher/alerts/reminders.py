"""Deadline reminders: N days before an upcoming comments-due / applies-from / entry-into-force / deadline date.

Dates come from the registry's milestones and from the dates stored changes state. Planning is pure: given
today, it picks for each date the smallest configured offset that has been reached (a reminder missed while
watcher was not running is not sent late once a closer one is due), and keys the alert by (subscription,
channel, role, date, instrument or change, offset), so each reminder is queued once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fnmatch import fnmatchcase

from watcher.alerts.render import instrument_label
from watcher.alerts.routing import PlannedAlert
from watcher.alerts.settings import REMINDER_ROLES, Subscription
from watcher.analysis.registry import Registry


@dataclass(frozen=True)
class DateCandidate:
    """An upcoming date something is known to fall on."""

    date: date
    role: str
    subject: str  # instrument id, else "change-<id>"
    label: str
    what: str
    url: str | None
    jurisdictions: frozenset[str]
    instruments: tuple[str, ...] = ()
    source_id: str | None = None  # set for dates stated by a stored change
    change_id: int | None = None


def registry_candidates(registry: Registry, start: date, end: date) -> list[DateCandidate]:
    out = []
    for instrument in registry:
        for milestone in instrument.milestones:
            when = date.fromisoformat(milestone.date)
            if milestone.role in REMINDER_ROLES and start <= when <= end:
                label = instrument_label(instrument.id, registry)
                out.append(DateCandidate(
                    date=when, role=milestone.role, subject=instrument.id, label=label,
                    what=f"{instrument.title}: {milestone.label}",
                    url=instrument.official_urls[0] if instrument.official_urls else None,
                    jurisdictions=frozenset({instrument.jurisdiction.upper()}), instruments=(instrument.id,),
                ))
    return out


def change_candidate(
    change_id: int, source_id: str, title: str, url: str | None, when: str, role: str, instruments: Sequence[str],
    source_jurisdiction: str | None, registry: Registry | None,
) -> DateCandidate:
    jurisdictions = {source_jurisdiction.upper()} if source_jurisdiction else set()
    for ident in instruments:
        found = registry.get(ident) if registry is not None else None
        if found is not None:
            jurisdictions.add(found.jurisdiction.upper())
    subject = instruments[0] if instruments else f"change-{change_id}"
    label = instrument_label(instruments[0], registry) if instruments else source_id
    return DateCandidate(date=date.fromisoformat(when), role=role, subject=subject, label=label, what=title,
                         url=url, jurisdictions=frozenset(jurisdictions), instruments=tuple(instruments),
                         source_id=source_id, change_id=change_id)


def wants(sub: Subscription, candidate: DateCandidate) -> bool:
    """Whether a subscription asked for reminders of this date (instrument, jurisdiction, source filters)."""
    if not sub.reminders or candidate.role not in REMINDER_ROLES:
        return False
    if sub.instruments and not set(sub.instruments) & set(candidate.instruments):
        return False
    if sub.jurisdictions and not set(sub.jurisdictions) & candidate.jurisdictions:
        return False
    if sub.sources:
        return candidate.source_id is not None and any(fnmatchcase(candidate.source_id, p) for p in sub.sources)
    return True


def offset_due(offsets: Sequence[int], days_left: int) -> int | None:
    """The smallest configured offset already reached, or None when no reminder is due yet."""
    if days_left < 0:
        return None
    reached = [n for n in offsets if n >= days_left]
    return min(reached) if reached else None


def plan_reminders(subscriptions: Sequence[Subscription], candidates: Iterable[DateCandidate], now: datetime
                   ) -> list[PlannedAlert]:
    today = now.date()
    planned: list[PlannedAlert] = []
    for candidate in sorted(candidates, key=lambda c: (c.date, c.role, c.subject)):
        for sub in subscriptions:
            if not wants(sub, candidate):
                continue
            offset = offset_due(sub.reminders, (candidate.date - today).days)
            if offset is None:
                continue
            details: Mapping[str, object] = {
                "date": candidate.date.isoformat(), "role": candidate.role, "instrument": candidate.subject
                if candidate.instruments else None, "label": candidate.label, "what": candidate.what,
                "url": candidate.url, "offset": offset, "change_id": candidate.change_id,
            }
            for channel in sub.channels:
                key = (f"reminder:{sub.name}:{channel}:{candidate.role}:{candidate.date.isoformat()}:"
                       f"{candidate.subject}:{offset}")
                planned.append(PlannedAlert(key=key, event="reminder", subscription=sub.name, channel=channel,
                                            status="pending", due=now, details=details))
    return planned
