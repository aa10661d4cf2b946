"""Response bodies: size limits counted after decompression, gzip/deflate/br, media types."""

from __future__ import annotations

import asyncio
import gzip
import time
import tracemalloc
import zlib
from typing import Any

import brotli
import pytest

from tests import server as testserver
from tests.server import Reply
from watcher.config import FetchSettings, HostLimits
from watcher.errors import FetchError
from watcher.fetch import Fetcher
from watcher.records import FetchResult

MB = 1024 * 1024
SMALL = FetchSettings(defaults=HostLimits(concurrency=4, delay=0), obey_robots=False, retries=0, max_bytes=MB)
PAGE = ("<html><head><title>AI Act</title></head><body>" + "<p>Article 50 transparency obligations.</p>" * 2000
        + "</body></html>").encode()


def fetch(url: str, settings: FetchSettings = SMALL, budget: float = 5.0, **kwargs: Any) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url, deadline=time.monotonic() + budget, **kwargs)

    return asyncio.run(go())


def fetch_error(url: str, settings: FetchSettings = SMALL, **kwargs: Any) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, settings, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw deflate, as some servers send it
        ("br", brotli.compress),
    ],
)
def test_compressed_bodies_are_decoded(server: testserver.TestServer, coding: str, encode: Any) -> None:
    server.route("/page", encode(PAGE), headers={"Content-Encoding": coding, "Content-Type": "text/html"})
    result = fetch(server.url("/page"))
    assert result.body == PAGE
    assert result.text is not None and result.text.count("Article 50") == 2000


def test_a_gzip_bomb_stops_right_after_the_limit_without_filling_memory(server: testserver.TestServer) -> None:
    member = gzip.compress(bytes(MB))  # ~1 KB on the wire
    bomb = member * 200  # 200 MB of zeros once decompressed, ~200 KB sent
    server.route("/bomb", handler=lambda _req: Reply(200, [bomb[i:i + 8192] for i in range(0, len(bomb), 8192)],
                                                     {"Content-Encoding": "gzip", "Content-Type": "text/html"}))
    tracemalloc.start()
    try:
        started = time.monotonic()
        error = fetch_error(server.url("/bomb"))
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(error).startswith("the gzip-compressed body expands past the 1 MB limit after only ")
    assert str(error).endswith(" KB on the wire (a compression bomb?); raise max_bytes for this source if it is expected")
    assert not error.transient
    assert elapsed < 2
    assert peak < 16 * MB


def test_a_brotli_bomb_is_stopped_too(server: testserver.TestServer) -> None:
    server.route("/br", brotli.compress(bytes(50 * MB), quality=1), headers={"Content-Encoding": "br"})
    assert "br-compressed body expands past the 1 MB limit" in str(fetch_error(server.url("/br")))


def test_an_oversized_plain_body_fails_on_its_content_length(server: testserver.TestServer) -> None:
    server.route("/huge", handler=lambda _req: Reply(200, b"x" * (3 * MB), {"Content-Type": "text/plain"}, delay=0))
    started = time.monotonic()
    error = fetch_error(server.url("/huge"))
    assert "larger than the 1 MB limit" in str(error)
    assert time.monotonic() - started < 1


def test_an_oversized_chunked_body_fails_while_streaming(server: testserver.TestServer) -> None:
    chunks = [b"y" * 65536] * 64  # 4 MB, no Content-Length
    server.route("/stream", handler=lambda _req: Reply(200, chunks, {"Content-Type": "text/plain"}))
    assert "larger than the 1 MB limit" in str(fetch_error(server.url("/stream")))


def test_max_bytes_per_source_overrides_the_setting(server: testserver.TestServer) -> None:
    server.route("/big", b"z" * (2 * MB), content_type="text/plain")
    assert len(fetch(server.url("/big"), max_bytes=3 * MB).body) == 2 * MB
    assert "the 512 KB limit" in str(fetch_error(server.url("/big"), max_bytes=512 * 1024))


def test_gzip_members_split_exactly_at_chunk_boundaries_are_all_kept(server: testserver.TestServer) -> None:
    half = len(PAGE) // 2
    parts = [gzip.compress(PAGE[:half]), gzip.compress(PAGE[half:])]
    server.route("/two", handler=lambda _req: Reply(200, parts, {"Content-Encoding": "gzip", "Content-Type": "text/html"},
                                                    chunk_delay=0.05))
    assert fetch(server.url("/two")).body == PAGE


def test_corrupt_gzip_is_one_sentence(server: testserver.TestServer) -> None:
    server.route("/bad", b"this is not gzip at all", headers={"Content-Encoding": "gzip"})
    assert "gzip-compressed body is corrupt" in str(fetch_error(server.url("/bad")))


@pytest.mark.parametrize(
    ("body", "media", "textual"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf", False),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "application/rss+xml", True),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "application/atom+xml", True),
        (b'{"items": []}', "application/json", True),
        (b"<!DOCTYPE html><html><body>hi</body></html>", "text/html", True),
    ],
)
def test_media_type_is_sniffed_when_the_server_gives_none(
    server: testserver.TestServer, body: bytes, media: str, textual: bool
) -> None:
    server.route("/x", body)  # no Content-Type header
    result = fetch(server.url("/x"))
    assert result.content_type == media
    assert (result.text is not None) is textual
    assert (result.encoding is not None) is textual
    assert result.body == body


def test_a_declared_pdf_is_binary(server: testserver.TestServer) -> None:
    server.route("/doc.pdf", b"%PDF-1.4 binary \xff\xfe", content_type="application/pdf")
    result = fetch(server.url("/doc.pdf"))
    assert result.content_type == "application/pdf" and result.text is None and result.encoding is None
