"""Configuration models: one source of `sources.yaml`, and the fetch settings of `watcher.yaml`.

Everything that reads settings (files, environment) lives in this module and `watcher.settings`;
every other module receives the validated objects.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from watcher.duration import parse_duration

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")

# Keys every source may have, whatever its kind. Anything else must be an option of the source's kind.
COMMON_KEYS = frozenset(
    {
        "id", "name", "url", "kind", "jurisdiction", "publisher", "interval", "cron", "enabled",
        "headers", "ignore", "language", "budget", "max_bytes", "concurrency", "delay",
        "follow_links", "max_documents", "allow_link_local", "instruments", "notes",
    }
)


class SourceConfig(BaseModel):
    """One official source to watch. `options` holds the validated options of its kind."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: str
    name: str
    url: str
    kind: str
    jurisdiction: str
    publisher: str
    interval: float = Field(description="seconds between scheduled checks")
    cron: str | None = None
    enabled: bool = True
    headers: dict[str, str] = Field(default_factory=dict)
    ignore: tuple[str, ...] = ()  # regular expressions; matching text is removed before diffing
    language: str | None = None
    budget: float = 60.0  # seconds per check, retries and linked documents included
    max_bytes: int | None = None  # overrides the global body size limit
    concurrency: int | None = None  # overrides the per-host concurrent request limit
    delay: float | None = None  # overrides the per-host minimum delay between requests (seconds)
    follow_links: bool = True  # fetch the document a new item links to
    max_documents: int = 5  # linked documents fetched per check at most; the rest wait for the next one
    allow_link_local: bool = False
    instruments: tuple[str, ...] = ()  # instrument ids this source is known to concern (analysis hint)
    notes: str | None = None
    options: Any = None  # the kind's own options model instance
    line: int | None = None  # line of the entry in its file, for messages

    @field_validator("interval", mode="before")
    @classmethod
    def _interval(cls, value: object) -> float:
        seconds = parse_duration(value)
        if seconds < 1:
            raise ValueError(f"interval must be at least 1s, got {value!r}")
        return seconds

    @field_validator("budget", "delay", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> float | None:
        if value is None:
            return None
        return parse_duration(value)

    @property
    def host(self) -> str:
        from urllib.parse import urlsplit

        return (urlsplit(self.url).hostname or "").lower()


class HostLimits(BaseModel):
    """Politeness for one host: concurrent requests and minimum seconds between request starts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    concurrency: int = 2
    delay: float = 1.0

    @field_validator("delay", mode="before")
    @classmethod
    def _delay(cls, value: object) -> float:
        return parse_duration(value)


class FetchSettings(BaseModel):
    """How watcher fetches: identical for every source unless the source overrides it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_agent: str = "watcher-ai-regulation/{version} (+{contact})"
    contact: str = "https://pypi.org/project/ai-regulation-watcher/"
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 25 * 1024 * 1024  # decompressed bytes
    max_redirects: int = 10
    retries: int = 3
    obey_robots: bool = True
    allow_link_local: bool = False
    defaults: HostLimits = Field(default_factory=HostLimits)
    hosts: dict[str, HostLimits] = Field(default_factory=dict)
    max_parallel_sources: int = 32
    compared_versions: int = 5  # a version equal to one of the last N is not a change (flapping)

    def limits_for(self, host: str) -> HostLimits:
        return self.hosts.get(host.lower(), self.defaults)

    def agent(self) -> str:
        from watcher import __version__

        return self.user_agent.format(version=__version__, contact=self.contact)
