"""The one-shot limit: `watcher check` of 16 sources, most of them hostile, one per loopback address.

It ends within the per-source budget (not the sum of the faults), stays under a few hundred MB, names each
hostile source's cause in its own sentence, stores the healthy ones as baselines, and exits 1.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.reliability_support import (
    HTML,
    gzip_bomb,
    listing,
    page,
    settings_yaml,
    source_yaml,
    stalled,
    trickle,
    watcher_env,
)
from tests.server import RecordedRequest, Reply, TestServer

BUDGET = int(os.environ.get("WATCHER_TEST_BUDGET", "8"))  # seconds per source; the default is 60, the bound scales with it
FEED = (b"<?xml version='1.0'?><rss version='2.0'><channel><title>AI</title><item><title>NIST opens a comment "
        b"period on AI agent security</title><link>http://x.test/1</link></item></channel></rss>")
XXE = (b"<?xml version='1.0'?><!DOCTYPE r [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]><rss version='2.0'>"
       b"<channel><item><title>&xxe;</title></item></channel></rss>")
GBK = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'><title>征求意见</title>"
       "</head><body><main><h1>关于《人工智能生成合成内容标识办法》公开征求意见的通知</h1><p>为规范人工智能生成合成内容标识，"
       "国家互联网信息办公室起草了本办法，现向社会公开征求意见。</p></main></body></html>").encode("gbk")

# id: (kind, the answer (made afresh per request when streamed), words of its sentence; None when healthy)
CASES: dict[str, tuple[str, Reply | Callable[[], Reply], str | None]] = {
    "good1": ("html", Reply(200, page("AI literacy", "The AI Office publishes guidelines on AI literacy for "
                                      "providers and deployers of AI systems."), {"Content-Type": HTML}), None),
    "good2": ("listing", Reply(200, listing(8), {"Content-Type": HTML}), None),
    "good3": ("rss", Reply(200, FEED, {"Content-Type": "application/rss+xml"}), None),
    "gbk": ("html", Reply(200, GBK, {"Content-Type": "text/html"}), None),
    "bomb": ("html", Reply(200, gzip_bomb(200), {"Content-Type": HTML, "Content-Encoding": "gzip"}),
             "gzip-compressed body expands past the 25 MB limit"),
    "huge": ("html", lambda: Reply(200, (b"<p>" + b"x" * 1048573 for _ in range(300)), {"Content-Type": HTML}),
             "body larger than the 25 MB limit"),
    "trickle": ("html", lambda: trickle(120), "the time budget ran out"),
    # a stall ends at the read timeout (30 s) when the budget is longer, else at the budget
    "stalled": ("html", lambda: stalled(120), "stopped sending data" if BUDGET > 30 else "the time budget ran out"),
    "loop": ("html", Reply(302, b"", {"Location": "/"}), "redirect loop"),
    "ratelimit": ("html", Reply(429, b"slow down", {"Retry-After": "3600"}), "429"),
    "unavailable": ("html", Reply(503, b"maintenance", {"Content-Type": "text/plain"}), "503"),
    "captcha": ("html", Reply(200, b"<html><head><title>Access denied</title></head><body><h1>Please verify you "
                                   b"are human</h1></body></html>", {"Content-Type": HTML}), "error page"),
    "xxe": ("rss", Reply(200, XXE, {"Content-Type": "application/rss+xml"}), "entit"),
    "notjson": ("json", Reply(200, b'{"results": [1, 2,', {"Content-Type": "application/json"}), "JSON"),
    "binary": ("pdf", Reply(200, random.Random(6).randbytes(150_000), {"Content-Type": "application/pdf"}),
               "not a PDF"),
    "missing": ("html", Reply(404, b"not found", {"Content-Type": "text/plain"}), "404"),
}


def _answering(reply: Reply | Callable[[], Reply]) -> Callable[[RecordedRequest], Reply]:
    return lambda _req: reply() if callable(reply) else reply


@pytest.fixture
def hostile_servers() -> Iterator[dict[str, TestServer]]:
    servers: dict[str, TestServer] = {}
    try:
        for n, (ident, (_kind, reply, _words)) in enumerate(CASES.items(), start=1):
            srv = TestServer(f"127.0.0.{n}").start()
            srv.route("/", handler=_answering(reply))
            servers[ident] = srv
        yield servers
    finally:
        for srv in servers.values():
            srv.stop()


# A small launcher waits for watcher and reports its peak RSS: measured from the test process itself, the
# child's figure would start at the parent's own high-water mark (Linux carries it over at fork and exec).
LAUNCHER = """import os, subprocess, sys
with open(sys.argv[1], "wb") as out:
    child = subprocess.Popen(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_measured(project: Path, *args: str) -> tuple[int, str, float, float]:
    """Run watcher in `project`; (exit code, stdout, wall seconds, peak RSS in MB) of that one process."""
    out = project / "out.json"
    started = time.monotonic()
    report = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(out), sys.executable, "-m", "watcher", "--sources",
         str(project / "sources.yaml"), "--config", str(project / "watcher.yaml"), "--db",
         f"sqlite:///{project / 'w.db'}", *args],
        cwd=project, env=watcher_env(), capture_output=True, text=True, timeout=120, check=True)
    wall = time.monotonic() - started
    rss_kb, code = (int(v) for v in report.stdout.split())
    return code, out.read_text(encoding="utf-8"), wall, rss_kb / 1024


@pytest.mark.slow
def test_sixteen_sources_mostly_hostile_end_within_the_budget_and_memory(
    tmp_path: Path, hostile_servers: dict[str, TestServer]
) -> None:
    (tmp_path / "sources.yaml").write_text("sources:\n" + "".join(
        source_yaml(ident, srv.url("/"), CASES[ident][0], budget=f"{BUDGET}s")
        for ident, srv in hostile_servers.items()), encoding="utf-8")
    (tmp_path / "watcher.yaml").write_text(settings_yaml(retries=3), encoding="utf-8")
    code, out, wall, rss = run_measured(tmp_path, "check", "--json", "--no-alerts")
    print(f"16-source check: {wall:.1f} s wall, {rss:.0f} MB peak RSS, exit {code}")
    results = {s["id"]: s for s in json.loads(out)["sources"]}
    assert code == 1
    assert wall < BUDGET + 7  # the slowest source's budget plus start-up, not a sum over sources
    assert rss < 250  # a few hundred MB at most; the peers took 1.4-4.5 GB here
    sentences = []
    for ident, (_kind, _reply, words) in CASES.items():
        result = results[ident]
        if words is None:
            assert result["status"] == "baseline", (ident, result)
            continue
        assert result["status"] == "failed", (ident, result)
        assert words in result["error"], (ident, result["error"])
        sentences.append(result["error"])
    assert len(set(sentences)) == len(sentences)  # each its own sentence
    assert len(hostile_servers["loop"].requests) <= 3
    assert len(hostile_servers["ratelimit"].requests) == 1
