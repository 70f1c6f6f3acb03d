"""PostgreSQL enforces who may do what: a group role per console role, login roles managed only
through checked functions, baseline grants (no password hashes, no audit writes), and an audit
chain appended by the database itself (the login role recorded and hashed; changes that no
console entry covers audited by triggers). On SQLite only the two new audit columns.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ops_console.db import pg_security

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_entries") as batch:
        batch.add_column(sa.Column("db_role", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("db_xact", sa.BigInteger(), nullable=True))
        batch.create_index("ix_audit_entries_db_xact", ["db_xact"])
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    pg_security.run(bind, pg_security.install_statements(pg_security.current_schema(bind)))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pg_security.run(bind, pg_security.uninstall_statements())
    with op.batch_alter_table("audit_entries") as batch:
        batch.drop_index("ix_audit_entries_db_xact")
        batch.drop_column("db_xact")
        batch.drop_column("db_role")
