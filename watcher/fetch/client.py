"""The Fetcher: one shared HTTP client, and everything a single polite, bounded fetch needs.

A fetch is: [address guard -> robots.txt -> host gate -> request -> (redirect: repeat per hop)],
retried with backoff on transient failures, all inside one deadline. Every failure leaves as a
FetchError with one sentence.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx

from watcher.config import FetchSettings
from watcher.errors import FetchError
from watcher.fetch.neterrors import describe_network_error
from watcher.fetch.netguard import AddressGuard
from watcher.fetch.politeness import Gates
from watcher.fetch.response import build_result, discard, not_modified_result, read_body, status_error
from watcher.fetch.retry import (
    RETRY_AFTER_STATUSES,
    RETRY_STATUSES,
    backoff,
    describe_wait,
    parse_retry_after,
    resume_at,
)
from watcher.fetch.robots import ROBOTS_MAX_BYTES, RobotsCache
from watcher.records import FetchResult, Validators

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,application/json;q=0.9,*/*;q=0.8"
_SECRET_HEADER = re.compile(r"auth|key|token|secret|cookie|session|password", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class _Retry(Exception):
    """An attempt failed in a way another attempt may fix. `wait` is the server's Retry-After, if any."""

    def __init__(self, error: FetchError, wait: float | None = None) -> None:
        super().__init__(error.sentence)
        self.error = error
        self.wait = wait


@dataclass
class _Job:
    """What one call to `fetch` asked for."""

    url: str
    deadline: float
    headers: dict[str, str]
    max_bytes: int
    concurrency: int | None
    delay: float | None
    allow_link_local: bool
    started: float = field(default_factory=time.monotonic)
    robots: bool = True
    decode: bool = True
    last_error: FetchError | None = None


class Fetcher:
    """Fetches pages politely for many sources at once; use as `async with Fetcher(settings) as f`."""

    def __init__(self, settings: FetchSettings) -> None:
        self.settings = settings
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            headers={"User-Agent": settings.agent(), "Accept-Encoding": "gzip, deflate, br", "Accept": _ACCEPT},
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=64),
        )
        self._gates = Gates(settings)
        self._guard = AddressGuard(settings.allow_link_local)
        self._robots = RobotsCache()

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the shared connections."""
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        deadline: float,
        validators: Validators | None = None,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
        concurrency: int | None = None,
        delay: float | None = None,
        allow_link_local: bool = False,
    ) -> FetchResult:
        """Fetch `url`, finishing by `deadline` (a time.monotonic() value) or raising FetchError."""
        extra = dict(headers or {})
        if validators is not None and validators.etag:
            extra["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            extra["If-Modified-Since"] = validators.last_modified
        job = _Job(url, deadline, extra, max_bytes or self.settings.max_bytes, concurrency, delay, allow_link_local)
        return await self._bounded(job)

    async def _bounded(self, job: _Job) -> FetchResult:
        """Run the job with retries inside its deadline."""
        if job.deadline <= job.started:
            raise FetchError("no time was left in this check's budget to fetch the page")
        budget = asyncio.timeout_at(job.deadline)
        try:
            async with budget:
                return await self._with_retries(job)
        except TimeoutError:
            if not budget.expired():
                raise FetchError("the fetch was interrupted by a timeout") from None
            sentence = (
                f"the time budget ran out after {time.monotonic() - job.started:.1f} s "
                "(retries and slow responses included)"
            )
            if job.last_error is not None:
                sentence += f"; before that, {job.last_error.sentence}"
            raise FetchError(sentence) from None

    async def _with_retries(self, job: _Job) -> FetchResult:
        attempts = max(0, self.settings.retries) + 1
        for attempt in range(attempts):
            try:
                return await self._attempt(job)
            except _Retry as retry:
                job.last_error = retry.error
                last = attempt == attempts - 1
                if retry.wait is not None:
                    if last or time.monotonic() + retry.wait > job.deadline:
                        at = resume_at(retry.wait)
                        sentence = f"{retry.error.sentence}; the server {describe_wait(retry.wait, at)}"
                        raise FetchError(sentence, retry_after=at) from None
                    await asyncio.sleep(retry.wait)
                    continue
                pause = backoff(attempt)
                if last or time.monotonic() + pause >= job.deadline:
                    raise retry.error from None
                await asyncio.sleep(pause)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _attempt(self, job: _Job) -> FetchResult:
        """One attempt: follow redirects by hand, checking each hop's address, robots.txt and gate."""
        current = job.url
        visits = {current: 1}
        headers = dict(job.headers)
        for _hop in range(self.settings.max_redirects + 1):
            parts = _split(current, redirected=current != job.url)
            host = parts.hostname or ""
            try:
                await self._guard.check(host, parts.port or _DEFAULT_PORTS[parts.scheme],
                                        allow_link_local=job.allow_link_local)
            except OSError as exc:
                raise _network_failure(exc, host) from None
            if job.robots and self.settings.obey_robots:
                await self._robots.check(current, lambda robots_url: self._load_robots(robots_url, job))
            gate = self._gates.for_host(host, job.concurrency, job.delay)
            async with gate.slot(job.deadline):
                outcome = await self._exchange(job, current, headers, host)
            if isinstance(outcome, FetchResult):
                return outcome
            # One revisit is allowed (a site setting a cookie, then sending us back); a second is a loop.
            if visits.get(outcome, 0) >= 2:
                raise FetchError(f"redirect loop: {current} leads back to {outcome}", transient=False)
            if _origin(_split(outcome, redirected=True)) != _origin(parts):
                headers = {k: v for k, v in headers.items() if not _SECRET_HEADER.search(k)}
            visits[outcome] = visits.get(outcome, 0) + 1
            current = outcome
        raise FetchError(f"more than {self.settings.max_redirects} redirects starting at {job.url}", transient=False)

    async def _exchange(self, job: _Job, url: str, headers: dict[str, str], host: str) -> FetchResult | str:
        """Send one request; returns the result, or the next URL for a redirect."""
        left = max(0.001, job.deadline - time.monotonic())
        timeout = httpx.Timeout(
            min(self.settings.read_timeout, left), connect=min(self.settings.connect_timeout, left), pool=left
        )
        try:
            request = self._client.build_request("GET", url, headers=headers, timeout=timeout)
        except UnicodeEncodeError:
            raise FetchError("a request header value is not plain ASCII text; check the source's headers",
                             transient=False) from None
        except httpx.InvalidURL as exc:
            raise _network_failure(exc, host) from None
        try:
            response = await self._client.send(request, stream=True)
        except httpx.ReadTimeout:  # connected, request sent, but not even a status line came back
            sentence = f"{host} accepted the connection but sent no answer within {timeout.read or 0:g} s (read timeout)"
            raise _Retry(FetchError(sentence)) from None
        except httpx.HTTPError as exc:
            raise _network_failure(exc, host) from None
        try:
            return await self._handle(job, url, response)
        except httpx.HTTPError as exc:
            raise _network_failure(exc, host) from None
        finally:
            await response.aclose()

    async def _handle(self, job: _Job, url: str, response: httpx.Response) -> FetchResult | str:
        status = response.status_code
        if status in _REDIRECTS:
            location = response.headers.get("location", "").strip()
            if not location:
                raise FetchError(f"the server answered {status} (a redirect) without saying where to", transient=False)
            await discard(response)
            return urljoin(url, location)
        if status == 304:
            return not_modified_result(job.url, url, response, _ms(job.started))
        if 200 <= status < 300:
            body = await read_body(response, job.max_bytes)
            if not body:
                raise FetchError("the server sent an empty body")
            return await build_result(job.url, url, response, body, _ms(job.started), decode=job.decode)
        error = status_error(response)
        await discard(response)
        if status in RETRY_STATUSES:
            wait = parse_retry_after(response.headers.get("retry-after")) if status in RETRY_AFTER_STATUSES else None
            raise _Retry(error, wait)
        raise error

    async def _load_robots(self, url: str, job: _Job) -> bytes:
        """robots.txt body for the site of `job`: one attempt, no source headers, small size limit."""
        robots_job = _Job(url, job.deadline, {}, ROBOTS_MAX_BYTES, job.concurrency, job.delay,
                          job.allow_link_local, robots=False, decode=False)
        try:
            return (await self._attempt(robots_job)).body
        except _Retry as retry:
            raise retry.error from None


def _split(url: str, *, redirected: bool) -> SplitResult:
    """Parse and vet a URL: http(s) with a host name."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise FetchError(f"{url!r} is not a valid URL", transient=False) from None
    if parts.scheme not in _DEFAULT_PORTS:
        scheme = parts.scheme or "scheme-less"
        if redirected:
            raise FetchError(f"the server redirected to a {scheme} URL ({url}), which watcher does not follow",
                             transient=False)
        raise FetchError(f"watcher can only fetch http and https URLs, not {scheme} ({url})", transient=False)
    if not parts.hostname:
        raise FetchError(f"the URL {url!r} has no host name", transient=False)
    return parts


def _origin(parts: SplitResult) -> tuple[str, str, int | None]:
    return parts.scheme, (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(parts.scheme)


def _network_failure(exc: BaseException, host: str) -> Exception:
    sentence, retry = describe_network_error(exc, host)
    error = FetchError(sentence, transient=True)
    return _Retry(error) if retry else error


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
