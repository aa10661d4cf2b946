"""Per-host politeness as the server sees it: spacing between request starts and requests in flight."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Iterator

import pytest

from tests import server as testserver
from tests.server import RecordedRequest, Reply
from watcher.config import FetchSettings, HostLimits
from watcher.errors import FetchError
from watcher.fetch import Fetcher


@pytest.fixture
def server2() -> Iterator[testserver.TestServer]:
    srv = testserver.TestServer("127.0.0.2").start()
    try:
        yield srv
    finally:
        srv.stop()


class InFlight:
    """A handler that answers slowly and records the most requests it had open at once."""

    def __init__(self, hold: float) -> None:
        self.hold = hold
        self.now = 0
        self.most = 0
        self._lock = threading.Lock()

    def __call__(self, _req: RecordedRequest) -> Reply:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)
        time.sleep(self.hold)
        with self._lock:
            self.now -= 1
        return Reply(200, b"ok", {"Content-Type": "text/plain"})


async def _many(fetcher: Fetcher, urls: list[str], budget: float = 10, **kwargs: object) -> list[object]:
    deadline = time.monotonic() + budget
    return await asyncio.gather(*(fetcher.fetch(u, deadline=deadline, **kwargs) for u in urls),  # type: ignore[arg-type]
                                return_exceptions=True)


def test_requests_to_one_host_start_at_least_delay_apart(server: testserver.TestServer) -> None:
    server.route("/p", "ok", content_type="text/plain")
    settings = FetchSettings(obey_robots=False, retries=0)

    async def go() -> list[object]:
        async with Fetcher(settings) as fetcher:
            return await _many(fetcher, [server.url(f"/p?{i}") for i in range(4)], concurrency=2, delay=0.3)

    results = asyncio.run(go())
    assert not [r for r in results if isinstance(r, BaseException)]
    starts = sorted(r.at for r in server.hits("/p"))
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 4 and min(gaps) >= 0.28, gaps


def test_requests_in_flight_never_exceed_the_hosts_limit(server: testserver.TestServer) -> None:
    slow = InFlight(hold=0.2)
    server.route("/slow", handler=slow)
    settings = FetchSettings(obey_robots=False, retries=0, hosts={"127.0.0.1": HostLimits(concurrency=2, delay=0)})

    async def go() -> list[object]:
        async with Fetcher(settings) as fetcher:
            return await _many(fetcher, [server.url(f"/slow?{i}") for i in range(6)])

    started = time.monotonic()
    results = asyncio.run(go())
    assert not [r for r in results if isinstance(r, BaseException)]
    assert slow.most == 2  # the limit is used, never exceeded
    assert time.monotonic() - started >= 0.55  # 6 requests, 2 at a time, 0.2 s each


def test_a_sources_own_concurrency_replaces_the_hosts(server: testserver.TestServer) -> None:
    slow = InFlight(hold=0.15)
    server.route("/slow", handler=slow)
    settings = FetchSettings(obey_robots=False, retries=0, hosts={"127.0.0.1": HostLimits(concurrency=4, delay=0)})

    async def go() -> list[object]:
        async with Fetcher(settings) as fetcher:
            return await _many(fetcher, [server.url(f"/slow?{i}") for i in range(4)], concurrency=1)

    asyncio.run(go())
    assert slow.most == 1


def test_different_hosts_do_not_wait_for_each_other(
    server: testserver.TestServer, server2: testserver.TestServer
) -> None:
    for srv in (server, server2):
        srv.route("/p", "ok", content_type="text/plain")
    settings = FetchSettings(obey_robots=False, retries=0, defaults=HostLimits(concurrency=1, delay=0.5))

    async def go() -> list[object]:
        async with Fetcher(settings) as fetcher:
            return await _many(fetcher, [server.url("/p?1"), server.url("/p?2"), server2.url("/p")])

    started = time.monotonic()
    results = asyncio.run(go())
    assert not [r for r in results if isinstance(r, BaseException)]
    first_a, second_a = sorted(r.at for r in server.hits("/p"))
    assert server2.hits("/p")[0].at - started < 0.3  # not queued behind the other host
    assert second_a - first_a >= 0.48


def test_waiting_for_a_turn_never_sleeps_past_the_deadline(server: testserver.TestServer) -> None:
    server.route("/p", "ok", content_type="text/plain")
    settings = FetchSettings(obey_robots=False, retries=0, defaults=HostLimits(concurrency=1, delay=5))

    async def go() -> list[object]:
        async with Fetcher(settings) as fetcher:
            return await _many(fetcher, [server.url("/p?1"), server.url("/p?2")], budget=1.0)

    started = time.monotonic()
    first, second = asyncio.run(go())
    assert not isinstance(first, BaseException)
    assert isinstance(second, FetchError) and "waiting for a turn at 127.0.0.1" in str(second)
    assert time.monotonic() - started < 0.5
    assert len(server.hits("/p")) == 1
