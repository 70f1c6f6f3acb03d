"""alarm hand-over state: status, attempts, last error and next retry of each alarm's hand-over
to work orders; existing alarms get the state they truly had

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ops_console.db.models.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alarms") as batch:
        batch.add_column(
            sa.Column("handover_status", sa.String(16), nullable=False, server_default="pending")
        )
        batch.add_column(
            sa.Column("handover_attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("handover_error", sa.String(500), nullable=True))
        batch.add_column(
            sa.Column(
                "handover_next_at",
                ops_console.db.models.base.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch.create_index("ix_alarms_handover_due", ["handover_status", "handover_next_at"])
    # Before 0003 every alarm was stamped handed_over_at when it opened, whether or not a work
    # order followed. Linked ones were handed over; open ones without a work order are retried
    # (pending, due now); cleared ones without one are recorded as never handed over.
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "UPDATE alarms SET handover_status = 'done', handover_attempts = 1 "
            "WHERE work_order_id IS NOT NULL"
        )
    )
    conn.execute(
        sa.text(
            "UPDATE alarms SET handover_status = 'pending', handed_over_at = NULL, "
            "handover_error = 'no work order was recorded before the upgrade: retried' "
            "WHERE work_order_id IS NULL AND cleared_at IS NULL"
        )
    )
    conn.execute(
        sa.text(
            "UPDATE alarms SET handover_status = 'failed', handed_over_at = NULL, "
            "handover_error = 'cleared before the upgrade without a work order: not retried' "
            "WHERE work_order_id IS NULL AND cleared_at IS NOT NULL"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("alarms") as batch:
        batch.drop_index("ix_alarms_handover_due")
        batch.drop_column("handover_next_at")
        batch.drop_column("handover_error")
        batch.drop_column("handover_attempts")
        batch.drop_column("handover_status")
