"""Migration 0003 over existing alarms: each gets the hand-over state it truly had."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.domain.messages import stored
from ops_console.services.container import Services


def _old_database(tmp_path) -> Database:
    """A database at 0002 holding alarms in each hand-over situation."""
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(db, "0002")
    stamp = "2026-11-01 08:00:00"
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO device_categories (code, name_en, name_zh) "
                "VALUES ('smart_bin', 'Smart bin', '智能垃圾桶')"
            )
        )
        conn.execute(
            text("INSERT INTO communities (id, name, timezone) VALUES (1, '湖滨', 'Asia/Shanghai')")
        )
        conn.execute(
            text(
                "INSERT INTO devices (id, asset_tag, name, category_code, community_id, address, "
                "snmp_version, snmp_port, poll_interval_s, status, criticality, created_at, "
                "updated_at, search_text) VALUES (1, 'HB-BIN-1', '湖滨-垃圾桶', 'smart_bin', 1, "
                "'127.0.0.1', 'v2c', 161, 60, 'in_service', 'normal', :t, :t, '')"
            ),
            {"t": stamp},
        )
        conn.execute(
            text(
                "INSERT INTO work_orders (id, number, kind, source, device_id, community_id, "
                "priority, title, status, created_at, created_by, updated_at, labour_minutes, "
                "contact_consent, alarm_rule, version) VALUES (1, 'WO-2026-000001', 'repair', "
                "'alarm', 1, 1, 'P3', 't', 'new', :t, 'system', :t, 0, 0, 'lid', 1)"
            ),
            {"t": stamp},
        )
        conn.execute(text("INSERT INTO work_order_counters (year, last) VALUES (2026, 1)"))
        # linked; open without a work order; cleared without one
        for aid, rule, cleared, wo in (
            (1, "lid", None, 1),
            (2, "unreachable", None, None),
            (3, "bin_overflow", stamp, None),
        ):
            conn.execute(
                text(
                    "INSERT INTO alarms (id, device_id, rule, severity, message, opened_at, "
                    "cleared_at, work_order_id, handed_over_at, repeat_count, work_kind, source) "
                    "VALUES (:id, 1, :rule, 'critical', 'm', :t, :c, :wo, :t, 0, 'repair', 'poll')"
                ),
                {"id": aid, "rule": rule, "t": stamp, "c": cleared, "wo": wo},
            )
    return db


def test_0003_records_the_hand_over_state_of_existing_alarms(tmp_path):
    db = _old_database(tmp_path)
    assert migrate.upgrade(db) is True
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id, handover_status, handover_attempts, handover_error, handed_over_at, "
                "handover_next_at FROM alarms ORDER BY id"
            )
        ).all()
    assert [(r[0], r[1], r[2], r[4] is not None, r[5]) for r in rows] == [
        (1, "done", 1, True, None),
        (2, "pending", 0, False, None),
        (3, "failed", 0, False, None),
    ]
    assert rows[0][3] is None
    # (since 0016 the reasons are stored as codes; they read as 0003 wrote them)
    assert str(stored(rows[1][3])) == "no work order was recorded before the upgrade: retried"
    assert str(stored(rows[2][3])) == "cleared before the upgrade without a work order: not retried"

    # the open one is taken up by the first retry and linked to a new work order
    services = Services(db, FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC)))
    got = services.monitoring.retry_handovers()
    assert (got.attempted, got.done) == (1, 1)
    assert (
        services.monitoring.retry_handovers(services.clock.now() + timedelta(days=1)).attempted == 0
    )
    with db.engine.connect() as conn:
        states = conn.execute(
            text("SELECT id, handover_status, work_order_id FROM alarms ORDER BY id")
        ).all()
    assert [(r[0], r[1], r[2] is not None) for r in states] == [
        (1, "done", True),
        (2, "done", True),
        (3, "failed", False),
    ]
    db.dispose()


def test_0003_goes_back_down_to_0002_with_its_alarms(tmp_path):
    # 0013 (the chunked time series) cannot be undone, so the way down is tried from 0003 itself
    from alembic import command

    db = _old_database(tmp_path)
    migrate.upgrade(db, "0003")
    with db.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0002")
    assert migrate.current_revision(db) == "0002"
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alarms")).scalar_one() == 3
    db.dispose()
