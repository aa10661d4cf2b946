"""The process and the database: `watcher check` killed with SIGKILL at random points, and `watcher run` whose
database is locked for a while."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability_support import HTML, listing, settings_yaml, source_yaml, watcher, watcher_env
from tests.server import RecordedRequest, Reply, TestServer
from tests.service_support import Instance, instances, source_entry, wait_for, write_project

pytestmark = pytest.mark.slow
SOURCES = [f"news{n}" for n in range(10)]


def consistent(db: Path) -> None:
    """No half-written version: integrity ok, every change has its snapshot, every later snapshot its changes."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM changes c LEFT JOIN snapshots s ON s.id = c.snapshot_id "
                            "WHERE s.id IS NULL").fetchone()[0] == 0
        later = conn.execute("SELECT s.id FROM snapshots s WHERE s.id > (SELECT min(id) FROM snapshots f WHERE "
                             "f.source_id = s.source_id)").fetchall()
        for (snapshot_id,) in later:
            assert conn.execute("SELECT count(*) FROM changes WHERE snapshot_id = ?", (snapshot_id,)).fetchone()[0]


def test_kill_9_at_random_points_leaves_the_database_consistent_and_the_change_is_reported_once(
    tmp_path: Path, server: TestServer
) -> None:
    rng = random.Random(9)
    state = {"round": 1}

    def news(_req: RecordedRequest) -> Reply:
        body = listing(8) if state["round"] == 1 else listing(8, start=1)
        return Reply(200, body, {"Content-Type": HTML}, delay=rng.uniform(0.05, 0.4))

    for ident in SOURCES:
        server.route(f"/{ident}", handler=news)
    (tmp_path / "sources.yaml").write_text("sources:\n" + "".join(
        source_yaml(i, server.url(f"/{i}"), "listing") for i in SOURCES), encoding="utf-8")
    (tmp_path / "watcher.yaml").write_text(settings_yaml(), encoding="utf-8")
    assert watcher(tmp_path, "check", "--no-alerts").returncode == 0
    state["round"] = 2
    command = [sys.executable, "-m", "watcher", "--sources", str(tmp_path / "sources.yaml"), "--config",
               str(tmp_path / "watcher.yaml"), "--db", f"sqlite:///{tmp_path / 'w.db'}", "check", "--no-alerts"]
    for _ in range(4):  # bounded: four kills at random points of the start-up, fetches and writes
        proc = subprocess.Popen(command, cwd=tmp_path, env=watcher_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 2.0))
        proc.kill()
        proc.wait(10)
        consistent(tmp_path / "w.db")
    final = watcher(tmp_path, "check", "--no-alerts", "--json")
    assert final.returncode == 0, final.stderr
    consistent(tmp_path / "w.db")
    with sqlite3.connect(tmp_path / "w.db") as conn:
        counts = conn.execute("SELECT source_id, type, count(*) FROM changes GROUP BY source_id, type").fetchall()
    assert sorted(counts) == sorted((i, t, 1) for i in SOURCES for t in ("added", "removed"))
    again = watcher(tmp_path, "check", "--no-alerts", "--json")
    assert again.stdout.count('"status": "unchanged"') == len(SOURCES)


def test_the_service_logs_and_retries_while_the_database_is_locked(tmp_path: Path, server: TestServer) -> None:
    server.route("/hook", "ok", content_type="text/plain")
    server.route("/page", handler=lambda _r: Reply(200, listing(8), {"Content-Type": HTML}))
    write_project(tmp_path, server, source_entry("news", server.url("/page"), "listing", "1s"))
    db = tmp_path / "w.db"
    with instances() as started:
        service = Instance(tmp_path, f"sqlite:///{db}")
        started.append(service)
        wait_for(lambda: service.checks("news"), 20, "the first check")
        locker = sqlite3.connect(db, isolation_level=None, timeout=15)
        locker.execute("BEGIN EXCLUSIVE")
        try:
            wait_for(lambda: any(e.get("level") in ("error", "ERROR") for e in service.lines()), 25,
                     "an error logged while the database is locked")
            assert service.proc.poll() is None  # still running
        finally:
            locker.execute("ROLLBACK")
            locker.close()
        seen = len(service.checks("news"))
        wait_for(lambda: len(service.checks("news")) > seen, 20, "checks again once the database is back")
        code, _ = service.stop()
    assert code == 0
    errors = [e for e in service.lines() if e.get("level") in ("error", "ERROR")]
    assert errors and all("Traceback" not in str(e) for e in errors)
    print("service errors:", {(e.get("msg"), str(e.get("error"))[:90]) for e in errors})
