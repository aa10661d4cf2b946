"""The outbox end to end: demo pages change, alerts are queued with the change and delivered once, in order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from watcher.storage.alert_tables import AlertAttemptRow, AlertRow
from watcher.storage.repository import Store

from tests.alert_support import SECRET, verify
from tests.helpers import DemoPages, run_check
from tests.server import RecordedRequest, Reply, TestServer
from watcher.alerts.dispatch import Dispatcher
from watcher.config import Settings, SourceConfig, load_sources
from watcher.demo import SOURCES


@pytest.fixture
def demo(tmp_path: Path, server: TestServer) -> Iterator[tuple[Store, list[SourceConfig], DemoPages]]:
    pages = DemoPages(server)
    path = tmp_path / "sources.yaml"
    path.write_text(SOURCES.format(base=server.base), encoding="utf-8")
    store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        yield store, load_sources(path), pages
    finally:
        store.close()


def settings_for(server: TestServer, **subscription: object) -> Settings:
    sub = {"name": "everything", "channels": ["ops-hook"], **subscription}
    return Settings.model_validate({
        "channels": {"ops-hook": {"type": "webhook", "url": server.url("/hook"), "secret_env": "HOOK_SECRET"}},
        "subscriptions": [sub],
    })


def dispatcher(store: Store, settings: Settings, sources: list[SourceConfig], **kw: object) -> Dispatcher:
    return Dispatcher(store, settings, sources, environ={"HOOK_SECRET": SECRET}, **kw)  # type: ignore[arg-type]


def changed(store: Store, sources: list[SourceConfig], pages: DemoPages, d: Dispatcher) -> int:
    """Baseline, then the second version of every page with the dispatcher's hook: the number of changes."""
    run_check(sources, store)
    pages.round = 2
    store.on_saved = d.route
    results = run_check(sources, store)
    store.on_saved = None
    return sum(len(r.changes) for r in results.values())


def rows(store: Store) -> list[AlertRow]:
    with store._reading("test") as session:
        return list(session.scalars(select(AlertRow).order_by(AlertRow.id)))


def accepting(server: TestServer) -> list[RecordedRequest]:
    got: list[RecordedRequest] = []

    def receive(req: RecordedRequest) -> Reply:
        assert verify(req.headers["x-watcher-signature"], req.body)
        got.append(req)
        return Reply(200, b"ok")

    server.route("/hook", handler=receive)
    return got


def test_every_change_is_queued_with_it_and_delivered_exactly_once(demo, server) -> None:  # type: ignore[no-untyped-def]
    store, sources, pages = demo
    got = accepting(server)
    d = dispatcher(store, settings_for(server), sources)
    n = changed(store, sources, pages, d)
    assert n >= 5
    queued = rows(store)
    assert [r.status for r in queued] == ["pending"] * n and len({r.uid for r in queued}) == n
    assert sorted(r.change_id for r in queued) == sorted(c.id for c in store.list_changes(limit=100))

    report = d.run_once(patient=True)
    assert report.delivered == n and not report.failed and not report.waiting
    assert [json.loads(r.body)["change_id"] for r in got] == [r.change_id for r in queued]
    assert [r.headers["idempotency-key"] for r in got] == [r.uid for r in queued]
    assert d.run_once(patient=True).delivered == 0
    assert len(got) == n and {r.status for r in rows(store)} == {"delivered"}


def test_a_receiver_failing_first_gets_the_alert_once(demo, server) -> None:  # type: ignore[no-untyped-def]
    store, sources, pages = demo
    answers = [Reply(503, b"busy", {"Retry-After": "1"}), Reply(503, b"busy", {"Retry-After": "1"})]
    accepted: list[str] = []

    def receive(req: RecordedRequest) -> Reply:
        if answers:
            return answers.pop(0)
        accepted.append(req.headers["idempotency-key"])
        return Reply(200)

    server.route("/hook", handler=receive)
    d = dispatcher(store, settings_for(server, sources=["demo-nist-*"]), sources)
    assert changed(store, sources, pages, d) >= 1
    alert = rows(store)[0]
    report = d.run_once(patient=True)
    assert report.delivered == len(rows(store)) and not report.waiting
    assert accepted.count(alert.uid) == 1 and len(accepted) == len(set(accepted))
    with store._reading("test") as session:
        outcomes = list(session.scalars(select(AlertAttemptRow.outcome).where(AlertAttemptRow.alert_id == alert.id)
                                        .order_by(AlertAttemptRow.id)))
    assert outcomes == ["retry", "retry", "delivered"]


def test_a_channel_that_is_down_gets_everything_later_in_order(demo, server) -> None:  # type: ignore[no-untyped-def]
    store, sources, pages = demo
    down = True
    got: list[int] = []

    def receive(req: RecordedRequest) -> Reply:
        if down:
            return Reply(502, b"bad gateway")
        got.append(json.loads(req.body)["change_id"])
        return Reply(200)

    server.route("/hook", handler=receive)
    clock = [datetime.now(UTC)]
    d = dispatcher(store, settings_for(server), sources, now=lambda: clock[0])
    n = changed(store, sources, pages, d)
    for hours in (0, 1, 3):  # the service retries for hours: the channel's first alert blocks the others
        clock[0] += timedelta(hours=hours)
        report = d.run_once()
        assert report.delivered == 0 and "ops-hook" in report.waiting
    waiting = rows(store)
    assert {r.status for r in waiting} == {"pending"}
    assert waiting[0].attempts == 3 and all(r.attempts == 0 for r in waiting[1:])
    assert len(server.hits("/hook")) == 3
    down = False
    clock[0] += timedelta(hours=2)
    assert d.run_once().delivered == n
    assert got == [r.change_id for r in waiting]
    assert d.run_once().delivered == 0


def test_a_permanent_refusal_fails_the_alert_and_the_next_ones_go(demo, server) -> None:  # type: ignore[no-untyped-def]
    store, sources, pages = demo
    calls: list[str] = []

    def receive(req: RecordedRequest) -> Reply:
        calls.append(req.headers["idempotency-key"])
        return Reply(400, b"bad payload") if len(calls) == 1 else Reply(200)

    server.route("/hook", handler=receive)
    d = dispatcher(store, settings_for(server), sources)
    n = changed(store, sources, pages, d)
    report = d.run_once(patient=True)
    assert (report.delivered, report.failed) == (n - 1, 1)
    first = rows(store)[0]
    assert first.status == "failed" and "HTTP 400" in (first.last_error or "")
    assert d.outbox.retry(first.id, store.now())
    assert d.run_once().delivered == 1 and rows(store)[0].status == "delivered"


def test_daily_digest_groups_the_changes_by_instrument(demo, server) -> None:  # type: ignore[no-untyped-def]
    store, sources, pages = demo
    got = accepting(server)
    start = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    clock = [start]
    d = dispatcher(store, settings_for(server, mode="daily"), sources, now=lambda: clock[0])
    n = changed(store, sources, pages, d)
    assert {(r.status, r.next_attempt_at) for r in rows(store)} == {("held", datetime(2026, 11, 25, 8, 0, tzinfo=UTC))}
    assert d.run_once().delivered == 0 and got == []
    clock[0] = datetime(2026, 11, 25, 8, 1, tzinfo=UTC)
    assert d.run_once().delivered == 1
    assert d.run_once().delivered == 0
    digest = json.loads(got[0].body)
    assert digest["schema"] == "watcher.digest.v1" and got[0].headers["x-watcher-event"] == "digest"
    ids = [c["change_id"] for group in digest["instruments"] for c in group["changes"]]
    assert sorted(ids) == sorted(r.change_id for r in rows(store) if r.change_id)
    assert len(ids) == n
    for group in digest["instruments"]:
        for change in group["changes"]:
            main = max(change["instruments"], key=lambda t: t["confidence"])["id"] if change["instruments"] else None
            assert main == group["id"]
    statuses = sorted(r.status for r in rows(store))
    assert statuses == ["delivered"] + ["digested"] * n


def test_without_channels_nothing_is_queued(demo, server) -> None:  # type: ignore[no-untyped-def]
    store, sources, pages = demo
    d = Dispatcher(store, Settings(), sources)
    assert changed(store, sources, pages, d) > 0
    with store._reading("test") as session:
        assert session.scalar(select(func.count()).select_from(AlertRow)) == 0
