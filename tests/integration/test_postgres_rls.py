"""Grants and row-level security per role, tried with the plain driver as each person.

The world: 湖滨 (with the contract HB-2026 of the firm 西湖智维) and 西溪; a liaison of 湖滨,
technicians of the firm, a manager, an auditor and a poller's login. Every forbidden attempt
is refused by the database; every allowed one succeeds with an audit entry naming the person.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.services.container import Services
from tests.integration.postgres import SCRAM_HBA, find_bin, postgres_server
from tests.unit.services.workorders_world import PASSWORD, build

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

CLOCK = FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    with postgres_server(hba=SCRAM_HBA) as url:
        owner = Database(url)
        migrate.upgrade(owner)
        services = Services(owner, CLOCK)
        services.inventory.sync_categories()
        a = build(services, tmp_path_factory.mktemp("world"))
        w = services.workorders
        hb = w.create(a["liaison"], title="门禁不开", priority="P2", source="resident_phone",
                      device="HB-GATE-001")  # fmt: skip
        w.assign(a["mgr"], hb.number, "tech1")
        xx = w.create(a["mgr"], title="西溪门禁", priority="P3", source="liaison",
                      device="XX-GATE-001")  # fmt: skip
        u = make_url(url)
        with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="ops") as conn:
            verifier = conn.pgconn.encrypt_password(b"pollerpass1", b"poller1", b"scram-sha-256")
            conn.execute("SELECT ops_login_create('poller1', %s, 'poller')", (verifier.decode(),))
            conn.commit()
            ids = dict(conn.execute("SELECT name, id FROM communities").fetchall())
        owner.dispose()
        yield {"url": url, "hb": hb.number, "xx": xx.number, "ids": ids}


def connect(world: dict[str, object], user: str) -> psycopg.Connection:
    u = make_url(str(world["url"]))
    password = "pollerpass1" if user == "poller1" else PASSWORD
    return psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=user, password=password, autocommit=True
    )


def refused(conn: psycopg.Connection, sql: str, params: tuple[object, ...] = ()) -> str:
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(sql, params)
    return str(caught.value)


def last_entry(world: dict[str, object]) -> tuple[str, str, str, str]:
    with connect(world, "aud") as conn:
        row = conn.execute(
            "SELECT actor, action, entity, db_role FROM audit_entries ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row is not None
    return row


def numbers(conn: psycopg.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT number FROM work_orders ORDER BY number")]


def test_a_liaison_sees_and_writes_only_their_communities(world):
    xixi, hubin = world["ids"]["西溪"], world["ids"]["湖滨"]
    with connect(world, "liaison") as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM communities")] == ["湖滨"]
        tags = [r[0] for r in conn.execute("SELECT asset_tag FROM devices ORDER BY 1")]
        assert tags == ["HB-BIN-001", "HB-CAM-001", "HB-GATE-001"]
        assert numbers(conn) == [world["hb"]]
        # another community's rows cannot be changed, nor rows moved or created there
        assert (
            conn.execute(
                "UPDATE work_orders SET title = 'x' WHERE number = %s", (world["xx"],)
            ).rowcount
            == 0
        )
        assert "permission denied" in refused(conn, "UPDATE devices SET name = 'x'")
        assert "row-level security" in refused(
            conn, "UPDATE work_orders SET community_id = %s", (xixi,)
        )
        assert "row-level security" in refused(
            conn,
            "INSERT INTO maintenance_windows (community_id, starts_at, ends_at, reason, "
            "created_by, created_at) VALUES (%s, now(), now() + interval '1 hour', 'x', 'liaison', now())",
            (xixi,),
        )
        # in their own community it is allowed, and audited naming them
        conn.execute(
            "INSERT INTO maintenance_windows (community_id, starts_at, ends_at, reason, "
            "created_by, created_at) VALUES (%s, now(), now() + interval '1 hour', '停电', 'liaison', now())",
            (hubin,),
        )
        assert "permission denied" in refused(
            conn, "INSERT INTO samples_open (device_id, metric_id, ts) VALUES (1, 1, 0)"
        )
        assert "permission denied" in refused(conn, "UPDATE contracts SET name = 'x'")
    assert last_entry(world) == ("liaison", "db.insert", "maintenance_windows", "liaison")


def test_a_technician_sees_their_orders_and_their_firms_devices(world):
    with connect(world, "tech1") as conn:
        assert numbers(conn) == [world["hb"]]
        tags = [r[0] for r in conn.execute("SELECT asset_tag FROM devices ORDER BY 1")]
        assert "XX-GATE-001" not in tags and "HB-GATE-001" in tags
    with connect(world, "tech2") as conn:  # the same firm, nothing assigned
        assert numbers(conn) == []
        assert conn.execute("SELECT count(*) FROM work_order_events").fetchone() == (0,)
        assert (
            conn.execute(
                "UPDATE work_orders SET title = 'x' WHERE number = %s", (world["hb"],)
            ).rowcount
            == 0
        )
    with connect(world, "cleaner") as conn:  # another organization: none of the firm's devices
        assert conn.execute("SELECT count(*) FROM devices").fetchone() == (0,)
    with connect(world, "tech1") as conn:
        for sql in (
            "UPDATE contracts SET monthly_fee = 1",
            "INSERT INTO samples_open (device_id, metric_id, ts) VALUES (1, 1, 0)",
            "DELETE FROM training_records",
            "UPDATE users SET role = 'admin'",
            "INSERT INTO communities (name, timezone) VALUES ('x', 'UTC')",
        ):
            assert "permission denied" in refused(conn, sql), sql
        conn.execute("UPDATE work_orders SET labour_minutes = 30 WHERE number = %s", (world["hb"],))
    assert last_entry(world) == ("tech1", "db.update", "work_orders", "tech1")


def test_an_auditor_reads_everything_but_secrets_and_writes_nothing(world):
    with connect(world, "aud") as conn:
        assert len(numbers(conn)) == 2
        assert conn.execute("SELECT count(*) FROM devices").fetchone() == (4,)
        assert conn.execute("SELECT count(*) FROM audit_entries").fetchone()[0] > 10
        assert "permission denied" in refused(conn, "SELECT password_hash FROM users")
        for sql in (
            "UPDATE work_orders SET title = 'x'",
            "DELETE FROM devices",
            "INSERT INTO communities (name, timezone) VALUES ('x', 'UTC')",
            "UPDATE contracts SET monthly_fee = 1",
            "UPDATE alarms SET acknowledged_by = 'aud'",
        ):
            assert "permission denied" in refused(conn, sql), sql


def test_a_manager_changes_a_contract_audited(world):
    with connect(world, "mgr") as conn:
        conn.execute("UPDATE contracts SET monthly_fee = 81000 WHERE code = 'HB-2026'")
        assert "permission denied" in refused(conn, "UPDATE users SET role = 'admin'")
    assert last_entry(world) == ("mgr", "db.update", "contracts", "mgr")


def test_the_poller_writes_monitoring_and_hand_overs_only(world):
    with connect(world, "poller1") as conn:
        device = conn.execute("SELECT id FROM devices WHERE asset_tag = 'HB-GATE-001'").fetchone()
        conn.execute(
            "INSERT INTO device_states (device_id, health, consecutive_failures, summary_json) "
            "VALUES (%s, 'up', 0, '{}') ON CONFLICT (device_id) DO UPDATE SET health = 'up'",
            device,
        )
        assert conn.execute(
            "SELECT health FROM device_states WHERE device_id = %s", device
        ).fetchone() == ("up",)
        for sql in (
            "UPDATE contracts SET monthly_fee = 1",
            "UPDATE devices SET name = 'x'",
            "INSERT INTO users (username) VALUES ('x')",
            "DELETE FROM work_orders",
            "SELECT password_hash FROM users",
        ):
            assert "permission denied" in refused(conn, sql), sql


def test_the_console_as_the_liaison_sees_only_their_community(world):
    u = make_url(str(world["url"]))
    seat = URL.create(u.drivername, host=u.host, port=u.port, database=u.database)
    services = Services(Database(seat.render_as_string()), CLOCK).signed_in_as("liaison", PASSWORD)
    me = services.accounts.authenticate("liaison", PASSWORD)
    assert {d.asset_tag for d in services.inventory.list_devices(me)} == {
        "HB-BIN-001",
        "HB-CAM-001",
        "HB-GATE-001",
    }
    wo = services.workorders.create(
        me, title="垃圾桶满", priority="P3", source="resident_app", device="HB-BIN-001"
    )
    services.db.dispose()
    with connect(world, "aud") as conn:
        row = conn.execute(
            "SELECT actor, action, db_role, after_json FROM audit_entries "
            "WHERE entity = 'work_order' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row is not None and row[0] == row[2] == "liaison", row
    assert wo.number in (row[3] or "") or wo.status == "new"
