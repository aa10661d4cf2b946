"""Commands of the analysis: analyze (two local files), instruments (the registry, a timeline), deadlines."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from watcher.commands.common import EXIT_OK, EXIT_USAGE, load_configured_settings


def add_parsers(sub: Any) -> None:
    from watcher.analyze import FILE_KINDS

    analyze = sub.add_parser(
        "analyze", help="run extract -> diff -> analysis on two local files and print the changes",
        description="Compare OLD with NEW as a check would (OLD may be '-' for no previous version) and print "
        "each change with the instruments it concerns, its kind and its dates.",
    )
    analyze.add_argument("old", metavar="OLD", help="the previous version, or '-' when there is none")
    analyze.add_argument("new", metavar="NEW", type=Path, help="the new version")
    analyze.add_argument("--url", help="the page's address (helps tell the jurisdiction and resolve links)")
    analyze.add_argument("--kind", choices=FILE_KINDS, help="how to read the files (default: guessed)")
    analyze.add_argument("--jurisdiction", help="jurisdiction of the page, e.g. EU, US, US-CO, CN, KR")
    analyze.add_argument("--language", help="language of the page, e.g. en, zh-Hans, ko")
    analyze.add_argument("--json", action="store_true", help="print the changes as JSON")
    analyze.set_defaults(handler=run_analyze)

    instruments = sub.add_parser("instruments", help="list tracked instruments, or show one instrument's timeline")
    instruments.add_argument("id", nargs="?", metavar="ID", help="an instrument id: show its timeline")
    instruments.add_argument("--limit", type=int, default=50, help="stored changes shown in a timeline")
    instruments.add_argument("--json", action="store_true")
    instruments.set_defaults(handler=run_instruments)

    deadlines = sub.add_parser("deadlines", help="upcoming dates from the registry and from stored changes")
    deadlines.add_argument("--within", default="90d", help="how far ahead to look, e.g. 30d, 90d, 1y (default 90d)")
    deadlines.add_argument("--instrument", metavar="ID", help="only dates of this instrument")
    deadlines.add_argument("--from", dest="start", type=date.fromisoformat, metavar="DATE",
                           help="look ahead from this day instead of today (YYYY-MM-DD)")
    deadlines.add_argument("--ics", type=Path, metavar="FILE", help="also write the dates as an iCalendar file")
    deadlines.add_argument("--json", action="store_true")
    deadlines.set_defaults(handler=run_deadlines)


def run_analyze(args: argparse.Namespace) -> int:
    from watcher.analyze import analyse_files
    from watcher.render import analysis_dict, console
    from watcher.render_analysis import print_analysed

    registry = _registry(args)
    old = None if args.old == "-" else Path(args.old)
    changes = analyse_files(old, args.new, url=args.url, kind=args.kind, jurisdiction=args.jurisdiction,
                            language=args.language, registry=registry)
    if args.json:
        listed = [{"title": c.title, "url": c.url, **analysis_dict(c.analysis)} for c in changes]
        print(json.dumps({"changes": listed}, ensure_ascii=False, indent=2))
    else:
        print_analysed(console(), changes)
    return EXIT_OK


def run_instruments(args: argparse.Namespace) -> int:
    from watcher.commands.common import open_store
    from watcher.render import console
    from watcher.render_analysis import instrument_dict, print_registry, print_timeline, timeline

    registry = _registry(args)
    if args.id is None:
        if args.json:
            print(json.dumps({"instruments": [instrument_dict(i) for i in registry]}, ensure_ascii=False, indent=2))
        else:
            print_registry(console(), list(registry))
        return EXIT_OK
    inst = registry.get(args.id)
    if inst is None:
        print(f"watcher: no instrument with id {args.id} (see `watcher instruments`)", file=sys.stderr)
        return EXIT_USAGE
    store = open_store(args)
    try:
        views = store.list_changes(instrument=inst.id, limit=args.limit)
    finally:
        store.close()
    events = timeline(inst, views)
    if args.json:
        print(json.dumps({**instrument_dict(inst), "timeline": events}, ensure_ascii=False, indent=2))
    else:
        print_timeline(console(), inst, events)
    return EXIT_OK


def run_deadlines(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from watcher.commands.common import open_store
    from watcher.deadlines import collect, parse_within, write_ics
    from watcher.errors import ConfigError
    from watcher.render import console
    from watcher.render_analysis import print_deadlines

    try:
        ahead = parse_within(args.within)
    except ValueError:
        raise ConfigError(f"--within takes an age such as 30d or 1y, got {args.within!r}") from None
    registry = _registry(args)
    if args.instrument is not None and args.instrument not in registry:
        print(f"watcher: no instrument with id {args.instrument} (see `watcher instruments`)", file=sys.stderr)
        return EXIT_USAGE
    today = args.start or datetime.now(UTC).date()
    store = open_store(args)
    try:
        found = collect(registry, store, start=today, end=today + ahead, instrument=args.instrument)
    finally:
        store.close()
    if args.ics is not None:
        write_ics(args.ics, found)
    if args.json:
        print(json.dumps({"from": today.isoformat(), "to": (today + ahead).isoformat(),
                          "deadlines": [d.as_dict() for d in found]}, ensure_ascii=False, indent=2))
    else:
        print_deadlines(console(), found, today=today, end=today + ahead)
        if args.ics is not None:
            print(f"wrote {len(found)} events to {args.ics}")
    return EXIT_OK


def _registry(args: argparse.Namespace) -> Any:
    from watcher.analysis import Registry

    return Registry.load(extra=load_configured_settings(args).instruments)
