"""`watcher run` as a real process on SQLite: scheduled checks, alerts, health, SIGTERM, restart, SIGHUP."""

from __future__ import annotations

import signal
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers import DemoPages
from tests.server import RecordedRequest, Reply, TestServer
from tests.service_support import (
    Instance,
    instances,
    source_entry,
    status,
    wait_for,
    webhook_posts,
    write_project,
)

pytestmark = pytest.mark.slow


def _when(text: str | None) -> datetime:
    assert text is not None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_service_checks_alerts_stops_and_restarts_without_duplicates(tmp_path: Path, server: TestServer) -> None:
    pages = DemoPages(server)
    server.route("/hook", "ok", content_type="text/plain")
    broken = {"on": True}

    def flaky(_req: RecordedRequest) -> Reply:
        if broken["on"]:
            return Reply(500, b"down", {"Content-Type": "text/plain"})
        return Reply(200, b"<html><head><title>Flaky</title></head><body><main><p>Works again, with a longer "
                          b"paragraph of text so that it is not an error page.</p></main></body></html>",
                     {"Content-Type": "text/html"})

    server.route("/flaky", handler=flaky)
    write_project(tmp_path, server,
                  source_entry("eu-news", server.url("/en/related-content?topic=119"), "listing", "2s")
                  + source_entry("fr", server.url("/api/v1/documents.json"), "json", "1h")
                  + source_entry("flaky", server.url("/flaky"), "html", "1s"))
    db = f"sqlite:///{tmp_path / 'w.db'}"
    with instances() as started:
        first = Instance(tmp_path, db)
        started.append(first)
        wait_for(lambda: len(first.checks("eu-news")) >= 2, 15, "two checks of eu-news")
        wait_for(lambda: first.checks("fr"), 12, "the first check of fr (spread over up to 10 s)")
        code, body = first.get("/healthz")
        assert code == 200 and '"database": "reachable"' in body
        code, metrics = first.get("/metrics")
        assert code == 200 and 'watcher_checks_total{source="eu-news",status="baseline"} 1' in metrics
        assert "watcher_check_duration_seconds_count" in metrics and 'watcher_alerts{channel="ops-hook"' in metrics

        pages.round = 2  # a new item: one change alert on the webhook
        wait_for(lambda: any(p.get("schema") == "watcher.change.v1" for p in webhook_posts(server)), 10,
                 "the change alert")
        wait_for(lambda: any(p.get("type") == "source-failing" for p in webhook_posts(server)), 10,
                 "the source-failing alert")
        assert status(tmp_path, db)["flaky"]["health"] == "failing"
        broken["on"] = False
        wait_for(lambda: any(p.get("type") == "source-recovered" for p in webhook_posts(server)), 10,
                 "the source-recovered alert")

        code, took = first.stop()
        assert code == 0, first.log.read_text()
        assert took < 10
        with sqlite3.connect(tmp_path / "w.db") as conn:  # consistent: no lease left behind, every source due
            rows = conn.execute("SELECT id, lease_owner, next_due FROM sources").fetchall()
        assert {r[0] for r in rows} == {"eu-news", "fr", "flaky"}
        assert all(owner is None and due is not None for _, owner, due in rows)

        before = status(tmp_path, db)
        assert before["fr"]["checks"] == 1  # baseline only: due in an hour
        time.sleep(1.2)  # eu-news and flaky fall due while the service is down
        restarted = time.monotonic()
        second = Instance(tmp_path, db, "b")
        started.append(second)
        wait_for(lambda: second.checks("eu-news") and second.checks("flaky"), 10, "the overdue sources")
        assert time.monotonic() - restarted < 6
        time.sleep(2.5)
        after = status(tmp_path, db)
        assert after["fr"]["checks"] == 1 and after["fr"]["next_due"] == before["fr"]["next_due"]
        assert _when(after["eu-news"]["next_due"]) > _when(before["eu-news"]["next_due"])
        assert second.stop()[0] == 0

    posts = webhook_posts(server)
    keys = [p["_key"] for p in posts]
    assert len(keys) == len(set(keys)), "an alert was delivered twice"
    assert [p.get("type") for p in posts if p.get("schema") == "watcher.source.v1"] == [
        "source-failing", "source-recovered"]
    assert len([p for p in posts if p.get("schema") == "watcher.change.v1"]) == 1


def test_reload_keeps_running_on_an_invalid_edit_and_a_slow_check_is_abandoned_on_sigterm(tmp_path: Path, server: TestServer) -> None:
    DemoPages(server)
    server.route("/hook", "ok", content_type="text/plain")
    server.route("/slow", handler=lambda _req: Reply(200, b"<html><body><p>late</p></body></html>",
                                                     {"Content-Type": "text/html"}, delay=20))
    first_source = source_entry("eu-news", server.url("/en/related-content?topic=119"), "listing", "1s")
    first_source += source_entry("slow", server.url("/slow"), "html", "1s")
    write_project(tmp_path, server, first_source)
    db = f"sqlite:///{tmp_path / 'w.db'}"
    with instances() as started:
        service = Instance(tmp_path, db)
        started.append(service)
        wait_for(lambda: service.checks("eu-news"), 10, "a first check")
        (tmp_path / "sources.yaml").write_text("sources:\n" + first_source + "  - {id: second, interval: 5x}\n")
        service.proc.send_signal(signal.SIGHUP)
        refused = wait_for(lambda: [e for e in service.lines() if e.get("msg", "").startswith("config not reloaded")],
                           5, "the refused reload")
        assert f"{tmp_path / 'sources.yaml'}:" in refused[0]["error"] and refused[0]["line"]
        seen = len(service.checks("eu-news"))
        wait_for(lambda: len(service.checks("eu-news")) > seen + 1, 10, "checks with the old config")
        assert service.proc.poll() is None

        (tmp_path / "sources.yaml").write_text(
            "sources:\n" + first_source + source_entry("fr", server.url("/api/v1/documents.json"), "json", "1h"))
        wait_for(lambda: service.checks("fr"), 10, "the added source, after the file changed")
        assert server.hits("/slow") and not service.checks("slow")  # still in flight, never held up the others
        code, took = service.stop()  # the slow check is abandoned after the grace period (5 s here)
        assert code == 0 and took < 10
        assert any(e.get("msg") == "check abandoned" and e.get("source") == "slow" for e in service.lines())
    with sqlite3.connect(tmp_path / "w.db") as conn:
        assert conn.execute("SELECT count(*) FROM sources WHERE lease_owner IS NOT NULL").fetchone() == (0,)
