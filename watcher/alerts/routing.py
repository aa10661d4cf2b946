"""Routing: which subscriptions a change goes to, and when. Pure functions over records, no I/O.

`plan_change_alerts` turns stored changes into the outbox rows to write (one per change, subscription and
channel): `pending` at once for immediate subscriptions, `held` until the next digest time for daily and
weekly ones. Each planned row has a unique key, so writing the same plan twice queues nothing new.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from fnmatch import fnmatchcase

from watcher.alerts.settings import WEEKDAYS, AlertSettings, Mode, Subscription
from watcher.analysis.registry import Registry
from watcher.records import ChangeView


@dataclass(frozen=True)
class ChangeFacts:
    """What routing looks at in a change."""

    change_id: int
    source_id: str
    jurisdictions: frozenset[str]  # of the source and of the instruments it concerns
    kind: str | None
    instruments: tuple[tuple[str, float], ...]  # (registry id, confidence)


@dataclass(frozen=True)
class PlannedAlert:
    """An outbox row to write. `key` says what it is for and is unique in the outbox."""

    key: str
    event: str  # change | digest | reminder
    subscription: str
    channel: str
    status: str  # pending | held
    due: datetime
    change_id: int | None = None
    details: Mapping[str, object] | None = None


def facts_for(view: ChangeView, source_jurisdiction: str | None, registry: Registry | None = None) -> ChangeFacts:
    analysis = view.analysis
    tags = tuple((t.id, t.confidence) for t in analysis.instruments) if analysis else ()
    jurisdictions = {source_jurisdiction.upper()} if source_jurisdiction else set()
    if registry is not None:
        for ident, _ in tags:
            instrument = registry.get(ident)
            if instrument is not None:
                jurisdictions.add(instrument.jurisdiction.upper())
    return ChangeFacts(view.id, view.source_id, frozenset(jurisdictions), analysis.kind if analysis else None, tags)


def matches(sub: Subscription, facts: ChangeFacts) -> bool:
    """Whether a change passes every filter of a subscription (empty filters pass everything)."""
    if sub.sources and not any(fnmatchcase(facts.source_id, pattern) for pattern in sub.sources):
        return False
    if sub.kinds and facts.kind not in sub.kinds:
        return False
    if sub.jurisdictions and not facts.jurisdictions & set(sub.jurisdictions):
        return False
    confident = [ident for ident, conf in facts.instruments if conf >= sub.min_confidence]
    if sub.instruments:
        return any(ident in sub.instruments for ident in confident)
    return not (sub.min_confidence > 0 and not confident)


def next_digest_time(mode: Mode, after: datetime, settings: AlertSettings) -> datetime:
    """The first digest time strictly after `after` (UTC): daily at digest_time, weekly also on digest_weekday."""
    hour, minute = settings.digest_hour_minute
    candidate = after.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if candidate <= after:
        candidate += timedelta(days=1)
    if mode == "weekly":
        wanted = WEEKDAYS.index(settings.digest_weekday)
        candidate += timedelta(days=(wanted - candidate.weekday()) % 7)
    return candidate


def plan_change_alerts(
    subscriptions: Sequence[Subscription], facts: Iterable[ChangeFacts], now: datetime, settings: AlertSettings
) -> list[PlannedAlert]:
    """One alert per (change, subscription, channel) that matches, in change order."""
    planned: list[PlannedAlert] = []
    for fact in sorted(facts, key=lambda f: f.change_id):
        for sub in subscriptions:
            if not matches(sub, fact):
                continue
            held = sub.mode != "immediate"
            due = next_digest_time(sub.mode, now, settings) if held else now
            for channel in sub.channels:
                planned.append(PlannedAlert(
                    key=f"change:{fact.change_id}:{sub.name}:{channel}", event="change", subscription=sub.name,
                    channel=channel, status="held" if held else "pending", due=due, change_id=fact.change_id,
                ))
    return planned


def digest_key(subscription: str, channel: str, due: datetime) -> str:
    return f"digest:{subscription}:{channel}:{due.strftime('%Y-%m-%dT%H:%MZ')}"
