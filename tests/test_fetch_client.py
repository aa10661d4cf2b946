"""The fetch stage against a real loopback HTTP server: requests, validators, redirects, statuses, retries."""

from __future__ import annotations

import asyncio
import shutil
import socket
import ssl
import struct
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests import server as testserver
from tests.server import RecordedRequest, Reply
from watcher.config import FetchSettings, HostLimits
from watcher.errors import FetchError
from watcher.fetch import Fetcher
from watcher.fetch.neterrors import describe_network_error
from watcher.fetch.retry import parse_retry_after
from watcher.records import FetchResult, Validators

QUICK = FetchSettings(defaults=HostLimits(concurrency=4, delay=0), obey_robots=False, retries=0,
                      connect_timeout=2, read_timeout=2)


def fetch(url: str, settings: FetchSettings = QUICK, budget: float = 5.0, **kwargs: Any) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url, deadline=time.monotonic() + budget, **kwargs)

    return asyncio.run(go())


def fetch_error(url: str, settings: FetchSettings = QUICK, budget: float = 5.0, **kwargs: Any) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, settings, budget, **kwargs)
    return caught.value


def test_plain_page_has_result_fields_and_honest_request_headers(server: testserver.TestServer) -> None:
    server.route("/page", "<html><body>Règlement</body></html>", content_type="text/html; charset=utf-8",
                 headers={"ETag": '"v1"', "X-Thing": "yes"})
    result = fetch(server.url("/page"))
    assert result.status == 200 and not result.not_modified
    assert result.url == result.final_url == server.url("/page")
    assert result.content_type == "text/html" and result.encoding == "utf-8"
    assert result.text == "<html><body>Règlement</body></html>"
    assert result.headers["x-thing"] == "yes" and result.etag == '"v1"'
    assert result.elapsed_ms >= 0
    sent = server.hits("/page")[0].headers
    assert sent["user-agent"] == QUICK.agent() and sent["user-agent"].startswith("watcher-ai-regulation/")
    assert sent["accept-encoding"] == "gzip, deflate, br"
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_conditional_get_echoes_the_servers_validators_verbatim(server: testserver.TestServer) -> None:
    etag, stamp = 'W/"5f1-abc"', "Tue, 01 Apr 2025 10:00:00 GMT"

    def conditional(req: RecordedRequest) -> Reply:
        if req.headers.get("if-none-match") == etag:
            return Reply(304, b"", {"ETag": etag})
        return Reply(200, b"<p>new</p>", {"Content-Type": "text/html", "ETag": etag})

    server.route("/doc", handler=conditional)
    result = fetch(server.url("/doc"), validators=Validators(etag=etag, last_modified=stamp),
                   headers={"X-Api-Key": "k1"})
    sent = server.hits("/doc")[0].headers
    assert sent["if-none-match"] == etag
    assert sent["if-modified-since"] == stamp
    assert sent["x-api-key"] == "k1"
    assert result.not_modified and result.status == 304
    assert result.body == b"" and result.text is None


def test_redirects_are_followed_by_hand_to_the_final_url(server: testserver.TestServer) -> None:
    server.route("/old", status=301, headers={"Location": "/moved"})
    server.route("/moved", status=302, headers={"Location": server.url("/new?x=1")})
    server.route("/new", "<p>here</p>", content_type="text/html")
    result = fetch(server.url("/old"))
    assert result.url == server.url("/old")
    assert result.final_url == server.url("/new?x=1")
    assert result.text == "<p>here</p>"


def test_redirect_loop_too_many_redirects_and_foreign_schemes_fail_with_a_sentence(server: testserver.TestServer) -> None:
    server.route("/a", status=302, headers={"Location": "/b"})
    server.route("/b", status=302, headers={"Location": "/a"})
    assert "redirect loop" in str(fetch_error(server.url("/a")))
    for n in range(5):
        server.route(f"/r{n}", status=307, headers={"Location": f"/r{n + 1}"})
    error = fetch_error(server.url("/r0"), QUICK.model_copy(update={"max_redirects": 2}))
    assert "more than 2 redirects" in str(error)
    server.route("/ftp", status=302, headers={"Location": "ftp://example.org/file"})
    error = fetch_error(server.url("/ftp"))
    assert "redirected to a ftp URL" in str(error) and not error.transient
    assert "http and https" in str(fetch_error("file:///etc/passwd"))
    server.route("/badport", status=302, headers={"Location": "http://127.0.0.1:99999999/"})
    assert "is not a valid URL" in str(fetch_error(server.url("/badport")))


def test_a_cookie_then_redirect_back_dance_is_not_a_loop(server: testserver.TestServer) -> None:
    def gate(req: RecordedRequest) -> Reply:
        if "visited=1" in req.headers.get("cookie", ""):
            return Reply(200, b"<p>the page</p>", {"Content-Type": "text/html"})
        return Reply(302, b"", {"Location": "/guarded", "Set-Cookie": "visited=1; Path=/"})

    server.route("/guarded", handler=gate)
    assert fetch(server.url("/guarded")).text == "<p>the page</p>"


def test_secret_headers_are_not_forwarded_to_another_host(server: testserver.TestServer) -> None:
    other = testserver.TestServer("127.0.0.2").start()
    try:
        other.route("/landing", "<p>ok</p>", content_type="text/html")
        server.route("/hop", status=302, headers={"Location": other.url("/landing")})
        fetch(server.url("/hop"), headers={"Authorization": "Bearer s3cret", "Accept-Language": "fr"})
        assert server.hits("/hop")[0].headers["authorization"] == "Bearer s3cret"
        landed = other.hits("/landing")[0].headers
        assert "authorization" not in landed and landed["accept-language"] == "fr"
    finally:
        other.stop()


@pytest.mark.parametrize(("status", "words"), [(404, "404 Not Found"), (410, "410 Gone"), (403, "403 Forbidden")])
def test_client_errors_are_permanent_and_name_the_status(server: testserver.TestServer, status: int, words: str) -> None:
    server.route("/gone", "nope", status=status, content_type="text/plain")
    error = fetch_error(server.url("/gone"), QUICK.model_copy(update={"retries": 2}))
    assert words in str(error) and not error.transient
    assert len(server.hits("/gone")) == 1  # never retried


def test_an_empty_200_body_is_an_error(server: testserver.TestServer) -> None:
    server.route("/empty", b"", content_type="text/html")
    assert "the server sent an empty body" in str(fetch_error(server.url("/empty")))


def test_server_errors_are_retried_with_backoff_then_succeed(server: testserver.TestServer) -> None:
    answers = iter([Reply(503, b"busy"), Reply(502, b"bad gateway"), Reply(200, b"<p>ok</p>", {"Content-Type": "text/html"})])
    server.route("/flaky", handler=lambda _req: next(answers))
    result = fetch(server.url("/flaky"), QUICK.model_copy(update={"retries": 2}))
    assert result.text == "<p>ok</p>"
    times = [r.at for r in server.hits("/flaky")]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.3 and times[2] - times[1] >= 0.7  # 0.5 s then 1 s, ±25 % jitter


def test_retries_are_bounded_and_the_last_error_is_reported(server: testserver.TestServer) -> None:
    server.route("/down", "oops", status=500, content_type="text/plain")
    error = fetch_error(server.url("/down"), QUICK.model_copy(update={"retries": 1}))
    assert "500 Internal Server Error" in str(error) and error.transient
    assert len(server.hits("/down")) == 2


def test_retry_after_within_the_budget_is_slept_then_retried(server: testserver.TestServer) -> None:
    answers = iter([Reply(429, b"slow down", {"Retry-After": "1"}), Reply(200, b"fine", {"Content-Type": "text/plain"})])
    server.route("/limited", handler=lambda _req: next(answers))
    assert fetch(server.url("/limited"), QUICK.model_copy(update={"retries": 1})).text == "fine"
    first, second = server.hits("/limited")
    assert second.at - first.at >= 0.95


def test_retry_after_beyond_the_deadline_fails_at_once_with_the_time_to_come_back(server: testserver.TestServer) -> None:
    server.route("/busy", "later", status=503, headers={"Retry-After": "3600"}, content_type="text/plain")
    started = time.monotonic()
    error = fetch_error(server.url("/busy"), QUICK.model_copy(update={"retries": 3}), budget=20)
    assert time.monotonic() - started < 1.0
    assert len(server.hits("/busy")) == 1
    assert error.retry_after is not None
    expected = datetime.now(UTC) + timedelta(seconds=3600)
    assert abs((error.retry_after - expected).total_seconds()) < 5
    assert "asked to wait 3600 s (Retry-After) — next attempt after" in str(error)
    assert str(error).endswith("UTC")


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    now = datetime(2026, 11, 23, 13, 5, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120
    assert parse_retry_after("Mon, 23 Nov 2026 14:05:00 GMT", now) == 3600
    assert parse_retry_after("Mon, 23 Nov 2026 12:00:00 GMT", now) == 0  # in the past: no wait
    assert parse_retry_after("soon", now) is None and parse_retry_after(None, now) is None


def test_a_trickling_body_is_cut_off_by_the_deadline(server: testserver.TestServer) -> None:
    server.route("/trickle", handler=lambda _req: Reply(200, [b"x" * 10] * 50, {"Content-Type": "text/plain"},
                                                       chunk_delay=0.1))
    started = time.monotonic()
    error = fetch_error(server.url("/trickle"), budget=0.8)
    assert 0.7 <= time.monotonic() - started < 1.5
    assert "time budget ran out" in str(error)


def test_the_deadline_covers_retries_and_backoff(server: testserver.TestServer) -> None:
    server.route("/slow", handler=lambda _req: Reply(504, b"timeout", delay=0.3))
    started = time.monotonic()
    error = fetch_error(server.url("/slow"), QUICK.model_copy(update={"retries": 5}), budget=1.2)
    assert time.monotonic() - started < 1.6
    assert "504" in str(error)


def test_a_slow_server_hits_the_read_timeout(server: testserver.TestServer) -> None:
    server.route("/stall", handler=lambda _req: Reply(200, b"late", delay=1.0))
    error = fetch_error(server.url("/stall"), QUICK.model_copy(update={"read_timeout": 0.3}))
    assert str(error) == "127.0.0.1 accepted the connection but sent no answer within 0.3 s (read timeout)"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused_is_one_sentence() -> None:
    error = fetch_error(f"http://127.0.0.1:{_free_port()}/")
    assert str(error) == "127.0.0.1 refused the connection (nothing is listening on that port)"


@pytest.fixture
def resetting_port() -> Iterator[int]:
    """A listener that accepts, reads the request and answers with a TCP reset."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.recv(4096)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        thread.join(1)
        listener.close()


def test_connection_reset_is_one_sentence(resetting_port: int) -> None:
    error = fetch_error(f"http://127.0.0.1:{resetting_port}/")
    assert str(error) == "127.0.0.1 reset the connection"


def test_many_fetches_share_one_client_and_reuse_connections(server: testserver.TestServer) -> None:
    server.route("/p", "<p>x</p>", content_type="text/html")

    async def go() -> list[FetchResult]:
        async with Fetcher(QUICK) as fetcher:
            deadline = time.monotonic() + 10
            return await asyncio.gather(*(fetcher.fetch(server.url("/p"), deadline=deadline) for _ in range(50)))

    started = time.monotonic()
    results = asyncio.run(go())
    assert all(r.text == "<p>x</p>" for r in results)
    assert time.monotonic() - started < 3


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a certificate")
def test_an_untrusted_tls_certificate_is_one_sentence(tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=20,
    )
    srv = testserver.TestServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    srv._httpd.socket = context.wrap_socket(srv._httpd.socket, server_side=True)
    srv.start()
    try:
        error = fetch_error(f"https://127.0.0.1:{srv.port}/", QUICK.model_copy(update={"retries": 2}))
    finally:
        srv.stop()
    assert str(error) == "the TLS certificate of 127.0.0.1 could not be verified"
    assert srv.requests == []


def test_an_unknown_host_name_is_one_sentence() -> None:
    failure = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert describe_network_error(failure, "eur-lex.example") == (
        "the host name eur-lex.example was not found (DNS)", False)
    hiccup = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
    assert describe_network_error(hiccup, "eur-lex.example") == (
        "the host name eur-lex.example could not be resolved (DNS)", True)


def test_a_non_ascii_header_value_is_a_sentence_not_a_crash(server: testserver.TestServer) -> None:
    server.route("/p", "ok", content_type="text/plain")
    assert "not plain ASCII" in str(fetch_error(server.url("/p"), headers={"X-Name": "Règlement"}))
