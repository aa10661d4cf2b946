"""The dispatcher: routes stored changes into the outbox, builds digests and reminders, delivers alerts.

    dispatcher = Dispatcher(store, settings, sources)
    store.on_saved = dispatcher.route      # alerts are queued in the transaction that stores the change
    ... check sources ...
    dispatcher.run_once(patient=True)      # deliver what is due

Delivery goes channel by channel, oldest alert first; a channel whose oldest alert cannot be delivered yet
keeps the rest waiting behind it (so it later receives everything, in order). Transient failures are retried
with exponential backoff (or the channel's Retry-After), capped; permanent ones fail the alert. With
`patient=True` (`watcher check`) a transient failure is retried within the run after a short wait.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from watcher.alerts.health import source_message
from watcher.alerts.reminders import DateCandidate, change_candidate, plan_reminders, registry_candidates
from watcher.alerts.render import SourceInfo, change_message, digest_message, reminder_message
from watcher.alerts.routing import facts_for, plan_change_alerts
from watcher.alerts.settings import REMINDER_ROLES
from watcher.analysis.registry import Registry, default_registry
from watcher.config import Settings, SourceConfig
from watcher.notifiers import DeliveryError, Message, Notifier, make_notifier
from watcher.records import ChangeView
from watcher.storage.outbox import AlertInfo, Outbox, enqueue
from watcher.storage.repository import Store

log = logging.getLogger("watcher.alerts")


@dataclass
class DispatchReport:
    delivered: int = 0
    failed: int = 0
    waiting: dict[str, str] = field(default_factory=dict)  # channel -> why its next alert waits
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.delivered} alert{'s' if self.delivered != 1 else ''} delivered"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.waiting:
            parts.append(f"{len(self.waiting)} channel{'s' if len(self.waiting) != 1 else ''} waiting to retry")
        return ", ".join(parts)


class Dispatcher:
    """Alerts of one Store under one configuration. `now`, `sleep` and `notifiers` are replaceable in tests."""

    def __init__(
        self, store: Store, settings: Settings, sources: Sequence[SourceConfig] = (), *,
        registry: Registry | None = None, environ: Mapping[str, str] | None = None,
        notifiers: Mapping[str, Notifier] | None = None, now: Callable[[], datetime] | None = None,
        sleep: Callable[[float], None] = time.sleep, owner: str | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.sources = {s.id: SourceInfo(s.id, s.name, s.jurisdiction, s.url) for s in sources}
        self.registry = registry or (Registry.load(extra=settings.instruments) if settings.instruments
                                     else default_registry())
        self.notifiers = dict(notifiers) if notifiers is not None else {
            name: make_notifier(name, options, environ) for name, options in settings.channels.items()
        }
        self.now = now or store.now
        self.sleep = sleep
        self.outbox = Outbox(store, owner)

    @property
    def enabled(self) -> bool:
        return bool(self.settings.channels and self.settings.subscriptions)

    # ---------------------------------------------------------------------------------- queueing --

    def route(self, session: Session, views: list[ChangeView]) -> None:
        """The Store's on_saved hook: queue the alerts of freshly stored changes in the same transaction."""
        if not self.settings.subscriptions:
            return
        facts = [facts_for(v, self._jurisdiction(v.source_id), self.registry) for v in views]
        planned = plan_change_alerts(self.settings.subscriptions, facts, self.now(), self.settings.alerts)
        enqueue(session, planned, self.now())

    def _jurisdiction(self, source_id: str) -> str | None:
        info = self.sources.get(source_id)
        return info.jurisdiction if info else None

    def queue_reminders(self) -> int:
        """Queue the reminders due today (each at most once)."""
        offsets = [day for sub in self.settings.subscriptions for day in sub.reminders]
        if not offsets:
            return 0
        now = self.now()
        start = now.date()
        end = start + timedelta(days=max(offsets))
        candidates: list[DateCandidate] = registry_candidates(self.registry, start, end)
        for up in self.store.upcoming_dates(start=start, end=end):
            if up.mention.role in REMINDER_ROLES:
                candidates.append(change_candidate(
                    up.change_id, up.source_id, up.title, up.url, up.mention.date, up.mention.role,
                    up.instruments, self._jurisdiction(up.source_id), self.registry,
                ))
        return self.outbox.enqueue(plan_reminders(self.settings.subscriptions, candidates, now))

    # --------------------------------------------------------------------------------- delivering --

    def run_once(self, *, patient: bool = False) -> DispatchReport:
        """Build due digests and reminders, then deliver every due alert of every configured channel."""
        if self.enabled:
            self.outbox.roll_up_digests(self.now())
            self.queue_reminders()
        return self.deliver(patient=patient)

    def deliver(self, *, patient: bool = False) -> DispatchReport:
        report = DispatchReport()
        for channel in self.outbox.channels_pending():
            notifier = self.notifiers.get(channel)
            if notifier is None:
                report.waiting[channel] = "the channel is no longer configured"
                continue
            self._drain(channel, notifier, patient, report)
        return report

    def message_for(self, alert: AlertInfo) -> Message | None:
        """The message of an alert, or None when what it is about is no longer stored."""
        if alert.event == "change":
            view = self.store.get_change(alert.change_id) if alert.change_id is not None else None
            if view is None:
                return None
            return change_message(alert.uid, alert.subscription, view, self.sources.get(view.source_id),
                                  self.registry)
        if alert.event == "digest":
            views = [v for cid in self.outbox.digest_changes(alert.id)
                     if (v := self.store.get_change(cid)) is not None]
            period = str((alert.details or {}).get("period_end", ""))
            return digest_message(alert.uid, alert.subscription, period, views, self.sources, self.registry)
        if alert.event == "source":
            return source_message(alert.uid, alert.details or {})
        return reminder_message(alert.uid, alert.subscription, alert.details or {}, self.now().date())

    def _drain(self, channel: str, notifier: Notifier, patient: bool, report: DispatchReport) -> None:
        lease = self.settings.alerts.lease
        tries: dict[int, int] = {}
        while True:
            alert = self.outbox.claim_next(channel, self.now(), lease)
            if alert is None:
                return
            message = self.message_for(alert)
            if message is None:
                self.outbox.finish(alert.id, now=self.now(), outcome="failed", duration_ms=0,
                                   detail="what this alert is about is no longer stored")
                report.failed += 1
                continue
            started = time.monotonic()
            try:
                detail = notifier.send(message)
            except DeliveryError as exc:
                tries[alert.id] = tries.get(alert.id, 0) + 1
                wait = self._failed(alert, exc, tries[alert.id], patient, started, report)
                if wait is None:
                    continue  # failed for good: the channel's next alert may go
                if wait < 0:
                    return  # the channel waits: its later alerts stay behind this one
                self.sleep(wait)
                continue
            self.outbox.finish(alert.id, now=self.now(), outcome="delivered", detail=detail,
                               duration_ms=_ms(started))
            report.delivered += 1
            log.info("alert %s (%s) delivered to %s: %s", alert.id, alert.event, channel, detail)

    def _failed(self, alert: AlertInfo, exc: DeliveryError, tries: int, patient: bool, started: float,
                report: DispatchReport) -> float | None:
        """Record a failed attempt. Returns None (alert failed for good), a short wait (retry now) or -1."""
        now = self.now()
        opts = self.settings.alerts
        log.warning("alert %s to %s: %s", alert.id, alert.channel, exc.sentence)
        if not exc.transient or now - alert.created_at >= timedelta(seconds=opts.give_up_after):
            detail = exc.sentence if not exc.transient else f"gave up after {alert.attempts + 1} attempts: {exc}"
            self.outbox.finish(alert.id, now=now, outcome="failed", detail=detail, duration_ms=_ms(started))
            report.failed += 1
            report.errors.append(f"alert {alert.id} to {alert.channel} failed: {detail}")
            return None
        short = exc.retry_after if exc.retry_after is not None else 0.5 * 2 ** (tries - 1)
        if patient and tries < opts.check_attempts and short <= opts.check_max_wait:
            self.outbox.finish(alert.id, now=now, outcome="retry", detail=exc.sentence, duration_ms=_ms(started),
                               next_attempt_at=now + timedelta(seconds=short))
            return short
        backoff = min(opts.backoff * 2 ** alert.attempts, opts.max_backoff)
        wait = min(exc.retry_after, opts.max_backoff) if exc.retry_after is not None else backoff
        when = now + timedelta(seconds=wait)
        self.outbox.finish(alert.id, now=now, outcome="retry", detail=exc.sentence, duration_ms=_ms(started),
                           next_attempt_at=when)
        report.waiting[alert.channel] = f"{exc.sentence}; next try {when.strftime('%Y-%m-%d %H:%M:%S UTC')}"
        return -1.0

    def send_test(self, channel: str) -> str:
        """Send a test message to one channel now (not through the outbox); raises DeliveryError."""
        from watcher.alerts.render import probe_message

        return self.notifiers[channel].send(probe_message(channel, self.now()))


def start_alerts(store: Store, settings: Settings, sources: Sequence[SourceConfig]) -> Dispatcher | None:
    """For `watcher check`: deliver what is pending and due, then queue the alerts of what the check stores.

    None when watcher.yaml configures no channel (changes are stored and listed, nothing is sent).
    """
    if not settings.channels:
        return None
    dispatcher = Dispatcher(store, settings, sources)
    for notifier in dispatcher.notifiers.values():
        for warning in notifier.warnings():
            print(f"watcher: warning: {warning}", file=sys.stderr)
    _report(dispatcher.run_once(patient=True), "pending alerts")
    store.on_saved = dispatcher.route
    return dispatcher


def finish_alerts(dispatcher: Dispatcher) -> DispatchReport:
    """For `watcher check`: deliver the alerts of what the check found (transient failures retried briefly)."""
    dispatcher.store.on_saved = None
    report = dispatcher.run_once(patient=True)
    _report(report, "alerts")
    return report


def _report(report: DispatchReport, what: str) -> None:
    if report.delivered or report.failed or report.waiting:
        print(f"watcher: {what}: {report.summary()}", file=sys.stderr)
    for error in report.errors:
        print(f"watcher: {error}", file=sys.stderr)
    for channel, why in report.waiting.items():
        print(f"watcher: channel {channel} waits: {why}", file=sys.stderr)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
