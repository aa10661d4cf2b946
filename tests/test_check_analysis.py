"""Every stored change carries its analysis: real loopback server, real SQLite, the demo pages."""

from __future__ import annotations

import asyncio
from datetime import date

from watcher.storage.repository import Store

from tests.helpers import FAST, DemoPages, demo_sources, run_check, write_sources
from tests.server import Reply
from watcher.analysis import Registry
from watcher.check import check_sources
from watcher.records import Analysis, DateMention, InstrumentTag

CAC_LABELING = "cn-ai-generated-content-labeling-measures"
EU_DOC = "/en/library/consultation-guidelines-high-risk-classification"



def roles(analysis: Analysis | None) -> set[tuple[str, str]]:
    assert analysis is not None
    return {(d.date, d.role) for d in analysis.dates}


def ids(analysis: Analysis | None) -> set[str]:
    assert analysis is not None
    return {t.id for t in analysis.instruments}


def test_new_items_are_tagged_classified_and_dated_from_their_linked_documents(tmp_path, server, store):
    pages = DemoPages(server)
    sources = demo_sources(tmp_path, server, "eu-news", "cac", "hub")
    run_check(sources, store)
    pages.round = 2
    second = run_check(sources, store)

    eu = second["eu-news"].changes[0]
    assert eu.analysis is not None and "eu-ai-act" in ids(eu.analysis)
    assert eu.analysis.kind == "consultation"
    assert ("2027-01-19", "comments-due") in roles(eu.analysis)
    assert all(t.evidence for t in eu.analysis.instruments)

    cac = second["cac"].changes[0]
    assert cac.analysis is not None and CAC_LABELING in ids(cac.analysis)
    assert cac.analysis.kind == "consultation"
    assert ("2026-12-24", "comments-due") in roles(cac.analysis)

    hub = second["hub"].changes[0]  # an edited page: the dates of the edited lines
    assert ("2027-12-02", "applies-from") in roles(hub.analysis)

    # what was stored reads back the same, one change or many
    stored = store.get_change(eu.id)
    assert stored is not None and stored.analysis == eu.analysis
    listed = {v.id: v for v in store.list_changes()}
    assert listed[cac.id].analysis == cac.analysis
    assert [v.id for v in store.list_changes(instrument=CAC_LABELING)] == [cac.id]
    assert {v.id for v in store.list_changes(kind="consultation")} >= {eu.id, cac.id}
    assert store.list_changes(instrument="no-such-instrument") == []

    upcoming = store.upcoming_dates(start=date(2026, 1, 1), end=date(2027, 12, 31), instrument="eu-ai-act")
    assert any(u.change_id == eu.id and u.mention.date == "2027-01-19" and u.mention.role == "comments-due"
               and "eu-ai-act" in u.instruments for u in upcoming)
    assert all(u.mention.date <= "2027-12-31" for u in upcoming)
    assert upcoming == sorted(upcoming, key=lambda u: u.mention.date)


def test_a_linked_document_that_arrives_later_updates_the_analysis(tmp_path, server, store):
    pages = DemoPages(server)
    sources = demo_sources(tmp_path, server, "eu-news")
    original = server.routes[EU_DOC]
    server.route(EU_DOC, handler=lambda req: Reply(503, b"down", {"Content-Type": "text/plain"}))
    run_check(sources, store)
    pages.round = 2
    change = run_check(sources, store)["eu-news"].changes[0]
    assert "2024/1689" not in " ".join(t.evidence for t in change.analysis.instruments)  # type: ignore[union-attr]

    server.routes[EU_DOC] = original
    assert run_check(sources, store)["eu-news"].status == "unchanged"
    again = store.get_change(change.id)
    assert again is not None and again.analysis is not None and again.analysis != change.analysis
    assert "eu-ai-act" in ids(again.analysis) and ("2027-01-19", "comments-due") in roles(again.analysis)
    assert ("2026-11-24", "published") in roles(again.analysis)  # "Publication 24 November 2026", in the document


def test_set_analysis_replaces_what_was_stored(tmp_path, server, store):
    pages = DemoPages(server)
    sources = demo_sources(tmp_path, server, "eu-news")
    run_check(sources, store)
    pages.round = 2
    change = run_check(sources, store)["eu-news"].changes[0]
    replacement = Analysis((InstrumentTag("nist-ai-rmf", 0.5, "AI RMF"),), "news",
                           (DateMention("2030-01-01", "deadline", "by 1 January 2030"),), "news: nist-ai-rmf")
    store.set_analysis(change.id, replacement)
    stored = store.get_change(change.id)
    assert stored is not None and stored.analysis == replacement


def test_user_instrument_from_the_registry_is_tagged(tmp_path, server, store):
    pages = DemoPages(server)
    sources = demo_sources(tmp_path, server, "cac")
    registry = Registry.load(extra=[{
        "id": "demo-labeling-revision", "jurisdiction": "CN", "type": "regulation",
        "names": {"zh-Hans": "修订草案征求意见稿"}, "aliases": ["标识办法（修订草案征求意见稿）"],
    }])
    asyncio.run(check_sources(sources, store, FAST, registry=registry))
    pages.round = 2
    results = asyncio.run(check_sources(sources, store, FAST, registry=registry))
    assert "demo-labeling-revision" in ids(results[0].changes[0].analysis)


def test_edit_of_a_page_dedicated_to_an_instrument_is_tagged_with_it(tmp_path, server):

    from tests.helpers import DemoPages, run_check

    pages = DemoPages(server)
    sources = write_sources(tmp_path / "s.yaml", [
        {"id": "hub", "kind": "html", "url": server.url("/en/policies/regulatory-framework-ai"),
         "instruments": "[eu-ai-act]"}])
    store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        run_check(sources, store)
        pages.round = 2
        change = run_check(sources, store)["hub"].changes[0]
        view = store.get_change(change.id)
    finally:
        store.close()
    assert view is not None and view.analysis is not None
    # the edited words do not name the act: it comes from the page (its headline, its config), so it is not certain
    assert [t.id for t in view.analysis.instruments] == ["eu-ai-act"]
    assert 0.5 <= view.analysis.instruments[0].confidence <= 0.6
