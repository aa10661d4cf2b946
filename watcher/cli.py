"""The `watcher` command: global options, then one subcommand from `watcher.commands`.

Global options (`--sources`, `--db`, `--config`) go before the subcommand. No pipeline logic lives here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from watcher import __version__
from watcher.commands import MODULES
from watcher.commands.common import EXIT_USAGE
from watcher.errors import ConfigError, WatcherError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="watcher",
        description="Watch official AI-regulation sources and report what changed.",
    )
    parser.add_argument("--version", action="version", version=f"watcher {__version__}")
    parser.add_argument("--sources", type=Path, help="sources file (default: ./sources.yaml, else the shipped one)")
    parser.add_argument("--db", help="SQLAlchemy database URL (default: $WATCHER_DB, else an SQLite file)")
    parser.add_argument("--config", type=Path, help="watcher.yaml (default: $WATCHER_CONFIG, else ./watcher.yaml)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in MODULES:
        module.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args)
        return result
    except ConfigError as exc:
        print(f"watcher: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except WatcherError as exc:
        if args.debug:
            raise
        print(f"watcher: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("watcher: interrupted", file=sys.stderr)
        return 130


def entry() -> None:
    sys.exit(main())
