"""The service: source health events, and `source` alerts (operators hear of failing sources).

Revision ID: 0004_service
Revises: 0003_alerts
Create Date: 2026-11-25

Frozen like 0001: every column spelled out.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_service"
down_revision: str | None = "0003_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_EVENTS = "event IN ('change', 'digest', 'reminder')"
NEW_EVENTS = "event IN ('change', 'digest', 'reminder', 'source')"


def upgrade() -> None:
    op.create_table(
        "source_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(80), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint("event IN ('failing', 'recovered')", name=op.f("ck_source_events_event")),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_source_events_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_events")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_source_events_source_id_id", "source_events", ["source_id", "id"])
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint(op.f("ck_alerts_event"), type_="check")
        batch.create_check_constraint(op.f("ck_alerts_event"), sa.text(NEW_EVENTS))


def downgrade() -> None:
    op.execute("DELETE FROM alerts WHERE event = 'source'")
    with op.batch_alter_table("alerts") as batch:
        batch.drop_constraint(op.f("ck_alerts_event"), type_="check")
        batch.create_check_constraint(op.f("ck_alerts_event"), sa.text(OLD_EVENTS))
    op.drop_index("ix_source_events_source_id_id", table_name="source_events")
    op.drop_table("source_events")
