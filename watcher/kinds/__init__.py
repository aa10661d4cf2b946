"""Registry of source kinds, filled explicitly. Adding a kind = one module + one line here."""

from __future__ import annotations

from watcher.kinds.base import Kind

KINDS: dict[str, type[Kind]] = {}


def register(kind: type[Kind]) -> type[Kind]:
    KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> Kind:
    try:
        return KINDS[name]()
    except KeyError:
        known = ", ".join(sorted(KINDS))
        raise KeyError(f"unknown kind {name!r} (known kinds: {known})") from None
