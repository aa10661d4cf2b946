"""Command modules of the `watcher` CLI, registered explicitly.

Each module has `add_parsers(sub)`, which adds its subcommands and sets `handler=<function(args) -> int>`
on each. Adding a command group = one module + one line here.
"""

from __future__ import annotations

from types import ModuleType

from watcher.commands import alerts, analysis, pipeline, service

MODULES: tuple[ModuleType, ...] = (pipeline, analysis, alerts, service)
