"""On a real PostgreSQL, as each person's own login role: attachments follow the role table
(the assigned technician, the community's liaison, a manager; not the auditor, not another
technician, even with psql), and the poller's login raises the preventive orders due."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime

import psycopg
import pytest
from sqlalchemy.engine import make_url

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.domain.errors import PermissionDenied
from ops_console.services.container import Services
from tests.attachment_files import pdf, photo
from tests.integration.postgres import SCRAM_HBA, find_bin, postgres_server
from tests.unit.services.workorders_world import PASSWORD, build

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

CLOCK = FixedClock(datetime(2026, 11, 3, 1, 0, tzinfo=UTC))


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
        w.create_plan(
            a["mgr"], "门禁月检", starts_on=date(2026, 11, 1), every_days=7, category="access_gate"
        )
        u = make_url(url)
        with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="ops") as conn:
            verifier = conn.pgconn.encrypt_password(b"pollerpass1", b"poller1", b"scram-sha-256")
            conn.execute("SELECT ops_login_create('poller1', %s, 'poller')", (verifier.decode(),))
            conn.commit()
        yield {"url": url, "owner": owner, "hb": hb.number}
        owner.dispose()


def seat(world: dict[str, object], user: str) -> Services:
    """The services of a seat signed in as ``user`` (their own login role)."""
    owner = world["owner"]
    assert isinstance(owner, Database)
    password = "pollerpass1" if user == "poller1" else PASSWORD
    return Services(owner.for_person(user, password), CLOCK)


def psql(world: dict[str, object], user: str) -> psycopg.Connection:
    u = make_url(str(world["url"]))
    return psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=user,
                           password=PASSWORD, autocommit=True)  # fmt: skip


def test_attachments_as_each_persons_role(world: dict[str, object]) -> None:
    number = str(world["hb"])
    tech = seat(world, "tech1")
    jpeg = photo()
    got = tech.workorders.attach(
        tech.accounts.actor("tech1"), number, "前.jpg", jpeg, kind="before"
    )
    liaison = seat(world, "liaison")
    doc = pdf()
    liaison.workorders.attach(liaison.accounts.actor("liaison"), number, "签字.pdf", doc,
                              kind="signoff")  # fmt: skip
    back = liaison.workorders.attachment(liaison.accounts.actor("liaison"), number, got.id)
    assert back.content == jpeg and back.info.sha256 == hashlib.sha256(jpeg).hexdigest()
    auditor = seat(world, "aud")
    listed = auditor.workorders.attachments(auditor.accounts.actor("aud"), number)
    assert [x.file_name for x in listed] == ["前.jpg", "签字.pdf"]
    with pytest.raises(PermissionDenied):
        auditor.workorders.attach(auditor.accounts.actor("aud"), number, "x.jpg", jpeg)
    with psql(world, "aud") as conn:  # the server refuses the auditor too
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO work_order_attachments (work_order_id, kind, file_name, media_type,"
                " size, sha256, content, added_at, added_by) SELECT id, 'other', 'x', 'image/png',"
                " 1, 'x', 'x', now(), 'aud' FROM work_orders"
            )
        row = conn.execute(
            "SELECT actor, db_role FROM audit_entries WHERE action = 'workorder.attach' "
            "ORDER BY id LIMIT 1"
        ).fetchone()
        assert row == ("tech1", "tech1")
    with psql(world, "tech2") as conn:  # another technician: neither sees nor adds
        assert conn.execute("SELECT count(*) FROM work_order_attachments").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO work_order_attachments (work_order_id, kind, file_name, media_type,"
                " size, sha256, content, added_at, added_by) VALUES ((SELECT min(id) FROM "
                "work_orders), 'other', 'x', 'image/png', 1, 'x', 'x', now(), 'tech2')"
            )
    # an attachment is added, never changed
    with psql(world, "tech1") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE work_order_attachments SET file_name = 'y'")
    for s in (tech, liaison, auditor):
        s.db.dispose()


def test_the_pollers_login_raises_the_preventive_orders_due(world: dict[str, object]) -> None:
    poller = seat(world, "poller1")
    first = poller.workorders.run_preventive()  # as the poller runs it (SYSTEM)
    assert len(first) == 2  # the gates of 湖滨 and 西溪, one order each
    assert poller.workorders.run_preventive() == []  # never twice for a due date
    poller.db.dispose()


def test_every_seat_applies_the_installations_size_limit(world: dict[str, object]) -> None:
    from ops_console.domain.errors import ValidationError
    from ops_console.services.context import SYSTEM
    from tests.attachment_files import noisy_photo

    owner = Services(world["owner"], CLOCK)  # type: ignore[arg-type]
    assert owner.workorders.set_attachment_max_mb(SYSTEM, "1") == 1
    tech = seat(world, "tech1")
    assert tech.workorders.attachment_max_mb() == 1  # read by the technician's own role
    with pytest.raises(ValidationError, match="over the limit of 1 MB per file"):
        tech.workorders.attach(
            tech.accounts.actor("tech1"), str(world["hb"]), "大.png", noisy_photo(1.2)
        )
    mgr = seat(world, "mgr")
    with pytest.raises(PermissionDenied):
        mgr.workorders.set_attachment_max_mb(mgr.accounts.actor("mgr"), "50")
    with psql(world, "mgr") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE settings SET value = '50' WHERE name = 'attachments.max_mb'")
    assert owner.workorders.set_attachment_max_mb(SYSTEM, "10") == 10
    for s in (tech, mgr):
        s.db.dispose()
