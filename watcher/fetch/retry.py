"""When to try again: which answers are worth a retry, exponential backoff, and `Retry-After`."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# Answers that usually mean "not now" rather than "never".
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Answers whose Retry-After header is a request to come back later.
RETRY_AFTER_STATUSES = frozenset({429, 503})

BACKOFF_BASE = 0.5  # seconds before the first retry; doubled for each further one
BACKOFF_CAP = 30.0


def backoff(attempt: int, base: float = BACKOFF_BASE) -> float:
    """Seconds to wait after failed attempt number `attempt` (0-based): 0.5, 1, 2, ... with ±25 % jitter."""
    wait = min(BACKOFF_CAP, base * (2 ** attempt))
    return wait * random.uniform(0.75, 1.25)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds the server asked us to wait, from delta-seconds or an HTTP-date; None when absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(int(value))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def resume_at(wait: float, now: datetime | None = None) -> datetime:
    """The UTC time `wait` seconds from now, as the moment a next attempt is allowed."""
    return (now or datetime.now(UTC)) + timedelta(seconds=wait)


def describe_wait(wait: float, at: datetime) -> str:
    """'asked to wait 3600 s (Retry-After) — next attempt after 2026-11-23 14:05 UTC'."""
    shown = at if at.second == 0 and at.microsecond == 0 else at.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return f"asked to wait {wait:.0f} s (Retry-After) — next attempt after {shown:%Y-%m-%d %H:%M} UTC"
