"""Error, WAF, captcha and maintenance pages served with status 200 are recognised; real pages are not."""

from __future__ import annotations

import pytest

from tests.kinds_support import fetched, page
from watcher.guard import error_page_reason
from watcher.kinds.html import HtmlKind
from watcher.records import Document, Item


def reason(html: str) -> str | None:
    response = fetched(html)
    return error_page_reason(response, HtmlKind().extract(response, None))


@pytest.mark.parametrize(("html", "marker"), [
    ("<title>Access denied</title><h1>Access denied</h1><p>You don't have permission to access this server.</p>",
     "Access denied"),
    ("<p>Please verify you are human by completing the action below.</p>", "verify you are human"),
    ("<html><head><title>Attention Required! | Cloudflare</title></head><body><p>Sorry, you have been blocked</p>",
     "Attention Required"),
    ("<body>Request unsuccessful. Incapsula incident ID: 1234-5678</body>", "Request unsuccessful. Incapsula"),
    ("<body><p>The requested URL was rejected. Please consult with your administrator.</p><p>Your support ID is: 99</p>",
     "The requested URL was rejected"),
    ("<h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p>",
     "Service Unavailable"),
    ("<p>The service is temporarily unavailable for planned work.</p>", "temporarily unavailable"),
    ("<div><img src='c.png'><p>Type the characters shown (CAPTCHA)</p></div>", "CAPTCHA"),
    ("<p>系统繁忙，请稍后再试</p>", "系统繁忙"), ("<h1>访问受限</h1>", "访问受限"), ("<p>对不起，页面不存在！</p>", "页面不存在"),
    ("<p>서비스 점검 중입니다</p>", "서비스 점검"), ("<p>ただいまアクセスが集中しております</p>", "アクセスが集中"),
])
def test_error_pages_are_recognised(html: str, marker: str) -> None:
    assert reason(html) == f'the server answered with an error page (it says "{marker}") instead of the content'


def test_long_real_pages_mentioning_the_words_are_content() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n}: providers must not use a captcha to verify you are human when access is denied "
        f"or the service is temporarily unavailable; the regulation sets out remedies in detail.</p>"
        for n in range(12)
    )
    assert reason(f"<html><head><title>Access denied rules</title></head><body>{paragraphs}</body></html>") is None


def test_short_ordinary_pages_are_content() -> None:
    assert reason("<main><p>Version A of the page.</p></main>") is None
    assert error_page_reason(page("nist_ai_rmf_v1.html"), HtmlKind().extract(page("nist_ai_rmf_v1.html"), None)) is None


def test_documents_with_items_are_content() -> None:
    doc = Document(text="Access denied policy | 2026-05-19", extractor_version="1",
                   items=(Item(key="k", title="Access denied policy"),))
    assert error_page_reason(fetched("x"), doc) is None
