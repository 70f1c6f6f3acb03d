"""installation settings (retention of each time-series resolution, to begin with): a row per
named setting, its value as JSON, who changed it last and when; on PostgreSQL only
administrators write them

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ops_console.db import pg_security

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_settings")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # the grants function as it is now (settings: administrators only), then applied
        statements = pg_security.install_statements(pg_security.current_schema(bind))
        grants = [s for s in statements if "FUNCTION ops_apply_grants()" in s]
        pg_security.run(bind, [*grants, "SELECT ops_apply_grants()"])


def downgrade() -> None:
    op.drop_table("settings")
