"""alarm recovery state: telling the work order that its alarm cleared ("device recovered") is
recorded per alarm (status, attempts, last error, next retry) and retried like the hand-over;
cleared alarms whose work order lacks the mark are retried

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ops_console.db.models.base

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alarms") as batch:
        batch.add_column(sa.Column("recovery_status", sa.String(16), nullable=True))
        batch.add_column(
            sa.Column("recovery_attempts", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("recovery_error", sa.String(500), nullable=True))
        batch.add_column(
            sa.Column(
                "recovery_next_at",
                ops_console.db.models.base.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch.create_index("ix_alarms_recovery_due", ["recovery_status", "recovery_next_at"])
    # Before 0005 the work order was told once, right after the clearing, and a failure was only
    # logged. Open alarms have nothing to tell (NULL). A cleared alarm whose work order carries
    # the mark was told (done). A cleared alarm whose work order lacks it (the lost notices) is
    # pending, due at once: the first retry marks the order "device recovered" at the time the
    # last of its alarms cleared, or records why it cannot (the order was closed or cancelled
    # meanwhile, or another of its alarms is open again). A cleared alarm still waiting for its
    # hand-over is pending too: it is told once handed over. One refused for good has no work
    # order and nothing to tell (NULL).
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "UPDATE alarms SET recovery_status = 'done', recovery_attempts = 1 "
            "WHERE cleared_at IS NOT NULL AND work_order_id IS NOT NULL AND EXISTS ("
            "SELECT 1 FROM work_orders w WHERE w.id = alarms.work_order_id "
            "AND w.device_recovered_at IS NOT NULL)"
        )
    )
    conn.execute(
        sa.text(
            "UPDATE alarms SET recovery_status = 'pending', "
            "recovery_error = 'not recorded as told before the upgrade: retried' "
            "WHERE cleared_at IS NOT NULL AND recovery_status IS NULL "
            "AND (work_order_id IS NOT NULL OR handover_status = 'pending')"
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("alarms") as batch:
        batch.drop_index("ix_alarms_recovery_due")
        batch.drop_column("recovery_next_at")
        batch.drop_column("recovery_error")
        batch.drop_column("recovery_attempts")
        batch.drop_column("recovery_status")
