"""the community office's phone number, printed on resident notices

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # existing communities have no number yet (NULL): a notice for one says which setting
    # to fill in rather than printing a poster nobody can call back
    with op.batch_alter_table("communities") as batch:
        batch.add_column(sa.Column("phone", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("communities") as batch:
        batch.drop_column("phone")
