"""Hostile servers for the reliability tests: raw sockets that misbehave, TLS, bombs, and a catalogue of faults.

Everything listens on 127.0.0.0/8 only. Every loop here is bounded by a count or a deadline.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.server import RecordedRequest, Reply, TestServer
from watcher.config import FetchSettings, HostLimits

HTML = "text/html; charset=utf-8"
# Quick but complete: one retry, short network timeouts, no politeness pauses on loopback.
QUICK = FetchSettings(defaults=HostLimits(concurrency=4, delay=0), obey_robots=False, retries=1,
                      connect_timeout=2, read_timeout=2)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def page(title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><main><h1>{title}</h1>{body}</main></body></html>").encode()


def listing(n: int, start: int = 0) -> bytes:
    """A news listing of `n` dated items, keyed by their links."""
    rows = "".join(
        f"<li><a href='/news/item-{i}'>Guidance note number {i} on the supervision of AI systems</a>"
        f"<span class='date'>2026-0{1 + i % 9}-1{i % 10}</span></li>" for i in range(start, start + n))
    return (f"<html><head><title>News</title></head><body><main><h1>News</h1><ul class='news'>{rows}</ul>"
            "</main></body></html>").encode()


def gzip_bomb(megabytes: int) -> bytes:
    return gzip.compress(b"\0" * (megabytes << 20), compresslevel=9)


def deflate_bomb(megabytes: int) -> bytes:
    return zlib.compress(b"\0" * (megabytes << 20), 9)


def trickle(seconds: int) -> Reply:
    """One byte a second, for at most `seconds` seconds."""
    return Reply(200, (b"x" for _ in range(seconds)), {"Content-Type": HTML}, chunk_delay=1.0)


def stalled(seconds: float) -> Reply:
    """Headers and the start of a page, then nothing for `seconds`."""
    def body() -> Iterator[bytes]:
        yield b"<html><body><main><p>" + b"The start of a long page. " * 40
        time.sleep(seconds)
        yield b"</p></main></body></html>"

    return Reply(200, body(), {"Content-Type": HTML})


def alternating(*replies: Reply) -> Callable[[RecordedRequest], Reply]:
    """A handler answering with each reply in turn, the last one from then on."""
    seen = {"n": 0}

    def handle(_req: RecordedRequest) -> Reply:
        n = seen["n"]
        seen["n"] += 1
        return replies[min(n, len(replies) - 1)]

    return handle


class RawServer:
    """A TCP listener on `host` that answers each connection with `answer(conn)`; for faults http.server cannot make."""

    def __init__(self, answer: Callable[[socket.socket], None], host: str = "127.0.0.1", backlog: int = 16) -> None:
        self.answer = answer
        self.listener = socket.socket()
        self.listener.bind((host, 0))
        self.listener.listen(backlog)
        self.listener.settimeout(0.1)
        self.host = host
        self.port = int(self.listener.getsockname()[1])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        try:
            self.answer(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(1)
        self.listener.close()


def reset_mid_body(conn: socket.socket) -> None:
    """Promise 50,000 bytes, send 1,000, then abort the connection with a TCP reset (SO_LINGER 0)."""
    conn.settimeout(2)
    conn.recv(65536)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 50000\r\n\r\n"
                 + b"<html><body><main><p>" + b"a" * 979)
    time.sleep(0.05)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


@contextmanager
def unaccepting_listener(host: str = "127.0.0.1") -> Iterator[int]:
    """A port whose accept queue is full, so a new connection attempt hangs until the connect timeout."""
    listener = socket.socket()
    listener.bind((host, 0))
    listener.listen(0)
    port = int(listener.getsockname()[1])
    fillers = []
    for _ in range(4):  # bounded: the queue of a listen(0) socket holds one or two
        sock = socket.socket()
        sock.setblocking(False)
        with suppress(BlockingIOError):
            sock.connect((host, port))
        fillers.append(sock)
    try:
        yield port
    finally:
        for sock in fillers:
            sock.close()
        listener.close()


@contextmanager
def tls_server(tmp_path: Path, host: str = "127.0.0.1") -> Iterator[TestServer]:
    """A TestServer speaking TLS with a self-signed certificate nobody trusts."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", f"/CN={host}",
                    "-addext", f"subjectAltName=IP:{host}"], check=True, capture_output=True, timeout=20)
    srv = TestServer(host)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    srv._httpd.socket = context.wrap_socket(srv._httpd.socket, server_side=True)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def watcher_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WATCHER_")}
    env.update(extra or {})
    return env


def watcher(project: Path, *args: str, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `watcher --sources --config --db <args>` in `project` as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "watcher", "--sources", str(project / "sources.yaml"), "--config",
         str(project / "watcher.yaml"), "--db", f"sqlite:///{project / 'w.db'}", *args],
        cwd=project, env=watcher_env(env), capture_output=True, text=True, timeout=timeout,
    )


def settings_yaml(*, retries: int = 1, extra: str = "") -> str:
    return (f"fetch:\n  obey_robots: false\n  retries: {retries}\n  connect_timeout: 2\n  read_timeout: 3\n"
            f"  defaults: {{concurrency: 4, delay: 0}}\n{extra}")


def source_yaml(ident: str, url: str, kind: str = "html", **extra: str) -> str:
    more = "".join(f", {k}: {v}" for k, v in extra.items())
    return (f"  - {{id: {ident}, name: {ident}, url: \"{url}\", kind: {kind}, jurisdiction: EU, "
            f"publisher: test, interval: 1h{more}}}\n")
