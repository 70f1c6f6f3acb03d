"""Residents' contacts on PostgreSQL: sealed and opened by the database (``db.pg_contacts``):
the contact key in a private schema no login role reads, ops_contact_seal and ops_contact (which
checks the caller's role and reach). SQLite: nothing (the keyring's field key, as before).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from ops_console.db import pg_contacts, pg_security

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = pg_security.current_schema(bind)
        pg_security.run(bind, pg_contacts.install_statements(bind, schema))


def downgrade() -> None:
    # contacts sealed by the database stay sealed: a downgraded console shows them as
    # undecryptable (restore the backup taken before the upgrade to undo it fully)
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        pg_security.run(bind, pg_contacts.uninstall_statements())
