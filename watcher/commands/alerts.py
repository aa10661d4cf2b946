"""Alert commands: notify test, alerts (list the outbox), alerts retry, notifiers."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from watcher.commands.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    load_configured_settings,
    open_store,
)
from watcher.render import console

STATUS_FILTERS = {"pending": ("pending", "held"), "failed": ("failed",)}


def add_parsers(sub: Any) -> None:
    notify = sub.add_parser("notify", help="send test alerts to the configured channels")
    notify_sub = notify.add_subparsers(dest="notify_command", required=True, metavar="ACTION")
    test = notify_sub.add_parser("test", help="send a test alert to each channel (or one) and report the result")
    test.add_argument("channel", nargs="?", metavar="CHANNEL", help="only this channel")
    test.set_defaults(handler=run_notify_test)

    alerts = sub.add_parser("alerts", help="list the alert outbox, or retry an alert")
    which = alerts.add_mutually_exclusive_group()
    which.add_argument("--pending", action="store_true", help="only alerts still to send (or held for a digest)")
    which.add_argument("--failed", action="store_true", help="only alerts that failed for good")
    alerts.add_argument("--limit", type=int, default=100)
    alerts.add_argument("--json", action="store_true")
    alerts.set_defaults(handler=run_alerts)
    alerts_sub = alerts.add_subparsers(dest="alerts_command", metavar="ACTION")
    retry = alerts_sub.add_parser("retry", help="make a failed or waiting alert due now and deliver it")
    retry.add_argument("alert", metavar="ID", help="alert number, or its id (or a unique prefix)")
    retry.set_defaults(handler=run_alerts_retry)

    notifiers = sub.add_parser("notifiers", help="list the channel types and their options")
    notifiers.set_defaults(handler=run_notifiers)


def run_notify_test(args: argparse.Namespace) -> int:
    from watcher.alerts.dispatch import Dispatcher
    from watcher.notifiers import DeliveryError

    settings = load_configured_settings(args)
    if not settings.channels:
        print("watcher: no channels are configured in watcher.yaml", file=sys.stderr)
        return EXIT_USAGE
    names = [args.channel] if args.channel else sorted(settings.channels)
    unknown = [n for n in names if n not in settings.channels]
    if unknown:
        print(f"watcher: no channel named {unknown[0]} (channels: {', '.join(sorted(settings.channels))})",
              file=sys.stderr)
        return EXIT_USAGE
    store = open_store(args)
    failed = False
    try:
        dispatcher = Dispatcher(store, settings)
        for name in names:
            for warning in dispatcher.notifiers[name].warnings():
                print(f"{name}: warning: {warning}")
            try:
                detail = dispatcher.send_test(name)
            except DeliveryError as exc:
                failed = True
                print(f"{name}: FAILED: {exc}")
            else:
                print(f"{name}: ok ({detail})")
    finally:
        store.close()
    return EXIT_FAILED if failed else EXIT_OK


def _alert_dict(alert: Any) -> dict[str, Any]:
    return {
        "number": alert.id, "id": alert.uid, "event": alert.event, "subscription": alert.subscription,
        "channel": alert.channel, "change_id": alert.change_id, "status": alert.status, "attempts": alert.attempts,
        "created_at": alert.created_at.isoformat(),
        "next_attempt_at": alert.next_attempt_at.isoformat() if alert.next_attempt_at else None,
        "delivered_at": alert.delivered_at.isoformat() if alert.delivered_at else None,
        "last_error": alert.last_error,
    }


def run_alerts(args: argparse.Namespace) -> int:
    from rich.table import Table

    from watcher.storage.outbox import Outbox

    status = STATUS_FILTERS["pending"] if args.pending else STATUS_FILTERS["failed"] if args.failed else ()
    store = open_store(args)
    try:
        alerts = Outbox(store).list_alerts(status=status, limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps({"alerts": [_alert_dict(a) for a in alerts]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not alerts:
        print("no alerts match" if status else "no alerts yet")
        return EXIT_OK
    table = Table(box=None, header_style="bold")
    for column in ("#", "id", "event", "subscription", "channel", "change", "status", "tries", "next / delivered",
                   "last error"):
        table.add_column(column)
    for a in alerts:
        when = a.delivered_at or a.next_attempt_at
        table.add_row(str(a.id), a.uid[:8], a.event, a.subscription, a.channel, str(a.change_id or ""), a.status,
                      str(a.attempts), when.strftime("%Y-%m-%d %H:%M") if when else "", a.last_error or "")
    console().print(table)
    return EXIT_OK


def run_alerts_retry(args: argparse.Namespace) -> int:
    from watcher.alerts.dispatch import Dispatcher
    from watcher.storage.outbox import Outbox

    settings = load_configured_settings(args)
    store = open_store(args)
    try:
        outbox = Outbox(store)
        alert = outbox.get(args.alert)
        if alert is None:
            print(f"watcher: no alert {args.alert} (see `watcher alerts`)", file=sys.stderr)
            return EXIT_USAGE
        if not outbox.retry(alert.id, store.now()):
            print(f"watcher: alert {alert.id} is {alert.status}: nothing to retry", file=sys.stderr)
            return EXIT_USAGE
        if alert.channel not in settings.channels:
            print(f"alert {alert.id} is due again; channel {alert.channel} is not configured here")
            return EXIT_OK
        Dispatcher(store, settings).deliver(patient=True)
        after = outbox.get(str(alert.id))
    finally:
        store.close()
    assert after is not None
    if after.status == "delivered":
        print(f"alert {after.id} delivered to {after.channel}")
        return EXIT_OK
    print(f"alert {after.id} is {after.status}: {after.last_error or 'waiting behind earlier alerts'}")
    return EXIT_FAILED


def run_notifiers(args: argparse.Namespace) -> int:
    from watcher.notifiers import NOTIFIERS

    out = console()
    for name, notifier in sorted(NOTIFIERS.items()):
        out.print(f"[bold]{name}[/bold]")
        out.print("  " + " ".join((notifier.__doc__ or "").split()))
        for field, info in notifier.Options.model_fields.items():
            if field == "type":
                continue
            key = info.alias or field
            default = "" if info.is_required() else f" (default: {info.get_default(call_default_factory=True)!r})"
            out.print(f"    {key}: {info.description or ''}{default}")
    return EXIT_OK
