"""Source-health alerts for the operators: one `source-failing` alert when a source has failed K checks in
a row, one `source-recovered` alert when it works again, to each channel of `operators:` in watcher.yaml.

They travel through the alert outbox like every other alert (event `source`, key `source:<event id>:<channel>`),
so each is delivered once, whether the service or `watcher check` delivers them.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from watcher.alerts.routing import PlannedAlert
from watcher.config import SourceConfig
from watcher.notifiers import Message
from watcher.storage.leases import HealthEvent

SUBSCRIPTION = "operators"


def plan_health_alerts(event: HealthEvent, channels: Sequence[str],
                       sources: Mapping[str, SourceConfig]) -> list[PlannedAlert]:
    source = sources.get(event.source_id)
    details: dict[str, Any] = {
        "type": f"source-{event.event}", "source": event.source_id, "name": source.name if source else event.source_id,
        "url": source.url if source else None, "failures": event.failures, "error": event.error,
        "at": event.at.isoformat().replace("+00:00", "Z"),
    }
    return [
        PlannedAlert(key=f"source:{event.id}:{channel}", event="source", subscription=SUBSCRIPTION, channel=channel,
                     status="pending", due=event.at, details=details)
        for channel in channels
    ]


def source_message(alert_id: str, details: Mapping[str, Any]) -> Message:
    kind = str(details.get("type", "source-failing"))
    name = str(details.get("name") or details.get("source"))
    failing = kind == "source-failing"
    subject = (f"[watcher] Source failing: {name}" if failing else f"[watcher] Source recovered: {name}")
    lines = [subject, "", f"Source: {details.get('source')} ({details.get('url') or 'no URL'})"]
    if failing:
        lines.append(f"Failed checks in a row: {details.get('failures')}")
        lines.append(f"Last error: {details.get('error') or 'unknown'}")
    else:
        lines.append("The latest check succeeded.")
    lines.append(f"At: {details.get('at')}")
    lines.append(f"\n-- \nwatcher operator alert {alert_id}")
    payload = {"schema": "watcher.source.v1", "alert_id": alert_id, **dict(details)}
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    return Message(alert_id=alert_id, event=kind, subject=subject, text="\n".join(lines),
                   html=f"<!doctype html><html><body>{body}</body></html>", payload=payload,
                   link=str(details["url"]) if details.get("url") else None)
