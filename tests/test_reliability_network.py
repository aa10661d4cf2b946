"""Network faults as a user of `watcher check` sees them: each source `failed` with its own sentence, nothing stored,
the healthy source beside it unaffected; Retry-After honoured within the budget and remembered beyond it."""

from __future__ import annotations

import re
import time
from pathlib import Path

from watcher.storage.repository import Store

from tests.helpers import run_check, write_sources
from tests.reliability_support import (
    HTML,
    QUICK,
    RawServer,
    alternating,
    free_port,
    page,
    reset_mid_body,
    stalled,
    tls_server,
    trickle,
    unaccepting_listener,
)
from tests.server import Reply, TestServer

GOOD = page("Guidelines on AI literacy", "The AI Office publishes its guidelines on AI literacy obligations.")


def test_every_network_fault_is_one_sentence_and_the_good_source_is_unaffected(
    tmp_path: Path, server: TestServer, store: Store
) -> None:
    server.route("/good", GOOD, content_type=HTML)
    server.route("/slow-headers", handler=lambda _r: Reply(200, GOOD, {"Content-Type": HTML}, delay=6))
    server.route("/trickle", handler=lambda _r: trickle(30))
    server.route("/stalled", handler=lambda _r: stalled(30))
    server.route("/loop-a", status=302, headers={"Location": "/loop-b"})
    server.route("/loop-b", status=302, headers={"Location": "/loop-a"})
    server.route("/to-file", status=301, headers={"Location": "file:///etc/passwd"})
    server.route("/to-ftp", status=302, headers={"Location": "ftp://127.0.0.1/pub/ai.txt"})
    with RawServer(reset_mid_body) as reset, unaccepting_listener() as hung, tls_server(tmp_path) as tls:
        entries: list[dict[str, object]] = [
            {"id": "good", "url": server.url("/good")},
            {"id": "refused", "url": f"http://127.0.0.1:{free_port()}/"},
            {"id": "dns", "url": "http://nonexistent.invalid/ai-act"},
            {"id": "connect-timeout", "url": f"http://127.0.0.1:{hung}/"},
            {"id": "read-timeout", "url": server.url("/slow-headers")},
            {"id": "trickle", "url": server.url("/trickle"), "budget": "4s"},
            {"id": "stalled", "url": server.url("/stalled")},
            {"id": "reset", "url": reset.url("/page")},
            {"id": "tls", "url": tls.url("/").replace("http://", "https://")},
            {"id": "loop", "url": server.url("/loop-a")},
            {"id": "to-file", "url": server.url("/to-file")},
            {"id": "to-ftp", "url": server.url("/to-ftp")},
        ]
        sources = write_sources(tmp_path / "s.yaml", [{"kind": "html", "budget": "8s", **e} for e in entries])
        started = time.monotonic()
        results = run_check(sources, store, QUICK)
        elapsed = time.monotonic() - started
    assert results["good"].status == "baseline"
    expected = {
        "refused": "127.0.0.1 refused the connection",
        "dns": "the host name nonexistent.invalid was not found (DNS)",
        "connect-timeout": "connecting to 127.0.0.1 timed out",
        "read-timeout": "accepted the connection but sent no answer within 2 s",
        "trickle": "the time budget ran out after ",
        "stalled": "127.0.0.1 stopped sending data (read timeout)",
        "reset": "reset the connection",
        "tls": "the TLS certificate of 127.0.0.1 could not be verified",
        "loop": "redirect loop",
        "to-file": "redirected to a file URL",
        "to-ftp": "redirected to a ftp URL",
    }
    sentences = {k: results[k].error or "" for k in expected}
    for ident, words in expected.items():
        assert results[ident].status == "failed", ident
        assert words in sentences[ident], (ident, sentences[ident])
        assert "\n" not in sentences[ident] and "Traceback" not in sentences[ident]
        assert store.recent_versions(ident, 5) == []  # nothing half-stored
    assert len(set(sentences.values())) == len(sentences)  # each names its own cause
    spent = re.search(r"ran out after ([\d.]+) s", sentences["trickle"])
    assert spent is not None and 3.0 <= float(spent.group(1)) <= 6.0  # its 4 s budget, less its wait for a turn
    assert elapsed < 12  # all concurrently, each within its own budget (trickle: 4 s)
    assert len(server.hits("/loop-a")) <= 3 and len(server.hits("/loop-b")) <= 3  # the loop is cut short


def test_retry_after_is_honoured_within_the_budget_and_remembered_beyond_it(
    tmp_path: Path, server: TestServer, store: Store
) -> None:
    busy = Reply(429, b"slow down", {"Content-Type": "text/plain", "Retry-After": "1"})
    down = Reply(503, b"maintenance", {"Content-Type": "text/plain", "Retry-After": "1"})
    ok = Reply(200, GOOD, {"Content-Type": HTML})
    server.route("/busy-once", handler=alternating(busy, ok))
    server.route("/down-once", handler=alternating(down, ok))
    server.route("/busy-long", "slow down", status=429, headers={"Retry-After": "3600"}, content_type="text/plain")
    server.route("/down-long", "maintenance", status=503, headers={"Retry-After": "86400"},
                 content_type="text/plain")
    sources = write_sources(tmp_path / "s.yaml", [
        {"id": i, "kind": "html", "url": server.url(f"/{i}"), "budget": "10s"}
        for i in ("busy-once", "down-once", "busy-long", "down-long")
    ])
    first = run_check(sources, store, QUICK)
    assert first["busy-once"].status == first["down-once"].status == "baseline"
    waited = [b.at - a.at for a, b in (server.hits("/busy-once"), server.hits("/down-once"))]
    assert all(0.9 <= w < 3 for w in waited)  # the server's second, not our own backoff
    for ident in ("busy-long", "down-long"):
        result = first[ident]
        assert result.status == "failed" and result.retry_after is not None
        assert result.duration_ms < 3000  # an hour's wait is not slept through
        assert "asked" in (result.error or "") or "come back" in (result.error or ""), result.error
    again = run_check(sources, store, QUICK)
    for ident in ("busy-long", "down-long"):
        assert again[ident].status == "failed" and "wait until" in (again[ident].error or "")
        assert len(server.hits(f"/{ident}")) == 1  # not asked again before the time the server gave


def test_a_burst_of_server_errors_is_retried_with_backoff_and_a_lasting_one_is_reported(
    tmp_path: Path, server: TestServer, store: Store
) -> None:
    errors = [Reply(status, b"error", {"Content-Type": "text/plain"}) for status in (500, 502, 504)]
    server.route("/burst", handler=alternating(*errors, Reply(200, GOOD, {"Content-Type": HTML})))
    server.route("/broken", "error", status=502, content_type="text/plain")
    sources = write_sources(tmp_path / "s.yaml", [
        {"id": "burst", "kind": "html", "url": server.url("/burst"), "budget": "15s"},
        {"id": "broken", "kind": "html", "url": server.url("/broken"), "budget": "15s"},
    ])
    results = run_check(sources, store, QUICK.model_copy(update={"retries": 3}))
    assert results["burst"].status == "baseline"
    assert len(server.hits("/burst")) == 4
    assert results["broken"].status == "failed" and "502" in (results["broken"].error or "")
    assert len(server.hits("/broken")) == 4  # 1 + 3 retries, then it stops
    assert store.recent_versions("broken", 5) == []
