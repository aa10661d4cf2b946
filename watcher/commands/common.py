"""What every command needs: the configured sources, settings and store, read in one place."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from watcher.config import Settings, SourceConfig, load_settings, load_sources
from watcher.duration import parse_duration
from watcher.errors import ConfigError
from watcher.paths import default_config_path, default_db_url, default_sources_path

if TYPE_CHECKING:
    from watcher.storage.repository import Store

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def sources_path(args: argparse.Namespace) -> Path:
    return args.sources if args.sources is not None else default_sources_path()


def load_configured_sources(args: argparse.Namespace) -> list[SourceConfig]:
    path = sources_path(args)
    if not path.exists():
        raise ConfigError("file not found", path=str(path))
    return load_sources(path)


def load_configured_settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.config if args.config is not None else default_config_path())


def open_store(args: argparse.Namespace) -> Store:
    from watcher.storage.repository import Store

    return Store.open(args.db or default_db_url())


def parse_since(value: str | None) -> datetime | None:
    """A date (2026-11-01) or an age (7d, 12h) as an aware UTC datetime."""
    if not value:
        return None
    try:
        day = datetime.fromisoformat(value)
        return day if day.tzinfo else day.replace(tzinfo=UTC)
    except ValueError:
        pass
    try:
        return datetime.now(UTC) - timedelta(seconds=parse_duration(value))
    except ValueError:
        raise ConfigError(f"--since takes a date such as 2026-11-01 or an age such as 7d, got {value!r}") from None
