"""Due times: interval and cron schedules with bounded jitter, first checks, invalid cron expressions, db upgrade."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from watcher.storage import migrate

from tests.helpers import write_sources
from tests.service_support import environment
from watcher.config import SourceConfig
from watcher.errors import ConfigError
from watcher.service import timing

NOW = datetime(2026, 11, 2, 9, 0, 30, tzinfo=UTC)  # a Monday


def _sources(tmp_path: Path) -> dict[str, SourceConfig]:
    sources = write_sources(tmp_path / "s.yaml", [
        {"id": "fast", "url": "http://x/a", "kind": "html", "interval": "2s"},
        {"id": "daily", "url": "http://x/b", "kind": "html", "interval": "1d"},
        {"id": "weekdays", "url": "http://x/c", "kind": "html", "interval": "1d", "cron": '"0 6 * * 1-5"'},
    ])
    return {s.id: s for s in sources}


def test_interval_jitter_is_within_ten_percent_capped_at_five_minutes(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    rng = random.Random(7)
    fast = [(timing.next_due(sources["fast"], NOW, NOW, rng) - NOW).total_seconds() for _ in range(200)]
    assert min(fast) >= 1.9 and max(fast) <= 2.1 and max(fast) - min(fast) > 0.1
    daily = [(timing.next_due(sources["daily"], NOW, NOW, rng) - NOW).total_seconds() for _ in range(200)]
    assert min(daily) >= 86400 - 150 and max(daily) <= 86400 + 150  # 5-minute cap, centred


def test_overdue_source_is_due_one_interval_after_now_not_in_the_past(tmp_path: Path) -> None:
    fast = _sources(tmp_path)["fast"]
    due = timing.next_due(fast, NOW - timedelta(hours=3), NOW, random.Random(1))
    assert NOW + timedelta(seconds=1.8) <= due <= NOW + timedelta(seconds=2.2)


def test_cron_due_times_follow_the_expression(tmp_path: Path) -> None:
    weekdays = _sources(tmp_path)["weekdays"]
    friday = datetime(2026, 11, 6, 7, 0, tzinfo=UTC)
    due = timing.next_due(weekdays, friday, friday, random.Random(3))
    monday_six = datetime(2026, 11, 9, 6, 0, tzinfo=UTC)
    assert monday_six <= due <= monday_six + timedelta(minutes=5)


def test_a_new_source_is_first_checked_soon(tmp_path: Path) -> None:
    for source in _sources(tmp_path).values():
        first = timing.first_due(source, NOW, random.Random(5))
        assert NOW <= first <= NOW + timedelta(seconds=timing.FIRST_CHECK_SPREAD)


def test_invalid_cron_is_a_config_error_with_the_line(tmp_path: Path) -> None:
    sources = write_sources(tmp_path / "s.yaml", [
        {"id": "ok", "url": "http://x/a", "kind": "html"},
        {"id": "bad", "url": "http://x/b", "kind": "html", "cron": '"61 * * * *"'},
    ])
    with pytest.raises(ConfigError, match=r"s\.yaml:\d+: source bad: invalid cron expression"):
        timing.validate_crons(sources, str(tmp_path / "s.yaml"))


def test_db_upgrade_command(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "watcher", "--db", f"sqlite:///{tmp_path / 'w.db'}", "db", "upgrade"],
                            cwd=tmp_path, env=environment(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"database at schema revision {migrate.head()}"


def test_a_check_that_ended_late_is_not_followed_by_another_a_moment_later(tmp_path: Path) -> None:
    fast = _sources(tmp_path)["fast"]
    step = (timing.next_due(fast, NOW, NOW, random.Random(1)) - NOW).total_seconds()
    late_end = NOW + timedelta(seconds=step - 0.05)  # the check of NOW ended just before the following due time
    due = timing.next_due(fast, NOW, late_end, random.Random(1))
    assert (due - late_end).total_seconds() >= step / 2
    on_time = timing.next_due(fast, NOW, NOW + timedelta(seconds=0.1), random.Random(1))
    assert on_time == NOW + timedelta(seconds=step)  # an on-time check keeps the source's cadence
