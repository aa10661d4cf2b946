"""Checks behind `watcher.config` loading, and the plain sentences they produce.

Each problem is `(line, reason)`; `Problems` gathers them so one error can report every mistake in a
file at once. Pydantic's own messages never reach the user: `translate` rewrites them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from watcher.duration import parse_duration
from watcher.errors import ConfigError
from watcher.yamlfile import YamlDocument

DURATION_HINT = "a duration such as 30s, 15m, 6h or 1d"


class ConfigProblems(ConfigError):
    """A configuration file with one or more problems; `problems` lists `(line, reason)` in file order."""

    def __init__(self, path: str, problems: list[tuple[int | None, str]]) -> None:
        first_line, first_reason = problems[0]
        if len(problems) == 1:
            super().__init__(first_reason, path=path, line=first_line)
        else:
            listed = "\n".join(f"{path}:{line}: {reason}" if line else f"{path}: {reason}"
                               for line, reason in problems)
            super().__init__(f"{len(problems)} problems in {path}:\n{listed}")
            self.path, self.line, self.reason = path, first_line, first_reason
        self.problems = problems


class Problems:
    """Collects problems found in one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[tuple[int | None, str]] = []

    def add(self, line: int | None, reason: str) -> None:
        self.items.append((line, reason))

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            ordered = sorted(self.items, key=lambda item: item[0] or 0)
            raise ConfigProblems(self.path, ordered)


def describe(value: object) -> str:
    """How a value reads in a sentence: "a list", "the text 'abc'", "an empty value"."""
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple | set):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"{shown!r}"
    return f"{value!r}"


def suggest(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` when a close candidate exists, else an empty string."""
    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def entry_label(entry: dict[Any, Any], index: object) -> str:
    ident = entry.get("id")
    if isinstance(ident, str) and ident:
        return repr(ident)
    return f"#{int(index) + 1 if isinstance(index, int) else index}"


def url_problem(value: object) -> str | None:
    """Why `value` is not a usable http(s) address, or None."""
    if not isinstance(value, str):
        return f"url must be text, got {describe(value)}"
    if any(ch.isspace() for ch in value):
        return f"url {describe(value)} contains spaces (write a space as %20)"
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return f"url {describe(value)} is not a valid address"
    if parts.scheme.lower() not in ("http", "https"):
        return f"url {describe(value)} must start with http:// or https://"
    if not host:
        return f"url {describe(value)} has no host name"
    return None


def check_common(values: dict[str, Any], where: tuple[Any, ...], doc: YamlDocument, problems: Problems,
                 seen: dict[str, int], id_pattern: re.Pattern[str]) -> None:
    """Checks of the common keys that need better sentences than the model would give."""

    def line(key: str) -> int | None:
        return doc.line((*where, key))

    ident = values.get("id")
    if ident is not None:
        if not isinstance(ident, str):
            problems.add(line("id"), f"id must be text, got {describe(ident)}")
        elif not id_pattern.match(ident):
            problems.add(line("id"), f"id {ident!r} is not valid: use lower-case letters, digits, '.', '_' "
                         "and '-', starting with a letter or digit (80 characters at most)")
        elif ident in seen:
            problems.add(line("id"), f"duplicate id {ident!r}: already used on line {seen[ident]}")
        else:
            seen[ident] = line("id") or 0
    if values.get("url") is not None and (reason := url_problem(values["url"])):
        problems.add(line("url"), reason)
    for key, minimum in (("interval", 1.0), ("budget", 0.001), ("delay", 0.0)):
        raw = values.get(key)
        if raw is None:
            continue
        try:
            seconds = parse_duration(raw)
        except ValueError:
            problems.add(line(key), f"{key} {describe(raw)} is not {DURATION_HINT}")
            continue
        if key == "interval" and seconds < minimum:
            problems.add(line(key), f"interval {describe(raw)} is shorter than one second")
        elif seconds < minimum:
            problems.add(line(key), f"{key} {describe(raw)} must be more than zero")
    patterns = values.get("ignore")
    for index, pattern in enumerate([patterns] if isinstance(patterns, str) else patterns or []):
        if not isinstance(pattern, str):
            continue  # the model reports the type
        try:
            re.compile(pattern)
        except re.error as exc:
            at = doc.line((*where, "ignore", index)) if not isinstance(patterns, str) else line("ignore")
            problems.add(at, f"ignore pattern {pattern!r} is not a valid regular expression ({exc.msg})")


def check_options(model: type[BaseModel], values: dict[str, Any], where: tuple[Any, ...],
                  doc: YamlDocument, problems: Problems) -> BaseModel | None:
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        for line, reason in translate(exc, where, doc):
            problems.add(line, reason)
        return None


_TYPE_WORDS = (
    ("bool", "true or false"),
    ("int", "a whole number"),
    ("float", "a number"),
    ("string", "text"),
    ("tuple", "a list"),
    ("list", "a list"),
    ("set", "a list"),
    ("dict", "a mapping of keys and values"),
    ("model", "a mapping of keys and values"),
)


def translate(exc: ValidationError, where: tuple[Any, ...], doc: YamlDocument,
              names: Collection[str] = ()) -> list[tuple[int | None, str]]:
    """Rewrite pydantic errors as `(line, sentence)`; `names` feeds did-you-mean for unknown keys."""
    out: list[tuple[int | None, str]] = []
    for err in exc.errors():
        loc = tuple(part for part in err["loc"] if not (isinstance(part, str) and "[" in part))
        line = doc.line((*where, *loc))
        out.append((line, _sentence(loc, err, names)))
    return out


def _sentence(loc: tuple[Any, ...], err: Any, names: Collection[str]) -> str:
    label = ".".join(str(part) for part in loc) or "value"
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        place = f" in {'.'.join(str(p) for p in loc[:-1])}" if len(loc) > 1 else " at the top level"
        return f"unknown key {name!r}{place}{suggest(name, names)}"
    if kind == "missing":
        return f"{label} is required"
    if kind == "string_pattern_mismatch":
        return f"{label} {describe(value)} is not in the allowed form (lower-case letters, digits, '.', '-')"
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return f"{label}: {ctx['error']}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
                 "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}[kind]
        return f"{label} must be {bound[0]} {ctx.get(bound[1])}, got {describe(value)}"
    for prefix, words in _TYPE_WORDS:
        if kind.startswith(prefix):
            return f"{label} must be {words}, got {describe(value)}"
    if kind in ("literal_error", "enum"):
        return f"{label} must be one of {ctx.get('expected', 'the allowed values')}, got {describe(value)}"
    return f"{label} has a value watcher cannot use: {describe(value)}"
