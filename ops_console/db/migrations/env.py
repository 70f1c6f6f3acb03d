"""Alembic environment: runs with the connection that ops_console.db.migrate hands in."""

from __future__ import annotations

from alembic import context

from ops_console.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - always driven from ops_console.db.migrate
    raise RuntimeError("run migrations through ops_console.db.migrate")

context.configure(
    connection=connection,
    target_metadata=config.attributes.get("target_metadata") or Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
    include_object=config.attributes.get("include_object"),
)
with context.begin_transaction():
    context.run_migrations()
