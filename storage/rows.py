"""Conversions between table rows and the pipeline's records."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import datetime
from typing import Any, cast

from pydantic import BaseModel
from watcher.storage.models import ChangeRow

from watcher.config import SourceConfig
from watcher.records import Analysis, Change, ChangeType, ChangeView, DocumentStatus, Item, LinkedDocument

# The columns a ChangeView needs (not the item texts); instruments and dates are loaded in a batch.
VIEW_COLUMNS = (
    ChangeRow.id, ChangeRow.source_id, ChangeRow.type, ChangeRow.title, ChangeRow.url, ChangeRow.diff,
    ChangeRow.excerpt, ChangeRow.created_at, ChangeRow.document_url, ChangeRow.document_status,
    ChangeRow.document_text, ChangeRow.document_content_type, ChangeRow.document_error, ChangeRow.kind,
    ChangeRow.summary,
)


def change_row(
    change: Change, source_id: str, snapshot_id: int, previous_id: int | None, now: datetime,
    doc: LinkedDocument | None,
) -> ChangeRow:
    row = ChangeRow(
        source_id=source_id, snapshot_id=snapshot_id, previous_snapshot_id=previous_id, type=change.type,
        item_key=change.item_key, title=change.title, url=change.url, diff=change.diff, excerpt=change.excerpt,
        new_text=change.new_text, old_text=change.old_text, item_date=change.date, created_at=now,
        document_status="none", document_attempts=0,
    )
    if change.analysis is not None:
        row.kind, row.summary = change.analysis.kind, change.analysis.summary
    if doc is not None and change.item_key is not None:
        row.document_url = doc.url
        row.document_status = doc.status
        row.document_text = doc.text or None
        row.document_content_type = doc.content_type or None
        row.document_error = doc.error
        row.document_attempts = 0 if doc.status in ("pending", "none") else 1
    return row


def change_view(row: ChangeRow, analysis: Analysis | None = None) -> ChangeView:
    document = None
    if row.document_status != "none":
        document = LinkedDocument(
            url=row.document_url or "", status=cast(DocumentStatus, row.document_status), text=row.document_text or "",
            content_type=row.document_content_type or "", error=row.document_error,
        )
    return ChangeView(
        id=row.id, source_id=row.source_id, type=cast(ChangeType, row.type), title=row.title, url=row.url,
        diff=row.diff, excerpt=row.excerpt, created_at=row.created_at, document=document, analysis=analysis,
    )


def change_record(row: ChangeRow, analysis: Analysis | None = None) -> Change:
    """A stored change as the pipeline record it was saved from (item texts included)."""
    return Change(
        type=cast(ChangeType, row.type), title=row.title, url=row.url, item_key=row.item_key, diff=row.diff,
        excerpt=row.excerpt, new_text=row.new_text, old_text=row.old_text, date=row.item_date, analysis=analysis,
    )


def items_to_json(items: tuple[Item, ...] | None) -> list[Any] | None:
    return None if items is None else [asdict(item) for item in items]


def items_from_json(data: list[Any] | None) -> tuple[Item, ...] | None:
    if data is None:
        return None
    return tuple(
        Item(key=d["key"], title=d.get("title", ""), url=d.get("url"), date=d.get("date"),
             summary=d.get("summary", ""))
        for d in data
    )


def config_hash(source: SourceConfig) -> str:
    """A digest of what a source is configured to do; secret header values and file positions left out."""
    data = source.model_dump(mode="json", exclude={"headers", "line", "unset_env", "options"})
    options = source.options
    data["options"] = options.model_dump(mode="json") if isinstance(options, BaseModel) else options
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
