"""`watcher run`: every enabled source checked on schedule, in one asyncio process, until SIGTERM.

APScheduler (AsyncIOScheduler) holds one date job per source, armed at the source's `next_due` as stored in
the database. When it fires, the source is claimed with a lease (`storage.leases.Schedule.claim`); only the
instance holding the lease checks it, as its own task, through the one shared Fetcher (so per-host
politeness holds across all checks). Finishing moves `next_due` on, releases the lease and raises the
source-health alerts in one transaction, and the job is re-armed. The alert dispatcher runs in a thread of
its own; the health endpoint, config reloads and signal handling run on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from watcher.analysis import Registry
from watcher.check import Checker
from watcher.config import SourceConfig
from watcher.errors import ConfigError, WatcherError
from watcher.fetch import Fetcher
from watcher.records import CheckResult
from watcher.service import timing
from watcher.service.alerting import AlertThread
from watcher.service.metrics import Metrics
from watcher.service.probes import Probes
from watcher.service.reload import ConfigFiles, Loaded
from watcher.storage.leases import Claim, HealthEvent, Schedule
from watcher.storage.repository import Store

log = logging.getLogger("watcher.service")


class Service:
    """One `watcher run` process. `run()` returns the exit code."""

    def __init__(self, store: Store, files: ConfigFiles, loaded: Loaded, *, health_port: int | None = None,
                 owner: str | None = None) -> None:
        self.store = store
        self.files = files
        self.loaded = loaded
        self.schedule = Schedule(store, owner)
        self.metrics = Metrics()
        self.alerts = AlertThread(store, self.schedule.owner)
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.stopping = asyncio.Event()
        self.beat = time.monotonic()
        self.stamps = files.stamps()
        self.health_port = health_port if health_port is not None else loaded.settings.service.health_port
        self.fetcher: Fetcher | None = None
        self.checker: Checker | None = None
        self.retired: list[Fetcher] = []
        self.limit = asyncio.Semaphore(max(1, loaded.settings.fetch.max_parallel_sources))
        self.probes = Probes(self)

    # --------------------------------------------------------------------------------- lifecycle --

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop, sig.name)
        loop.add_signal_handler(signal.SIGHUP, self.reload, "SIGHUP")
        await self._use_fetcher(self.loaded)
        self.scheduler.start()
        self.scheduler.add_job(self._heartbeat, "interval", seconds=1, id="~heartbeat", coalesce=True)
        self.scheduler.add_job(self._poll_files, "interval", seconds=self.loaded.settings.service.reload_poll,
                               id="~reload", coalesce=True)
        self._apply(self.loaded)
        self.alerts.start(self.loaded)
        port = await self.probes.start(self.loaded.settings.service.health_host, self.health_port)
        log.info("started", extra={"fields": {
            "owner": self.schedule.owner, "sources": len(self.loaded.enabled), "health_port": port}})
        await self.stopping.wait()
        return await self._shutdown()

    def stop(self, why: str = "stop") -> None:
        if not self.stopping.is_set():
            log.info("stopping", extra={"fields": {"signal": why, "in_flight": len(self.tasks)}})
            self.stopping.set()

    async def _shutdown(self) -> int:
        started = time.monotonic()
        self.scheduler.shutdown(wait=False)
        grace = self.loaded.settings.service.shutdown_grace
        pending: set[asyncio.Task[None]] = set(self.tasks.values())
        if pending:
            _, pending = await asyncio.wait(pending, timeout=grace)
        for task in pending:
            task.cancel()  # the check's task releases its lease when cancelled
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        self.alerts.stop(timeout=max(0.2, min(1.0, 9.0 - (time.monotonic() - started))))
        await self.probes.stop()
        for fetcher in [self.fetcher, *self.retired]:
            if fetcher is not None:
                await fetcher.__aexit__(None, None, None)
        log.info("stopped", extra={"fields": {"abandoned": len(pending),
                                              "seconds": round(time.monotonic() - started, 2)}})
        return 0

    async def _use_fetcher(self, loaded: Loaded) -> None:
        """A Fetcher for these fetch settings (the old one, if the settings differ, is closed at exit)."""
        settings = loaded.settings
        if self.fetcher is None or self.fetcher.settings != settings.fetch:
            if self.fetcher is not None:
                self.retired.append(self.fetcher)
            self.fetcher = await Fetcher(settings.fetch).__aenter__()
        registry = Registry.load(extra=settings.instruments)
        self.checker = Checker(self.store, self.fetcher, settings.fetch, registry)

    async def _heartbeat(self) -> None:  # coroutine jobs run on the event loop, plain ones in threads
        self.beat = time.monotonic()

    # ---------------------------------------------------------------------------------- config --

    async def _poll_files(self) -> None:
        if self.files.stamps() != self.stamps:
            self.reload("file changed")

    def reload(self, why: str = "reload") -> None:
        if self.stopping.is_set():
            return
        self.stamps = self.files.stamps()
        try:
            loaded = self.files.load()
        except ConfigError as exc:
            self.metrics.reloads["invalid"] += 1
            log.error("config not reloaded, the running one stays", extra={"fields": {
                "reason": why, "error": str(exc), "file": exc.path, "line": exc.line}})
            return
        asyncio.get_running_loop().create_task(self._reloaded(loaded, why))

    async def _reloaded(self, loaded: Loaded, why: str) -> None:
        await self._use_fetcher(loaded)
        self._apply(loaded)
        self.alerts.configure(loaded)
        self.metrics.reloads["ok"] += 1
        log.info("config reloaded", extra={"fields": {"reason": why, "sources": len(loaded.enabled)}})

    def _apply(self, loaded: Loaded) -> None:
        """Record the configured sources, give new ones a due time, and arm one job per enabled source."""
        self.loaded = loaded
        enabled = loaded.enabled
        now = self.store.now()
        for attempt in range(3):  # another instance may insert the same new sources at the same moment
            try:
                self.store.sync_sources(list(loaded.sources))
                break
            except WatcherError:
                if attempt == 2:
                    raise
                time.sleep(0.2)
        self.schedule.plan({i: timing.first_due(s, now) for i, s in enabled.items()},
                           {i: timing.latest_due(s, now) for i, s in enabled.items()})
        for job in self.scheduler.get_jobs():
            if not job.id.startswith("~") and job.id not in enabled:
                job.remove()
        for source_id, due in self.schedule.due_times(list(enabled)).items():
            if source_id not in self.tasks:
                self._arm(source_id, due or now)

    # ---------------------------------------------------------------------------------- checks --

    def _arm(self, source_id: str, when: datetime) -> None:
        if self.stopping.is_set() or source_id not in self.loaded.enabled:
            return
        self.scheduler.add_job(self._fire, DateTrigger(run_date=when, timezone=UTC), args=[source_id],
                               id=source_id, replace_existing=True, misfire_grace_time=None, coalesce=True)

    async def _fire(self, source_id: str) -> None:
        source = self.loaded.enabled.get(source_id)
        if source is None or self.stopping.is_set() or source_id in self.tasks:
            return
        try:
            claim = self.schedule.claim(source_id, source.budget + self.loaded.settings.service.lease_margin)
        except WatcherError as exc:
            log.error("cannot claim a check", extra={"fields": {"source": source_id, "error": str(exc)}})
            self._arm(source_id, self.store.now() + timedelta(seconds=5))
            return
        if not claim.granted:
            # Another instance may move the due time on (or die) meanwhile: look again within one period.
            now = self.store.now()
            again = min(claim.wait_until or now, now + timedelta(seconds=timing.period(source, now)))
            self._arm(source_id, max(again, now + timedelta(seconds=0.2)))
            return
        if claim.already_checked:
            self._finish_recorded(source, claim)
            return
        self.tasks[source_id] = asyncio.get_running_loop().create_task(self._check(source, claim))

    def _finish_recorded(self, source: SourceConfig, claim: Claim) -> None:
        """The previous holder died after storing this due time's check: schedule the next one only."""
        try:
            due, event = self._finish(source, claim)
        except WatcherError as exc:
            log.error("cannot schedule the next check", extra={"fields": {"source": source.id, "error": str(exc)}})
            due, event = None, None
        log.info("check already recorded by an instance that stopped", extra={"fields": {"source": source.id}})
        if event is not None:
            self._log_health(event)
            self.alerts.wake()
        self._arm(source.id, due or self.store.now() + timedelta(seconds=1))

    async def _check(self, source: SourceConfig, claim: Claim) -> None:
        try:
            async with self.limit:
                assert self.checker is not None
                result = await self.checker.check(source)
        except asyncio.CancelledError:
            self.tasks.pop(source.id, None)
            self.schedule.release(source.id)
            log.warning("check abandoned", extra={"fields": {"source": source.id}})
            raise
        except WatcherError as exc:  # the database failed under the check: try again shortly
            self.tasks.pop(source.id, None)
            log.error("check failed", extra={"fields": {"source": source.id, "error": str(exc)}})
            self._release_quietly(source.id)
            self._arm(source.id, self.store.now() + timedelta(seconds=5))
            return
        self.metrics.observe(result)
        due: datetime | None = None
        event: HealthEvent | None = None
        try:
            due, event = self._finish(source, claim)
        except WatcherError as exc:
            log.error("cannot schedule the next check", extra={"fields": {"source": source.id, "error": str(exc)}})
        finally:
            self.tasks.pop(source.id, None)
        self._log_check(result, due)
        if event is not None:
            self._log_health(event)
        if result.changes or event is not None:
            self.alerts.wake()
        self._arm(source.id, due or self.store.now() + timedelta(seconds=1))

    def _release_quietly(self, source_id: str) -> None:
        try:
            self.schedule.release(source_id)
        except WatcherError as exc:
            log.error("cannot release a lease", extra={"fields": {"source": source_id, "error": str(exc)}})

    def _finish(self, source: SourceConfig, claim: Claim) -> tuple[datetime | None, HealthEvent | None]:
        def next_due(_: str, retry_after: datetime | None, now: datetime) -> datetime:
            due = timing.next_due(source, claim.due, now)
            return max(due, retry_after) if retry_after is not None else due

        settings = self.loaded.settings
        return self.schedule.finish(
            claim, next_due, failing_after=settings.service.failing_after,
            alerts=lambda event: self.alerts.plan(event, settings.operators, self.loaded.enabled),
        )

    def _log_check(self, result: CheckResult, due: datetime | None) -> None:
        fields = {"source": result.source_id, "status": result.status, "duration_ms": result.duration_ms,
                  "changes": len(result.changes), "error": result.error,
                  "next_due": due.isoformat(timespec="seconds").replace("+00:00", "Z") if due else None}
        log.log(logging.WARNING if result.status == "failed" else logging.INFO, "check", extra={"fields": fields})

    def _log_health(self, event: HealthEvent) -> None:
        log.warning(f"source {event.event}", extra={"fields": {
            "source": event.source_id, "failures": event.failures, "error": event.error}})


def run_service(store: Store, files: ConfigFiles, loaded: Loaded, *, health_port: int | None = None) -> int:
    async def main() -> int:
        service = Service(store, files, loaded, health_port=health_port)
        return await service.run()

    return asyncio.run(main())

