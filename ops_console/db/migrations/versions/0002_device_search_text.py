"""device search text: a lower-cased search key, backfilled from existing devices

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def search_text(*parts: str | None) -> str:
    """Build the search key exactly as the inventory service does."""
    return " ".join(p.strip().lower() for p in parts if p)


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("search_text", sa.String(800), nullable=False, server_default=""))
        batch.create_index("ix_devices_search_text", ["search_text"])
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, asset_tag, name, location, address, serial FROM devices")
    ).fetchall()
    for row in rows:
        conn.execute(
            sa.text("UPDATE devices SET search_text = :s WHERE id = :id"),
            {"s": search_text(row.asset_tag, row.name, row.location, row.address, row.serial), "id": row.id},
        )


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_index("ix_devices_search_text")
        batch.drop_column("search_text")
