"""care alerts are closed with their outcome: who closed them, when, and what happened

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ops_console.db.models.base

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_T = ops_console.db.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("care_alerts") as batch:
        batch.add_column(sa.Column("closed_at", _T, nullable=True))
        batch.add_column(sa.Column("closed_by", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("outcome", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("care_alerts") as batch:
        batch.drop_column("outcome")
        batch.drop_column("closed_by")
        batch.drop_column("closed_at")
