"""Migration 0013 over an old-layout database: every sample and rollup moves into chunks, the
charts read the same figures as the old rows held, the old tables go, a progress line shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect, text

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)
STAMP = "2026-11-01 08:00:00"


def _sql_time(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S.%f")


def _old_database(tmp_path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(db, "0012")
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
        for dev in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO devices (id, asset_tag, name, category_code, community_id, "
                    "address, snmp_version, snmp_port, poll_interval_s, status, criticality, "
                    "created_at, updated_at, search_text) VALUES (:id, :tag, '湖滨-垃圾桶', "
                    "'smart_bin', 1, '127.0.0.1', 'v2c', 161, 60, 'in_service', 'normal', "
                    ":t, :t, '')"
                ),
                {"id": dev, "tag": f"HB-BIN-{dev}", "t": STAMP},
            )
        # three hours of minute samples (microseconds, as the old writer stored them), a text
        # metric, two samples in one second (the second is dropped: whole seconds now)
        rows = [
            {"d": dev, "m": "fill_level", "t": _sql_time(T0 + timedelta(minutes=m, microseconds=123)),
             "v": float(m * dev) / 10, "x": None}
            for dev in (1, 2) for m in range(180)
        ]  # fmt: skip
        rows += [
            {"d": 1, "m": "lid", "t": _sql_time(T0 + timedelta(minutes=m)), "v": 1.0, "x": "ok"}
            for m in range(0, 180, 30)
        ]
        rows.append(
            {
                "d": 1,
                "m": "lid",
                "t": _sql_time(T0 + timedelta(microseconds=500)),
                "v": 2.0,
                "x": "x",
            }
        )
        conn.execute(
            text(
                "INSERT INTO samples (device_id, metric, ts, value, text) "
                "VALUES (:d, :m, :t, :v, :x)"
            ),
            rows,
        )
        # hourly rollups of the 30 days before (the old demo's kind of history)
        hours = [
            {"d": 1, "r": 3600, "b": _sql_time(T0 - timedelta(hours=h)), "c": 60,
             "lo": h - 0.5, "avg": h + 1 / 3, "hi": h + 0.75}
            for h in range(1, 30 * 24)
        ]  # fmt: skip
        fives = [
            {"d": 1, "r": 300, "b": _sql_time(T0 - timedelta(minutes=5 * k)), "c": 5,
             "lo": 1.0, "avg": 1.5, "hi": 2.0}
            for k in range(1, 13)
        ]  # fmt: skip
        conn.execute(
            text(
                "INSERT INTO rollups (device_id, metric, resolution_s, bucket_start, count, min, "
                "avg, max) VALUES (:d, 'fill_level', :r, :b, :c, :lo, :avg, :hi)"
            ),
            hours + fives,
        )
    return db


def test_0013_moves_samples_and_rollups_into_chunks(tmp_path, capsys):
    db = _old_database(tmp_path)
    assert migrate.upgrade(db) is True
    assert "migrating samples: 367 of 367 rows (100 %)" in capsys.readouterr().err
    tables = set(inspect(db.engine).get_table_names())
    assert {"samples", "rollups"}.isdisjoint(tables)
    with db.engine.connect() as conn:
        chunks = dict(
            conn.execute(
                text("SELECT resolution_s, count(*) FROM series_chunks GROUP BY resolution_s")
            ).all()
        )
        marks = dict(conn.execute(text("SELECT name, upto FROM series_marks")).all())
        assert conn.execute(text("PRAGMA auto_vacuum")).scalar() == 2  # incremental now
    # raw: 2 devices × 3 hours of fill_level + 3 hours of lid; 5-minute: one day; hourly:
    # the 30-day windows the 719 hours touch
    assert chunks[0] == 9 and chunks[300] == 1 and chunks[3600] == 2
    assert marks["rollup_300"] == int(T0.timestamp()) and "rollup_3600" in marks

    services = Services(db, FixedClock(T0 + timedelta(hours=3)))
    admin = services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin", display_name="R")
    actor = services.accounts.authenticate("root", "rootpass1")
    del admin
    mon = services.monitoring
    raw = mon.metric_history(actor, "HB-BIN-2", "fill_level", T0, T0 + timedelta(hours=3), 500)
    assert raw.resolution_s == 0 and len(raw.points) == 180
    assert [p.avg for p in raw.points[:3]] == [0.0, 0.2, 0.4]
    assert raw.points[1].ts == T0 + timedelta(minutes=1)  # whole seconds
    lid = mon.metric_history(actor, "HB-BIN-1", "lid", T0, T0 + timedelta(hours=3), 500)
    assert [p.avg for p in lid.points] == [1.0] * 6  # the first of one second kept
    # the hourly buckets come back with their count and time exact, and their min, max and mean
    # at four significant digits of the chunk's largest value (719.75 here, so a step of 0.1):
    # the min rounded down and the max up, so a bucket still covers every value it summarises
    month = mon.metric_history(actor, "HB-BIN-1", "fill_level", T0 - timedelta(days=30), T0, 1000)
    assert month.resolution_s == 3600 and len(month.points) == 30 * 24 - 1
    last = month.points[-1]
    assert (last.ts, last.count) == (T0 - timedelta(hours=1), 60)
    assert 0.4 < last.min <= 0.5 and 1.75 <= last.max < 1.85, (last.min, last.max)
    assert abs(last.avg - (1 + 1 / 3)) <= 0.05
    assert sorted(mon.metrics_of(actor, "HB-BIN-1")) == ["fill_level", "lid"]
