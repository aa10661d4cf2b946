"""Pure parts of alerting: subscription filters, digest times, reminder days (with an injected clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from watcher.notifiers import Message, Notifier
from watcher.storage.alert_tables import AlertRow
from watcher.storage.repository import Store

from tests.alert_support import consultation_view
from watcher.alerts.dispatch import Dispatcher
from watcher.alerts.reminders import offset_due
from watcher.alerts.render import group_by_instrument
from watcher.alerts.routing import ChangeFacts, matches, next_digest_time, plan_change_alerts
from watcher.alerts.settings import AlertSettings, Subscription
from watcher.analysis import Registry
from watcher.config import Settings

EU_CONSULTATION = ChangeFacts(1, "eu-news", frozenset({"EU"}), "consultation", (("eu-ai-act", 0.9),))
CN_DRAFT = ChangeFacts(2, "cac-drafts", frozenset({"CN"}), "draft", (("cn-ai-labeling-measures", 0.6),))
UNTAGGED = ChangeFacts(3, "kr-msit", frozenset({"KR"}), "news", ())


def sub(**kw: object) -> Subscription:
    return Subscription.model_validate({"name": "s", "channels": ["c"], **kw})


def test_filters() -> None:
    legal = sub(instruments=["eu-ai-act", "eu-gpai-code-of-practice"], kinds=["draft", "consultation", "adopted"])
    policy = sub(jurisdictions=["cn", "KR"], mode="weekly")
    assert [matches(legal, f) for f in (EU_CONSULTATION, CN_DRAFT, UNTAGGED)] == [True, False, False]
    assert [matches(policy, f) for f in (EU_CONSULTATION, CN_DRAFT, UNTAGGED)] == [False, True, True]
    assert [matches(sub(sources=["eu-*", "kr-msit"]), f) for f in (EU_CONSULTATION, CN_DRAFT, UNTAGGED)] == [
        True, False, True]
    confident = sub(min_confidence=0.8)
    assert [matches(confident, f) for f in (EU_CONSULTATION, CN_DRAFT, UNTAGGED)] == [True, False, False]
    assert not matches(sub(instruments=["cn-ai-labeling-measures"], min_confidence=0.7), CN_DRAFT)
    assert all(matches(sub(), f) for f in (EU_CONSULTATION, CN_DRAFT, UNTAGGED))


def test_plan_keys_statuses_and_order() -> None:
    now = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    subs = [sub(name="legal", channels=["mail", "hook"], kinds=["consultation"]), sub(name="all", mode="daily")]
    plan = plan_change_alerts(subs, [UNTAGGED, EU_CONSULTATION], now, AlertSettings())
    assert [(p.key, p.status) for p in plan] == [
        ("change:1:legal:mail", "pending"), ("change:1:legal:hook", "pending"), ("change:1:all:c", "held"),
        ("change:3:all:c", "held")]
    assert plan[0].due == now and plan[2].due == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def test_digest_times() -> None:
    opts = AlertSettings(digest_time="08:00", digest_weekday="monday")
    tue = datetime(2026, 11, 24, 7, 59, tzinfo=UTC)  # a Tuesday
    assert next_digest_time("daily", tue, opts) == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    assert next_digest_time("daily", tue.replace(hour=8), opts) == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    assert next_digest_time("weekly", tue, opts) == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    monday_late = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert next_digest_time("weekly", monday_late, opts) == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


def test_digest_grouping_puts_each_change_under_its_main_instrument() -> None:
    a, b, c = consultation_view(1), consultation_view(2), consultation_view(3)
    object.__setattr__(c, "analysis", None)
    groups = group_by_instrument([a, c, b])
    assert [(ident, [v.id for v in views]) for ident, views in groups] == [("eu-ai-act", [1, 2]), (None, [3])]


def test_reminder_offsets() -> None:
    offsets = (30, 7, 1)
    days_left = (40, 31, 30, 20, 8, 7, 3, 1, 0, -1)
    assert [offset_due(offsets, d) for d in days_left] == [None, None, 30, 30, 30, 7, 7, 1, 1, None]


class Collect(Notifier):
    Options = AlertSettings  # unused: built directly

    def __init__(self) -> None:
        super().__init__("c", None, {})
        self.sent: list[Message] = []

    def send(self, message: Message) -> str:
        self.sent.append(message)
        return "kept"


def test_reminders_at_the_right_days_once(tmp_path: Path) -> None:
    registry = Registry.load(extra=[{
        "id": "xx-test-act", "names": {"en": "Test Act"}, "jurisdiction": "EU",
        "milestones": [{"date": "2027-03-01", "kind": "consultation-closes"},
                       {"date": "2027-03-01", "kind": "published"}],
    }])
    settings = Settings.model_validate({
        "channels": {"c": {"type": "webhook", "url": "http://127.0.0.1:9/x"}},
        "subscriptions": [{"name": "legal", "channels": ["c"], "instruments": ["xx-test-act"],
                           "reminders": [30, 7, 1]},
                          {"name": "other", "channels": ["c"], "jurisdictions": ["CN"], "reminders": [30]}],
    })
    store = Store.open(f"sqlite:///{tmp_path / 'w.db'}")
    clock = [datetime(2027, 1, 29, 12, 0, tzinfo=UTC)]  # 31 days before
    channel = Collect()
    d = Dispatcher(store, settings, registry=registry, notifiers={"c": channel}, now=lambda: clock[0])
    sent_on: list[tuple[str, str]] = []
    try:
        for _day in range(32):
            before = len(channel.sent)
            d.run_once()
            d.run_once()  # a second run the same day sends nothing more
            for message in channel.sent[before:]:
                sent_on.append((clock[0].date().isoformat(), message.subject))
            clock[0] += timedelta(days=1)
        assert sent_on == [
            ("2027-01-30", "[Test Act] Reminder: comments due 2027-03-01 (in 30 days)"),
            ("2027-02-22", "[Test Act] Reminder: comments due 2027-03-01 (in 7 days)"),
            ("2027-02-28", "[Test Act] Reminder: comments due 2027-03-01 (tomorrow)"),
        ]
        payload = channel.sent[0].payload
        assert payload["schema"] == "watcher.reminder.v1" and payload["instrument"] == "xx-test-act"
        with store._reading("t") as session:
            keys = list(session.scalars(select(AlertRow.key).order_by(AlertRow.id)))
        assert keys == [f"reminder:legal:c:comments-due:2027-03-01:xx-test-act:{n}" for n in (30, 7, 1)]
    finally:
        store.close()
