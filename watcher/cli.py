"""The `watcher` command: parse arguments, call the pipeline, print. No pipeline logic lives here."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from watcher import __version__
from watcher.config import SourceConfig, load_settings, load_sources
from watcher.duration import parse_duration
from watcher.errors import ConfigError, WatcherError
from watcher.paths import default_config_path, default_db_url, default_sources_path
from watcher.render import (
    change_dict,
    check_json,
    console,
    print_change,
    print_changes,
    print_check_summary,
    print_sources,
    source_dict,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


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

    check = sub.add_parser("check", help="check sources now and report what changed")
    check.add_argument("ids", nargs="*", metavar="ID", help="only these sources (default: every enabled one)")
    check.add_argument("--json", action="store_true", help="print the result as JSON on stdout")

    sources = sub.add_parser("sources", help="list or validate the sources file")
    sources_sub = sources.add_subparsers(dest="sources_command", required=True, metavar="ACTION")
    listing = sources_sub.add_parser("list", help="list the configured sources")
    listing.add_argument("--json", action="store_true")
    sources_sub.add_parser("validate", help="validate the sources file and exit")

    changes = sub.add_parser("changes", help="list stored changes, newest first")
    changes.add_argument("--source", help="only this source id")
    changes.add_argument("--since", help="a date (2026-11-01) or an age (7d, 12h)")
    changes.add_argument("--limit", type=int, default=50)
    changes.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="show one change with its diff")
    show.add_argument("change_id", type=int, metavar="CHANGE_ID")
    show.add_argument("--json", action="store_true")

    sub.add_parser("kinds", help="list the source kinds and their options")

    demo = sub.add_parser("demo", help="run the whole pipeline offline on bundled pages")
    demo.add_argument("--json", action="store_true", help="print both checks as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(args)
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


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "kinds":
        return _kinds()
    if args.command == "demo":
        from watcher.demo import run_demo

        return run_demo(json_output=args.json)
    if args.command == "sources":
        sources = _sources(args)
        if args.sources_command == "validate":
            print(f"{_sources_path(args)}: {len(sources)} sources, all valid")
            return EXIT_OK
        if args.json:
            print(json.dumps({"sources": [source_dict(s) for s in sources]}, ensure_ascii=False, indent=2))
        else:
            print_sources(console(), sources)
        return EXIT_OK
    if args.command == "check":
        return _check(args)
    if args.command == "changes":
        return _changes(args)
    if args.command == "show":
        return _show(args)
    raise AssertionError(args.command)


def _sources_path(args: argparse.Namespace) -> Path:
    return args.sources if args.sources is not None else default_sources_path()


def _sources(args: argparse.Namespace) -> list[SourceConfig]:
    path = _sources_path(args)
    if not path.exists():
        raise ConfigError("file not found", path=str(path))
    return load_sources(path)


def _open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from watcher.storage.repository import Store

    return Store.open(args.db or default_db_url())


def _check(args: argparse.Namespace) -> int:
    from watcher.check import check_sources
    from watcher.progress import CheckProgress

    sources = _sources(args)
    config_path = args.config if args.config is not None else default_config_path()
    settings = load_settings(config_path)
    if args.ids:
        known = {s.id: s for s in sources}
        unknown = [i for i in args.ids if i not in known]
        if unknown:
            raise ConfigError(f"no source with id {', '.join(unknown)} (see `watcher sources list`)",
                              path=str(_sources_path(args)))
        selected = [known[i] for i in args.ids]
    else:
        selected = [s for s in sources if s.enabled]
    store = _open_store(args)
    try:
        with CheckProgress(len(selected)) as progress:
            results = asyncio.run(check_sources(selected, store, settings.fetch, progress))
    finally:
        store.close()
    if args.json:
        print(json.dumps(check_json(results), ensure_ascii=False, indent=2))
    else:
        print_check_summary(console(), results)
    return EXIT_FAILED if any(r.status == "failed" for r in results) else EXIT_OK


def _since(value: str | None) -> datetime | None:
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


def _changes(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        views = store.list_changes(source_id=args.source, since=_since(args.since), limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps({"changes": [change_dict(v) for v in views]}, ensure_ascii=False, indent=2))
    elif views:
        print_changes(console(), views)
    else:
        print("no changes stored yet" if not (args.source or args.since) else "no changes match")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    store = _open_store(args)
    try:
        view = store.get_change(args.change_id)
    finally:
        store.close()
    if view is None:
        print(f"watcher: no change with id {args.change_id}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(change_dict(view, full=True), ensure_ascii=False, indent=2))
    else:
        print_change(console(), view)
    return EXIT_OK


def _kinds() -> int:
    from watcher.kinds import KINDS

    out = console()
    for name, kind in sorted(KINDS.items()):
        out.print(f"[bold]{name}[/bold] (version {kind.version})")
        out.print("  " + " ".join((kind.__doc__ or "").split()))
        for field, info in kind.Options.model_fields.items():
            out.print(f"    {field}: {info.description or ''}")
    return EXIT_OK


def entry() -> None:
    sys.exit(main())
