"""A poller host's own login in the ops_poller group: enrolled by an admin, kept in the host's
keyring, and allowed by PostgreSQL to write what the poller generates and nothing else.

The world of ``test_postgres_rls`` (湖滨 with its contract, devices and people). The poller's
services poll nothing here: they store results that open an alarm and hand it over to a work
order, and raise a preventive plan's orders, exactly as ``poller run`` would, as the login.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from ops_console import app
from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.domain.errors import PermissionDenied
from ops_console.polling.errors import ErrorKind, PollError
from ops_console.polling.results import PollResult
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.installation import NotEnrolled, enroll_poller
from tests.integration.postgres import SCRAM_HBA, find_bin, postgres_server
from tests.unit.services.workorders_world import PASSWORD, build

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    with postgres_server(hba=SCRAM_HBA) as url:
        owner = Database(url)
        migrate.upgrade(owner)
        services = Services(owner, FixedClock(T0))
        services.inventory.sync_categories()
        a = build(services, tmp_path_factory.mktemp("world"))
        services.accounts.add_user(SYSTEM, "boss", PASSWORD, "admin")
        services.workorders.create_plan(
            a["mgr"], "门禁月检", starts_on=date(2026, 11, 1), every_days=7,
            category="access_gate",
        )  # fmt: skip
        hb = services.workorders.create(
            a["liaison"], title="居民来电", priority="P3", source="resident_phone",
            device="HB-BIN-001",
        )  # fmt: skip
        owner.dispose()
        yield {"url": url, "resident_order": hb.number}


def seat_db(world: dict[str, object]) -> Database:
    u = make_url(str(world["url"]))
    return Database(URL.create(u.drivername, host=u.host, port=u.port, database=u.database))


@pytest.fixture(scope="module")
def poller(world: dict[str, object]) -> Iterator[tuple[Services, MemoryKeyring]]:
    """An admin enrols the poller host; its services reach the database as its login."""
    keyring = MemoryKeyring()
    store = SecretStore(keyring)
    admin_seat = Services(seat_db(world), FixedClock(T0), store).signed_in_as("boss", PASSWORD)
    boss = admin_seat.accounts.authenticate("boss", PASSWORD)
    login = enroll_poller(admin_seat.db, admin_seat.clock, store, boss, "湖滨-1")
    assert login == "poller.湖滨-1" and store.poller_login() is not None
    admin_seat.db.dispose()
    seat = Services(seat_db(world), FixedClock(T0 + timedelta(hours=1)), store)
    services = app.seat_poller_services(seat)
    assert services.db.person == "poller.湖滨-1"
    yield services, keyring
    services.db.dispose()


def as_login(world: dict[str, object], keyring: MemoryKeyring) -> psycopg.Connection:
    user, password = SecretStore(keyring).poller_login() or ("", "")
    u = make_url(str(world["url"]))
    return psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=user, password=password, autocommit=True
    )


def test_the_poller_login_is_in_the_poller_group_alone(world, poller):
    _, keyring = poller
    with as_login(world, keyring) as conn:
        row = conn.execute(
            "SELECT session_user, pg_has_role('ops_poller', 'MEMBER'), "
            "pg_has_role('ops_admin', 'MEMBER'), "
            "(SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user)"
        ).fetchone()
    assert row == ("poller.湖滨-1", True, False, False)


def test_the_poller_raises_and_hands_over_as_its_login(world, poller):
    services, _ = poller
    gate = next(d for d in services.inventory.list_devices(SYSTEM) if d.asset_tag == "HB-GATE-001")
    for n in range(3):  # three failed polls open the alarm; the hand-over raises the order
        at = T0 + timedelta(minutes=n)
        services.monitoring.store_results(
            [PollResult(gate.id, False, at, error=PollError(ErrorKind.TIMEOUT, "timeout"))]
        )
    alarms = services.monitoring.list_alarms(SYSTEM)
    assert [a.handover_status for a in alarms] == ["done"], alarms
    raised = services.workorders.run_preventive(SYSTEM, today=date(2026, 11, 2))
    assert raised, "the plan's due order"
    with services.db.read() as s:
        from sqlalchemy import text

        rows = s.execute(
            text(
                "SELECT a.db_role, a.action FROM audit_entries a WHERE a.actor = 'system' "
                "AND a.db_role <> 'ops' ORDER BY a.id"
            )
        ).all()
    # the alarm, its work order and the plan's order, written as the login (the world was
    # set up by the owner)
    actions = {a for role, a in rows if role == "poller.湖滨-1"}
    assert {"alarm.open", "workorder.create"} <= actions, rows
    assert {role for role, _ in rows} == {"poller.湖滨-1"}, rows


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE contracts SET monthly_fee = 1",
        "UPDATE devices SET name = 'x'",
        "INSERT INTO communities (name, timezone) VALUES ('x', 'UTC')",
        "UPDATE users SET role = 'admin'",
        "DELETE FROM work_orders",
        "UPDATE work_order_events SET note = 'x'",
        "UPDATE preventive_plans SET name = 'x'",
        "INSERT INTO maintenance_windows (community_id, starts_at, ends_at, reason, created_by, "
        "created_at) SELECT id, now(), now(), 'x', 'p', now() FROM communities LIMIT 1",
        "INSERT INTO training_records (user_id, course_id, completed_on) VALUES (1, 1, now())",
        "UPDATE audit_entries SET actor = 'x'",
        "SELECT password_hash FROM users",
        "SELECT key FROM ops_private.contact_key",
    ],
)
def test_what_the_poller_may_not_do_is_refused(world, poller, sql):
    _, keyring = poller
    with as_login(world, keyring) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(sql)


def test_the_poller_writes_only_the_work_orders_it_generates(world, poller):
    _, keyring = poller
    with as_login(world, keyring) as conn:
        # a resident's order is not the poller's: unchanged, and it cannot add events to it
        assert (
            conn.execute(
                "UPDATE work_orders SET title = 'x' WHERE number = %s", (world["resident_order"],)
            ).rowcount
            == 0
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO work_order_events (work_order_id, seq, kind, at, actor, "
                "from_status, to_status) SELECT id, 99, 'note', now(), 'p', status, status "
                "FROM work_orders WHERE number = %s",
                (world["resident_order"],),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO work_orders (number, kind, source, community_id, priority, title, "
                "status, created_by) SELECT 'WO-2026-999999', 'repair', 'resident_phone', id, "
                "'P3', 'x', 'new', 'p' FROM communities LIMIT 1"
            )
        # what it raised, it may update (the hand-over's "device recovered")
        assert (
            conn.execute(
                "UPDATE work_orders SET updated_at = updated_at WHERE source = 'alarm'"
            ).rowcount
            >= 1
        )
        conn.execute("UPDATE device_states SET consecutive_failures = 0")


def test_a_host_without_a_poller_login_is_told_to_enroll(world):
    with pytest.raises(NotEnrolled, match="enroll --poller"):
        app.seat_poller_services(Services(seat_db(world), secrets=SecretStore(MemoryKeyring())))


def test_only_an_admin_enrolls_a_poller(world):
    store = SecretStore(MemoryKeyring())
    seat = Services(seat_db(world), FixedClock(T0), store).signed_in_as("mgr", PASSWORD)
    mgr = seat.accounts.authenticate("mgr", PASSWORD)
    with pytest.raises(PermissionDenied):
        enroll_poller(seat.db, seat.clock, store, mgr, "湖滨-2")
    seat.db.dispose()
    assert store.poller_login() is None


def test_poller_run_on_a_seat_url_signs_in_as_the_hosts_poller_login(world, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "OPS_CONSOLE"))}
    env.update(
        OPS_CONSOLE_HOME=str(tmp_path),
        OPS_CONSOLE_DB=seat_db(world).url.render_as_string(),
        OPS_CONSOLE_KEYRING_PASSPHRASE="host-file-passphrase-1",
        PYTHONPATH=str(Path(__file__).resolve().parents[2]),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    command = [sys.executable, "-m", "ops_console"]
    run = [*command, "poller", "run", "--name", "p9", "--heartbeat", "1", "--failover", "5"]
    # not enrolled: no person is asked for, the host's own login is, and there is none
    done = subprocess.run(run, capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode != 0
    assert "no poller login" in done.stderr and "enroll --poller" in done.stderr, done.stderr
    assert "sign in first" not in done.stderr
    # an admin enrols the host (their sign-in, on the poller host)
    admin = env | {"OPS_CONSOLE_USER": "boss", "OPS_CONSOLE_PASSWORD": PASSWORD}
    enrolled = subprocess.run(
        [*command, "enroll", "--host", "湖滨-9", "--poller"],
        capture_output=True, text=True, env=admin, timeout=120, check=False,
    )  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    assert "poller login poller.湖滨-9 created" in enrolled.stdout
    proc = subprocess.Popen(run, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        while line and "polling" not in line:
            line = proc.stderr.readline()
        assert "poller p9" in line, line
        u = make_url(str(world["url"]))
        with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="ops") as conn:
            users = {r[0] for r in conn.execute("SELECT usename FROM pg_stat_activity")}
        assert "poller.湖滨-9" in users and "boss" not in users
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopped cleanly" in err
