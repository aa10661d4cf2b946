"""Commands of the check pipeline: check, sources, changes, show, kinds, demo."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from watcher.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    load_configured_settings,
    load_configured_sources,
    open_store,
    parse_since,
    sources_path,
)
from watcher.errors import ConfigError
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


def add_parsers(sub: Any) -> None:
    check = sub.add_parser("check", help="check sources now and report what changed")
    check.add_argument("ids", nargs="*", metavar="ID", help="only these sources (default: every enabled one)")
    check.add_argument("--json", action="store_true", help="print the result as JSON on stdout")
    check.add_argument("--no-alerts", action="store_true", help="neither queue nor send alerts in this run")
    check.set_defaults(handler=run_check)

    sources = sub.add_parser("sources", help="list or validate the sources file")
    sources_sub = sources.add_subparsers(dest="sources_command", required=True, metavar="ACTION")
    listing = sources_sub.add_parser("list", help="list the configured sources")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_sources_list)
    validate = sources_sub.add_parser("validate", help="validate the sources file and exit")
    validate.set_defaults(handler=run_sources_validate)

    changes = sub.add_parser("changes", help="list stored changes, newest first")
    changes.add_argument("--source", help="only this source id")
    changes.add_argument("--since", help="a date (2026-11-01) or an age (7d, 12h)")
    changes.add_argument("--instrument", metavar="ID", help="only changes tagged with this instrument id")
    changes.add_argument("--kind", help="only changes of this kind (draft, consultation, guideline, adopted, ...)")
    changes.add_argument("--limit", type=int, default=50)
    changes.add_argument("--json", action="store_true")
    changes.set_defaults(handler=run_changes)

    show = sub.add_parser("show", help="show one change with its diff")
    show.add_argument("change_id", type=int, metavar="CHANGE_ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    kinds = sub.add_parser("kinds", help="list the source kinds and their options")
    kinds.set_defaults(handler=run_kinds)

    demo = sub.add_parser("demo", help="run the whole pipeline offline on bundled pages")
    demo.add_argument("--json", action="store_true", help="print both checks as JSON")
    demo.set_defaults(handler=run_demo)


def run_check(args: argparse.Namespace) -> int:
    from watcher.alerts.dispatch import finish_alerts, start_alerts
    from watcher.analysis import Registry
    from watcher.check import check_sources
    from watcher.progress import CheckProgress

    sources = load_configured_sources(args)
    settings = load_configured_settings(args)
    if args.ids:
        known = {s.id: s for s in sources}
        unknown = [i for i in args.ids if i not in known]
        if unknown:
            raise ConfigError(f"no source with id {', '.join(unknown)} (see `watcher sources list`)",
                              path=str(sources_path(args)))
        selected = [known[i] for i in args.ids]
    else:
        selected = [s for s in sources if s.enabled]
    store = open_store(args)
    try:
        dispatcher = None if args.no_alerts else start_alerts(store, settings, sources)
        with CheckProgress(len(selected)) as progress:
            results = asyncio.run(check_sources(selected, store, settings.fetch, progress,
                                                registry=Registry.load(extra=settings.instruments)))
        if dispatcher is not None:
            finish_alerts(dispatcher)
    finally:
        store.close()
    if args.json:
        print(json.dumps(check_json(results), ensure_ascii=False, indent=2))
    else:
        print_check_summary(console(), results)
    return EXIT_FAILED if any(r.status == "failed" for r in results) else EXIT_OK


def run_sources_list(args: argparse.Namespace) -> int:
    sources = load_configured_sources(args)
    if args.json:
        print(json.dumps({"sources": [source_dict(s) for s in sources]}, ensure_ascii=False, indent=2))
    else:
        print_sources(console(), sources)
    return EXIT_OK


def run_sources_validate(args: argparse.Namespace) -> int:
    sources = load_configured_sources(args)
    print(f"{sources_path(args)}: {len(sources)} sources, all valid")
    return EXIT_OK


def run_changes(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        views = store.list_changes(source_id=args.source, since=parse_since(args.since), limit=args.limit,
                                   instrument=args.instrument, kind=args.kind)
    finally:
        store.close()
    if args.json:
        print(json.dumps({"changes": [change_dict(v) for v in views]}, ensure_ascii=False, indent=2))
    elif views:
        print_changes(console(), views)
    else:
        filtered = args.source or args.since or args.instrument or args.kind
        print("no changes match" if filtered else "no changes stored yet")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    store = open_store(args)
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


def run_kinds(args: argparse.Namespace) -> int:
    from watcher.kinds import KINDS

    out = console()
    for name, kind in sorted(KINDS.items()):
        out.print(f"[bold]{name}[/bold] (version {kind.version})")
        out.print("  " + " ".join((kind.__doc__ or "").split()))
        for field, info in kind.Options.model_fields.items():
            out.print(f"    {field}: {info.description or ''}")
    return EXIT_OK


def run_demo(args: argparse.Namespace) -> int:
    from watcher.demo import run_demo as demo

    return demo(json_output=args.json)
