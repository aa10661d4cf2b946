"""Reading one HTTP response: the bounded body, the FetchResult, and sentences for error statuses."""

from __future__ import annotations

import asyncio
from http import HTTPStatus

import httpx

from watcher.errors import FetchError
from watcher.fetch.charset import decode_text
from watcher.fetch.decode import decode_bounded, finish_bounded, make_decoder, too_large
from watcher.fetch.media import is_textual, media_type
from watcher.fetch.retry import RETRY_STATUSES
from watcher.records import FetchResult

_DRAIN_BYTES = 64 * 1024  # small unread bodies are drained so the connection can be reused
_THREAD_DECODE_BYTES = 1024 * 1024  # bigger bodies are decoded off the event loop

_HINTS = {
    401: "the page needs credentials",
    403: "access was refused; the site may block automated requests",
    404: "nothing is published at this address any more; check the source's url",
    410: "the page was removed for good; check the source's url",
}


async def read_body(response: httpx.Response, limit: int) -> bytes:
    """The decompressed body, stopping with FetchError as soon as it passes `limit` bytes."""
    length = response.headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > limit:
        raise too_large(limit)
    coding = response.headers.get("content-encoding", "").strip().lower()
    decoder = make_decoder(coding)
    sink = bytearray()
    received = 0
    try:
        async for raw in response.aiter_raw():
            received += len(raw)
            decode_bounded(decoder, raw, limit, sink)
        finish_bounded(decoder, limit, sink)
    except FetchError as exc:
        if coding in ("", "identity") or exc.sentence != too_large(limit).sentence:
            raise
        raise too_large(limit, compressed=(coding, received)) from None
    return bytes(sink)


async def discard(response: httpx.Response) -> None:
    """Read and drop a small body (keeps the connection alive); larger ones are left to aclose()."""
    length = response.headers.get("content-length", "").strip()
    if not (length.isdigit() and int(length) <= _DRAIN_BYTES):
        return
    try:
        async for _ in response.aiter_raw():
            pass
    except httpx.HTTPError:
        pass


def reason(response: httpx.Response) -> str:
    """The reason phrase the server sent, else the standard one."""
    if response.reason_phrase:
        return response.reason_phrase
    try:
        return HTTPStatus(response.status_code).phrase
    except ValueError:
        return ""


def status_error(response: httpx.Response) -> FetchError:
    """A FetchError for an answer that is neither success, 304 nor redirect."""
    status = response.status_code
    sentence = f"the server answered {status} {reason(response)}".rstrip()
    hint = _HINTS.get(status)
    if hint:
        sentence += f" — {hint}"
    transient = status >= 500 or status in RETRY_STATUSES
    return FetchError(sentence, transient=transient)


def plain_headers(response: httpx.Response) -> dict[str, str]:
    """Response headers as a dict with lower-case names (repeated headers joined by commas)."""
    return {name.lower(): value for name, value in response.headers.items()}


async def build_result(
    url: str, final_url: str, response: httpx.Response, body: bytes, elapsed_ms: int, *, decode: bool = True
) -> FetchResult:
    """The FetchResult of a 2xx answer: media type (sniffed if needed) and text for textual bodies."""
    header = response.headers.get("content-type")
    media = media_type(header, body)
    text: str | None = None
    encoding: str | None = None
    if decode and is_textual(media):
        if len(body) > _THREAD_DECODE_BYTES:
            text, encoding = await asyncio.to_thread(decode_text, body, header)
        else:
            text, encoding = decode_text(body, header)
    return FetchResult(
        url=url, final_url=final_url, status=response.status_code, headers=plain_headers(response),
        body=body, content_type=media, encoding=encoding, text=text, elapsed_ms=elapsed_ms,
    )


def not_modified_result(url: str, final_url: str, response: httpx.Response, elapsed_ms: int) -> FetchResult:
    """The FetchResult of a 304: no body, no text."""
    media = (response.headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    return FetchResult(
        url=url, final_url=final_url, status=response.status_code, headers=plain_headers(response),
        body=b"", content_type=media, encoding=None, text=None, elapsed_ms=elapsed_ms, not_modified=True,
    )
