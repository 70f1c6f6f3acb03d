"""Disabling a person ends their open sessions on PostgreSQL: ops_login_end_sessions, an
admin's checked call (pg_terminate_backend on their login role; the owner is granted
pg_signal_backend where it may be). SQLite: nothing (the seat's next action checks the person).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from ops_console.db import pg_security

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = pg_security.current_schema(bind)
        pg_security.run(bind, pg_security.session_statements(schema))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pg_security.run(bind, pg_security.unsession_statements())
