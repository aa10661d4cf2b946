"""Leases on SQLite and PostgreSQL, and two `watcher run` processes sharing one PostgreSQL database."""

from __future__ import annotations

import itertools
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from watcher.storage.leases import Claim, Schedule
from watcher.storage.repository import Store

from tests.helpers import DemoPages
from tests.server import TestServer
from tests.service_support import (
    Instance,
    instances,
    pg_url,
    source_entry,
    wait_for,
    webhook_posts,
    write_project,
)

__all__ = ["pg_url"]  # the fixture


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path / 'w.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    opened = Store.open(url)
    try:
        yield opened
    finally:
        opened.close()


def test_a_due_check_is_leased_to_one_instance_and_an_expired_lease_is_taken_over(store: Store) -> None:
    clock = Clock()
    store.now = clock
    with store._writing("add a source") as session:
        store._ensure_source(session, "s1", clock.now)
    one, two = Schedule(store, "host-a:1:x"), Schedule(store, "host-b:2:y")
    one.plan({"s1": clock.now}, {})
    first = one.claim("s1", lease_seconds=30)
    assert first.granted and first.due == clock.now
    refused = two.claim("s1", lease_seconds=30)
    assert not refused.granted and refused.wait_until == clock.now + timedelta(seconds=30)

    clock.now += timedelta(seconds=31)  # instance one died: its lease expires and two takes the due time over
    taken = two.claim("s1", lease_seconds=30)
    assert taken.granted and taken.due == first.due
    assert one.finish(first, lambda *_: clock.now, failing_after=3) == (None, None)  # one lost its lease
    due, event = two.finish(taken, lambda _s, _r, now: now + timedelta(hours=1), failing_after=3)
    assert due == clock.now + timedelta(hours=1) and event is None
    assert not one.claim("s1", lease_seconds=30).granted  # the same due time is never checked twice


def test_a_check_stored_by_an_instance_that_died_before_finishing_is_not_repeated(store: Store) -> None:
    clock = Clock()
    store.now = clock
    one, two = Schedule(store, "host-a:1:x"), Schedule(store, "host-b:2:y")
    store.record_unchanged("s1", url="http://x", status=200, duration_ms=1, bytes_=1, validators=None,
                           snapshot_id=None, outcome="unchanged")
    clock.now += timedelta(seconds=10)
    one.plan({"s1": clock.now}, {})
    claim = one.claim("s1", lease_seconds=30)
    assert claim.granted and not claim.already_checked
    clock.now += timedelta(seconds=1)
    store.record_unchanged("s1", url="http://x", status=200, duration_ms=1, bytes_=1, validators=None,
                           snapshot_id=None, outcome="unchanged")  # stored, then instance one dies
    clock.now += timedelta(seconds=31)
    taken = two.claim("s1", lease_seconds=30)
    assert taken.granted and taken.already_checked and taken.due == claim.due
    due, _ = two.finish(taken, lambda _s, _r, now: now + timedelta(hours=1), failing_after=3)
    assert due == clock.now + timedelta(hours=1)


def test_k_failures_make_one_failing_event_and_one_recovery(store: Store) -> None:
    clock = Clock()
    store.now = clock
    schedule = Schedule(store, "host-a:1:x")
    events = []
    for n in range(6):
        if n < 4:
            store.record_failure("s1", url="http://x", status=500, error="the server answered 500", duration_ms=1,
                                 retry_after=None)
        else:
            store.record_unchanged("s1", url="http://x", status=200, duration_ms=1, bytes_=1, validators=None,
                                   snapshot_id=None, outcome="unchanged")
        schedule.plan({"s1": clock.now}, {})
        claim = schedule.claim("s1", 30)
        assert claim.granted, claim
        _, event = schedule.finish(claim, lambda _s, _r, now: now, failing_after=3)
        events.append(event.event if event else None)
        clock.now += timedelta(seconds=1)
    assert events == [None, None, "failing", None, "recovered", None]
    assert [e.event for e in schedule.events("s1")] == ["failing", "recovered"]


def test_claim_is_refused_while_the_server_asked_to_wait(store: Store) -> None:
    clock = Clock()
    store.now = clock
    store.record_failure("s1", url="http://x", status=503, error="busy", duration_ms=1,
                         retry_after=clock.now + timedelta(minutes=5))
    schedule = Schedule(store, "host-a:1:x")
    schedule.plan({"s1": clock.now}, {})
    claim = schedule.claim("s1", 30)
    assert claim == Claim("s1", wait_until=clock.now + timedelta(minutes=5), reason="the server asked to wait")


@pytest.mark.slow
def test_two_instances_share_one_postgresql(tmp_path: Path, server: TestServer, pg_url: str) -> None:
    pages = DemoPages(server)
    server.route("/hook", "ok", content_type="text/plain")
    paths = {"p1": "/p1", "p2": "/p2", "p3": "/p3"}
    for ident, path in paths.items():
        server.route(path, f"<html><head><title>{ident}</title></head><body><main><p>The page {ident} of the "
                           "fixture, long enough to be a page and not an error.</p></main></body></html>",
                     content_type="text/html")
    entries = source_entry("eu-news", server.url("/en/related-content?topic=119"), "listing", "1s")
    entries += "".join(source_entry(ident, server.url(path), "html", "1s") for ident, path in paths.items())
    write_project(tmp_path, server, entries)
    with instances() as started:
        first, second = Instance(tmp_path, pg_url, "a"), Instance(tmp_path, pg_url, "b")
        started += [first, second]
        wait_for(lambda: first.checks() and second.checks(), 15, "both instances checking")
        time.sleep(3)
        pages.round = 2  # one new item: its alert must reach the webhook once
        time.sleep(3)
        first.stop(signal.SIGKILL)  # its leases are taken over (same host: its process is gone)
        killed_at = datetime.now(UTC)
        time.sleep(2.5)
        code, took = second.stop()
        assert code == 0 and took < 10

    store = Store.open(pg_url)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(text("SELECT source_id, at FROM fetches ORDER BY source_id, at")).all()
            changes = conn.execute(text("SELECT count(*) FROM changes")).scalar()
            leftover = conn.execute(text("SELECT count(*) FROM sources WHERE lease_owner IS NOT NULL")).scalar()
    finally:
        store.close()
    times: dict[str, list[datetime]] = {}
    for source_id, at in rows:
        times.setdefault(source_id, []).append(at)
    assert set(times) == {"eu-news", *paths}
    for source_id, stamps in times.items():
        gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(stamps)]
        print(f"{source_id}: {len(stamps)} checks, gaps {min(gaps):.2f}-{max(gaps):.2f} s")  # figures with -s
        assert len(stamps) >= 6, (source_id, len(stamps))
        assert min(gaps) > 0.6, f"{source_id} was checked twice for one due time: gaps {gaps}"
        assert stamps[-1] > killed_at + timedelta(seconds=1), f"{source_id} was not taken over"
    for ident, path in paths.items():
        hits = len([r for r in server.hits(path) if r.method == "GET"])
        assert hits - len(times[ident]) in (0, 1)  # at most the check the killed instance had in flight
    assert leftover == 0
    checked_by = {e["source"] for e in first.checks()} | {e["source"] for e in second.checks()}
    print(f"instance a: {len(first.checks())} checks, b: {len(second.checks())}, b stopped in {took:.2f} s")
    assert len(first.checks()) > 0 and len(second.checks()) > 0 and checked_by == {"eu-news", *paths}

    posts = webhook_posts(server)
    keys = [p["_key"] for p in posts]
    assert len(keys) == len(set(keys))
    assert changes and len([p for p in posts if p.get("schema") == "watcher.change.v1"]) == changes
