"""robots.txt: fetched once per site for the life of a Fetcher, then obeyed.

Rules for our own token (`watcher-ai-regulation`) win over the `*` group, as usual. A robots.txt that is
missing (4xx), unreachable, too big or unreadable allows everything. The file is loaded through a
callable the Fetcher supplies, so it passes the same address guard and politeness gate as any page.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from watcher.errors import FetchError

AGENT_TOKEN = "watcher-ai-regulation"
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB

# robots.txt URL -> body of a 2xx answer; raises FetchError for anything else
Loader = Callable[[str], Awaitable[bytes]]


class RobotsCache:
    """One parsed robots.txt per scheme://host:port, loaded at most once even under concurrency."""

    def __init__(self) -> None:
        self._rules: dict[str, RobotFileParser | None] = {}  # None: everything allowed
        self._locks: dict[str, asyncio.Lock] = {}

    async def check(self, url: str, load: Loader) -> None:
        """Raise FetchError(transient=False) when robots.txt of the URL's site disallows it.

        `load` fetches robots.txt the first time this site is seen; later calls use the cached rules.
        """
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}".lower()
        rules = self._rules[site] if site in self._rules else await self._fetch_once(site, load)
        if rules is None or rules.can_fetch(AGENT_TOKEN, url):
            return
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        raise FetchError(f"robots.txt of {parts.hostname} disallows {path}", transient=False)

    async def _fetch_once(self, site: str, load: Loader) -> RobotFileParser | None:
        lock = self._locks.setdefault(site, asyncio.Lock())
        async with lock:
            if site in self._rules:
                return self._rules[site]
            try:
                body = await load(site + "/robots.txt")
            except FetchError:
                rules = None
            else:
                rules = RobotFileParser(site + "/robots.txt")
                rules.parse(body.decode("utf-8", errors="replace").splitlines())
            self._rules[site] = rules
            return rules
