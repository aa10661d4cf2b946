"""The alert parts of `watcher.yaml`: subscriptions and delivery timing (channels are notifier options)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from watcher.duration import parse_duration

Mode = Literal["immediate", "daily", "weekly"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
REMINDER_ROLES = ("comments-due", "applies-from", "entry-into-force", "deadline")


class Subscription(BaseModel):
    """Who hears of which changes, through which channels, and when.

    Every filter given must match (an empty filter matches everything): `instruments` (registry ids),
    `jurisdictions` (of the source or of a tagged instrument), `kinds` (change kinds), `sources` (source ids,
    shell patterns allowed) and `min_confidence` (of the instrument tags). `reminders` lists days before an
    upcoming deadline-like date at which to send a reminder.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
    channels: tuple[str, ...] = Field(min_length=1)
    instruments: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    mode: Mode = "immediate"
    reminders: tuple[int, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, data: object) -> object:
        """`channel: x` is `channels: [x]`; a single string is a one-element list."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if "channel" in data:
            single = data.pop("channel")
            data["channels"] = [single, *(data.get("channels") or [])]
        for key in ("channels", "instruments", "jurisdictions", "kinds", "sources", "reminders"):
            if isinstance(data.get(key), str | int) and not isinstance(data.get(key), bool):
                data[key] = [data[key]]
        return data

    @field_validator("reminders")
    @classmethod
    def _days(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(day < 0 or day > 366 for day in value):
            raise ValueError("reminder days must be between 0 and 366")
        return tuple(sorted(set(value), reverse=True))

    @field_validator("jurisdictions")
    @classmethod
    def _upper(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v.upper() for v in value)


class AlertSettings(BaseModel):
    """When digests go out and how delivery is retried (the `alerts:` key of watcher.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    digest_time: str = Field(default="08:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="UTC time of digests")
    digest_weekday: Weekday = "monday"
    backoff: float = Field(default=60.0, gt=0, description="seconds before the first retry (doubles each time)")
    max_backoff: float = Field(default=3600.0, gt=0, description="longest wait between two retries")
    give_up_after: float = Field(default=7 * 86400.0, gt=0, description="an alert still failing after this long fails")
    check_attempts: int = Field(default=3, ge=1, description="tries per alert within one `watcher check`")
    check_max_wait: float = Field(default=5.0, ge=0, description="longest wait between tries within a check")
    lease: float = Field(default=300.0, gt=0, description="seconds an instance owns an alert it is sending")

    @field_validator("backoff", "max_backoff", "give_up_after", "check_max_wait", "lease", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> float:
        return parse_duration(value)

    @property
    def digest_hour_minute(self) -> tuple[int, int]:
        hour, minute = self.digest_time.split(":")
        return int(hour), int(minute)
