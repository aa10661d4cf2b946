"""Text decoding: BOM, header charset, in-document declarations, detection, and browser-style supersets."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests import server as testserver
from watcher.config import FetchSettings
from watcher.fetch import Fetcher, decode_text
from watcher.records import FetchResult

CAC_TITLE = "国家互联网信息办公室关于《人工智能生成合成内容标识办法（征求意见稿）》公开征求意见的通知"
FRENCH = ("<html><body><p>Le règlement européen sur l'intelligence artificielle établit des règles harmonisées. "
          "Les systèmes à haut risque doivent être conformes aux exigences énoncées, notamment en matière de "
          "données, de documentation technique et de transparence à l'égard des déployeurs. Les autorités "
          "nationales compétentes veillent à l'application du règlement.</p></body></html>")


def _page(title: str, head: str = "") -> str:
    return f"<html><head>{head}<title>{title}</title></head><body><h1>{title}</h1></body></html>"


def test_gbk_page_declared_only_in_meta_over_http(server: testserver.TestServer) -> None:
    body = _page(CAC_TITLE, '<meta charset="gbk">').encode("gbk")
    server.route("/cac", body, content_type="text/html")

    async def go() -> FetchResult:
        async with Fetcher(FetchSettings(obey_robots=False)) as fetcher:
            return await fetcher.fetch(server.url("/cac"), deadline=time.monotonic() + 5)

    result = asyncio.run(go())
    assert result.encoding == "gb18030"
    assert result.text is not None and f"<h1>{CAC_TITLE}</h1>" in result.text


def test_meta_http_equiv_with_a_gb2312_label_reads_as_gb18030() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    text, encoding = decode_text(_page(CAC_TITLE, head).encode("gb18030"), None)
    assert encoding == "gb18030" and CAC_TITLE in text


def test_xml_declaration_is_honoured() -> None:
    feed = f'<?xml version="1.0" encoding="GB2312"?><rss><channel><title>{CAC_TITLE}</title></channel></rss>'
    text, encoding = decode_text(feed.encode("gbk"), "application/rss+xml")
    assert encoding == "gb18030" and CAC_TITLE in text


@pytest.mark.parametrize(
    ("words", "codec", "label", "expected"),
    [
        ("人工智慧基本法草案 行政院會議通過", "big5", "big5", "big5hkscs"),
        ("人工知能関連技術の研究開発及び活用の推進に関する法律 ①", "cp932", "shift_jis", "cp932"),  # ① is cp932-only
        ("인공지능 발전과 신뢰 기반 조성 등에 관한 기본법 똠", "cp949", "euc-kr", "cp949"),  # 똠 is cp949-only
        ("Règlement — « données » “IA” 2024 €", "cp1252", "windows-1252", "cp1252"),
        ("Règlement — « données » “IA” 2024 €", "cp1252", "iso-8859-1", "cp1252"),  # as browsers read latin-1
    ],
)
def test_header_charsets_are_widened_like_browsers(words: str, codec: str, label: str, expected: str) -> None:
    text, encoding = decode_text(_page(words).encode(codec), f"text/html; charset={label}")
    assert encoding == expected
    assert f"<h1>{words}</h1>" in text


def test_a_wrong_header_charset_falls_back_to_the_documents_declaration() -> None:
    body = _page(CAC_TITLE, '<meta charset="gbk">').encode("gbk")
    text, encoding = decode_text(body, "text/html; charset=utf-8")
    assert encoding == "gb18030" and CAC_TITLE in text


def test_a_wrong_header_charset_with_no_declaration_falls_back_to_detection() -> None:
    text, encoding = decode_text(FRENCH.encode("cp1252"), "text/html; charset=utf-8")
    assert "Le règlement européen" in text and "à haut risque" in text
    assert encoding == "cp1252"


def test_a_latin1_header_on_utf8_bytes_reads_as_utf8() -> None:
    text, encoding = decode_text(FRENCH.encode("utf-8"), "text/html; charset=ISO-8859-1")
    assert encoding == "utf-8" and "Le règlement européen" in text


def test_a_utf8_bom_beats_the_header() -> None:
    text, encoding = decode_text(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "text/html; charset=windows-1252")
    assert encoding == "utf-8" and text == FRENCH


def test_undeclared_utf8_and_unknown_labels() -> None:
    assert decode_text(CAC_TITLE.encode("utf-8"), "text/plain") == (CAC_TITLE, "utf-8")
    assert decode_text(CAC_TITLE.encode("utf-8"), "text/plain; charset=x-made-up") == (CAC_TITLE, "utf-8")
    assert decode_text(b"plain ascii", 'text/plain; charset="UTF-8"') == ("plain ascii", "utf-8")


def test_undecodable_bytes_never_raise() -> None:
    text, encoding = decode_text(b"\xfd\xfc garbage \x81\x8d", "text/plain; charset=utf-8")
    assert isinstance(text, str) and "garbage" in text and encoding
