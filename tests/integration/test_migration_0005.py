"""Migration 0005 over existing alarms: each gets the "device recovered" notice state it truly
had; the notices lost before the upgrade are made up for by the first retry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.domain.messages import Msg
from ops_console.services.container import Services

STAMP = "2026-11-01 08:00:00"
CLEARED = "2026-11-01 09:30:00"


def _old_database(tmp_path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(db, "0004")
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
            {"t": STAMP},
        )
        # 1 marked; 2 open, its mark lost; 3 closed, its mark lost; 4 open, its alarm still open
        for wid, status, marked in (
            (1, "new", CLEARED),
            (2, "in_progress", None),
            (3, "closed", None),
            (4, "new", None),
        ):
            conn.execute(
                text(
                    "INSERT INTO work_orders (id, number, kind, source, device_id, community_id, "
                    "priority, title, status, created_at, created_by, updated_at, "
                    "labour_minutes, contact_consent, alarm_rule, version, device_recovered_at) "
                    "VALUES (:id, :number, 'repair', 'alarm', 1, 1, 'P3', 't', :status, :t, "
                    "'system', :t, 0, 0, :rule, 1, :marked)"
                ),
                {
                    "id": wid,
                    "number": f"WO-2026-{wid:06d}",
                    "status": status,
                    "t": STAMP,
                    "rule": f"r{wid}",
                    "marked": marked,
                },
            )
        conn.execute(text("INSERT INTO work_order_counters (year, last) VALUES (2026, 4)"))
        # alarms 1-4 of those orders; 5 cleared, refused for good; 6 cleared, hand-over pending
        for aid, cleared, wo, handover in (
            (1, CLEARED, 1, "done"),
            (2, CLEARED, 2, "done"),
            (3, CLEARED, 3, "done"),
            (4, None, 4, "done"),
            (5, CLEARED, None, "failed"),
            (6, CLEARED, None, "pending"),
        ):
            conn.execute(
                text(
                    "INSERT INTO alarms (id, device_id, rule, severity, message, opened_at, "
                    "cleared_at, work_order_id, handed_over_at, repeat_count, work_kind, source, "
                    "handover_status, handover_attempts) VALUES (:id, 1, :rule, 'critical', 'm', "
                    ":t, :c, :wo, :t, 0, 'repair', 'poll', :h, 1)"
                ),
                {"id": aid, "rule": f"r{aid}", "t": STAMP, "c": cleared, "wo": wo, "h": handover},
            )
    return db


def _states(db: Database) -> list[tuple]:
    with db.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT id, recovery_status, recovery_attempts, recovery_error, "
                    "recovery_next_at FROM alarms ORDER BY id"
                )
            )
        ]


def test_0005_records_the_recovery_state_and_the_lost_marks_are_made_up_for(tmp_path):
    db = _old_database(tmp_path)
    assert migrate.upgrade(db) is True
    # (since 0016 the reason is stored as a code; it reads as 0005 wrote it)
    retried = Msg("handover.before_upgrade_told").dumps()
    assert str(Msg("handover.before_upgrade_told")) == (
        "not recorded as told before the upgrade: retried"
    )
    assert _states(db) == [
        (1, "done", 1, None, None),
        (2, "pending", 0, retried, None),
        (3, "pending", 0, retried, None),
        (4, None, 0, None, None),
        (5, None, 0, None, None),
        (6, "pending", 0, retried, None),
    ]

    services = Services(db, FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC)))
    services.workorders = _NoHandover(services.workorders)  # alarm 6's hand-over still fails
    got = services.monitoring.retry_handovers()
    assert (got.recovery.attempted, got.recovery.done, got.recovery.failed) == (2, 1, 1)
    states = _states(db)
    assert [s[:3] for s in states] == [
        (1, "done", 1),
        (2, "done", 1),
        (3, "failed", 1),
        (4, None, 0),
        (5, None, 0),
        (6, "pending", 0),  # told once handed over
    ]
    assert states[2][3] == Msg("handover.closed", {"number": "WO-2026-000003"}).dumps()
    with db.engine.connect() as conn:
        marks = conn.execute(
            text("SELECT id, device_recovered_at FROM work_orders ORDER BY id")
        ).all()
    assert [m[1] is not None for m in marks] == [True, True, False, False]
    # marked at the time its alarm cleared, not when the retry ran
    assert str(marks[1][1]).startswith("2026-11-01 09:30:00")
    later = services.clock.now() + timedelta(days=1)
    assert services.monitoring.retry_handovers(later).recovery.attempted == 0

    db.dispose()


def test_0005_goes_back_down_to_0004_with_its_alarms(tmp_path):
    # 0013 (the chunked time series) cannot be undone, so the way down is tried from 0005 itself
    from alembic import command

    db = _old_database(tmp_path)
    migrate.upgrade(db, "0005")
    with db.engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0004")
    assert migrate.current_revision(db) == "0004"
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alarms")).scalar_one() > 0
    db.dispose()


class _NoHandover:
    """The real work-order service, whose hand-over fails (the notices work)."""

    def __init__(self, real) -> None:
        self.alarm_cleared = real.alarm_cleared

    def raise_from_alarm(self, actor, alarm_id):
        raise RuntimeError("work-order service busy")
