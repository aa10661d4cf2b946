"""The loopback HTTP endpoint: `/healthz` (200 or 503 with a sentence) and `/metrics` (Prometheus text).

A deliberately small HTTP/1.0 responder on asyncio streams: two GET routes, one response per connection.
The probes run in a thread so a slow database never blocks the scheduler's event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger("watcher.service")

Probe = Callable[[], Awaitable[tuple[int, str, str]]]  # -> (status, content type, body)
REASONS = {200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}
PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8"


class HealthServer:
    def __init__(self, host: str, port: int, routes: dict[str, Probe]) -> None:
        self.host = host
        self.port = port
        self.routes = routes
        self._server: asyncio.Server | None = None

    async def start(self) -> int:
        """Listen; returns the port (useful with port 0)."""
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 1)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            method, _, rest = head.decode("latin-1").partition(" ")
            path = rest.split(" ", 1)[0].split("?", 1)[0]
            route = self.routes.get(path)
            if route is None:
                status, ctype, body = 404, "text/plain", "not found: try /healthz or /metrics\n"
            elif method not in ("GET", "HEAD"):
                status, ctype, body = 405, "text/plain", "only GET\n"
            else:
                status, ctype, body = await route()
            data = body.encode("utf-8")
            writer.write(
                f"HTTP/1.0 {status} {REASONS.get(status, '')}\r\nContent-Type: {ctype}\r\n"
                f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode("latin-1")
                + (b"" if method == "HEAD" else data)
            )
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            pass
        except Exception:  # pragma: no cover - never let a probe take the service down
            log.exception("health endpoint error")
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
