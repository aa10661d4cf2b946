"""Shared helper for the analysis tests: the kind a user sees for a page (or a change from `old`)."""

from __future__ import annotations

from watcher.analysis import Context, analyse


def kind_of(text: str, jurisdiction: str | None = None, *, old: str | None = None, published: str | None = None) -> str:
    return analyse(text, old, context=Context(jurisdiction=jurisdiction, published=published)).kind
