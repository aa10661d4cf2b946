"""Per-host politeness: a cap on requests in flight and a minimum gap between request starts.

One `HostGate` exists per (host, concurrency, delay) for the lifetime of a Fetcher, so every request to
a host, robots.txt included, queues behind the same gate. A request start is reserved under a lock and
the sleep happens outside it, so waiting requests never hold each other up longer than the delay asks.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from watcher.config import FetchSettings
from watcher.errors import FetchError


class HostGate:
    """At most `concurrency` requests in flight, and request starts at least `delay` seconds apart."""

    def __init__(self, host: str, concurrency: int, delay: float) -> None:
        self.host = host
        self.concurrency = max(1, concurrency)
        self.delay = max(0.0, delay)
        self._slots = asyncio.Semaphore(self.concurrency)
        self._next_start = 0.0  # monotonic time before which no further request may start

    @asynccontextmanager
    async def slot(self, deadline: float) -> AsyncIterator[None]:
        """Hold one request slot; waits for a free slot and for the host's delay, never past `deadline`."""
        async with self._slots:
            now = time.monotonic()
            start = max(now, self._next_start)
            if start > deadline:
                raise FetchError(
                    f"the time budget ran out while waiting for a turn at {self.host} "
                    f"(at most one request every {self.delay:g} s)"
                )
            self._next_start = start + self.delay
            if start > now:
                await asyncio.sleep(start - now)
            yield


class Gates:
    """Creates each host gate once and hands out the same one for every later request."""

    def __init__(self, settings: FetchSettings) -> None:
        self._settings = settings
        self._gates: dict[tuple[str, int, float], HostGate] = {}

    def for_host(self, host: str, concurrency: int | None = None, delay: float | None = None) -> HostGate:
        """The gate for `host`; a source's own concurrency/delay, when given, replace the host's limits."""
        host = host.lower()
        limits = self._settings.limits_for(host)
        key = (
            host,
            limits.concurrency if concurrency is None else concurrency,
            limits.delay if delay is None else delay,
        )
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates[key] = HostGate(*key)
        return gate
