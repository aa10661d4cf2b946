"""Configuration models: one source of `sources.yaml`, and the settings of `watcher.yaml`.

Everything that reads configuration files lives here (loading in `load_sources` / `load_settings`);
default locations and their environment variables live in `watcher.paths`. Every other module
receives the validated objects.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from watcher.alerts.settings import AlertSettings, Subscription
from watcher.configcheck import (
    Problems,
    check_common,
    check_options,
    describe,
    entry_label,
    suggest,
    translate,
)
from watcher.duration import parse_duration
from watcher.notifiers import ChannelOptions
from watcher.service.settings import ServiceSettings
from watcher.yamlfile import YamlDocument, load_yaml

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")

# Keys every source may have, whatever its kind. Anything else must be an option of the source's kind.
COMMON_KEYS = frozenset(
    {
        "id", "name", "url", "kind", "jurisdiction", "publisher", "interval", "cron", "enabled",
        "headers", "ignore", "language", "budget", "max_bytes", "concurrency", "delay",
        "follow_links", "max_documents", "allow_link_local", "instruments", "notes",
    }
)
REQUIRED_KEYS = ("id", "name", "url", "kind", "jurisdiction", "publisher", "interval")

ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SECRET_HEADER = re.compile(r"auth|key|token|secret|cookie|session|password", re.IGNORECASE)


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
    # Header values as sent, with `${NAME}` already replaced from the environment: never print them.
    headers: dict[str, str] = Field(default_factory=dict, repr=False)
    ignore: tuple[str, ...] = ()  # regular expressions; matching text is removed before diffing
    language: str | None = None
    budget: float = Field(default=60.0, gt=0)  # seconds per check, retries and linked documents included
    max_bytes: int | None = Field(default=None, ge=1)  # overrides the global body size limit
    concurrency: int | None = Field(default=None, ge=1)  # overrides the per-host concurrent request limit
    delay: float | None = None  # overrides the per-host minimum delay between requests (seconds)
    follow_links: bool = True  # fetch the document a new item links to
    max_documents: int = Field(default=5, ge=0)  # linked documents fetched per check at most
    allow_link_local: bool = False
    instruments: tuple[str, ...] = ()  # instrument ids this source is known to concern (analysis hint)
    notes: str | None = None
    options: Any = None  # the kind's own options model instance
    line: int | None = None  # line of the entry in its file, for messages
    # Header values as written in the file (`${NAME}` kept), and the variables that were not set.
    header_templates: dict[str, str] = Field(default_factory=dict, repr=False)
    unset_env: tuple[str, ...] = ()

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

    def missing_env(self) -> tuple[str, ...]:
        """Environment variables the headers need but that were not set when the file was loaded."""
        return self.unset_env

    def public_headers(self) -> dict[str, str]:
        """Headers safe to show: `${NAME}` references as written, other secret-looking values masked."""
        shown: dict[str, str] = {}
        for name, value in (self.header_templates or self.headers).items():
            if ENV_REFERENCE.search(value):
                shown[name] = value
            elif _SECRET_HEADER.search(name):
                shown[name] = "***"
            else:
                shown[name] = value
        return shown


class HostLimits(BaseModel):
    """Politeness for one host: concurrent requests and minimum seconds between request starts."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    concurrency: int = Field(default=2, ge=1)
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

    @field_validator("hosts", mode="before")
    @classmethod
    def _lower_hosts(cls, value: object) -> object:
        if isinstance(value, dict):
            return {str(k).lower(): v for k, v in value.items()}
        return value

    def limits_for(self, host: str) -> HostLimits:
        return self.hosts.get(host.lower(), self.defaults)

    def agent(self) -> str:
        from watcher import __version__

        return self.user_agent.format(version=__version__, contact=self.contact)


class Settings(BaseModel):
    """The whole of `watcher.yaml`: fetching, alert channels (notifier options by name), subscriptions,
    alert timing, and the channels of the operators (source-health alerts)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fetch: FetchSettings = Field(default_factory=FetchSettings)
    channels: dict[str, ChannelOptions] = Field(default_factory=dict)
    subscriptions: list[Subscription] = Field(default_factory=list)
    operators: list[str] = Field(default_factory=list)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
    service: ServiceSettings = Field(default_factory=ServiceSettings)  # `watcher run`

    # Instruments of the user's own, in the registry's format (watcher/data/instruments.yaml); an entry with a
    # shipped id extends that instrument. Checked against the registry model when the file is loaded.
    instruments: list[dict[str, Any]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_channels(self) -> Settings:
        names = [s.name for s in self.subscriptions]
        doubles = sorted({n for n in names if names.count(n) > 1})
        if doubles:
            raise ValueError(f"subscription names must be unique: {', '.join(doubles)} is used twice")
        used = [c for s in self.subscriptions for c in s.channels] + list(self.operators)
        unknown = sorted({c for c in used if c not in self.channels})
        if unknown:
            known = ", ".join(sorted(self.channels)) or "none are configured"
            raise ValueError(f"unknown channel {', '.join(unknown)} (channels: {known})")
        return self

    @field_validator("instruments", mode="before")
    @classmethod
    def _iso_dates(cls, value: object) -> object:
        return _dates_as_text(value)


# ------------------------------------------------------------------------------------ loading --


def load_sources(path: Path, environ: Mapping[str, str] | None = None) -> list[SourceConfig]:
    """Read a sources file: a YAML list of sources, or a mapping whose `sources` key holds the list.

    A kind's own options go at the top level of an entry, or under `options:` (needed when an option
    shares its name with a common key, such as the json kind's `url`).

    Raises ConfigError naming the file and line; when several entries are wrong, one error lists them all.
    `environ` (default: the process environment) supplies `${NAME}` references in header values.
    """
    doc = load_yaml(path)
    problems = Problems(str(path))
    for line, reason in doc.problems:
        problems.add(line, reason)
    data = doc.data
    base: tuple[Any, ...] = ()
    if data is None:
        problems.add(1, "the file is empty: expected a list of sources")
        problems.raise_if_any()
    if isinstance(data, dict):
        for key in data:
            if key != "sources":
                problems.add(doc.line((key,)), f"unknown top-level key {key!r}: the file holds a list of sources, "
                             "or a mapping with the single key 'sources'")
        if "sources" not in data:
            problems.add(1, "the file has no 'sources' key holding the list of sources")
            problems.raise_if_any()
        data, base = data["sources"], ("sources",)
    if not isinstance(data, list):
        problems.add(doc.line(base, key=False), f"expected a list of sources, got {describe(data)}")
        problems.raise_if_any()
    env = os.environ if environ is None else environ
    seen: dict[str, int] = {}
    sources: list[SourceConfig] = []
    for index, entry in enumerate(data):
        source = _load_source(entry, (*base, index), doc, problems, seen, env)
        if source is not None:
            sources.append(source)
    problems.raise_if_any()
    return sources


def _load_source(entry: object, where: tuple[Any, ...], doc: Any, problems: Problems,
                 seen: dict[str, int], env: Mapping[str, str]) -> SourceConfig | None:
    from watcher.kinds import KINDS

    entry_line = doc.line(where, key=False)
    if not isinstance(entry, dict):
        problems.add(entry_line, f"each source must be a mapping of keys (id, name, url, kind, ...), "
                     f"got {describe(entry)}")
        return None
    before = len(problems)
    label = entry_label(entry, where[-1])
    values = {k: v for k, v in entry.items() if k in COMMON_KEYS}
    option_values: dict[str, Any] = {}
    for key in REQUIRED_KEYS:
        if entry.get(key) is None:
            what = "has no value for" if key in entry else "is missing the required key"
            problems.add(doc.line((*where, key)) if key in entry else entry_line, f"source {label} {what} {key!r}")

    kind_name = entry.get("kind")
    kind_cls = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind_name is not None and kind_cls is None:
        known = ", ".join(sorted(KINDS)) or "none are registered"
        problems.add(doc.line((*where, "kind")),
                     f"unknown kind {kind_name!r}{suggest(str(kind_name), KINDS)} (known kinds: {known})")
    options_model: type[BaseModel] | None = getattr(kind_cls, "Options", None)
    option_names = set(options_model.model_fields) if options_model is not None else set()
    nested = entry.get("options", {})
    if not isinstance(nested, dict):
        problems.add(doc.line((*where, "options")), f"options must be a mapping of the kind's keys, got {describe(nested)}")
        nested = {}
    for key, value in nested.items():
        if key in option_names:
            option_values[key] = value
        elif kind_cls is not None:
            problems.add(doc.line((*where, "options", key)),
                         f"unknown option {key!r} for a {kind_name} source{suggest(str(key), option_names)}")
    for key, value in entry.items():
        if key in COMMON_KEYS or key == "options":
            continue
        if not isinstance(key, str):
            problems.add(doc.line((*where, key)), f"key {key!r} must be text")
        elif key in option_names:
            if key in option_values:
                problems.add(doc.line((*where, key)), f"option {key!r} is given both here and under 'options'")
            option_values[key] = value
        elif kind_cls is not None:
            article = "an" if str(kind_name)[:1] in "aeio" else "a"
            hint = suggest(key, COMMON_KEYS | option_names)
            problems.add(doc.line((*where, key)), f"unknown key {key!r} for {article} {kind_name} source{hint}")

    check_common(values, where, doc, problems, seen, ID_PATTERN)
    headers, templates, unset = _resolve_headers(values.get("headers"), where, doc, problems, env)
    options = check_options(options_model, option_values, where, doc, problems) if options_model else None
    if len(problems) > before:
        return None
    for key in ("ignore", "instruments"):
        if isinstance(values.get(key), str):
            values[key] = [values[key]]
    values.update(headers=headers, header_templates=templates, unset_env=unset, options=options, line=entry_line)
    try:
        return SourceConfig.model_validate(values)
    except ValidationError as exc:
        for line, reason in translate(exc, where, doc):
            problems.add(line, reason)
        return None


def _resolve_headers(raw: object, where: tuple[Any, ...], doc: Any, problems: Problems,
                     env: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str], tuple[str, ...]]:
    """Replace `${NAME}` in header values; a header whose variable is unset is left out and noted."""
    if raw is None:
        return {}, {}, ()
    if not isinstance(raw, dict):
        problems.add(doc.line((*where, "headers")), f"headers must be a mapping of name: value, got {describe(raw)}")
        return {}, {}, ()
    headers: dict[str, str] = {}
    templates: dict[str, str] = {}
    unset: list[str] = []
    for name, value in raw.items():
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            problems.add(doc.line((*where, "headers", name)), f"header {name!r} must have a text value")
            continue
        text = str(value)
        templates[str(name)] = text
        missing = [ref for ref in ENV_REFERENCE.findall(text) if ref not in env]
        if missing:
            unset.extend(ref for ref in missing if ref not in unset)
            continue
        headers[str(name)] = ENV_REFERENCE.sub(lambda m: env[m.group(1)], text)
    return headers, templates, tuple(unset)


_SETTINGS_MODELS: tuple[type[BaseModel], ...] = (Settings, FetchSettings, HostLimits, AlertSettings, Subscription,
                                                  ServiceSettings)


def load_settings(path: Path | None) -> Settings:
    """Read `watcher.yaml`. None means built-in defaults; an explicit path that does not exist is an error."""
    if path is None:
        return Settings()
    doc = load_yaml(path)
    problems = Problems(str(path))
    for line, reason in doc.problems:
        problems.add(line, reason)
    data = doc.data
    if data is None:
        problems.raise_if_any()
        return Settings()
    if not isinstance(data, dict):
        problems.add(doc.line((), key=False), f"expected a mapping of settings (fetch, channels, ...), got {describe(data)}")
        problems.raise_if_any()
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        names = {name for model in _SETTINGS_MODELS for name in model.model_fields}
        for where, reason in translate(exc, (), doc, names):
            problems.add(where, reason)
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    _check_instruments(settings, doc, problems)
    problems.raise_if_any()
    return settings


def _dates_as_text(value: object) -> object:
    """YAML reads an unquoted 2027-01-19 as a date; the registry wants the ISO text."""
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def _check_instruments(settings: Settings, doc: YamlDocument, problems: Problems) -> None:
    """Each user instrument must be a valid registry entry; problems are reported at their own lines."""
    from watcher.analysis.registry import Instrument

    for index, entry in enumerate(settings.instruments):
        where = ("instruments", index)
        try:
            Instrument.model_validate(entry)
        except ValidationError as exc:
            for line, reason in translate(exc, where, doc, Instrument.model_fields):
                problems.add(line, f"instrument {entry.get('id', f'#{index + 1}')}: {reason}")
