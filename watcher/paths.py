"""Default locations of watcher's files. The only place that reads WATCHER_DB and WATCHER_CONFIG."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from platformdirs import user_data_dir

SOURCES_FILE = "sources.yaml"
CONFIG_FILE = "watcher.yaml"


def packaged_sources_path() -> Path:
    """The `sources.yaml` shipped inside the package."""
    return Path(str(resources.files("watcher").joinpath("data", SOURCES_FILE)))


def default_sources_path() -> Path:
    """`./sources.yaml` when the working directory has one, else the packaged list of official sources."""
    local = Path.cwd() / SOURCES_FILE
    if local.is_file():
        return local
    return packaged_sources_path()


def default_db_url() -> str:
    """`$WATCHER_DB` when set, else a SQLite file in the user's data directory (not created here)."""
    configured = os.environ.get("WATCHER_DB", "").strip()
    if configured:
        return configured
    return f"sqlite:///{Path(user_data_dir('watcher')) / 'watcher.db'}"


def default_config_path() -> Path | None:
    """`$WATCHER_CONFIG` when set (it must then exist), else `./watcher.yaml` if present, else None."""
    configured = os.environ.get("WATCHER_CONFIG", "").strip()
    if configured:
        return Path(configured).expanduser()
    local = Path.cwd() / CONFIG_FILE
    return local if local.is_file() else None
