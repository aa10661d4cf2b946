"""The initial schema: sources, fetches, snapshots, changes and the analysis tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-23

Frozen on purpose: it spells out every column instead of importing the models, so that later changes to
the models cannot change what this revision creates.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _time(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _text(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("config_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        _text("name", nullable=False),
        _time("created_at", nullable=False),
        _time("next_due"),
        _time("retry_after"),
        sa.Column("lease_owner", sa.String(200), nullable=True),
        _time("lease_until"),
        sa.Column("health", sa.String(16), server_default="ok", nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("checks", sa.Integer(), server_default="0", nullable=False),
        _time("last_check_at"),
        _time("last_change_at"),
        _text("last_error"),
        sa.CheckConstraint("health IN ('ok', 'failing')", name=op.f("ck_sources_health")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
    )
    op.create_table(
        "fetches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(80), nullable=False),
        _time("at", nullable=False),
        _text("url", nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        _text("etag"),
        _text("last_modified"),
        _text("error"),
        sa.CheckConstraint("outcome IN ('baseline', 'unchanged', 'changed', 'failed', 'not-modified')",
                           name=op.f("ck_fetches_outcome")),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_fetches_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fetches")),
    )
    op.create_index("ix_fetches_source_id_at", "fetches", ["source_id", "at"])

    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(80), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("raw_hash", sa.String(64), nullable=False),
        sa.Column("raw_body", sa.LargeBinary(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        _text("url", nullable=False),
        _text("final_url", nullable=False),
        sa.Column("content_type", sa.String(200), nullable=False),
        sa.Column("encoding", sa.String(40), nullable=True),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        _text("title"),
        _text("text", nullable=False),
        sa.Column("items", sa.JSON(), nullable=True),
        _time("created_at", nullable=False),
        _time("last_seen_at", nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_snapshots_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snapshots")),
        sa.UniqueConstraint("source_id", "content_hash", name=op.f("uq_snapshots_source_id_content_hash")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_snapshots_source_id_last_seen_at", "snapshots", ["source_id", "last_seen_at"])

    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(80), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("previous_snapshot_id", sa.Integer(), nullable=True),
        sa.Column("type", sa.String(16), nullable=False),
        _text("item_key"),
        _text("title", nullable=False),
        _text("url"),
        _text("diff", nullable=False),
        _text("excerpt", nullable=False),
        _text("new_text", nullable=False),
        _text("old_text", nullable=False),
        sa.Column("item_date", sa.String(40), nullable=True),
        _time("created_at", nullable=False),
        sa.Column("kind", sa.String(40), nullable=True),
        _text("summary"),
        _text("document_url"),
        sa.Column("document_status", sa.String(16), server_default="none", nullable=False),
        _text("document_text"),
        sa.Column("document_content_type", sa.String(200), nullable=True),
        _text("document_error"),
        sa.Column("document_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("document_status IN ('none', 'fetched', 'unavailable', 'pending')",
                           name=op.f("ck_changes_document_status")),
        sa.CheckConstraint("type IN ('added', 'removed', 'modified')", name=op.f("ck_changes_type")),
        sa.ForeignKeyConstraint(["previous_snapshot_id"], ["snapshots.id"],
                                name=op.f("fk_changes_previous_snapshot_id_snapshots"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["snapshot_id"], ["snapshots.id"], name=op.f("fk_changes_snapshot_id_snapshots")),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_changes_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_changes_snapshot_id", "changes", ["snapshot_id"])
    op.create_index("ix_changes_source_id_created_at", "changes", ["source_id", "created_at"])

    op.create_table(
        "change_dates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        _text("text", nullable=False),
        sa.ForeignKeyConstraint(["change_id"], ["changes.id"], name=op.f("fk_change_dates_change_id_changes"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_dates")),
    )
    op.create_index("ix_change_dates_change_id", "change_dates", ["change_id"])

    op.create_table(
        "change_instruments",
        sa.Column("change_id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.String(120), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        _text("evidence", nullable=False),
        sa.ForeignKeyConstraint(["change_id"], ["changes.id"],
                                name=op.f("fk_change_instruments_change_id_changes"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("change_id", "instrument_id", name=op.f("pk_change_instruments")),
    )


def downgrade() -> None:
    op.drop_table("change_instruments")
    op.drop_index("ix_change_dates_change_id", table_name="change_dates")
    op.drop_table("change_dates")
    op.drop_index("ix_changes_source_id_created_at", table_name="changes")
    op.drop_index("ix_changes_snapshot_id", table_name="changes")
    op.drop_table("changes")
    op.drop_index("ix_snapshots_source_id_last_seen_at", table_name="snapshots")
    op.drop_table("snapshots")
    op.drop_index("ix_fetches_source_id_at", table_name="fetches")
    op.drop_table("fetches")
    op.drop_table("sources")
