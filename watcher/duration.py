"""Durations as people write them: `30s`, `15m`, `6h`, `1d`, `1w`, `1h30m`, or a number of seconds."""

from __future__ import annotations

import re

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")


def parse_duration(value: object) -> float:
    """Return seconds. Raises ValueError with a plain sentence for anything else.

    >>> parse_duration("6h")
    21600.0
    >>> parse_duration("1h30m")
    5400.0
    >>> parse_duration(45)
    45.0
    """
    if isinstance(value, bool):
        raise ValueError(f"expected a duration such as 30s, 15m, 6h or 1d, got {value!r}")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"a duration cannot be negative, got {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a duration such as 30s, 15m, 6h or 1d, got {value!r}")
    text = value.strip().lower().replace(" ", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if not text or _PART.sub("", text):
        raise ValueError(f"expected a duration such as 30s, 15m, 6h or 1d, got {value!r}")
    return float(sum(float(n) * _UNITS[u] for n, u in _PART.findall(text)))


def format_duration(seconds: float) -> str:
    """The shortest exact spelling: 21600 -> '6h'."""
    if seconds <= 0:
        return "0s"
    rest = round(seconds)
    parts = []
    for unit in ("w", "d", "h", "m", "s"):
        size = _UNITS[unit]
        if rest >= size:
            parts.append(f"{rest // size}{unit}")
            rest %= size
    return "".join(parts) or f"{seconds}s"
