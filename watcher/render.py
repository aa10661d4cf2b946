"""How results look: rich tables and coloured diffs on a terminal, plain text in pipes, JSON for scripts."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from watcher.config import SourceConfig
from watcher.duration import format_duration
from watcher.records import Analysis, ChangeView, CheckResult

STATUS_LABEL = {"baseline": "new baseline", "unchanged": "unchanged", "changed": "changed", "failed": "failed"}
STATUS_STYLE = {"baseline": "cyan", "unchanged": "dim", "changed": "bold green", "failed": "bold red"}
TYPE_MARK = {"added": "+", "removed": "-", "modified": "~"}


def console(stream: TextIO | None = None) -> Console:
    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=True)


def change_dict(view: ChangeView, *, full: bool = False) -> dict[str, Any]:
    """The JSON shape of one change (`watcher check --json`, `watcher changes --json`, `watcher show --json`)."""
    data: dict[str, Any] = {
        "id": view.id,
        "source": view.source_id,
        "type": view.type,
        "title": view.title,
        "url": view.url,
        "excerpt": view.excerpt,
        "seen_at": view.created_at.isoformat(),
        **analysis_dict(view.analysis),
    }
    if view.document is not None and view.document.status != "none":
        doc: dict[str, Any] = {"url": view.document.url, "status": view.document.status}
        if view.document.error:
            doc["error"] = view.document.error
        if full:
            doc["text"] = view.document.text
        data["document"] = doc
    if full:
        data["diff"] = view.diff
    return data


def analysis_dict(analysis: Analysis | None) -> dict[str, Any]:
    """The analysis keys of a change's JSON shape (kind None and empty lists when it was not analysed)."""
    if analysis is None:
        return {"kind": None, "instruments": [], "dates": [], "summary": None}
    return {
        "kind": analysis.kind,
        "instruments": [{"id": t.id, "confidence": round(t.confidence, 3), "evidence": t.evidence}
                        for t in analysis.instruments],
        "dates": [{"date": d.date, "role": d.role, "text": d.text} for d in analysis.dates],
        "summary": analysis.summary,
    }


def instrument_ids(analysis: Analysis | None) -> str:
    return ", ".join(t.id for t in analysis.instruments) if analysis is not None else ""


def check_json(results: Sequence[CheckResult]) -> dict[str, Any]:
    return {
        "sources": [
            {
                "id": r.source_id,
                "status": r.status,
                "changes": [change_dict(c) for c in r.changes],
                "error": r.error,
                "duration_ms": r.duration_ms,
                "retry_after": r.retry_after.isoformat() if r.retry_after else None,
            }
            for r in results
        ]
    }


def print_check_summary(out: Console, results: Sequence[CheckResult]) -> None:
    table = Table(title="watcher check", title_justify="left")
    table.add_column("source")
    table.add_column("status")
    table.add_column("changes", justify="right")
    table.add_column("time", justify="right")
    for r in results:
        table.add_row(
            r.source_id,
            Text(STATUS_LABEL[r.status], style=STATUS_STYLE[r.status]),
            str(len(r.changes)) if r.status == "changed" else "",
            f"{r.duration_ms / 1000:.1f}s",
        )
    out.print(table)
    for r in results:
        if r.status == "changed":
            out.print(Text(f"\n{r.source_id}", style="bold"))
            for c in r.changes:
                out.print(change_line(c))
    failed = [r for r in results if r.status == "failed"]
    if failed:
        out.print(Text("\nfailed sources", style="bold red"))
        for r in failed:
            out.print(f"  {r.source_id}: {r.error}")
    counts = {s: sum(1 for r in results if r.status == s) for s in STATUS_LABEL}
    out.print(
        f"\n{len(results)} sources: {counts['changed']} changed, {counts['baseline']} new baseline, "
        f"{counts['unchanged']} unchanged, {counts['failed']} failed"
    )


def change_line(view: ChangeView) -> Text:
    line = Text(f"  [{view.id}] {TYPE_MARK[view.type]} ", style="bold")
    line.append(view.title or "(untitled)")
    if view.analysis is not None:
        line.append(f"  [{view.analysis.kind}]", style="magenta")
        if view.analysis.instruments:
            line.append(f" {instrument_ids(view.analysis)}", style="cyan")
    if view.url:
        line.append(f"  {view.url}", style="blue")
    if view.document is not None and view.document.status == "unavailable":
        line.append("  (document unavailable, retried later)", style="yellow")
    return line


def print_changes(out: Console, views: Iterable[ChangeView]) -> None:
    table = Table(title_justify="left")
    for col in ("id", "seen (UTC)", "source", "type", "kind", "instruments", "title"):
        table.add_column(col)
    for v in views:
        table.add_row(str(v.id), v.created_at.strftime("%Y-%m-%d %H:%M"), v.source_id, v.type,
                      v.analysis.kind if v.analysis else "", instrument_ids(v.analysis), v.title or "")
    out.print(table)


def print_change(out: Console, view: ChangeView) -> None:
    out.print(Text(f"change {view.id}: {view.type} on {view.source_id}", style="bold"))
    out.print(f"title: {view.title}")
    if view.url:
        out.print(f"url:   {view.url}")
    out.print(f"seen:  {view.created_at.strftime('%Y-%m-%d %H:%M:%S UTC')}")
    if view.analysis is not None:
        print_analysis(out, view.analysis)
    if view.excerpt:
        out.print(Text("\nwhat changed", style="bold"))
        out.print(view.excerpt)
    if view.diff:
        out.print(Text("\ndiff", style="bold"))
        out.print(coloured_diff(view.diff))
    doc = view.document
    if doc is not None and doc.status != "none":
        out.print(Text(f"\nlinked document ({doc.status}): {doc.url}", style="bold"))
        if doc.error:
            out.print(doc.error)
        if doc.text:
            out.print(doc.text[:3000] + ("\n…" if len(doc.text) > 3000 else ""))


def print_analysis(out: Console, analysis: Analysis) -> None:
    """Kind, instruments with the words that matched, and dates with their roles."""
    out.print(Text.assemble("kind:  ", (analysis.kind, "magenta")))
    if analysis.summary:
        out.print(f"about: {analysis.summary}")
    if analysis.instruments:
        out.print("instruments:")
        for t in analysis.instruments:
            out.print(Text.assemble("  ", (t.id, "cyan"), f" ({t.confidence:.2f}): {t.evidence}"))
    else:
        out.print("instruments: none tracked")
    if analysis.dates:
        out.print("dates:")
        for d in analysis.dates:
            out.print(f"  {d.date}  {d.role:<16} {d.text}")


def coloured_diff(diff: str) -> Text:
    text = Text()
    for line in diff.splitlines():
        style = ""
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        text.append(line + "\n", style=style)
    return text


def print_sources(out: Console, sources: Sequence[SourceConfig]) -> None:
    table = Table(title_justify="left")
    for col in ("id", "kind", "jur.", "every", "on", "url"):
        table.add_column(col)
    for s in sources:
        table.add_row(s.id, s.kind, s.jurisdiction, format_duration(s.interval), "yes" if s.enabled else "no",
                      s.url)
    out.print(table)
    out.print(f"{len(sources)} sources, {sum(1 for s in sources if s.enabled)} enabled")


def source_dict(source: SourceConfig) -> dict[str, Any]:
    headers = source.public_headers()
    options = source.options.model_dump(exclude_defaults=True) if source.options is not None else {}
    return {
        "id": source.id, "name": source.name, "url": source.url, "kind": source.kind,
        "jurisdiction": source.jurisdiction, "publisher": source.publisher, "interval": source.interval,
        "enabled": source.enabled, "headers": headers, "options": options,
    }
