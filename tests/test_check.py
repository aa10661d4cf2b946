"""End to end: a real loopback server, real SQLite, the whole fetch -> extract -> snapshot -> diff path."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import FAST, DemoPages, demo_sources, run_check, write_sources
from tests.server import Reply


def test_first_check_is_a_baseline_and_second_reports_exactly_the_new_items(tmp_path, server, store):
    pages = DemoPages(server)
    sources = demo_sources(tmp_path, server)

    first = run_check(sources, store)
    assert {r.status for r in first.values()} == {"baseline"}
    assert all(not r.changes for r in first.values())

    again = run_check(sources, store)
    assert {r.status for r in again.values()} == {"unchanged"}

    pages.round = 2
    second = run_check(sources, store)
    assert {k: r.status for k, r in second.items()} == dict.fromkeys(second, "changed")

    eu = second["eu-news"].changes
    assert [(c.type, c.title) for c in eu] == [
        ("added", "Commission opens a targeted consultation on the guidelines for classifying high-risk AI systems")
    ]
    assert eu[0].url == server.url("/en/library/consultation-guidelines-high-risk-classification")

    cac = second["cac"].changes
    assert [(c.type, c.title) for c in cac] == [
        ("added", "国家互联网信息办公室关于《人工智能生成合成内容标识办法（修订草案征求意见稿）》公开征求意见的通知")
    ]
    assert [c.title for c in second["nist"].changes] == [
        "NIST releases draft profile on AI agent security for public comment"
    ]
    assert [c.title for c in second["fr"].changes] == ["Request for Information on Evaluating Artificial Intelligence Agents"]

    hub = second["hub"].changes
    assert len(hub) == 1 and hub[0].type == "modified"
    assert "final classification guidelines by 31 March 2027" in hub[0].excerpt
    assert "+The rules for high-risk AI systems listed in Annex III apply from 2 December 2027; the Commission" in hub[0].diff
    # the footer's "Last update" stamp and the visitor counter are boilerplate, not changes
    assert "Last update" not in hub[0].diff


def test_new_item_brings_its_linked_document(tmp_path, server, store):
    pages = DemoPages(server)
    sources = demo_sources(tmp_path, server, "eu-news", "cac")
    run_check(sources, store)
    pages.round = 2
    second = run_check(sources, store)

    eu = store.get_change(second["eu-news"].changes[0].id)
    assert eu is not None and eu.document is not None
    assert eu.document.status == "fetched"
    assert "until 19 January 2027" in eu.document.text
    cac = store.get_change(second["cac"].changes[0].id)
    assert cac is not None and cac.document is not None
    assert "意见反馈截止时间为2026年12月24日" in cac.document.text


def test_unavailable_linked_document_is_recorded_and_retried_later(tmp_path, server, store):
    pages = DemoPages(server)
    sources = demo_sources(tmp_path, server, "eu-news")
    doc_path = "/en/library/consultation-guidelines-high-risk-classification"
    original = server.routes[doc_path]
    server.route(doc_path, handler=lambda req: Reply(503, b"down", {"Content-Type": "text/plain"}))
    run_check(sources, store)
    pages.round = 2
    second = run_check(sources, store)
    assert second["eu-news"].status == "changed"  # the source itself did not fail
    change = store.get_change(second["eu-news"].changes[0].id)
    assert change is not None and change.document is not None
    assert change.document.status == "unavailable"
    assert "503" in (change.document.error or "")

    server.routes[doc_path] = original
    third = run_check(sources, store)
    assert third["eu-news"].status == "unchanged"
    change = store.get_change(second["eu-news"].changes[0].id)
    assert change is not None and change.document is not None and change.document.status == "fetched"


def test_server_validators_give_a_304_and_no_parsing(tmp_path, server, store):
    body = Path(__file__).parent.parent.joinpath("watcher/data/demo/consultation-high-risk.html").read_bytes()
    etag = '"1779224455-gzip"'
    stamp = "Tue, 19 May 2026 21:00:55 GMT"

    def page(req):  # type: ignore[no-untyped-def]
        if req.headers.get("if-none-match") == etag:
            return Reply(304, b"", {"ETag": etag})
        return Reply(200, body, {"Content-Type": "text/html; charset=utf-8", "ETag": etag, "Last-Modified": stamp})

    server.route("/page", handler=page)
    sources = write_sources(tmp_path / "s.yaml", [{"id": "p", "kind": "html", "url": server.url("/page")}])
    assert run_check(sources, store)["p"].status == "baseline"
    assert run_check(sources, store)["p"].status == "unchanged"
    second = server.hits("/page")[1]
    assert second.headers["if-none-match"] == etag
    assert second.headers["if-modified-since"] == stamp  # the server's own date, echoed verbatim


def test_a_failing_source_does_not_stop_the_others(tmp_path, server, store):
    DemoPages(server)
    server.route("/broken", "<h1>Internal error</h1>", status=500, content_type="text/html")
    sources = write_sources(tmp_path / "s.yaml", [
        {"id": "broken", "kind": "html", "url": server.url("/broken")},
        {"id": "fr", "kind": "json", "url": server.url("/api/v1/documents.json"), "jurisdiction": "US"},
    ])
    results = run_check(sources, store)
    assert results["fr"].status == "baseline"
    assert results["broken"].status == "failed"
    assert "500" in (results["broken"].error or "")
    assert store.recent_versions("broken", 5) == []


def test_flapping_between_two_versions_reports_once(tmp_path, server, store):
    versions = [b"<html><body><main><p>Version A of the page.</p></main></body></html>",
                b"<html><body><main><p>Version B of the page.</p></main></body></html>"]
    state = {"n": 0}

    def flap(_req):  # type: ignore[no-untyped-def]
        body = versions[state["n"] % 2]
        state["n"] += 1
        return Reply(200, body, {"Content-Type": "text/html; charset=utf-8"})

    server.route("/flap", handler=flap)
    sources = write_sources(tmp_path / "s.yaml", [{"id": "f", "kind": "html", "url": server.url("/flap")}])
    statuses = [run_check(sources, store)["f"].status for _ in range(6)]
    assert statuses == ["baseline", "changed", "unchanged", "unchanged", "unchanged", "unchanged"]


def test_error_page_with_status_200_fails_and_stores_nothing(tmp_path, server, store):
    server.route("/waf", "<html><head><title>Access denied</title></head><body><h1>Access denied</h1>"
                 "<p>Please verify you are human to continue.</p></body></html>", content_type="text/html")
    sources = write_sources(tmp_path / "s.yaml", [{"id": "w", "kind": "html", "url": server.url("/waf")}])
    result = run_check(sources, store)["w"]
    assert result.status == "failed"
    assert "error page" in (result.error or "")
    assert store.recent_versions("w", 5) == []


def test_retry_after_beyond_the_budget_fails_now_and_is_honoured_next_time(tmp_path, server, store):
    server.route("/busy", "slow down", status=429, headers={"Retry-After": "3600"}, content_type="text/plain")
    sources = write_sources(tmp_path / "s.yaml", [{"id": "b", "kind": "html", "url": server.url("/busy"),
                                                   "budget": "10s"}])
    result = run_check(sources, store, FAST)["b"]
    assert result.status == "failed" and result.retry_after is not None
    assert result.duration_ms < 5000
    again = run_check(sources, store, FAST)["b"]
    assert again.status == "failed" and "wait until" in (again.error or "")
    assert len(server.hits("/busy")) == 1  # not asked again before the time the server gave


def test_pdf_document_edit_is_a_text_diff(tmp_path, server, store):
    from tests.kinds_support import make_pdf

    v1 = make_pdf([["Draft guidelines on general-purpose AI models", "Comments are invited until 22 May 2025."]])
    v2 = make_pdf([["Draft guidelines on general-purpose AI models", "Comments are invited until 6 June 2025."]])
    current = {"pdf": v1}
    server.route("/draft.pdf", handler=lambda req: Reply(200, current["pdf"], {"Content-Type": "application/pdf"}))
    sources = write_sources(tmp_path / "s.yaml", [{"id": "pdf", "kind": "pdf", "url": server.url("/draft.pdf")}])
    assert run_check(sources, store)["pdf"].status == "baseline"
    current["pdf"] = v2
    change = run_check(sources, store)["pdf"].changes[0]
    assert change.type == "modified"
    assert "-Comments are invited until 22 May 2025." in change.diff
    assert "+Comments are invited until 6 June 2025." in change.diff
