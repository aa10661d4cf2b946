"""A real HTTP server on 127.0.0.1 for tests: routes are set per test and may change between checks.

    srv.route("/news", body=b"...", headers={"Content-Type": "text/html"})
    srv.route("/feed", handler=lambda req: Reply(200, b"..."))
    srv.requests  # every request seen: RecordedRequest(method, path, headers)
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class RecordedRequest:
    method: str
    path: str  # path with query
    headers: dict[str, str]
    at: float
    body: bytes = b""  # the request body (POST)


@dataclass
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunk_delay: float = 0.0  # seconds between body chunks (an iterable body is streamed)


Handler = Callable[[RecordedRequest], Reply]


class TestServer:
    __test__ = False  # not a test class, despite the name

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                req = RecordedRequest(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic(),
                    self.rfile.read(length) if length else b"",
                )
                with server._lock:
                    server.requests.append(req)
                handler = server.routes.get(self.path) or server.routes.get(urlsplit(self.path).path)
                reply = handler(req) if handler else Reply(404, b"not found", {"Content-Type": "text/plain"})
                if reply.delay:
                    time.sleep(reply.delay)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._write(reply)

            def _write(self, reply: Reply) -> None:
                self.send_response(reply.status)
                headers = dict(reply.headers)
                if isinstance(reply.body, bytes | bytearray):
                    headers.setdefault("Content-Length", str(len(reply.body)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    if self.command != "HEAD" and reply.status != 304:
                        self.wfile.write(reply.body)
                    return
                headers.pop("Content-Length", None)
                headers["Transfer-Encoding"] = "chunked"
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                for chunk in reply.body:
                    if reply.chunk_delay:
                        time.sleep(reply.chunk_delay)
                    if chunk:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")

            do_GET = _serve
            do_HEAD = _serve
            do_POST = _serve

        self._httpd = ThreadingHTTPServer((host, 0), _Handler)
        self._httpd.daemon_threads = True
        self.host = host
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
        content_type: str | None = None,
        handler: Handler | None = None,
    ) -> None:
        if handler is None:
            data = body.encode("utf-8") if isinstance(body, str) else body
            hdrs = dict(headers or {})
            if content_type:
                hdrs["Content-Type"] = content_type
            fixed = Reply(status, data, hdrs)

            def handler(_req: RecordedRequest, _r: Reply = fixed) -> Reply:
                return _r

        self.routes[path] = handler

    def hits(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path or urlsplit(r.path).path == path]

    def start(self) -> TestServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
