"""Hostile bodies through `watcher check`: size limits, bombs, empty and error pages, broken parses, charsets.

Each bad answer leaves the source `failed` with its sentence and the stored baseline untouched: the next good
answer is `unchanged`, never a change that wiped out and re-added the content.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from watcher.storage.repository import Store

from tests.helpers import run_check, write_sources
from tests.kinds_support import encrypt_pdf, make_pdf
from tests.reliability_support import HTML, QUICK, deflate_bomb, gzip_bomb, listing, page
from tests.server import RecordedRequest, Reply, TestServer


class Swappable:
    """One route whose answer the test replaces between checks."""

    def __init__(self, server: TestServer, path: str, reply: Reply) -> None:
        self.reply = reply
        server.route(path, handler=self._handle)

    def _handle(self, _req: RecordedRequest) -> Reply:
        return self.reply


GOOD = page("Guidelines on AI literacy", "The AI Office publishes its guidelines on AI literacy obligations "
            "for providers and deployers of AI systems, with examples from several sectors.")
PDF = make_pdf([["Draft code of practice on marking AI-generated content", "Comments until 23 January 2027."]])
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>AI news</title>
<item><title>Draft guidance on AI agents</title><link>http://x.test/a</link></item></channel></rss>"""
BILLION_LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><item><title>&lol3;</title>
</item></channel></rss>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
<rss version="2.0"><channel><item><title>&xxe;</title><link>http://x.test/a</link></item></channel></rss>"""

# (id, kind, options, the hostile answer, words of the sentence the user reads)
HOSTILE: list[tuple[str, str, str, Reply, str]] = [
    ("huge", "html", "", Reply(200, (b"<p>" + b"x" * 65536 for _ in range(400)), {"Content-Type": HTML}),
     "larger than"),
    ("gzip-bomb", "html", "", Reply(200, gzip_bomb(64), {"Content-Type": HTML, "Content-Encoding": "gzip"}),
     "the gzip-compressed body expands past the 1.9 MB limit"),
    ("deflate-bomb", "html", "", Reply(200, deflate_bomb(64), {"Content-Type": HTML, "Content-Encoding": "deflate"}),
     "the deflate-compressed body expands past"),
    ("empty", "html", "", Reply(200, b"", {"Content-Type": HTML}), "empty body"),
    ("busy-cn", "html", "", Reply(200, "<html><head><title>系统繁忙</title></head><body><p>系统繁忙，请稍后再试。</p>"
                                  "</body></html>".encode("gbk"), {"Content-Type": "text/html; charset=gbk"}),
     'it says "系统繁忙"'),
    ("unavailable", "html", "", Reply(200, b"<html><body><h1>Service unavailable</h1><p>Please try again later."
                                      b"</p></body></html>", {"Content-Type": HTML}), '"Service unavailable"'),
    ("captcha", "listing", "", Reply(200, b"<html><head><title>Attention Required! | Cloudflare</title></head>"
                                     b"<body><h1>Please verify you are human</h1><form><div class='captcha'></div>"
                                     b"</form></body></html>", {"Content-Type": HTML}), "error page"),
    ("billion-laughs", "rss", "", Reply(200, BILLION_LAUGHS, {"Content-Type": "application/rss+xml"}), "entit"),
    ("xxe", "rss", "", Reply(200, XXE, {"Content-Type": "application/rss+xml"}), "entit"),
    ("json-shape", "json", ", options: {path: results}",
     Reply(200, b'{"count": 3, "data": {"items": []}}', {"Content-Type": "application/json"}), "results"),
    ("json-cut", "json", "", Reply(200, b'{"results": [{"title": "A", "ur', {"Content-Type": "application/json"}),
     "JSON"),
    ("pdf-encrypted", "pdf", "", Reply(200, encrypt_pdf(PDF, "secret"), {"Content-Type": "application/pdf"}),
     "the PDF is encrypted and needs a password"),
    ("pdf-broken", "pdf", "", Reply(200, b"%PDF-1.7\n" + bytes(range(256)) * 40, {"Content-Type": "application/pdf"}),
     "the PDF is damaged"),
]
GOOD_OF_KIND = {
    "html": Reply(200, GOOD, {"Content-Type": HTML}),
    "listing": Reply(200, listing(8), {"Content-Type": HTML}),
    "rss": Reply(200, FEED, {"Content-Type": "application/rss+xml"}),
    "json": Reply(200, b'{"results": [{"title": "Request for information on AI agents", "html_url": '
                       b'"http://x.test/1"}]}', {"Content-Type": "application/json"}),
    "pdf": Reply(200, PDF, {"Content-Type": "application/pdf"}),
}


def test_hostile_bodies_fail_with_a_sentence_and_never_replace_the_baseline(
    tmp_path: Path, server: TestServer, store: Store
) -> None:
    routes = {ident: Swappable(server, f"/{ident}", GOOD_OF_KIND[kind]) for ident, kind, *_ in HOSTILE}
    lines = "".join(f"  - {{id: {i}, name: {i}, url: '{server.url('/' + i)}', kind: {k}, jurisdiction: EU, "
                    f"publisher: t, interval: 1h, max_bytes: 2000000{o}}}\n" for i, k, o, *_ in HOSTILE)
    (tmp_path / "s.yaml").write_text("sources:\n" + lines, encoding="utf-8")
    from watcher.config import load_sources

    sources = load_sources(tmp_path / "s.yaml")
    assert {r.status for r in run_check(sources, store, QUICK).values()} == {"baseline"}
    baselines = {i: store.recent_versions(i, 5)[0].content_hash for i, *_ in HOSTILE}

    for ident, _kind, _opts, reply, _words in HOSTILE:
        routes[ident].reply = reply
    started = time.monotonic()
    hostile = run_check(sources, store, QUICK)
    assert time.monotonic() - started < 10
    for ident, _kind, _opts, _reply, words in HOSTILE:
        result = hostile[ident]
        assert result.status == "failed", (ident, result)
        assert words in (result.error or ""), (ident, result.error)
        assert [v.content_hash for v in store.recent_versions(ident, 5)] == [baselines[ident]], ident
    assert "root:" not in str(store.recent_versions("xxe", 5))  # no local file was read

    for ident, kind, *_ in HOSTILE:
        routes[ident].reply = GOOD_OF_KIND[kind]
    assert {r.status for r in run_check(sources, store, QUICK).values()} == {"unchanged"}


def test_malformed_html_is_read_as_well_as_it_can_be(tmp_path: Path, server: TestServer, store: Store) -> None:
    broken = (b"<html><head><title>Draft guidelines</title><body><main><h1>Draft guidelines<p>Comments are "
              b"invited until <b>6 June 2027<p>on the <i>transparency obligations<table><tr><td>Article 50"
              b"</main></div></span>&nbsp;&bogus; <!-- unterminated comment")
    server.route("/broken", broken, content_type=HTML)
    sources = write_sources(tmp_path / "s.yaml", [{"id": "b", "kind": "html", "url": server.url("/broken")}])
    assert run_check(sources, store, QUICK)["b"].status == "baseline"
    text = store.recent_versions("b", 1)[0].document.text
    assert "Comments are invited until 6 June 2027" in text and "Article 50" in text


CJK = "关于人工智能生成合成内容标识办法的通知。国家互联网信息办公室发布征求意见稿，意见反馈截止时间为二〇二六年十二月。"
CHARSETS = [
    ("gbk", CJK),
    ("gb18030", CJK + "𠀀"),
    ("big5", "人工智慧基本法草案公告，數位發展部邀請各界提供意見，期限至年底為止。"),
    ("shift_jis", "人工知能関連技術の研究開発及び活用の推進に関する法律の施行について。意見募集を行います。"),
    ("euc-kr", "인공지능 발전과 신뢰 기반 조성 등에 관한 기본법 시행령 입법예고에 대한 의견을 받습니다."),
    ("windows-1252", "Résumé of the Commission’s “guidance” on AI — naïve façade, déjà vu, coöperation, "
                     "Ærø, € prices."),
]


@pytest.mark.parametrize("declared", ["meta", "wrong-header", "none"])
def test_pages_in_legacy_charsets_are_stored_as_the_right_text(
    tmp_path: Path, server: TestServer, store: Store, declared: str
) -> None:
    entries: list[dict[str, object]] = []
    for codec, words in CHARSETS:
        meta = f"<meta charset='{codec}'>" if declared != "none" else ""
        body = (f"<html><head>{meta}<title>{words[:12]}</title></head><body><main><p>{words}</p><p>{words}</p>"
                f"</main></body></html>").encode(codec)
        ctype = "text/html; charset=utf-8" if declared == "wrong-header" else "text/html"
        server.route(f"/{codec}", body, content_type=ctype)
        entries.append({"id": codec, "kind": "html", "url": server.url(f"/{codec}")})
    results = run_check(write_sources(tmp_path / "s.yaml", entries), store, QUICK)
    for codec, words in CHARSETS:
        assert results[codec].status == "baseline", (codec, results[codec].error)
        text = store.recent_versions(codec, 1)[0].document.text
        assert words in text, (codec, declared, text[:120])
