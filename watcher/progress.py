"""Progress of a check: a bar on a terminal, one plain line per source otherwise. Always on stderr."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from watcher.records import CheckResult


class CheckProgress:
    """Use as a context manager; call it with each finished CheckResult."""

    def __init__(self, total: int, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.quiet = quiet
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        if not quiet and self.stream.isatty():
            self._bar = Progress(
                TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                TextColumn("{task.description}"), console=Console(file=self.stream), transient=True,
            )

    def __enter__(self) -> CheckProgress:
        if self._bar is not None:
            self._bar.start()
            self._task = self._bar.add_task("", total=self.total)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, result: CheckResult) -> None:
        self.done += 1
        if self.quiet:
            return
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, description=result.source_id)
            return
        detail = f" ({len(result.changes)} changes)" if result.status == "changed" else ""
        if result.status == "failed":
            detail = f": {result.error}"
        self.stream.write(
            f"[{self.done}/{self.total}] {result.source_id}: {result.status}{detail} "
            f"({result.duration_ms} ms)\n"
        )
        self.stream.flush()
