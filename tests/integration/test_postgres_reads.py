"""Reading over PostgreSQL in few round trips: no ping before each checkout (a connection the
server ended is noticed on its socket and replaced), an SLA report's events streamed in one
query rather than through a server-side cursor."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.db.repos import sla as sla_repo
from ops_console.domain.clock import FixedClock
from ops_console.domain.messages import Msg, typed
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from tests.integration.postgres import find_bin, postgres_server
from tests.unit.services.test_sla import load, order, rows_by_number, t
from tests.unit.services.workorders_world import build

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        db = Database(url)
        migrate.upgrade(db)
        db.dispose()
        yield url


def backend_pid(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(text("SELECT pg_backend_pid()")).scalar_one())


def terminate(url: str, pid: int) -> None:
    """End a backend as an administrator would, and wait until it is gone."""
    u = make_url(url)
    with psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=u.username, autocommit=True
    ) as conn:
        assert conn.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone() == (True,)
        for _ in range(500):
            row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,))
            if row.fetchone() == (0,):
                return
            conn.execute("SELECT pg_sleep(0.01)")
    raise AssertionError(f"backend {pid} still running")


def test_a_connection_the_server_ended_is_replaced_at_the_next_read(pg_url: str) -> None:
    db = Database(pg_url)
    first = backend_pid(db)
    assert backend_pid(db) == first  # a live pooled connection is kept
    terminate(pg_url, first)
    # the next read gets a new connection, with no error and no ping round trip
    second = backend_pid(db)
    assert second != first
    assert backend_pid(db) == second
    db.dispose()


def test_the_window_reads_again_after_its_connection_was_ended(pg_url: str, tmp_path: Path) -> None:
    """A service call (what a page's load runs) after pg_terminate_backend still works."""
    db = Database(pg_url)
    services = Services(db, FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC)))
    services.inventory.sync_categories()
    services.accounts.add_user(SYSTEM, "pool.root", "rootpass1", "admin")
    admin = services.accounts.actor("pool.root")
    names = [u.username for u in services.accounts.list_users(admin)]
    terminate(pg_url, backend_pid(db))
    assert [u.username for u in services.accounts.list_users(admin)] == names
    db.dispose()


def test_an_sla_report_reads_its_events_on_postgres(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same figures as on SQLite (tests/unit/services/test_sla.py), the events read in
    batches of any size: holds with their reasons."""
    db = Database(pg_url)
    clock = FixedClock(datetime(2026, 12, 15, 2, 0, tzinfo=UTC))
    services = Services(db, clock, SecretStore(MemoryKeyring()))
    services.inventory.sync_categories()
    build(services, tmp_path)
    load(
        services,
        tmp_path,
        order(
            "WO-2026-000103",
            "P2",
            t("11-02", "09:00"),
            [
                ("assigned", t("11-02", "09:05"), "tech1", ""),
                ("held", t("11-02", "09:10"), "", "access_denied: 物业未开门"),
                ("resumed", t("11-02", "10:10"), "", ""),
                ("accepted", t("11-02", "10:20"), "", ""),
                ("resolved", t("11-02", "11:00"), "", ""),
            ],
        )
        + order(
            "WO-2026-000104",
            "P2",
            t("11-02", "09:00"),
            [
                ("assigned", t("11-02", "09:05"), "tech1", ""),
                ("accepted", t("11-02", "09:30"), "", ""),
                ("held", t("11-02", "10:00"), "", "waiting_parts"),
                ("resumed", t("11-03", "09:00"), "", ""),
                ("resolved", t("11-03", "10:00"), "", ""),
            ],
        ),
    )
    for batch in (sla_repo.BATCH, 2):  # two orders of five events: one batch, or five
        monkeypatch.setattr(sla_repo, "BATCH", batch)
        r = services.sla.report(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
        rows = rows_by_number(r)
        got = {n: (rows[n].response_minutes, rows[n].resolution_minutes) for n in rows}
        assert got == {"WO-2026-000103": (20.0, 60.0), "WO-2026-000104": (30.0, 120.0)}
        ledger = services.sla.pause_ledger(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
        assert [(p.number, p.reason_code, p.business_minutes) for p in ledger] == [
            ("WO-2026-000103", "access_denied", 60.0),
            ("WO-2026-000104", "waiting_parts", 420.0),
        ]
    db.dispose()


def test_health_spans_are_read_as_integer_micros_through_the_drivers_cursor(pg_url: str):
    """``health_span_micros`` on PostgreSQL: the driver's own cursor, instants as epoch
    microseconds, a few devices by ``= ANY`` of an array, many by the time alone then
    filtered; the same answer as the spans stored."""
    services = Services(Database(pg_url), FixedClock(datetime(2026, 11, 30, tzinfo=UTC)))
    services.inventory.sync_categories()
    a = datetime(2026, 11, 1, 0, 0, 0, 250000, tzinfo=UTC)
    b = datetime(2026, 11, 3, 12, 0, tzinfo=UTC)
    with services.db.write() as s:
        c = s.connection()
        c.exec_driver_sql("INSERT INTO communities (id, name, timezone) VALUES (90, 'm', 'UTC')")
        for dev in (901, 902):
            c.exec_driver_sql(
                "INSERT INTO devices (id, asset_tag, name, category_code, community_id, "
                "snmp_version, snmp_port, poll_interval_s, status, criticality, created_at, "
                "updated_at, search_text) VALUES (%s, %s, 'd', 'smart_bin', 90, 'v2c', 161, 60, "
                "'in_service', 'normal', %s, %s, '')",
                (dev, f"M-{dev}", a, a),
            )
        c.exec_driver_sql(
            "INSERT INTO health_spans (device_id, health, starts_at, ends_at) VALUES "
            "(901, 'up', %s, %s), (901, 'down', %s, NULL), (902, 'up', %s, NULL)",
            (a, b, b, a),
        )
    micros = lambda t: int(t.timestamp()) * 1_000_000 + t.microsecond  # noqa: E731
    start, end = datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
    want = [
        (901, "up", micros(a), micros(b)),
        (901, "down", micros(b), None),
        (902, "up", micros(a), None),
    ]
    with services.db.read() as s:
        assert sla_repo.health_span_micros(s, [901, 902], start, end) == want
        assert sla_repo.health_span_micros(s, [902], start, end) == want[2:]
        many = [901, *range(10_000, 10_600)]  # more than a few: by time, then filtered
        assert sla_repo.health_span_micros(s, many, start, end) == want[:2]
        assert sla_repo.health_span_micros(s, [901], b + timedelta(days=1), end) == want[1:2]
    services.close()


def test_a_lists_titles_read_on_postgres_as_the_orders_own(tmp_path: Path) -> None:
    """The list reads each title in one column (a person's words marked by a leading space,
    else the console's message): words that begin with a space or a brace, and a message,
    come back as the work order itself reads them."""
    with postgres_server() as url:
        db = Database(url)
        migrate.upgrade(db)
        clock = FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
        services = Services(db, clock, SecretStore(MemoryKeyring()))
        services.inventory.sync_categories()
        a = build(services, tmp_path)
        w = services.workorders
        for title in ("门禁不开", "前有空格", '{"code": "x"}', "道闸"):
            w.create(a["mgr"], title=title, priority="P3", source="liaison", community="湖滨")
        message = Msg("workorder.alarm_title", {"rule": "offline", "device": "HB-GATE-001"})
        with db.write() as s:  # a stored title that begins with a space; a console message
            s.execute(text("UPDATE work_orders SET title = ' 前有空格' WHERE title = '前有空格'"))
            s.execute(
                text("UPDATE work_orders SET title = '', title_data = :data WHERE title = '道闸'"),
                {"data": message.dumps()},
            )
        rows = w.list(a["mgr"])
        assert [r.title for r in rows] == [w.get(a["mgr"], r.number).title for r in rows]
        assert [r.title for r in rows] == [
            message,
            typed('{"code": "x"}'),
            typed(" 前有空格"),
            typed("门禁不开"),
        ]
        db.dispose()
