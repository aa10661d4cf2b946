"""Recognise error, WAF, captcha and maintenance pages that servers send with status 200.

Such a page must not become a new version of the source (it would "remove" every item and then
"add" them back). Only short documents are considered: a real page that merely mentions "captcha" or
"service unavailable" somewhere in a long text is content, not an error page.
"""

from __future__ import annotations

from watcher.records import Document, FetchResult

# An error page says little. Real pages, even sparse ones, run past this once boilerplate is gone.
MAX_ERROR_PAGE_CHARS = 1500

_MARKERS = (
    "access denied", "access to this page has been denied", "verify you are human", "are you a robot",
    "captcha", "request unsuccessful. incapsula", "incapsula incident", "attention required",
    "the requested url was rejected", "service unavailable", "temporarily unavailable",
    "checking your browser", "just a moment...", "enable javascript and cookies to continue",
    "too many requests", "403 forbidden", "404 not found", "page not found", "bad gateway",
    "gateway timeout", "under maintenance", "down for maintenance", "site maintenance",
    "system busy", "系统繁忙", "访问受限", "访问过于频繁", "页面不存在", "页面未找到", "您访问的页面不存在",
    "服务器繁忙", "서비스 점검", "점검 중", "페이지를 찾을 수 없습니다", "접근이 차단", "アクセスが集中",
    "ただいまメンテナンス", "ページが見つかりません", "página não encontrada", "serviço indisponível",
    "acesso negado", "página no encontrada", "accès refusé", "zugriff verweigert",
)


def error_marker(text: str, title: str | None = None) -> str | None:
    """The error-page marker found in a short page's text or title, as written there, else None."""
    if len(text) > MAX_ERROR_PAGE_CHARS:
        return None
    for haystack in (title or "", text):
        folded = haystack.lower()
        for marker in _MARKERS:
            at = folded.find(marker)
            if at >= 0:
                return haystack[at:at + len(marker)]
    return None


def error_sentence(marker: str) -> str:
    return f'the server answered with an error page (it says "{marker}") instead of the content'


def error_page_reason(fetched: FetchResult, doc: Document) -> str | None:
    """Why this 2xx response is an error page rather than the source's content, or None if it is content.

    Documents with items are content: an error page has no list of entries.
    """
    if doc.items or fetched.not_modified:
        return None
    marker = error_marker(doc.text, doc.title)
    return error_sentence(marker) if marker else None
