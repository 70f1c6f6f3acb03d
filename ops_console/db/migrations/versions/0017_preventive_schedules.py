"""preventive plans: monthly on a day (day_of_month, every_days then NULL), a checklist copied
into each generated work order, and who changed the plan last and when

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("preventive_plans") as batch:
        batch.alter_column("every_days", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("day_of_month", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("checklist", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # a monthly plan becomes every 30 days: the old schema knows no other schedule
    op.execute("UPDATE preventive_plans SET every_days = 30 WHERE every_days IS NULL")
    with op.batch_alter_table("preventive_plans") as batch:
        batch.drop_column("updated_at")
        batch.drop_column("checklist")
        batch.drop_column("day_of_month")
        batch.alter_column("every_days", existing_type=sa.Integer(), nullable=False)
