"""Version bookkeeping of a check: extractor upgrades re-baseline silently; noise and reordering stay quiet."""

from __future__ import annotations

from tests.helpers import DemoPages, run_check, write_sources
from tests.server import Reply
from watcher.kinds.listing import ListingKind


def test_new_extractor_version_rebaselines_without_reporting_changes(tmp_path, server, store, monkeypatch):
    pages = DemoPages(server)
    sources = write_sources(tmp_path / "s.yaml", [
        {"id": "eu-news", "kind": "listing", "url": server.url("/en/related-content?topic=119")}])
    assert run_check(sources, store)["eu-news"].status == "baseline"

    monkeypatch.setattr(ListingKind, "version", "99")
    pages.round = 2  # the page changed AND the extractor changed: no alert flood, a silent new baseline
    result = run_check(sources, store)["eu-news"]
    assert result.status == "unchanged" and result.changes == ()
    assert "re-baselined" in " ".join(result.notes)
    assert store.recent_versions("eu-news", 1)[0].extractor_version == "99"
    assert run_check(sources, store)["eu-news"].status == "unchanged"


def test_reordered_listing_and_rotating_footer_are_not_changes(tmp_path, server, store):
    items = [f'<li><a href="/doc/{i}">Draft implementing act number {i}</a> <span>0{i}-11-2026</span></li>'
             for i in range(1, 5)]
    state = {"order": items, "stamp": "visitors 1000"}

    def page(_req):  # type: ignore[no-untyped-def]
        body = ("<html><body><main><ul class='list'>" + "".join(state["order"]) + "</ul></main>"
                f"<footer>{state['stamp']}</footer></body></html>")
        return Reply(200, body.encode(), {"Content-Type": "text/html; charset=utf-8"})

    server.route("/list", handler=page)
    sources = write_sources(tmp_path / "s.yaml", [{"id": "l", "kind": "listing", "url": server.url("/list")}])
    assert run_check(sources, store)["l"].status == "baseline"
    state["order"] = list(reversed(items))
    state["stamp"] = "visitors 1001"
    assert run_check(sources, store)["l"].status == "unchanged"

    state["order"] = [items[0].replace("number 1", "number 1 (corrected)"), *items[1:]]
    changed = run_check(sources, store)["l"]
    assert [(c.type, c.title) for c in changed.changes] == [("modified", "Draft implementing act number 1 (corrected)")]
