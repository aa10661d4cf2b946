"""What an alert says: subject, plain text, HTML and the versioned JSON payload, for every kind of alert.

Pure: it receives stored changes (with their analysis) and what is known of their sources, and returns the
`Message` every notifier understands. Payload schemas: `watcher.change.v1`, `watcher.digest.v1`,
`watcher.reminder.v1`, `watcher.test.v1` (documented in the README).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from watcher.analysis.registry import Registry
from watcher.notifiers.base import Message
from watcher.records import ChangeView

KEY_ROLES = ("comments-due", "deadline", "applies-from", "entry-into-force")
ROLE_PHRASE = {"comments-due": "comments due", "deadline": "deadline", "applies-from": "applies from",
               "entry-into-force": "in force from"}
EXCERPT_CHARS = 1200


@dataclass(frozen=True)
class SourceInfo:
    id: str
    name: str
    jurisdiction: str | None = None
    url: str | None = None


def instrument_label(ident: str, registry: Registry | None) -> str:
    """A short human name: the first alias when the official name is long ("EU AI Act")."""
    instrument = registry.get(ident) if registry is not None else None
    if instrument is None:
        return ident
    title = instrument.title
    if len(title) > 40 and instrument.aliases:
        return instrument.aliases[0]
    return title


def _phrase(role: str, kind: str | None) -> str:
    if role == "deadline" and kind == "consultation":
        return "comments due"
    return ROLE_PHRASE.get(role, role)


def _key_date(view: ChangeView) -> tuple[str, str] | None:
    analysis = view.analysis
    if analysis is None:
        return None
    for role in KEY_ROLES:
        for mention in analysis.dates:
            if mention.role == role:
                return _phrase(role, analysis.kind), mention.date
    return None


def _clip(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def change_subject(view: ChangeView, source: SourceInfo | None, registry: Registry | None) -> str:
    analysis = view.analysis
    if analysis is not None and analysis.instruments:
        label = instrument_label(analysis.instruments[0].id, registry)
    else:
        label = source.name if source is not None else view.source_id
    kind = (analysis.kind if analysis else "change").replace("-", " ").capitalize()
    subject = f"[{label}] {kind}: {_clip(view.title or 'untitled', 120)}"
    key = _key_date(view)
    return subject + (f" ({key[0]} {key[1]})" if key else "")


def change_payload(view: ChangeView, source: SourceInfo | None, registry: Registry | None) -> dict[str, Any]:
    analysis = view.analysis
    return {
        "change_id": view.id,
        "source": {"id": view.source_id, "name": source.name if source else view.source_id,
                   "jurisdiction": source.jurisdiction if source else None},
        "url": view.url,
        "title": view.title,
        "type": view.type,
        "kind": analysis.kind if analysis else None,
        "instruments": [{"id": t.id, "name": instrument_label(t.id, registry), "confidence": t.confidence}
                        for t in (analysis.instruments if analysis else ())],
        "dates": [{"date": d.date, "role": d.role, "text": d.text} for d in (analysis.dates if analysis else ())],
        "summary": analysis.summary if analysis else None,
        "diff_excerpt": _clip(view.excerpt or view.diff, EXCERPT_CHARS),
        "document_url": view.document.url if view.document is not None else None,
        "seen_at": view.created_at.isoformat(),
    }


def _change_lines(view: ChangeView, source: SourceInfo | None, registry: Registry | None) -> list[tuple[str, str]]:
    """(label, value) lines of one change, shared by the text and HTML bodies."""
    analysis = view.analysis
    lines: list[tuple[str, str]] = []
    if analysis is not None and analysis.instruments:
        lines.append(("Instruments", "; ".join(f"{instrument_label(t.id, registry)} ({t.id})"
                                               for t in analysis.instruments)))
    if analysis is not None:
        lines.append(("Kind", analysis.kind))
        key = [d for d in analysis.dates if d.role not in ("other",)]
        if key:
            lines.append(("Dates", "; ".join(f"{d.date} {_phrase(d.role, analysis.kind)}" for d in key)))
        if analysis.summary:
            lines.append(("Summary", analysis.summary))
    lines.append(("Change", f"{view.type} item" if view.type != "modified" else "page edited"))
    if view.url:
        lines.append(("Link", view.url))
    if view.document is not None and view.document.url and view.document.url != view.url:
        lines.append(("Document", view.document.url))
    where = source.name if source is not None else view.source_id
    if source is not None and source.url:
        where += f" <{source.url}>"
    lines.append(("Source", where))
    lines.append(("Seen", view.created_at.strftime("%Y-%m-%d %H:%M UTC")))
    return lines


def _text_block(view: ChangeView, source: SourceInfo | None, registry: Registry | None) -> str:
    out = [view.title or "untitled", ""]
    out += [f"{label}: {value}" for label, value in _change_lines(view, source, registry)]
    excerpt = _clip(view.excerpt or view.diff, EXCERPT_CHARS)
    if excerpt:
        out += ["", "What changed:", *("  " + line for line in excerpt.splitlines())]
    return "\n".join(out)


def _html_block(view: ChangeView, source: SourceInfo | None, registry: Registry | None) -> str:
    rows = "".join(
        f"<tr><th align='left' valign='top'>{html.escape(label)}</th><td>"
        + (f"<a href='{html.escape(value)}'>{html.escape(value)}</a>" if label in ("Link", "Document")
           else html.escape(value))
        + "</td></tr>"
        for label, value in _change_lines(view, source, registry)
    )
    excerpt = _clip(view.excerpt or view.diff, EXCERPT_CHARS)
    quote = f"<p><b>What changed:</b></p><blockquote><pre>{html.escape(excerpt)}</pre></blockquote>" if excerpt else ""
    return f"<h2>{html.escape(view.title or 'untitled')}</h2><table>{rows}</table>{quote}"


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><body style='font-family:sans-serif'>{body}</body></html>"


def change_message(alert_id: str, subscription: str, view: ChangeView, source: SourceInfo | None,
                   registry: Registry | None) -> Message:
    note = f"watcher change #{view.id}, subscription {subscription}, alert {alert_id}"
    footer = f"\n\n-- \n{note}"
    payload = {"schema": "watcher.change.v1", "alert_id": alert_id, "subscription": subscription,
               **change_payload(view, source, registry)}
    return Message(
        alert_id=alert_id, event="change", subject=change_subject(view, source, registry),
        text=_text_block(view, source, registry) + footer,
        html=_page(_html_block(view, source, registry) + f"<p><small>{html.escape(note)}</small></p>"),
        payload=payload, link=view.url,
    )


def group_by_instrument(views: Sequence[ChangeView]) -> list[tuple[str | None, list[ChangeView]]]:
    """Changes grouped under their main instrument (the most confident tag); untagged ones last."""
    groups: dict[str | None, list[ChangeView]] = {}
    for view in views:
        tags = view.analysis.instruments if view.analysis else ()
        main = max(tags, key=lambda t: t.confidence).id if tags else None
        groups.setdefault(main, []).append(view)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))


def digest_message(alert_id: str, subscription: str, period_end: str, views: Sequence[ChangeView],
                   sources: Mapping[str, SourceInfo], registry: Registry | None) -> Message:
    groups = group_by_instrument(views)
    subject = f"[watcher] {subscription}: {len(views)} change{'s' if len(views) != 1 else ''} " \
              f"on {len(groups)} instrument{'s' if len(groups) != 1 else ''}"
    text: list[str] = [subject, ""]
    body: list[str] = [f"<h1>{html.escape(subject)}</h1>"]
    data: list[dict[str, Any]] = []
    for ident, members in groups:
        name = instrument_label(ident, registry) if ident else "Other changes"
        text += ["=" * 60, name if not ident else f"{name} ({ident})", "=" * 60, ""]
        body.append(f"<h2>{html.escape(name)}</h2>")
        for view in members:
            src = sources.get(view.source_id)
            text += [change_subject(view, src, registry), _text_block(view, src, registry), ""]
            body.append(_html_block(view, src, registry) + "<hr>")
        data.append({"id": ident, "name": name,
                     "changes": [change_payload(v, sources.get(v.source_id), registry) for v in members]})
    payload = {"schema": "watcher.digest.v1", "alert_id": alert_id, "subscription": subscription,
               "period_end": period_end, "instruments": data}
    text.append(f"-- \nwatcher digest, subscription {subscription}, alert {alert_id}")
    return Message(alert_id=alert_id, event="digest", subject=subject, text="\n".join(text),
                   html=_page("".join(body)), payload=payload)


def reminder_message(alert_id: str, subscription: str, details: Mapping[str, Any], today: date) -> Message:
    when = date.fromisoformat(str(details["date"]))
    days = (when - today).days
    role = str(details.get("role", "deadline"))
    label = str(details.get("label") or details.get("instrument") or "a tracked instrument")
    left = "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")
    subject = f"[{label}] Reminder: {ROLE_PHRASE.get(role, role)} {when.isoformat()} ({left})"
    lines = [subject, "", f"Date: {when.isoformat()} ({ROLE_PHRASE.get(role, role)})"]
    if details.get("what"):
        lines.append(f"About: {details['what']}")
    if details.get("url"):
        lines.append(f"Link: {details['url']}")
    lines.append(f"\n-- \nwatcher reminder, subscription {subscription}, alert {alert_id}")
    payload = {"schema": "watcher.reminder.v1", "alert_id": alert_id, "subscription": subscription,
               "days_before": days, **{k: v for k, v in details.items()}}
    link = str(details["url"]) if details.get("url") else None
    return Message(alert_id=alert_id, event="reminder", subject=subject, text="\n".join(lines),
                   html=_page("".join(f"<p>{html.escape(line)}</p>" for line in lines)), payload=payload,
                   link=link)


def probe_message(channel: str, now: datetime) -> Message:
    alert_id = f"test-{channel}-{now.strftime('%Y%m%dT%H%M%S')}"
    subject = f"[watcher] Test alert for channel {channel}"
    text = f"This is a test alert sent by `watcher notify test` at {now.strftime('%Y-%m-%d %H:%M UTC')}."
    return Message(alert_id=alert_id, event="test", subject=subject, text=text, html=_page(f"<p>{html.escape(text)}</p>"),
                   payload={"schema": "watcher.test.v1", "alert_id": alert_id, "channel": channel,
                            "sent_at": now.isoformat()})


def preview(views: Sequence[ChangeView], sources: Mapping[str, SourceInfo], registry: Registry | None) -> str:
    """The email and the webhook payload one change would produce (`watcher demo`; nothing is sent)."""
    if not views:
        return "no change to show"
    view = next((v for v in views if v.analysis is not None and v.analysis.instruments), views[0])
    message = change_message("00000000-0000-4000-8000-000000000000", "example", view,
                             sources.get(view.source_id), registry)
    return "\n".join([
        f"Subject: {message.subject}", "", message.text, "",
        "webhook payload (POST, X-Watcher-Signature and Idempotency-Key headers):",
        json.dumps(message.payload, ensure_ascii=False, indent=2),
    ])
