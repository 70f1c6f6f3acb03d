"""which holds stop the clock: an SLA policy version lists the hold reason codes that pause the
clocks (contract.toml [pause] stops_clock); NULL keeps every reason pausing, as before

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sla_policies") as batch:
        batch.add_column(sa.Column("stops_clock_json", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sla_policies") as batch:
        batch.drop_column("stops_clock_json")
