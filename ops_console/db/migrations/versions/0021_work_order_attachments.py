"""photos and PDFs kept with a work order (bytes and thumbnail in the database, so every seat
of a shared installation reads them); on PostgreSQL the grants and row-level security that
cover them

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ops_console.db import pg_security
from ops_console.db.models.base import UTCDateTime

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_order_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_order_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=True),
        sa.Column("added_at", UTCDateTime(), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["work_order_id"],
            ["work_orders.id"],
            name=op.f("fk_work_order_attachments_work_order_id_work_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_order_attachments")),
    )
    with op.batch_alter_table("work_order_attachments") as batch:
        batch.create_index(
            batch.f("ix_work_order_attachments_work_order_id"), ["work_order_id"], unique=False
        )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = pg_security.current_schema(bind)
        # the grant rules (ops_apply_grants) and the row policies, installed again
        pg_security.run(bind, pg_security.install_statements(schema))
        pg_security.run(bind, pg_security.rls_statements(schema))


def downgrade() -> None:
    op.drop_table("work_order_attachments")
