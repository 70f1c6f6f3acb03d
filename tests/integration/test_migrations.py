"""Migrations: from an empty database to head, a later migration over existing data, no drift."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.db.models import Base


def test_upgrade_from_empty_reaches_head_and_matches_the_models(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    assert migrate.current_revision(db) is None
    assert migrate.upgrade(db) is True
    assert migrate.current_revision(db) == migrate.head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    assert migrate.upgrade(db) is False  # already at head
    db.dispose()


def test_the_cheap_head_revision_is_the_one_alembic_computes():
    # every command compares against head_revision() without loading Alembic
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == scripts.get_current_head()


def test_a_database_at_an_older_revision_reports_it_and_is_upgraded(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(db, "0001")
    assert migrate.current_revision(db) == "0001"
    assert migrate.current_revision(db) != migrate.head_revision()
    assert migrate.upgrade(db) is True
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()


def test_0002_backfills_search_text_over_existing_devices(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'b.db'}")
    migrate.upgrade(db, "0001")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO device_categories (code, name_en, name_zh) VALUES ('camera', 'Camera', '摄像头')"
            )
        )
        conn.execute(
            text("INSERT INTO communities (id, name, timezone) VALUES (1, '湖滨', 'Asia/Shanghai')")
        )
        conn.execute(
            text(
                "INSERT INTO devices (asset_tag, name, category_code, community_id, location, address, "
                "serial, snmp_version, snmp_port, poll_interval_s, status, criticality, created_at, updated_at) "
                "VALUES ('HB-CAM-9', '湖滨-北门-摄像头', 'camera', 1, '北门 Gate', '127.0.0.9', 'SN-9', "
                "'v2c', 161, 60, 'in_service', 'high', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    assert migrate.upgrade(db) is True
    with db.engine.connect() as conn:
        value = conn.execute(text("SELECT search_text FROM devices")).scalar_one()
    assert value == "hb-cam-9 湖滨-北门-摄像头 北门 gate 127.0.0.9 sn-9"
    # the upgrade first copied the old database aside
    backups = list((tmp_path / "backups").glob("b-*.db"))
    assert len(backups) == 1
    db.dispose()


def test_sqlite_pragmas_are_on(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'c.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000
    db.dispose()
