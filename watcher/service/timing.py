"""When a source is due next: its `interval` or `cron` expression (APScheduler's cron trigger), plus jitter.

The jitter is at most 10% of the source's period, capped at 5 minutes, so that sources of one host do not
fire together. Interval jitter is centred on the interval (±5%) so that it never accumulates into drift.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from watcher.config import SourceConfig
from watcher.errors import ConfigError

JITTER_SHARE = 0.10
JITTER_CAP = 300.0
FIRST_CHECK_SPREAD = 10.0  # a source never checked before is first checked within this many seconds


_DAY_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _crontab_days(field: str) -> str:
    """crontab numbers days from Sunday (0 or 7), APScheduler from Monday: spell them as names instead."""
    named = re.sub(r"(?<![/\d])\d+", lambda m: _DAY_NAMES[int(m.group())] if int(m.group()) <= 7 else m.group(), field)
    return re.sub(r"(?<![a-z])sun-(?!sun)", "sun,mon-", named)


def cron_trigger(expression: str) -> CronTrigger:
    """A trigger for a standard 5-field crontab expression, in UTC."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields (minute hour day month weekday), got {len(fields)}")
    minute, hour, day, month, weekday = fields
    return CronTrigger(minute=minute, hour=hour, day=day, month=month, day_of_week=_crontab_days(weekday),
                       timezone=UTC)


def validate_crons(sources: Sequence[SourceConfig], path: str) -> None:
    """Raise ConfigError (file and line) for the first source whose cron expression APScheduler rejects."""
    for source in sources:
        if source.cron:
            try:
                cron_trigger(source.cron)
            except ValueError as exc:
                raise ConfigError(f"source {source.id}: invalid cron expression {source.cron!r}: {exc}",
                                  path=path, line=source.line) from None


def period(source: SourceConfig, now: datetime) -> float:
    """Seconds between two scheduled checks (for cron: between its next two times)."""
    if not source.cron:
        return source.interval
    trigger = cron_trigger(source.cron)
    first = trigger.get_next_fire_time(None, now)
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1)) if first else None
    if first is None or second is None:
        return source.interval
    return max(1.0, (second - first).total_seconds())


def max_jitter(source: SourceConfig, now: datetime) -> float:
    return min(JITTER_SHARE * period(source, now), JITTER_CAP)


def next_due(source: SourceConfig, due: datetime | None, now: datetime, rng: random.Random | None = None) -> datetime:
    """The due time after the check of `due` that ends at `now` (never in the past)."""
    rng = rng or random.Random()
    jitter = max_jitter(source, now)
    if source.cron:
        fire = cron_trigger(source.cron).get_next_fire_time(None, max(now, due or now) + timedelta(seconds=1))
        if fire is not None:
            return fire + timedelta(seconds=rng.uniform(0, jitter))
    step = timedelta(seconds=source.interval + rng.uniform(-jitter / 2, jitter / 2))
    following = (due or now) + step
    # keep the cadence, but a check that ended late is not followed by another a moment later
    return following if following >= now + step / 2 else now + step


def first_due(source: SourceConfig, now: datetime, rng: random.Random | None = None) -> datetime:
    """When a source never scheduled before is first checked: soon, spread a little."""
    rng = rng or random.Random()
    return now + timedelta(seconds=rng.uniform(0, min(max_jitter(source, now), FIRST_CHECK_SPREAD)))


def latest_due(source: SourceConfig, now: datetime) -> datetime:
    """The latest due time a source may have now (after its interval was shortened, say)."""
    if source.cron:
        fire = cron_trigger(source.cron).get_next_fire_time(None, now)
        return (fire or now) + timedelta(seconds=max_jitter(source, now))
    return now + timedelta(seconds=source.interval + max_jitter(source, now))
