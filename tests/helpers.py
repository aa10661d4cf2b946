"""Shared test helpers: write a sources file for a test server, run checks, serve the demo pages."""

from __future__ import annotations

import asyncio
from pathlib import Path

from watcher.storage.repository import Store

from tests.server import RecordedRequest, Reply, TestServer
from watcher.check import check_sources
from watcher.config import FetchSettings, HostLimits, SourceConfig, load_sources
from watcher.demo import ROUTES, render_page
from watcher.records import CheckResult

FAST = FetchSettings(hosts={"127.0.0.1": HostLimits(concurrency=4, delay=0)}, obey_robots=False, retries=1)


def write_sources(path: Path, entries: list[dict[str, object]]) -> list[SourceConfig]:
    lines = []
    for entry in entries:
        base = {"jurisdiction": "EU", "publisher": "test", "interval": "1h", "name": str(entry["id"])}
        base.update(entry)
        first = True
        for key, value in base.items():
            lines.append(f"{'- ' if first else '  '}{key}: {value}")
            first = False
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_sources(path)


def run_check(sources: list[SourceConfig], store: Store, settings: FetchSettings = FAST) -> dict[str, CheckResult]:
    results = asyncio.run(check_sources(sources, store, settings))
    return {r.source_id: r for r in results}


class DemoPages:
    """Serves the bundled demo pages on a TestServer; `round` switches between the two versions."""

    def __init__(self, server: TestServer) -> None:
        self.round = 1
        self.server = server
        for path, page in ROUTES.items():
            server.route(path, handler=self._handler(page))

    def _handler(self, page):  # type: ignore[no-untyped-def]
        def handle(_req: RecordedRequest) -> Reply:
            body = render_page(page, self.round, self.server.base)
            ctype = page.content_type + ("; charset=utf-8" if page.charset == "utf-8" else "")
            return Reply(200, body, {"Content-Type": ctype})

        return handle


DEMO_SOURCES: dict[str, dict[str, object]] = {
    "eu-news": {"kind": "listing", "path": "/en/related-content?topic=119"},
    "cac": {"kind": "listing", "path": "/zqyj/", "jurisdiction": "CN"},
    "nist": {"kind": "rss", "path": "/news-events/ai/rss.xml", "jurisdiction": "US"},
    "fr": {"kind": "json", "path": "/api/v1/documents.json", "jurisdiction": "US"},
    "hub": {"kind": "html", "path": "/en/policies/regulatory-framework-ai"},
}


def demo_sources(tmp_path: Path, server: TestServer, *ids: str) -> list[SourceConfig]:
    """Sources for the demo pages (DemoPages) on `server`: the named ones, in that order, or all five."""
    entries = []
    for ident in ids or tuple(DEMO_SOURCES):
        spec = dict(DEMO_SOURCES[ident])
        entries.append({"id": ident, **{k: v for k, v in spec.items() if k != "path"},
                        "url": server.url(str(spec["path"]))})
    return write_sources(tmp_path / "sources.yaml", entries)
