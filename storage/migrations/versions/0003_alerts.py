"""The alert outbox: alerts (one message to one channel) and alert_attempts (every delivery try).

Revision ID: 0003_alerts
Revises: 0001
Create Date: 2026-11-25

Frozen like 0001: every column spelled out.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_alerts"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _time(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("subscription", sa.String(80), nullable=False),
        sa.Column("channel", sa.String(80), nullable=False),
        sa.Column("change_id", sa.Integer(), nullable=True),
        sa.Column("digest_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        _time("created_at", nullable=False),
        _time("next_attempt_at"),
        _time("delivered_at"),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("lease_owner", sa.String(200), nullable=True),
        _time("lease_until"),
        sa.CheckConstraint("status IN ('held', 'pending', 'delivered', 'failed', 'digested')",
                           name=op.f("ck_alerts_status")),
        sa.CheckConstraint("event IN ('change', 'digest', 'reminder')", name=op.f("ck_alerts_event")),
        sa.ForeignKeyConstraint(["change_id"], ["changes.id"], name=op.f("fk_alerts_change_id_changes"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["digest_id"], ["alerts.id"], name=op.f("fk_alerts_digest_id_alerts"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("uid", name=op.f("uq_alerts_uid")),
        sa.UniqueConstraint("key", name=op.f("uq_alerts_key")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_alerts_channel_status_id", "alerts", ["channel", "status", "id"])
    op.create_index("ix_alerts_status_next_attempt_at", "alerts", ["status", "next_attempt_at"])
    op.create_index(op.f("ix_alerts_change_id"), "alerts", ["change_id"])
    op.create_index(op.f("ix_alerts_digest_id"), "alerts", ["digest_id"])
    op.create_table(
        "alert_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        _time("at", nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.CheckConstraint("outcome IN ('delivered', 'retry', 'failed')", name=op.f("ck_alert_attempts_outcome")),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"], name=op.f("fk_alert_attempts_alert_id_alerts"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_attempts")),
    )
    op.create_index(op.f("ix_alert_attempts_alert_id"), "alert_attempts", ["alert_id"])


def downgrade() -> None:
    op.drop_table("alert_attempts")
    op.drop_table("alerts")
