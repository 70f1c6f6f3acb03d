"""Two sessions importing the same new asset tags at once on PostgreSQL: one line, not a traceback.

The second insert waits on the unique index for the first transaction and fails with
UniqueViolation when it commits; the command line must say so in one line and write nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.formats import HEADER
from tests.integration.postgres import find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

ROW = "{tag},湖滨-门禁,access_gate,湖滨,,,,,,127.0.0.1,v2c,161,,60,,,high,in_service"


def test_concurrent_imports_of_the_same_tag_give_one_line(tmp_path: Path):
    with postgres_server() as url:
        db = Database(url)
        migrate.upgrade(db)
        services = Services(db)
        services.inventory.sync_categories()
        services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
        admin = services.accounts.actor("root")
        services.accounts.add_community(admin, "湖滨")
        seed = tmp_path / "seed.csv"
        seed.write_text(",".join(HEADER) + "\n" + ROW.format(tag="SEED-1") + "\n", "utf-8")
        services.inventory.import_csv(admin, seed)

        audited = _audit_count(db)
        race = tmp_path / "race.csv"
        race.write_text(",".join(HEADER) + "\n" + ROW.format(tag="RACE-1") + "\n", "utf-8")
        with db.engine.connect() as holder:  # the other session: the same tag, not yet committed
            columns = [
                r[0]
                for r in holder.exec_driver_sql(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = 'devices' AND column_name NOT IN ('id', 'asset_tag')"
                )
            ]
            cols = ", ".join(columns)
            holder.exec_driver_sql(
                f"INSERT INTO devices (asset_tag, {cols}) "
                f"SELECT 'RACE-1', {cols} FROM devices WHERE asset_tag = 'SEED-1'"
            )
            env = dict(os.environ, OPS_CONSOLE_DB=url, OPS_CONSOLE_USER="root")
            env.update(OPS_CONSOLE_PASSWORD="rootpass1", OPS_CONSOLE_HOME=str(tmp_path))
            env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
            cli = subprocess.Popen(
                [sys.executable, "-m", "ops_console", "devices", "import", str(race)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:  # until the CLI's insert waits on ours
                with db.engine.connect() as watcher:  # its own snapshot of the activity
                    waiting = watcher.exec_driver_sql(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    ).scalar()
                if waiting or cli.poll() is not None:
                    break
                time.sleep(0.2)
            holder.commit()
        out, err = cli.communicate(timeout=120)
        assert cli.returncode == 1, (out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err, err
        assert "another session saved the same record at the same time" in lines[0]
        assert "nothing was written" in lines[0]
        # the refused import wrote no entry; the other session's own INSERT, made with no
        # entry of its own, was audited by the database (db.insert)
        assert _audit_count(db) == audited + 1
        db.dispose()


def _audit_count(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM audit_entries").scalar() or 0)
