"""Alerts as a user meets them: `watcher check` processes (one killed mid-delivery), notify test, alerts."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.alert_support import SECRET, verify
from tests.helpers import DemoPages
from tests.server import RecordedRequest, Reply, TestServer
from tests.test_cli import watcher

CONFIG = """\
fetch:
  obey_robots: false
  hosts:
    127.0.0.1: {{concurrency: 4, delay: 0}}
channels:
  ops-hook: {{type: webhook, url: "{hook}", secret_env: WATCHER_TEST_HOOK_SECRET}}
  broken: {{type: webhook, url: "{broken}"}}
subscriptions:
  - name: everything
    channels: [ops-hook]
alerts:
  check_max_wait: 2s
"""


def project(tmp_path: Path, server: TestServer) -> list[str]:
    (tmp_path / "sources.yaml").write_text(f"""\
- id: eu-news
  name: EU AI news
  url: {server.url('/en/related-content?topic=119')}
  kind: listing
  jurisdiction: EU
  publisher: European Commission
  interval: 4h
- id: nist
  name: NIST AI news
  url: {server.url('/news-events/ai/rss.xml')}
  kind: rss
  jurisdiction: US
  publisher: NIST
  interval: 2h
""", encoding="utf-8")
    (tmp_path / "watcher.yaml").write_text(
        CONFIG.format(hook=server.url("/hook"), broken=server.url("/broken")), encoding="utf-8")
    return ["--db", f"sqlite:///{tmp_path / 'w.db'}", "--config", str(tmp_path / "watcher.yaml")]


ENV = {"WATCHER_TEST_HOOK_SECRET": SECRET}


@pytest.mark.slow
def test_a_check_killed_before_the_channel_accepted_delivers_once_after_restart(tmp_path, server) -> None:  # type: ignore[no-untyped-def]
    pages = DemoPages(server)
    args = project(tmp_path, server)
    arrived, release = threading.Event(), threading.Event()
    accepted: list[str] = []

    def receive(req: RecordedRequest) -> Reply:
        assert verify(req.headers["x-watcher-signature"], req.body)
        if not arrived.is_set():  # the first delivery hangs until the test has killed the sender
            arrived.set()
            release.wait(30)
            return Reply(503)
        accepted.append(req.headers["idempotency-key"])
        return Reply(200)

    server.route("/hook", handler=receive)
    assert watcher(*args, "check", cwd=tmp_path, env=ENV).returncode == 0  # baseline: nothing to send
    pages.round = 2
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHER_")} | ENV
    proc = subprocess.Popen([sys.executable, "-m", "watcher", *args, "check"], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert arrived.wait(60), "the check never tried to deliver"
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    finally:
        release.set()
    stored = json.loads(watcher(*args, "alerts", "--json", cwd=tmp_path).stdout)["alerts"]
    assert stored and {a["status"] for a in stored} == {"pending"}

    again = watcher(*args, "check", cwd=tmp_path, env=ENV)  # pages unchanged: only the pending alerts go
    assert again.returncode == 0, again.stderr
    assert f"pending alerts: {len(stored)} alerts delivered" in again.stderr
    assert sorted(accepted) == sorted(a["id"] for a in stored)
    third = watcher(*args, "check", cwd=tmp_path, env=ENV)
    assert third.returncode == 0 and "delivered" not in third.stderr
    assert len(accepted) == len(stored)
    final = json.loads(watcher(*args, "alerts", "--json", cwd=tmp_path).stdout)["alerts"]
    assert {a["status"] for a in final} == {"delivered"}


def test_check_sends_new_changes_and_no_alerts_skips_them(tmp_path, server) -> None:  # type: ignore[no-untyped-def]
    pages = DemoPages(server)
    args = project(tmp_path, server)
    server.route("/hook", body=b"ok")
    assert watcher(*args, "check", cwd=tmp_path, env=ENV).returncode == 0
    pages.round = 2
    quiet = watcher(*args, "check", "--no-alerts", "--json", cwd=tmp_path, env=ENV)
    assert quiet.returncode == 0 and server.hits("/hook") == []
    assert json.loads(watcher(*args, "alerts", "--json", cwd=tmp_path).stdout) == {"alerts": []}
    assert any(s["changes"] for s in json.loads(quiet.stdout)["sources"])


def test_notify_test_alerts_listing_and_retry(tmp_path, server) -> None:  # type: ignore[no-untyped-def]
    args = project(tmp_path, server)
    server.route("/hook", body=b"ok")
    server.route("/broken", status=404, body=b"no hook here")
    one = watcher(*args, "notify", "test", "ops-hook", cwd=tmp_path, env=ENV)
    assert one.returncode == 0 and one.stdout.strip() == "ops-hook: ok (HTTP 200)"
    assert json.loads(server.hits("/hook")[0].body)["schema"] == "watcher.test.v1"
    both = watcher(*args, "notify", "test", cwd=tmp_path, env=ENV)
    assert both.returncode == 1
    assert "broken: FAILED: 127.0.0.1 answered HTTP 404: no hook here" in both.stdout
    assert "ops-hook: ok" in both.stdout
    unknown = watcher(*args, "notify", "test", "nope", cwd=tmp_path, env=ENV)
    assert unknown.returncode == 2 and "no channel named nope" in unknown.stderr

    listing = watcher(*args, "notifiers", cwd=tmp_path)
    assert listing.returncode == 0
    for text in ("email", "webhook", "apprise", "secret_env", "username_env", "from:"):
        assert text in listing.stdout
    assert watcher(*args, "alerts", cwd=tmp_path).stdout.strip() == "no alerts yet"
    assert watcher(*args, "alerts", "--failed", cwd=tmp_path).stdout.strip() == "no alerts match"
    missing = watcher(*args, "alerts", "retry", "99", cwd=tmp_path)
    assert missing.returncode == 2 and "no alert 99" in missing.stderr
