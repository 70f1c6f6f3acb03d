"""A shared installation's secrets for pollers: the installation key's fingerprint, the secrets
encrypted under it, the hosts enrolled to hold it; on PostgreSQL readable by administrators and
pollers only (the grants are installed again).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import ops_console.db.models.base
from ops_console.db import pg_security

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_T = ops_console.db.models.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "installation_key",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("created_at", _T, nullable=False),
        sa.Column("rotated_at", _T, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_installation_key")),
    )
    op.create_table(
        "stored_secrets",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("wrapped_key", sa.Text(), nullable=False),
        sa.Column("ciphertext", sa.Text(), nullable=False),
        sa.Column("updated_at", _T, nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_stored_secrets")),
    )
    op.create_table(
        "enrolled_hosts",
        sa.Column("host", sa.String(length=100), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("sealed_key", sa.Text(), nullable=True),
        sa.Column("key_id", sa.String(length=16), nullable=True),
        sa.Column("requested_at", _T, nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("approved_at", _T, nullable=True),
        sa.Column("approved_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("host", name=op.f("pk_enrolled_hosts")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pg_security.run(bind, pg_security.install_statements(pg_security.current_schema(bind)))


def downgrade() -> None:
    op.drop_table("enrolled_hosts")
    op.drop_table("stored_secrets")
    op.drop_table("installation_key")
