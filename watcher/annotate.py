"""Attach an analysis to a change found by the diff: what text is analysed, and with which context.

Shared by the check pipeline (sources from the config) and `watcher analyze` (loose files), so both report
the same instruments, kind and dates for the same change.
"""

from __future__ import annotations

import re
from dataclasses import replace

from watcher.analysis import Analysis, Context, Registry, analyse, summarise
from watcher.records import Change, Document, InstrumentTag

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def analyse_change(
    change: Change,
    *,
    base: Context,
    old: Document | None = None,
    new: Document | None = None,
    linked_text: str = "",
    registry: Registry | None = None,
) -> Analysis:
    """The analysis of one change.

    - a new or edited item: its text plus the text of the document it links to, against its old text;
    - an edited document (no item key): the whole new text against the whole old text, so that the
      analysis sees the changed lines in their page;
    - a removed item: kind `news`, with the instruments its old text names.

    `base` carries what the caller knows about the source (jurisdiction, language, instruments, url); the
    change's own url, title and date are added to it.
    """
    day = change.date[:10] if change.date and _ISO_DAY.match(change.date[:10]) else None
    context = replace(base, url=change.url or base.url, title=change.title or base.title,
                      published=day or base.published)
    if change.item_key is None:
        new_text = new.text if new is not None else change.new_text
        old_text = old.text if old is not None else (change.old_text or None)
        found = analyse(new_text, old_text, context=context, registry=registry)
        return with_source_instruments(found, base.source_instruments)
    if change.type == "removed":
        found = analyse(change.old_text, None, context=context, registry=registry)
        ids = ", ".join(t.id for t in found.instruments[:3]) or "no tracked instrument"
        return Analysis(found.instruments, "news", (), f"news: {ids} (item removed)")
    text = change.new_text + ("\n\n" + linked_text if linked_text else "")
    return analyse(text, change.old_text or None, context=context, registry=registry)


def with_source_instruments(analysis: Analysis, instruments: tuple[str, ...]) -> Analysis:
    """An edit of a page dedicated to known instruments concerns them even when the edited words do not
    name them (a changed sentence of the AI Act page rarely says "AI Act"); they are added at low
    confidence. Items of a listing are not covered: a listing's new entry may be about anything."""
    if analysis.instruments or not instruments:
        return analysis
    tags = tuple(InstrumentTag(i, 0.5, "the source is configured as concerning this instrument")
                 for i in instruments)
    return replace(analysis, instruments=tags, summary=summarise(analysis.kind, list(instruments), analysis.dates))
