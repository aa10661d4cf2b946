"""Counters of the running service and their Prometheus text exposition (format 0.0.4)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from watcher.records import CheckResult

# Upper bounds (seconds) of the check duration histogram.
BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@dataclass
class Metrics:
    checks: Counter[tuple[str, str]] = field(default_factory=Counter)  # (source, status)
    changes: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))
    duration_sum: float = 0.0
    duration_count: int = 0
    reloads: Counter[str] = field(default_factory=Counter)  # ok | invalid

    def observe(self, result: CheckResult) -> None:
        self.checks[(result.source_id, result.status)] += 1
        if result.status == "failed":
            self.failures[result.source_id] += 1
        self.changes[result.source_id] += len(result.changes)
        seconds = result.duration_ms / 1000
        self.duration_sum += seconds
        self.duration_count += 1
        for i, bound in enumerate(BUCKETS):
            if seconds <= bound:
                self.buckets[i] += 1

    def render(self, alerts: Mapping[tuple[str, str], int], failing: int, up: bool) -> str:
        """The exposition text; `alerts` counts outbox rows per (channel, status)."""
        out: list[str] = []

        def family(name: str, kind: str, help_text: str) -> None:
            out.append(f"# HELP {name} {help_text}")
            out.append(f"# TYPE {name} {kind}")

        family("watcher_up", "gauge", "1 while the scheduler runs and the database answers")
        out.append(f"watcher_up {int(up)}")
        family("watcher_checks_total", "counter", "Checks finished by this process, by source and status")
        for (source, status), n in sorted(self.checks.items()):
            out.append(f'watcher_checks_total{{source="{_label(source)}",status="{status}"}} {n}')
        family("watcher_check_failures_total", "counter", "Failed checks by source")
        for source, n in sorted(self.failures.items()):
            out.append(f'watcher_check_failures_total{{source="{_label(source)}"}} {n}')
        family("watcher_changes_total", "counter", "Changes found by source")
        for source, n in sorted(self.changes.items()):
            out.append(f'watcher_changes_total{{source="{_label(source)}"}} {n}')
        family("watcher_check_duration_seconds", "histogram", "Duration of a check (fetch included)")
        for bound, n in zip(BUCKETS, self.buckets, strict=True):
            out.append(f'watcher_check_duration_seconds_bucket{{le="{bound:g}"}} {n}')
        out.append(f'watcher_check_duration_seconds_bucket{{le="+Inf"}} {self.duration_count}')
        out.append(f"watcher_check_duration_seconds_sum {self.duration_sum:.6f}")
        out.append(f"watcher_check_duration_seconds_count {self.duration_count}")
        family("watcher_sources_failing", "gauge", "Sources currently marked failing")
        out.append(f"watcher_sources_failing {failing}")
        family("watcher_alerts", "gauge", "Alerts in the outbox by channel and status (pending, failed, ...)")
        for (channel, status), n in sorted(alerts.items()):
            out.append(f'watcher_alerts{{channel="{_label(channel)}",status="{status}"}} {n}')
        family("watcher_config_reloads_total", "counter", "Configuration reloads, by result")
        for result, n in sorted(self.reloads.items()):
            out.append(f'watcher_config_reloads_total{{result="{result}"}} {n}')
        return "\n".join(out) + "\n"
