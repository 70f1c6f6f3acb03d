"""Residents' contacts in a shared installation: sealed by PostgreSQL, opened only by
``ops_contact`` for a person who may read them, tried as each role with the plain driver.

The world of ``test_postgres_rls`` (湖滨 with its firm's technicians, liaison, manager, auditor)
plus a liaison of 西溪, an administrator and a poller's login.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from cryptography.fernet import Fernet
from sqlalchemy.engine import URL, make_url

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.domain.errors import PermissionDenied
from ops_console.secrets import SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.workorders import ResidentContact
from tests.integration.postgres import SCRAM_HBA, find_bin, postgres_server
from tests.unit.services.workorders_world import PASSWORD, build

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

CLOCK = FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
AUNT = ResidentContact("张阿姨", "13800001234")
UNCLE = ResidentContact("李大爷", "13900005678")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    with postgres_server(hba=SCRAM_HBA) as url:
        owner = Database(url)
        migrate.upgrade(owner)
        services = Services(owner, CLOCK)
        services.inventory.sync_categories()
        a = build(services, tmp_path_factory.mktemp("world"))
        services.accounts.add_user(SYSTEM, "liaison2", PASSWORD, "liaison", communities=["西溪"])
        services.accounts.add_user(SYSTEM, "boss", PASSWORD, "admin")
        w = services.workorders
        hb = w.create(a["liaison"], title="门禁不开", priority="P2", source="resident_phone",
                      device="HB-GATE-001", contact=AUNT, contact_consent=True)  # fmt: skip
        w.assign(a["mgr"], hb.number, "tech1")
        xx = w.create(a["mgr"], title="西溪门禁", priority="P3", source="resident_walk_in",
                      device="XX-GATE-001", contact=UNCLE, contact_consent=True)  # fmt: skip
        u = make_url(url)
        with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="ops") as conn:
            verifier = conn.pgconn.encrypt_password(PASSWORD.encode(), b"poller1", b"scram-sha-256")
            conn.execute("SELECT ops_login_create('poller1', %s, 'poller')", (verifier.decode(),))
            ids = dict(conn.execute("SELECT number, id FROM work_orders").fetchall())
            conn.commit()
        owner.dispose()
        yield {"url": url, "hb": hb.number, "xx": xx.number, "ids": ids}


def connect(world: dict[str, object], user: str) -> psycopg.Connection:
    u = make_url(str(world["url"]))
    return psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=user, password=PASSWORD, autocommit=True
    )


def contact_of(conn: psycopg.Connection, world: dict[str, object], key: str) -> object:
    """The person's call of ops_contact on the order, or the database's refusal."""
    order_id = world["ids"][world[key]]  # type: ignore[index]
    try:
        row = conn.execute("SELECT ops_contact(%s)", (order_id,)).fetchone()
    except psycopg.errors.InsufficientPrivilege as exc:
        return f"refused: {exc}"
    assert row is not None and row[0] is not None
    return json.loads(row[0])["name"]


def seat(world: dict[str, object], user: str, secrets: SecretStore | None = None) -> Services:
    u = make_url(str(world["url"]))
    url = URL.create(u.drivername, host=u.host, port=u.port, database=u.database)
    return Services(Database(url.render_as_string()), CLOCK, secrets).signed_in_as(user, PASSWORD)


def test_the_stored_contact_is_sealed_by_the_database(world):
    with connect(world, "aud") as conn:  # the auditor reads every row, and only ciphertext
        stored = dict(conn.execute("SELECT number, resident_contact_enc FROM work_orders"))
    for number, name, phone in (
        (world["hb"], AUNT.name, AUNT.phone),
        (world["xx"], "李大爷", "139"),
    ):
        assert stored[number].startswith("pg1:"), stored[number]
        assert name not in stored[number] and phone not in stored[number]


@pytest.mark.parametrize(
    ("user", "hb", "xx"),
    [
        ("liaison", "张阿姨", "refused"),  # their community's order, not 西溪's
        ("liaison2", "refused", "李大爷"),
        ("tech1", "张阿姨", "refused"),  # assigned to them
        ("tech2", "refused", "refused"),  # the same firm, not assigned
        ("cleaner", "refused", "refused"),
        ("mgr", "张阿姨", "李大爷"),
        ("boss", "张阿姨", "李大爷"),
        ("aud", "refused", "refused"),  # reads everything but secrets
        ("poller1", "refused", "refused"),
    ],
)
def test_ops_contact_opens_a_contact_only_for_those_who_may_read_it(world, user, hb, xx):
    with connect(world, user) as conn:
        for key, expected in (("hb", hb), ("xx", xx)):
            got = contact_of(conn, world, key)
            if expected == "refused":
                assert str(got).startswith("refused") and "may not read" in str(got), (user, key)
            else:
                assert got == expected, (user, key)
        # the key itself is out of everyone's reach, and so is sealing for those who raise
        # no orders
        assert "permission denied" in _refused(conn, "SELECT key FROM ops_private.contact_key")
        if user in ("tech1", "tech2", "cleaner", "aud", "poller1"):
            assert "permission denied" in _refused(conn, "SELECT ops_contact_seal('x')")


def test_a_refused_caller_cannot_move_a_sealed_contact_to_an_order_they_may_read(world):
    # tech1 may read the contact of their own order; copying 西溪's sealed contact into it is
    # impossible, since tech1 cannot even see the other order's row
    with connect(world, "tech1") as conn:
        assert conn.execute(
            "SELECT count(*) FROM work_orders WHERE number = %s", (world["xx"],)
        ).fetchone() == (0,)


def test_the_console_shows_the_contact_to_those_allowed_and_hides_it_from_others(world):
    tech1 = seat(world, "tech1")
    me = tech1.accounts.authenticate("tech1", PASSWORD)
    assert tech1.workorders.get(me, str(world["hb"])).contact == AUNT
    tech1.db.dispose()
    aud = seat(world, "aud")
    me = aud.accounts.authenticate("aud", PASSWORD)
    info = aud.workorders.get(me, str(world["hb"]))
    assert info.has_contact and info.contact is None
    aud.db.dispose()
    liaison = seat(world, "liaison")
    me = liaison.accounts.authenticate("liaison", PASSWORD)
    info = liaison.workorders.get(me, str(world["hb"]))
    changed = ResidentContact("张阿姨", "13800009999")
    info = liaison.workorders.update(me, info.number, version=info.version, contact=changed)
    assert info.contact == changed
    liaison.db.dispose()
    with connect(world, "mgr") as conn:
        assert contact_of(conn, world, "hb") == "张阿姨"
        stored = conn.execute(
            "SELECT resident_contact_enc FROM work_orders WHERE number = %s", (world["hb"],)
        ).fetchone()
    assert stored is not None and stored[0].startswith("pg1:") and "9999" not in stored[0]


def test_the_database_refuses_even_when_the_console_would_ask(world):
    # the seat's own check says no first; if it were skipped, the database says no
    from ops_console.db import pg_contacts

    aud = seat(world, "aud")
    with aud.db.read() as s, pytest.raises(PermissionDenied, match="aud may not read"):
        pg_contacts.open_contact(s, world["ids"][world["hb"]])  # type: ignore[index]
    aud.db.dispose()


def test_a_contact_a_seat_sealed_before_is_opened_by_its_key_after_the_check(
    world, keyring_backend
):
    secrets = SecretStore(keyring_backend)
    token = Fernet(secrets.field_key()).encrypt(
        json.dumps({"name": "王奶奶", "phone": "13700000000"}, ensure_ascii=False).encode()
    )
    u = make_url(str(world["url"]))
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="ops") as conn:
        conn.execute(
            "UPDATE work_orders SET resident_contact_enc = %s WHERE number = %s",
            (token.decode(), world["xx"]),
        )
        conn.commit()
    mgr = seat(world, "mgr", secrets)
    me = mgr.accounts.authenticate("mgr", PASSWORD)
    assert mgr.workorders.get(me, str(world["xx"])).contact == ResidentContact(
        "王奶奶", "13700000000"
    )
    mgr.db.dispose()
    with connect(world, "liaison") as conn:  # still refused to those who may not read it
        assert str(contact_of(conn, world, "xx")).startswith("refused")


def _refused(conn: psycopg.Connection, sql: str) -> str:
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(sql)
    return str(caught.value)
