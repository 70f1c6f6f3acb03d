"""The poller role writes only what it generates (PostgreSQL): its work orders are those raised
from an alarm or a preventive plan (restrictive policies), it appends their events and never
changes one, it claims preventive runs, and it reads the audit chain to witness it. The grants
are installed again. SQLite: nothing.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from ops_console.db import pg_security

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = pg_security.current_schema(bind)
        pg_security.run(bind, pg_security.install_statements(schema))
        pg_security.run(bind, pg_security.poller_statements())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pg_security.run(bind, pg_security.unpoller_statements())
