"""Versions that come and go: A/B flapping behind a load balancer, and truncated pages that are not removals."""

from __future__ import annotations

from pathlib import Path

from watcher.storage.repository import Store

from tests.helpers import run_check, write_sources
from tests.reliability_support import HTML, QUICK, listing, page
from tests.server import RecordedRequest, Reply, TestServer
from watcher.records import Document, Item
from watcher.truncation import TRUNCATED_ENDING, truncation_reason


class Balancer:
    """Two backends behind one address, answering in turn, or a fixed body when `only` is set."""

    def __init__(self, server: TestServer, path: str, a: bytes, b: bytes) -> None:
        self.bodies = (a, b)
        self.n = 0
        self.only: bytes | None = None
        server.route(path, handler=self._handle)

    def _handle(self, _req: RecordedRequest) -> Reply:
        body = self.only if self.only is not None else self.bodies[self.n % 2]
        self.n += 1
        return Reply(200, body, {"Content-Type": HTML})


def test_a_b_flapping_reports_the_difference_once_then_never_again(
    tmp_path: Path, server: TestServer, store: Store
) -> None:
    text = Balancer(server, "/hub", page("AI Act", "Applies from 2 August 2026."),
                    page("AI Act", "Applies from 2 August 2026.", "A stale copy on the second backend."))
    items = Balancer(server, "/news", listing(8), listing(8, start=1))
    sources = write_sources(tmp_path / "s.yaml", [{"id": "hub", "kind": "html", "url": server.url("/hub")},
                                                  {"id": "news", "kind": "listing", "url": server.url("/news")}])
    runs = [run_check(sources, store, QUICK) for _ in range(8)]
    for ident in ("hub", "news"):
        statuses = [r[ident].status for r in runs]
        assert statuses == ["baseline", "changed"] + ["unchanged"] * 6, (ident, statuses)
    assert len(store.list_changes(source_id="hub")) == 1
    assert len(store.list_changes(source_id="news")) == 2  # item 0 removed, item 8 added: once, not 4 times
    assert text.n == items.n == 8


def test_a_truncated_listing_is_refused_and_the_full_page_is_no_change(
    tmp_path: Path, server: TestServer, store: Store
) -> None:
    news = Balancer(server, "/news", listing(40), listing(40))
    sources = write_sources(tmp_path / "s.yaml", [{"id": "news", "kind": "listing", "url": server.url("/news")}])
    assert run_check(sources, store, QUICK)["news"].status == "baseline"
    news.only = listing(3)
    cut = run_check(sources, store, QUICK)["news"]
    assert cut.status == "failed"
    assert cut.error == f"the page came back with 3 of 40 items; {TRUNCATED_ENDING}"
    assert store.list_changes(source_id="news") == []
    news.only = None
    assert run_check(sources, store, QUICK)["news"].status == "unchanged"
    assert store.list_changes(source_id="news") == []
    assert len(store.recent_versions("news", 5)) == 1  # the stub never became a version


def test_a_listing_that_really_shrank_is_reported_once_on_the_second_sight(
    tmp_path: Path, server: TestServer, store: Store
) -> None:
    news = Balancer(server, "/news", listing(12), listing(12))
    sources = write_sources(tmp_path / "s.yaml", [{"id": "news", "kind": "listing", "url": server.url("/news")}])
    run_check(sources, store, QUICK)
    news.only = listing(3)
    statuses = [run_check(sources, store, QUICK)["news"] for _ in range(3)]
    assert [r.status for r in statuses] == ["failed", "changed", "unchanged"]
    assert statuses[0].error == f"the page came back with 3 of 12 items; {TRUNCATED_ENDING}"
    assert [c.type for c in statuses[1].changes] == ["removed"] * 9
    assert len(store.list_changes(source_id="news")) == 9


def test_a_text_document_cut_to_a_fraction_is_refused(tmp_path: Path, server: TestServer, store: Store) -> None:
    paragraphs = [f"Article {n}: providers of high-risk AI systems shall keep the logs for at least six months."
                  for n in range(1, 30)]
    body = {"now": page("Regulation", *paragraphs)}
    server.route("/act", handler=lambda _r: Reply(200, body["now"], {"Content-Type": HTML}))
    sources = write_sources(tmp_path / "s.yaml", [{"id": "act", "kind": "html", "url": server.url("/act")}])
    run_check(sources, store, QUICK)
    body["now"] = page("Regulation", *paragraphs[:3])
    cut = run_check(sources, store, QUICK)["act"]
    assert cut.status == "failed" and TRUNCATED_ENDING in (cut.error or "")
    assert "the document came back with" in (cut.error or "")
    body["now"] = page("Regulation", *paragraphs[:-1])  # an ordinary edit: one article less
    assert run_check(sources, store, QUICK)["act"].status == "changed"


def _items(n: int, start: int = 0) -> tuple[Item, ...]:
    return tuple(Item(key=f"k{i}", title=f"t{i}") for i in range(start, start + n))


def test_the_rule_leaves_ordinary_changes_alone() -> None:
    old = Document("", "1", items=_items(10))
    assert truncation_reason(old, Document("", "1", items=_items(5))) is None  # half kept
    assert truncation_reason(old, Document("", "1", items=_items(10, start=8))) is None  # a new batch
    assert truncation_reason(Document("", "1", items=_items(5)), Document("", "1", items=())) is None  # small
    assert truncation_reason(old, Document("", "1", items=_items(2))) is not None
    assert truncation_reason(Document("x" * 500, "1"), Document("y", "1")) is None  # short texts churn
