"""The configuration files of the service, read and validated together, and watched for changes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from watcher.config import Settings, SourceConfig, load_settings, load_sources
from watcher.errors import ConfigError
from watcher.service.timing import validate_crons

Stamps = tuple[tuple[str, int, int], ...]  # (path, mtime in ns, size); -1, -1 when missing


@dataclass(frozen=True)
class Loaded:
    """A valid configuration: every source of the sources file and the settings of watcher.yaml."""

    sources: tuple[SourceConfig, ...]
    settings: Settings

    @property
    def enabled(self) -> dict[str, SourceConfig]:
        return {s.id: s for s in self.sources if s.enabled}


class ConfigFiles:
    """`sources.yaml` and (optionally) `watcher.yaml`; `load` raises ConfigError naming file and line."""

    def __init__(self, sources: Path, settings: Path | None) -> None:
        self.sources = sources
        self.settings = settings

    def stamps(self) -> Stamps:
        """Modification time and size of each file (None when it is missing): changes when a file is edited."""
        out: list[tuple[str, int, int]] = []
        for path in (self.sources, self.settings):
            if path is None:
                continue
            try:
                info = path.stat()
                out.append((str(path), info.st_mtime_ns, info.st_size))
            except OSError:
                out.append((str(path), -1, -1))
        return tuple(out)

    def load(self) -> Loaded:
        if not self.sources.exists():
            raise ConfigError("file not found", path=str(self.sources))
        sources = load_sources(self.sources)
        validate_crons(sources, str(self.sources))
        settings = load_settings(self.settings)
        return Loaded(tuple(sources), settings)
