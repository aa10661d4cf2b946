"""Helpers of the service tests: `watcher run` as a real process, its status, a PostgreSQL database per test."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.server import TestServer

PG_ENV = "WATCHER_TEST_PG"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(condition: Callable[[], Any], timeout: float, what: str, step: float = 0.1) -> Any:
    end = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(step)


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHER_")}
    env.update(extra or {})
    return env


class Instance:
    """One `watcher run` process; its stderr (JSON log lines) goes to a file."""

    def __init__(self, project: Path, db: str, name: str = "a", env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.log = project / f"run-{name}-{uuid.uuid4().hex[:6]}.log"
        self._err = self.log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "watcher", "--sources", str(project / "sources.yaml"), "--config",
             str(project / "watcher.yaml"), "--db", db, "run", "--log-json", "--health-port", str(self.port)],
            cwd=project, env=environment(env), stdout=subprocess.DEVNULL, stderr=self._err,
        )

    def lines(self) -> list[dict[str, Any]]:
        out = []
        for raw in self.log.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                out.append(json.loads(raw))
            except ValueError:
                out.append({"msg": raw})
        return out

    def checks(self, source: str | None = None) -> list[dict[str, Any]]:
        return [e for e in self.lines() if e.get("msg") == "check" and source in (None, e.get("source"))]

    def get(self, path: str) -> tuple[int, str]:
        import httpx

        try:
            reply = httpx.get(f"http://127.0.0.1:{self.port}{path}", timeout=3)
        except httpx.HTTPError:
            return 0, ""
        return reply.status_code, reply.text

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 15) -> tuple[int, float]:
        """Send `sig`; returns (exit code, seconds until exit)."""
        started = time.monotonic()
        self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._err.close()
        return code, time.monotonic() - started

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._err.close()


@contextmanager
def instances() -> Iterator[list[Instance]]:
    started: list[Instance] = []
    try:
        yield started
    finally:
        for instance in started:
            instance.close()


def status(project: Path, db: str) -> dict[str, dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "watcher", "--sources", str(project / "sources.yaml"), "--db", db, "status", "--json"],
        cwd=project, env=environment(), capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return {s["id"]: s for s in json.loads(result.stdout)["sources"]}


def webhook_posts(server: TestServer, path: str = "/hook") -> list[dict[str, Any]]:
    return [json.loads(r.body) | {"_key": r.headers.get("idempotency-key")}
            for r in server.hits(path) if r.method == "POST"]


def write_project(project: Path, server: TestServer, sources: str, extra_settings: str = "") -> None:
    (project / "sources.yaml").write_text("sources:\n" + sources, encoding="utf-8")
    (project / "watcher.yaml").write_text(f"""\
fetch:
  obey_robots: false
  retries: 1
  hosts:
    127.0.0.1: {{concurrency: 8, delay: 0}}
channels:
  ops-hook: {{type: webhook, url: "{server.url('/hook')}"}}
subscriptions:
  - name: everything
    channels: [ops-hook]
operators: [ops-hook]
service:
  failing_after: 3
  dispatch_every: 0.3
  reload_poll: 0.5
  shutdown_grace: 5
{extra_settings}""", encoding="utf-8")


def source_entry(ident: str, url: str, kind: str, interval: str) -> str:
    return (f"  - {{id: {ident}, name: {ident}, url: \"{url}\", kind: {kind}, jurisdiction: EU, "
            f"publisher: test, interval: {interval}}}\n")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh database on the PostgreSQL server of $WATCHER_TEST_PG (dropped afterwards)."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL not available: set {PG_ENV} (the CI script .ci/run starts a server and sets it)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"watcher_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(base).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
