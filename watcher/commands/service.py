"""Commands of the long-running service: run, status, db upgrade."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from watcher.commands.common import EXIT_OK, load_configured_sources, open_store, sources_path
from watcher.paths import default_config_path


def add_parsers(sub: Any) -> None:
    run = sub.add_parser("run", help="check every enabled source on schedule until stopped (SIGTERM)")
    run.add_argument("--health-port", type=int, metavar="PORT",
                     help="serve /healthz and /metrics on this loopback port (default: service.health_port)")
    run.add_argument("--log-json", action="store_true", help="log one JSON object per line on stderr")
    run.set_defaults(handler=run_run)

    status = sub.add_parser("status", help="each source's health, last check, last change and next due time")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=run_status)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_sub.add_parser("upgrade", help="apply the schema migrations (also done on start)")
    upgrade.set_defaults(handler=run_db_upgrade)


def run_run(args: argparse.Namespace) -> int:
    from watcher.service import logs
    from watcher.service.reload import ConfigFiles
    from watcher.service.runner import run_service

    logs.setup(json_lines=args.log_json)
    files = ConfigFiles(sources_path(args), args.config if args.config is not None else default_config_path())
    loaded = files.load()  # an invalid configuration stops here, before anything runs
    store = open_store(args)
    try:
        return run_service(store, files, loaded, health_port=args.health_port)
    finally:
        store.close()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def run_status(args: argparse.Namespace) -> int:
    from watcher.storage.leases import Schedule

    configured = [s.id for s in load_configured_sources(args)]
    store = open_store(args)
    try:
        states = {s.id: s for s in Schedule(store).states(configured)}
    finally:
        store.close()
    rows = []
    for source_id in configured:
        state = states.get(source_id)
        rows.append({
            "id": source_id, "health": state.health if state else "ok", "checks": state.checks if state else 0,
            "last_check": _iso(state.last_check_at) if state else None,
            "last_change": _iso(state.last_change_at) if state else None,
            "next_due": _iso(state.next_due) if state else None,
            "last_error": state.last_error if state else None,
        })
    if args.json:
        print(json.dumps({"sources": rows}, ensure_ascii=False, indent=2))
        return EXIT_OK
    from watcher.render import console

    out = console()
    for row in rows:
        health = "[red]failing[/red]" if row["health"] == "failing" else "[green]ok[/green]"
        out.print(f"[bold]{row['id']}[/bold] {health}  checks {row['checks']}  last check {row['last_check'] or '-'}"
                  f"  last change {row['last_change'] or '-'}  next due {row['next_due'] or '-'}")
        if row["last_error"] and row["health"] == "failing":
            out.print(f"    {row['last_error']}")
    return EXIT_OK


def run_db_upgrade(args: argparse.Namespace) -> int:
    from watcher.storage import migrate

    store = open_store(args)  # opening applies the migrations
    try:
        print(f"database at schema revision {migrate.current(store.engine)}")
    finally:
        store.close()
    return EXIT_OK
