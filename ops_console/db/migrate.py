"""Schema migrations with Alembic: upgrade on start-up (after a backup), report revisions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .engine import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Any = None, include_object: Any = None) -> Config:
    """Return an Alembic configuration bound to our migrations folder."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    cfg.attributes["include_object"] = include_object
    return cfg


def head_revision() -> str:
    """Return the newest revision shipped with this version."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """Return the database's revision, or None when it has never been migrated."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> bool:
    """Upgrade the schema to ``revision``; back up an SQLite file first.

    Returns:
        True when anything was migrated.
    """
    current = current_revision(db)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return False
    if current is not None:
        db.backup_before_migration()
    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    return True
