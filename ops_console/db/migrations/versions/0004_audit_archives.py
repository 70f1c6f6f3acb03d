"""audit archives: entries moved out of the database into sealed files, the chain's new start

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ops_console.db.models.base

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    instant = ops_console.db.models.base.UTCDateTime(timezone=True)
    op.create_table(
        "audit_archives",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", instant, nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("before", instant, nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("signing_key", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_archives")),
        sa.UniqueConstraint("last_id", name=op.f("uq_audit_archives_last_id")),
    )


def downgrade() -> None:
    op.drop_table("audit_archives")
