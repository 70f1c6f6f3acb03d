"""PostgreSQL lockout: five failed sign-ins in a row set the person's login role NOLOGIN for 15
minutes, counted by ops_sign_in_failed through the ops_signin role; ops_now() is the clock.
SQLite: nothing (the accounts service counts as before).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

from ops_console.db import pg_security

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pg_security.run(bind, pg_security.lockout_statements(pg_security.current_schema(bind)))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pg_security.run(bind, pg_security.unlockout_statements())
