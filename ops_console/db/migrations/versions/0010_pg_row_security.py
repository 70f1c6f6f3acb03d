"""PostgreSQL row-level security: a person with communities sees and writes only their rows; a
technician the work orders assigned to them and the devices of their firm's contracts. SQLite:
nothing (the services apply the same scope).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from ops_console.db import pg_security

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pg_security.run(bind, pg_security.rls_statements(pg_security.current_schema(bind)))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pg_security.run(bind, pg_security.unrls_statements())
