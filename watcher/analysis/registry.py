"""The instrument registry: tracked legal instruments, their names in many languages and their milestones.

The shipped list lives in ``watcher/data/instruments.yaml``. Users can add instruments of their own (from
config) with ``Registry.load(extra=[...])``: each entry is validated with the same model; an entry whose id is
already known replaces the scalar fields it gives and extends the list fields (aliases, numbers, milestones...).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DATE_ROLES = ("comments-due", "entry-into-force", "applies-from", "deadline", "published", "adopted", "other")

# Registry milestone kinds -> date roles of a change (the mapping; anything else is "other").
MILESTONE_ROLE = {
    "consultation-closes": "comments-due",
    "entry-into-force": "entry-into-force",
    "applies": "applies-from",
    "deadline": "deadline",
    "published": "published",
    "adopted": "adopted",
}

# Registry-style jurisdiction codes that count as the EU for generic phrases ("the AI Act" on a German page).
EU_MEMBERS = frozenset(
    ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
)


def role_for_kind(kind: str) -> str:
    return MILESTONE_ROLE.get(kind, "other")


class Milestone(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    date: str
    kind: str = "other"
    role: str = ""
    confidence: str = "memory"
    label: str = ""

    @field_validator("date")
    @classmethod
    def _iso(cls, value: str) -> str:
        date.fromisoformat(value)
        return value

    def model_post_init(self, __context: Any) -> None:
        if not self.role:
            object.__setattr__(self, "role", role_for_kind(self.kind))
        elif self.role not in DATE_ROLES:
            raise ValueError(f"unknown date role {self.role!r}")
        if not self.label:
            object.__setattr__(self, "label", self.kind.replace("-", " "))


class Instrument(BaseModel):
    """One tracked instrument. `type` is law/regulation/bill/guideline/... (not a change's kind)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    names: dict[str, str] = Field(default_factory=dict)
    aliases: list[str] = Field(default_factory=list)
    numbers: list[str] = Field(default_factory=list)
    ambiguous_aliases: list[str] = Field(default_factory=list)
    weak_aliases: list[str] = Field(default_factory=list)
    generic_phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)  # regexes over folded text for descriptive references
    ai: bool = True  # False for general digital/privacy law tracked as context (GDPR, DSA, ...)
    jurisdiction: str = "INT"
    issuing_body: str = ""
    type: str = "other"
    status: str = "unknown"
    official_urls: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)

    @property
    def title(self) -> str:
        return self.names.get("en") or next(iter(self.names.values()), self.id)

    def all_names(self) -> list[str]:
        return [*self.names.values(), *self.aliases, *self.numbers]


_LIST_FIELDS = ("aliases", "numbers", "ambiguous_aliases", "weak_aliases", "generic_phrases", "patterns", "official_urls",
                "related", "milestones")


class RegistryError(ValueError):
    """A user-defined instrument is invalid."""


def _merge(base: Instrument, extra: Instrument, given: set[str]) -> Instrument:
    data = base.model_dump()
    new = extra.model_dump()
    for key in given:
        if key == "id":
            continue
        if key in _LIST_FIELDS:
            merged = list(data[key])
            merged.extend(v for v in new[key] if v not in merged)
            data[key] = merged
        elif key == "names":
            data[key] = {**data[key], **new[key]}
        else:
            data[key] = new[key]
    return Instrument.model_validate(data)


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[Instrument, ...]:
    text = resources.files("watcher.data").joinpath("instruments.yaml").read_text(encoding="utf-8")
    return tuple(Instrument.model_validate(entry) for entry in yaml.safe_load(text))


class Registry:
    """An ordered, id-keyed set of instruments. Build with `Registry.load()`."""

    def __init__(self, instruments: Sequence[Instrument]) -> None:
        self._by_id: dict[str, Instrument] = {}
        for inst in instruments:
            self._by_id[inst.id] = inst
        self._cache: dict[str, Any] = {}  # compiled matchers, built lazily by the tagger

    @classmethod
    def load(cls, extra: Sequence[Mapping[str, Any]] = ()) -> Registry:
        items = {inst.id: inst for inst in _shipped()}
        for index, entry in enumerate(extra):
            try:
                inst = Instrument.model_validate(dict(entry))
            except ValidationError as exc:
                ident = entry.get("id", f"#{index + 1}") if isinstance(entry, Mapping) else f"#{index + 1}"
                raise RegistryError(f"instrument {ident}: {exc}") from exc
            if inst.id in items:
                items[inst.id] = _merge(items[inst.id], inst, set(entry))
            else:
                items[inst.id] = inst
        return cls(list(items.values()))

    def __iter__(self) -> Iterator[Instrument]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, ident: object) -> bool:
        return ident in self._by_id

    def get(self, ident: str) -> Instrument | None:
        return self._by_id.get(ident)

    def __getitem__(self, ident: str) -> Instrument:
        return self._by_id[ident]

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def cached(self, key: str, build: Any) -> Any:
        """Memoise a derived structure (e.g. compiled alias patterns) on this registry."""
        if key not in self._cache:
            self._cache[key] = build(self)
        return self._cache[key]


@functools.lru_cache(maxsize=1)
def default_registry() -> Registry:
    return Registry.load()


def same_jurisdiction(instrument_jur: str, page_jur: str | None) -> bool:
    """Whether a page of `page_jur` is "local" to an instrument of `instrument_jur` (DE pages about EU law)."""
    if not page_jur:
        return False
    if instrument_jur == page_jur:
        return True
    if instrument_jur == "EU" and page_jur in EU_MEMBERS:
        return True
    return page_jur.split("-")[0] == instrument_jur and instrument_jur != "US"
