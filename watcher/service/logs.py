"""Structured logs on stderr: `key=value` text lines, or one JSON object per line with `--log-json`.

Fields given as `extra={"fields": {...}}` become keys of their own, so a check line carries its source,
status, duration and number of changes in both formats.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

LOGGER = "watcher"


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    fields = getattr(record, "fields", None)
    return dict(fields) if isinstance(fields, dict) else {}


def _stamp(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        parts = [_stamp(record), record.levelname.lower(), record.getMessage()]
        for key, value in _fields(record).items():
            if value is None:
                continue
            text = str(value)
            parts.append(f"{key}={json.dumps(text) if (' ' in text or '=' in text or not text) else text}")
        line = " ".join(parts)
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {"ts": _stamp(record), "level": record.levelname.lower(), "logger": record.name,
                                "msg": record.getMessage()}
        data.update(_fields(record))
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def setup(*, json_lines: bool, level: int = logging.INFO, stream: TextIO | None = None) -> None:
    """Send watcher's logs (and APScheduler's warnings) to stderr in the chosen format."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    for name, lvl in ((LOGGER, level), ("apscheduler", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(lvl)
        logger.propagate = False
