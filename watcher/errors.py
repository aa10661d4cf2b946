"""The project's own error types. Each carries one plain sentence a user can act on."""

from __future__ import annotations

from datetime import datetime


class WatcherError(Exception):
    """Base of every error watcher raises on purpose."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence

    def __str__(self) -> str:
        return self.sentence


class ConfigError(WatcherError):
    """A configuration file is invalid. Names the file and, where known, the line."""

    def __init__(self, sentence: str, path: str | None = None, line: int | None = None) -> None:
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + sentence)
        self.path = path
        self.line = line
        self.reason = sentence


class FetchError(WatcherError):
    """A fetch failed. `retry_after` is set when the server said when to come back."""

    def __init__(self, sentence: str, *, retry_after: datetime | None = None, transient: bool = True) -> None:
        super().__init__(sentence)
        self.retry_after = retry_after
        self.transient = transient


class ExtractError(WatcherError):
    """A response could not be turned into a document (parse error, wrong shape, error page)."""


class StorageError(WatcherError):
    """The database could not be read or written."""
