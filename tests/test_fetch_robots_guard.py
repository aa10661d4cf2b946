"""robots.txt obedience and the link-local / cloud-metadata address guard."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from tests import server as testserver
from watcher.config import FetchSettings, HostLimits
from watcher.errors import FetchError
from watcher.fetch import Fetcher
from watcher.fetch.netguard import AddressGuard
from watcher.records import FetchResult

ROBOTS = FetchSettings(defaults=HostLimits(concurrency=4, delay=0), retries=0)


def fetch_all(settings: FetchSettings, urls: list[str], budget: float = 5, **kwargs: Any) -> list[Any]:
    async def go() -> list[Any]:
        async with Fetcher(settings) as fetcher:
            deadline = time.monotonic() + budget
            return await asyncio.gather(*(fetcher.fetch(u, deadline=deadline, **kwargs) for u in urls),
                                        return_exceptions=True)

    return asyncio.run(go())


def fetch_error(settings: FetchSettings, url: str, **kwargs: Any) -> FetchError:
    (outcome,) = fetch_all(settings, [url], **kwargs)
    assert isinstance(outcome, FetchError), outcome
    return outcome


def test_a_disallow_rule_blocks_and_robots_txt_is_fetched_once(server: testserver.TestServer) -> None:
    server.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.route("/public", "ok", content_type="text/plain")
    server.route("/private/draft", "secret", content_type="text/plain")
    urls = [server.url(f"/public?{i}") for i in range(8)] + [server.url("/private/draft")]
    *fine, blocked = fetch_all(ROBOTS, urls)
    assert all(isinstance(r, FetchResult) and r.text == "ok" for r in fine)
    assert isinstance(blocked, FetchError) and not blocked.transient
    assert str(blocked) == "robots.txt of 127.0.0.1 disallows /private/draft"
    assert server.hits("/private/draft") == []
    assert len(server.hits("/robots.txt")) == 1
    assert server.hits("/robots.txt")[0].headers["user-agent"] == ROBOTS.agent()


def test_a_group_for_our_own_token_wins_over_the_star_group(server: testserver.TestServer) -> None:
    server.route("/robots.txt", "User-agent: *\nAllow: /\n\nUser-agent: watcher-ai-regulation\nDisallow: /\n")
    server.route("/page", "ok", content_type="text/plain")
    assert "disallows /page" in str(fetch_error(ROBOTS, server.url("/page")))


@pytest.mark.parametrize("status", [404, 403, 500])
def test_missing_or_failing_robots_txt_allows_everything(server: testserver.TestServer, status: int) -> None:
    server.route("/robots.txt", "no", status=status, content_type="text/plain")
    server.route("/page", "ok", content_type="text/plain")
    (result,) = fetch_all(ROBOTS, [server.url("/page")])
    assert isinstance(result, FetchResult) and result.text == "ok"


def test_robots_can_be_switched_off(server: testserver.TestServer) -> None:
    server.route("/robots.txt", "User-agent: *\nDisallow: /\n")
    server.route("/page", "ok", content_type="text/plain")
    (result,) = fetch_all(ROBOTS.model_copy(update={"obey_robots": False}), [server.url("/page")])
    assert isinstance(result, FetchResult)
    assert server.hits("/robots.txt") == []


def test_a_metadata_address_is_refused_before_any_connection() -> None:
    started = time.monotonic()
    error = fetch_error(ROBOTS, "http://169.254.169.254/latest/meta-data/")
    assert time.monotonic() - started < 0.5  # no connect attempt, no robots.txt attempt
    assert not error.transient
    assert str(error).startswith("refusing to fetch from 169.254.169.254: it is a link-local or cloud-metadata")


def test_a_redirect_to_a_metadata_address_is_refused(server: testserver.TestServer) -> None:
    server.route("/jump", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    error = fetch_error(ROBOTS.model_copy(update={"obey_robots": False}), server.url("/jump"))
    assert "refusing to fetch from 169.254.169.254" in str(error)
    assert len(server.hits("/jump")) == 1


@pytest.mark.parametrize(
    "host", ["169.254.169.254", "169.254.1.1", "fe80::1", "[fe80::1%25eth0]", "fd00:ec2::254",
             "100.100.100.200", "::ffff:169.254.169.254"]
)
def test_link_local_and_metadata_addresses_are_blocked_unless_allowed(host: str) -> None:
    guard = AddressGuard()
    with pytest.raises(FetchError, match="link-local or cloud-metadata"):
        asyncio.run(guard.check(host, 80))
    asyncio.run(guard.check(host, 80, allow_link_local=True))
    asyncio.run(AddressGuard(allow_link_local=True).check(host, 80))


@pytest.mark.parametrize("host", ["127.0.0.1", "10.0.0.1", "192.168.1.10", "172.16.0.1", "::1", "localhost"])
def test_loopback_and_private_addresses_are_allowed(host: str) -> None:
    asyncio.run(AddressGuard().check(host, 80))
