"""`watcher demo`: the whole pipeline offline, on bundled page shapes served from 127.0.0.1.

The pages are served twice: the second round adds an item to each listing, feed and API, and edits a
paragraph of a document page, so a new user sees a baseline, then exactly what changed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from watcher.check import check_sources
from watcher.config import FetchSettings, HostLimits, SourceConfig, load_sources
from watcher.progress import CheckProgress
from watcher.records import CheckResult
from watcher.render import check_json, console, print_change, print_check_summary

if TYPE_CHECKING:
    from watcher.storage.repository import Store


@dataclass(frozen=True)
class Page:
    file: str
    content_type: str
    charset: str = "utf-8"  # the bytes on the wire; GBK pages are served as GBK as on the real site


ROUTES: dict[str, Page] = {
    "/en/related-content?topic=119": Page("eu-ai-news.html", "text/html"),
    "/en/library/consultation-guidelines-high-risk-classification": Page("consultation-high-risk.html", "text/html"),
    "/en/policies/regulatory-framework-ai": Page("ai-act-hub.html", "text/html"),
    "/zqyj/": Page("cac-drafts.html", "text/html", "gbk"),
    "/2026-11/24/c_1764000000000001.htm": Page("cac-labeling-draft.html", "text/html", "gbk"),
    "/news-events/ai/rss.xml": Page("nist-news.xml", "application/rss+xml"),
    "/news-events/news/2026/11/nist-releases-draft-profile-ai-agent-security": Page(
        "nist-agent-profile.html", "text/html"
    ),
    "/api/v1/documents.json": Page("federal-register.json", "application/json"),
    "/documents/2026/11/24/2026-23817/request-for-information-on-evaluating-artificial-intelligence-agents": Page(
        "fr-rfi-agents.html", "text/html"
    ),
}

SOURCES = """\
# The demo's sources: the same format as sources.yaml, pointed at the local demo server.
- id: demo-eu-ai-news
  name: Commission AI related content (demo)
  url: {base}/en/related-content?topic=119
  kind: listing
  jurisdiction: EU
  publisher: European Commission
  interval: 4h
- id: demo-eu-ai-act-hub
  name: AI Act policy page (demo)
  url: {base}/en/policies/regulatory-framework-ai
  kind: html
  selector: main
  jurisdiction: EU
  publisher: European Commission
  interval: 1d
  instruments: [eu-ai-act]
- id: demo-cac-drafts
  name: CAC drafts for comment (demo, GBK)
  url: {base}/zqyj/
  kind: listing
  jurisdiction: CN
  publisher: Cyberspace Administration of China
  interval: 12h
- id: demo-nist-ai-news
  name: NIST AI news feed (demo)
  url: {base}/news-events/ai/rss.xml
  kind: rss
  jurisdiction: US
  publisher: NIST
  interval: 2h
- id: demo-federal-register-ai
  name: Federal Register AI documents (demo)
  url: {base}/api/v1/documents.json
  kind: json
  path: results
  jurisdiction: US
  publisher: Federal Register
  interval: 6h
"""


def select_version(text: str, version: int) -> str:
    """One version of a two-version page: lines between `#demo:old` and `#demo:end` belong to version 1,
    lines between `#demo:new` and `#demo:end` to version 2, all other lines to both."""
    keep, out = True, []
    for line in text.splitlines():
        marker = line.strip()
        if marker in ("#demo:new", "#demo:old"):
            keep = (marker == "#demo:new") == (version == 2)
            continue
        if marker == "#demo:end":
            keep = True
            continue
        if keep:
            out.append(line)
    return "\n".join(out) + "\n"


def render_page(page: Page, round_no: int, base: str) -> bytes:
    """The page as served in round 1 or 2."""
    text = files("watcher.data").joinpath("demo", page.file).read_text(encoding="utf-8")
    return select_version(text, round_no).replace("{{base}}", base).encode(page.charset)


class DemoServer:
    """A small loopback server with ETag validators, so the demo also shows 304s."""

    def __init__(self) -> None:
        self.round = 1
        demo = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                page = ROUTES.get(self.path)
                if page is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = render_page(page, demo.round, demo.base)
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                charset = "" if page.charset != "utf-8" else "; charset=utf-8"
                self.send_header("Content-Type", page.content_type + charset)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @contextmanager
    def running(self) -> Iterator[DemoServer]:
        thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._httpd.shutdown()
            self._httpd.server_close()


def alert_preview(store: Store, sources: list[SourceConfig], results: list[CheckResult]) -> str:
    from watcher.alerts.render import SourceInfo, preview
    from watcher.analysis import default_registry

    views = [v for r in results for c in r.changes if (v := store.get_change(c.id)) is not None]
    infos = {s.id: SourceInfo(s.id, s.name, s.jurisdiction, s.url) for s in sources}
    return preview(views, infos, default_registry())


def run_demo(*, json_output: bool = False) -> int:
    from watcher.storage.repository import Store

    out = console(sys.stderr if json_output else sys.stdout)
    settings = FetchSettings(hosts={"127.0.0.1": HostLimits(concurrency=4, delay=0)}, obey_robots=False)
    rounds: list[list[CheckResult]] = []
    with tempfile.TemporaryDirectory(prefix="watcher-demo-") as tmp, DemoServer().running() as server:
        path = Path(tmp) / "sources.yaml"
        path.write_text(SOURCES.format(base=server.base), encoding="utf-8")
        sources = load_sources(path)
        store = Store.open(f"sqlite:///{Path(tmp) / 'demo.db'}")
        try:
            for round_no in (1, 2):
                server.round = round_no
                out.rule(f"check {round_no}: " + ("first look, every source becomes a baseline" if round_no == 1
                                                  else "the pages changed in between"))
                with CheckProgress(len(sources), quiet=json_output) as progress:
                    results = asyncio.run(check_sources(sources, store, settings, progress))
                rounds.append(results)
                if not json_output:
                    print_check_summary(out, results)
            if not json_output:
                out.rule("what changed, in detail")
                for result in rounds[1]:
                    for change in result.changes:
                        view = store.get_change(change.id)
                        if view is not None:
                            print_change(out, view)
                            out.print()
                out.rule("the alert a subscription would get for one change (not sent)")
                out.print(alert_preview(store, sources, rounds[1]), markup=False, highlight=False)
        finally:
            store.close()
    if json_output:
        print(json.dumps({"rounds": [check_json(r) for r in rounds]}, ensure_ascii=False, indent=2))
    failed = any(r.status == "failed" for results in rounds for r in results)
    return 1 if failed else 0
