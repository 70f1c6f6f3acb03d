"""The time-series store on a real PostgreSQL server: samples appended by COPY, a repeat
skipped, hours sealed, days rolled up and charts read back as on SQLite; retention set as an
installation setting, and the next prune deleting by it in batches (no partitions: see the
README's "Databases")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.polling.results import PollResult, Sample
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.formats import HEADER
from tests.integration.postgres import find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)


def test_samples_round_trip_through_copy_sealing_and_rollups(tmp_path: Path):
    with postgres_server() as url:
        services = Services(Database(url), FixedClock(T0), SecretStore(MemoryKeyring()))
        assert migrate.upgrade(services.db)
        services.inventory.sync_categories()
        services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
        admin = services.accounts.actor("root")
        services.accounts.add_community(admin, "湖滨", zones=["1幢"])
        csv = tmp_path / "d.csv"
        row = "HB-BIN-001,湖滨-垃圾桶,smart_bin,湖滨,1幢,,,,,127.21.0.1,v2c,161,,60,,,normal,in_service"
        csv.write_text(",".join(HEADER) + "\n" + row + "\n", encoding="utf-8")
        services.inventory.import_csv(admin, csv)
        (dev,) = [d.id for d in services.inventory.list_devices(admin)]
        mon = services.monitoring

        def poll(minute: int, value: float) -> PollResult:
            return PollResult(
                dev, True, T0 + timedelta(minutes=minute), samples=(Sample("fill_level", value),)
            )

        assert mon.store_results([poll(m, m) for m in range(26 * 60)]).samples == 26 * 60
        mon.store_results([poll(3, 999)])  # the same second again: skipped, not doubled
        with services.db.read() as s:
            stored = s.connection().exec_driver_sql("select count(*) from samples_open").scalar()
        assert stored == 26 * 60
        while mon.rollup(T0 + timedelta(hours=26, minutes=5)).windows:
            pass
        with services.db.read() as s:
            c = s.connection()
            left = c.exec_driver_sql("select count(*) from samples_open").scalar()
            chunks = dict(
                c.exec_driver_sql(
                    "select resolution_s, count(*) from series_chunks group by resolution_s"
                ).all()
            )
        # raw: 26 hours; 5-minute: the first day; hourly: the 30-day window ending with that
        # day (epoch-aligned windows: 2026-11-03 starts one)
        assert left == 0 and chunks == {0: 26, 300: 1, 3600: 1}
        h = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=2), 30)
        assert h.resolution_s == 300 and len(h.points) == 24
        assert (h.points[0].min, h.points[0].avg, h.points[0].max, h.points[0].count) == (
            0,
            2,
            4,
            5,
        )
        raw = mon.metric_history(
            admin, "HB-BIN-001", "fill_level", T0 + timedelta(hours=25), T0 + timedelta(hours=26)
        )
        assert raw.resolution_s == 0 and [p.avg for p in raw.points[:2]] == [1500, 1501]
        early = mon.metric_history(
            admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(minutes=10)
        )
        assert [p.avg for p in early.points] == list(range(10))  # minute 3 kept its 3
        # raw samples kept one day: a day and an hour after the data's last hour, the upkeep
        # rolls the second day up, then every raw chunk whose hour ended a day ago goes (25),
        # the last hour's stays
        assert mon.retention_settings().raw_days == 7
        mon.set_retention(admin, {"retention.raw_days": "1"})
        report = mon.prune(T0 + timedelta(days=2, hours=1))
        assert report.pruned == 25
        with services.db.read() as s:
            chunks = dict(
                s.connection()
                .exec_driver_sql(
                    "select resolution_s, count(*) from series_chunks group by resolution_s"
                )
                .all()
            )
        assert chunks == {0: 1, 300: 2, 3600: 1}
        h2 = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=2), 30)
        assert h2.points == h.points
        services.db.dispose()
