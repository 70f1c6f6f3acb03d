"""Writing over PostgreSQL in few round trips (#17): a work-order move reads the order with
what its detail names in three statements and returns its result from its own transaction;
the check before a write is one statement outside any transaction; a work order's clock is
read without its history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import event, text

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from tests.integration.postgres import find_bin, postgres_server
from tests.unit.services.workorders_world import build

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]


@pytest.fixture()
def services(tmp_path: Path) -> Iterator[Services]:
    with postgres_server() as url:
        db = Database(url)
        migrate.upgrade(db)
        clock = FixedClock(datetime(2026, 12, 15, 2, 0, tzinfo=UTC))
        s = Services(db, clock, SecretStore(MemoryKeyring()))
        s.inventory.sync_categories()
        build(s, tmp_path)
        yield s
        db.dispose()


class Statements:
    """The statements sent to the server, and the transactions begun and ended."""

    def __init__(self, db: Database) -> None:
        self.sql: list[str] = []
        self.db = db
        event.listen(db.engine, "before_cursor_execute", self._sql)

    def _sql(self, _conn: object, _cur: object, statement: str, *_rest: object) -> None:
        self.sql.append(" ".join(statement.split()))

    def during(self, fn: object) -> list[str]:
        self.sql.clear()
        fn()  # type: ignore[operator]
        return list(self.sql)


def test_a_work_order_move_is_one_transaction_of_few_statements(services: Services) -> None:
    mgr, tech = services.accounts.actor("mgr"), services.accounts.actor("tech1")
    wo = services.workorders
    info = wo.create(mgr, title="门禁故障", priority="P2", source="liaison", device="HB-GATE-001")
    info = wo.assign(mgr, info.number, "tech1", override_reason="test", version=info.version)
    seen = Statements(services.db)
    got: list[object] = []
    sql = seen.during(lambda: got.append(wo.accept(tech, info.number, version=info.version)))
    reads = [s for s in sql if s.startswith("SELECT") and "ops_audit_append" not in s]
    # the order joined with its device, community, zone, assignee and contract; its events;
    # its parts; then its attachments and the people its history names
    assert len(reads) == 5, reads
    assert [s.split()[0] for s in sql if not s.startswith("SELECT")] == ["UPDATE", "INSERT"]
    assert sum("ops_audit_append" in s for s in sql) == 1
    # what the write returned is what a fresh read finds, and the chain holds its entry
    accepted = got[0]
    assert accepted == wo.get(tech, info.number)
    assert accepted.status == "in_progress" and accepted.version == info.version + 1  # type: ignore[attr-defined]
    assert accepted.community == "湖滨" and accepted.contract == "HB-2026"  # type: ignore[attr-defined]
    assert services.audit.verify().ok
    entry = services.audit.page(SYSTEM, limit=1, action="workorder.accept")[0]
    assert (entry.actor, entry.entity_id) == ("tech1", info.number)


def test_a_work_orders_clock_is_read_without_its_history(services: Services) -> None:
    mgr = services.accounts.actor("mgr")
    wo = services.workorders
    info = wo.create(mgr, title="门禁故障", priority="P2", source="liaison", device="HB-GATE-001")
    info = wo.assign(mgr, info.number, "tech1", override_reason="test", version=info.version)
    seen = Statements(services.db)
    got: list[object] = []
    sql = seen.during(lambda: got.append(services.sla.clock_of(mgr, info.number)))
    # the order with its assignee's login; the policy with its contract; the terms with their
    # calendars; the events
    assert len(sql) == 4, sql
    clock = got[0]
    assert clock is not None and clock.assignee == "tech1"  # type: ignore[attr-defined]
    assert clock == next(c for c in services.sla.status(mgr) if c.number == info.number)


def test_the_check_before_a_write_is_one_statement_outside_a_transaction(
    services: Services,
) -> None:
    db = services.db
    mgr = services.accounts.actor("mgr")
    seen = Statements(db)
    assert len(seen.during(lambda: services.accounts.confirm(mgr))) == 1
    with db.glance() as s:
        conn = s.connection().connection.dbapi_connection
        assert conn is not None and conn.autocommit  # type: ignore[attr-defined]
        assert s.execute(text("SELECT 1")).scalar_one() == 1
    # the pooled connection comes back to the others as it was: reads share a transaction
    with db.read() as s:
        conn = s.connection().connection.dbapi_connection
        assert conn is not None and not conn.autocommit  # type: ignore[attr-defined]
        first = s.execute(text("SELECT now()")).scalar_one()
        assert s.execute(text("SELECT now()")).scalar_one() == first
