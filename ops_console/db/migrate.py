"""Schema migrations with Alembic: upgrade on start-up (after a backup), report revisions.

Every command checks the schema first, so the check is cheap: the shipped head revision is
read from the migration files' ``revision = ...`` lines and the database's from its
``alembic_version`` table, and Alembic itself (0.3 s to import and load its script
directory) is only loaded when there is something to migrate.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from .engine import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^revision(?::\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision[^=\n]*=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)


def alembic_config(
    connection: Connection | None = None, include_object: Callable[..., bool] | None = None
) -> Config:
    """Return an Alembic configuration bound to our migrations folder."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    cfg.attributes["include_object"] = include_object
    return cfg


@functools.cache
def head_revision() -> str:
    """Return the newest revision shipped with this version (the one nothing revises)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name.startswith("_"):
            continue
        source = path.read_text(encoding="utf-8")
        rev = _REVISION.search(source)
        down = _DOWN.search(source)
        if rev is None or down is None:
            raise RuntimeError(f"{path.name}: no 'revision = ...' or 'down_revision = ...' line")
        revisions.add(rev.group(1))
        if down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must form one line; heads found: {sorted(heads)}")
    return heads.pop()


def current_revision(db: Database) -> str | None:
    """Return the database's revision, or None when it has never been migrated."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


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
    from alembic import command

    with db.engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
    incremental_vacuum_on(db)
    return True


def incremental_vacuum_on(db: Database) -> None:
    """SQLite: switch a file made before incremental vacuum to it (one full VACUUM, which
    also gives back the space the old samples held); a no-op when it already is."""
    if not db.is_sqlite or db.sqlite_path is None:
        return
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        if cur.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:
            cur.execute("PRAGMA auto_vacuum=INCREMENTAL")
            cur.execute("VACUUM")
        cur.close()
    finally:
        raw.close()
