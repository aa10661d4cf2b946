"""What `/healthz` and `/metrics` report about a running Service."""

from __future__ import annotations

import asyncio
import json
import time
from typing import TYPE_CHECKING

from watcher.errors import WatcherError
from watcher.service.http import PROMETHEUS, HealthServer

if TYPE_CHECKING:
    from watcher.service.runner import Service

STALE_AFTER = 5.0  # seconds without a scheduler heartbeat before the service counts as stuck
DB_TIMEOUT = 3.0


class Probes:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.server: HealthServer | None = None

    async def start(self, host: str, port: int | None) -> int | None:
        if port is None:
            return None
        self.server = HealthServer(host, port, {"/healthz": self.healthz, "/metrics": self.metrics})
        return await self.server.start()

    async def stop(self) -> None:
        if self.server is not None:
            await self.server.stop()

    def scheduler_alive(self) -> bool:
        service = self.service
        return bool(service.scheduler.running) and time.monotonic() - service.beat < STALE_AFTER

    async def database_reachable(self) -> str | None:
        """None when the database answers, else why not."""
        try:
            await asyncio.wait_for(asyncio.to_thread(self.service.schedule.ping), DB_TIMEOUT)
        except TimeoutError:
            return f"the database did not answer within {DB_TIMEOUT:g} s"
        except WatcherError as exc:
            return str(exc)
        return None

    async def healthz(self) -> tuple[int, str, str]:
        alive = self.scheduler_alive() and not self.service.stopping.is_set()
        problem = await self.database_reachable()
        ok = alive and problem is None
        body = {"status": "ok" if ok else "unhealthy", "scheduler": "running" if alive else "stopped",
                "database": "reachable" if problem is None else problem, "checks_running": len(self.service.tasks)}
        return (200 if ok else 503), "application/json", json.dumps(body) + "\n"

    async def metrics(self) -> tuple[int, str, str]:
        service = self.service
        problem = await self.database_reachable()
        try:
            counts = await asyncio.to_thread(service.alerts.counts)
            failing = await asyncio.to_thread(service.schedule.failing_count)
        except WatcherError:
            counts, failing = {}, 0
        for channel in service.loaded.settings.channels:
            for state in ("pending", "failed"):
                counts.setdefault((channel, state), 0)
        up = self.scheduler_alive() and problem is None
        return 200, PROMETHEUS, service.metrics.render(counts, failing, up)
