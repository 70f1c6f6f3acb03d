"""The same models, migrations and services on a real PostgreSQL server."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.db.models import Base, DeviceState
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from tests.integration.postgres import find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]


@pytest.fixture(scope="module")
def pg_url():
    with postgres_server() as url:
        yield url


def test_migrations_and_services_on_postgres(pg_url, tmp_path: Path):
    db = Database(pg_url)
    assert migrate.upgrade(db)
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    services = Services(db)
    services.inventory.sync_categories()
    services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
    admin = services.accounts.actor("root")
    services.accounts.add_community(admin, "湖滨", zones=["1幢"])
    csv = tmp_path / "d.csv"
    from ops_console.services.formats import HEADER

    csv.write_text(
        ",".join(HEADER)
        + "\nHB-GATE-001,湖滨-1幢-门禁,access_gate,湖滨,1幢,,,,,127.0.0.1,v2c,161,,60,,,high,in_service"
        + "\nHB-GATE-002,湖滨-1幢-门禁2,access_gate,湖滨,1幢,,,,,127.0.0.2,v2c,161,,60,"
        + "2026-03-02,2029-03-01,high,in_service\n",
        encoding="utf-8",
    )
    assert services.inventory.import_csv(admin, csv).created == 2
    assert services.inventory.list_devices(admin)[0].name == "湖滨-1幢-门禁"

    # the database writes the JSON export the same way Python would, on PostgreSQL too
    with db.write() as s:
        for i, when in enumerate(
            [
                datetime(2026, 11, 29, 1, 2, 3, tzinfo=UTC),
                datetime(2026, 11, 29, 1, 2, 3, 450, tzinfo=UTC),
            ]
        ):
            s.merge(DeviceState(device_id=i + 1, health="up", last_poll_at=when, last_error='x"y'))
    got = json.loads(services.inventory.devices_json(admin))
    assert got == [r.to_json() for r in services.inventory.list_devices(admin)]
    assert [g["last_poll_at"] for g in got] == [
        "2026-11-29T01:02:03+00:00",
        "2026-11-29T01:02:03.000450+00:00",
    ]
    assert got[1]["install_date"] == "2026-03-02"

    # several consoles writing at once keep one unbroken audit chain
    errors: list[BaseException] = []

    def writer(i: int) -> None:
        try:
            for j in range(5):
                services.accounts.add_community(admin, f"社区-{i}-{j}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = services.audit.verify()
    assert result.ok, result.problem
    assert result.entries == 1 + 1 + 2 + 20  # user, community, one per imported device, writers
    db.dispose()
