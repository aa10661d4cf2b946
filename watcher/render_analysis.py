"""How the analysis commands look: `watcher analyze`, `watcher instruments [ID]`, `watcher deadlines`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from watcher.analysis import Instrument
from watcher.deadlines import Deadline, short_title
from watcher.records import Change, ChangeView
from watcher.render import TYPE_MARK, print_analysis


def print_analysed(out: Console, changes: Sequence[Change]) -> None:
    """The changes `watcher analyze` found, each with its analysis."""
    if not changes:
        out.print("no changes (the versions are the same, or differ only in noise)")
        return
    for n, change in enumerate(changes):
        if n:
            out.print()
        out.print(Text(f"{TYPE_MARK[change.type]} {change.title or '(untitled)'}", style="bold"))
        if change.url:
            out.print(f"url:   {change.url}")
        if change.analysis is not None:
            print_analysis(out, change.analysis)
    out.print(f"\n{len(changes)} change{'s' if len(changes) != 1 else ''}")


def instrument_dict(inst: Instrument) -> dict[str, Any]:
    return {"id": inst.id, "name": inst.title, "names": inst.names, "jurisdiction": inst.jurisdiction,
            "type": inst.type, "status": inst.status, "ai": inst.ai, "official_urls": inst.official_urls,
            "milestones": [{"date": m.date, "role": m.role, "label": m.label, "confidence": m.confidence}
                           for m in inst.milestones]}


def print_registry(out: Console, instruments: Sequence[Instrument]) -> None:
    table = Table(title_justify="left")
    for col in ("id", "jur.", "type", "status", "name"):
        table.add_column(col)
    for inst in instruments:
        table.add_row(inst.id, inst.jurisdiction, inst.type, inst.status, short_title(inst))
    out.print(table)
    out.print(f"{len(instruments)} instruments (`watcher instruments ID` shows one with its timeline)")


def timeline(inst: Instrument, views: Sequence[ChangeView]) -> list[dict[str, Any]]:
    """Registry milestones and stored changes concerning `inst`, oldest first.

    A change is placed at the date the page states for it (its first non-`other` date), else when it was seen.
    """
    events: list[dict[str, Any]] = [
        {"date": m.date, "role": m.role, "label": m.label, "confidence": m.confidence, "origin": "registry"}
        for m in inst.milestones
    ]
    for v in views:
        analysis = v.analysis
        stated = [d for d in analysis.dates if d.role != "other"] if analysis else []
        when = stated[0].date if stated else v.created_at.date().isoformat()
        events.append({
            "date": when, "role": analysis.kind if analysis else "change", "label": v.title,
            "confidence": None, "origin": "change", "change_id": v.id, "source": v.source_id, "url": v.url,
            "dates": [{"date": d.date, "role": d.role} for d in (analysis.dates if analysis else ())],
        })
    return sorted(events, key=lambda e: (e["date"], e["origin"] != "registry"))


def print_timeline(out: Console, inst: Instrument, events: Sequence[dict[str, Any]]) -> None:
    out.print(Text(f"{inst.id}: {inst.title}", style="bold"))
    others = [name for lang, name in inst.names.items() if name != inst.title and lang != "en"]
    if others:
        out.print("also: " + " / ".join(name if len(name) <= 100 else name[:99] + "…" for name in others[:4]))
    out.print(f"{inst.jurisdiction} {inst.type}, {inst.status}" + (f", by {inst.issuing_body}" if inst.issuing_body else ""))
    for url in inst.official_urls[:2]:
        out.print(f"  {url}", style="blue")
    table = Table(title="timeline", title_justify="left")
    for col in ("date", "role / kind", "what", "from"):
        table.add_column(col)
    for e in events:
        origin = f"registry ({e['confidence']})" if e["origin"] == "registry" else f"change {e['change_id']}"
        table.add_row(e["date"], e["role"], e["label"], origin)
    out.print(table)
    seen = sum(1 for e in events if e["origin"] == "change")
    out.print(f"{len(events) - seen} milestones, {seen} stored changes")


def print_deadlines(out: Console, deadlines: Sequence[Deadline], *, today: date, end: date) -> None:
    if not deadlines:
        out.print(f"no upcoming dates from {today} to {end}")
        return
    table = Table(title=f"upcoming dates, {today} to {end}", title_justify="left")
    for col in ("date", "in", "role", "instruments", "what", "from"):
        table.add_column(col)
    for d in deadlines:
        days = (date.fromisoformat(d.date) - today).days
        origin = f"registry ({d.confidence})" if d.origin == "registry" else f"change {d.change_id}"
        table.add_row(d.date, f"{days}d", d.role, ", ".join(d.instruments), d.label, origin)
    out.print(table)
