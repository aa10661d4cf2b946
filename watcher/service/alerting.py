"""The alert dispatcher of the service, in a thread of its own (notifiers block on network I/O).

Every `dispatch_every` seconds, or at once when a check stored changes or a source's health changed, one
pass of the alerts work's `Dispatcher.run_once()` builds due digests and reminders and delivers what is due.
A reload swaps the dispatcher (channels, subscriptions) between two passes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence

from watcher.alerts.dispatch import Dispatcher
from watcher.alerts.health import plan_health_alerts
from watcher.alerts.routing import PlannedAlert
from watcher.config import SourceConfig
from watcher.service.reload import Loaded
from watcher.storage.leases import HealthEvent
from watcher.storage.repository import Store

log = logging.getLogger("watcher.service")


class AlertThread:
    def __init__(self, store: Store, owner: str) -> None:
        self.store = store
        self.owner = owner
        self.dispatcher: Dispatcher | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._every = 5.0

    def configure(self, loaded: Loaded) -> None:
        """Use this configuration from the next pass on; changes are routed to its subscriptions."""
        dispatcher = Dispatcher(self.store, loaded.settings, list(loaded.sources), owner=self.owner)
        with self._lock:
            self.dispatcher = dispatcher
            self._every = loaded.settings.service.dispatch_every
        self.store.on_saved = dispatcher.route
        self._wake.set()

    def start(self, loaded: Loaded) -> None:
        self.configure(loaded)
        self._thread = threading.Thread(target=self._loop, name="watcher-alerts", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float) -> None:
        """Stop after the current pass; a send still running after `timeout` is left to its lease."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def plan(self, event: HealthEvent, channels: Sequence[str],
             sources: Mapping[str, SourceConfig]) -> list[PlannedAlert]:
        return plan_health_alerts(event, channels, sources)

    def counts(self) -> dict[tuple[str, str], int]:
        with self._lock:
            dispatcher = self.dispatcher
        return dispatcher.outbox.counts() if dispatcher is not None else {}

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            with self._lock:
                dispatcher, every = self.dispatcher, self._every
            if dispatcher is not None:
                try:
                    report = dispatcher.run_once()
                    if report.delivered or report.failed:
                        log.info("alerts", extra={"fields": {"delivered": report.delivered, "failed": report.failed,
                                                             "waiting": len(report.waiting)}})
                except Exception as exc:  # the next pass tries again
                    log.error("alert dispatch failed", extra={"fields": {"error": str(exc)}})
            self._wake.wait(every)
