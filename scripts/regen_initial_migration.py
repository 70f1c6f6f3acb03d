"""Regenerate migration 0001 (the initial schema) from the models.

Run while the project has not shipped a release: every schema change before the
first release goes into 0001, except what later migrations (0002, ...) add, which
``LATER`` excludes so that those migrations still apply on top.

    .venv/bin/python scripts/regen_initial_migration.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from alembic import command
from sqlalchemy import MetaData, create_engine

from ops_console.db.migrate import MIGRATIONS, alembic_config
from ops_console.db.models import Base

# columns added by a later migration: (table, column)
LATER = {
    ("devices", "search_text"),  # 0002
    ("alarms", "handover_status"),  # 0003
    ("alarms", "handover_attempts"),
    ("alarms", "handover_error"),
    ("alarms", "handover_next_at"),
    ("alarms", "recovery_status"),  # 0005
    ("alarms", "recovery_attempts"),
    ("alarms", "recovery_error"),
    ("alarms", "recovery_next_at"),
}
# tables added by a later migration
LATER_TABLES = {"audit_archives"}  # 0004


def initial_metadata() -> MetaData:
    """Return a copy of the models' metadata without what later migrations add."""
    md = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        if table.name not in LATER_TABLES:
            table.to_metadata(md)
    for table_name, column_name in LATER:
        table = md.tables[table_name]
        column = table.c[column_name]
        for index in list(table.indexes):
            if column_name in index.columns:
                table.indexes.discard(index)
        table._columns.remove(column)
    return md


def main() -> int:
    target = MIGRATIONS / "versions" / "0001_initial_schema.py"
    target.unlink(missing_ok=True)
    others = [p for p in (MIGRATIONS / "versions").glob("0*.py")]
    hidden = [p.rename(p.with_suffix(".hidden")) for p in others]
    try:
        engine = create_engine("sqlite://")
        with engine.begin() as conn:
            cfg = alembic_config(conn)
            cfg.attributes["target_metadata"] = initial_metadata()
            command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
    finally:
        for p in hidden:
            p.rename(p.with_suffix(".py"))
    produced = next((MIGRATIONS / "versions").glob("0001_*.py"))
    if produced != target:
        produced.rename(target)
    # a fixed date keeps the file stable when nothing in the models changed
    text = re.sub(r"(?m)^Create Date: .*$", "Create Date: 2026-11-29", target.read_text())
    target.write_text(text)
    print(f"wrote {target.relative_to(Path.cwd())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
