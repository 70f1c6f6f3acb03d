"""Two pollers handing the same alarms over to work orders at once, on a real PostgreSQL server:
one work order per alarm, every alarm recorded once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.db.models import Alarm, WorkOrder
from ops_console.domain.clock import FixedClock
from ops_console.polling.errors import ErrorKind, PollError
from ops_console.polling.results import PollResult
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.formats import HEADER
from tests.integration.postgres import find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

DEVICES = 12
T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


class Down:
    def raise_from_alarm(self, actor, alarm_id):
        raise RuntimeError("work-order service down")

    def alarm_cleared(self, actor, alarm_id):
        raise RuntimeError("work-order service down")


@pytest.fixture(scope="module")
def pg_url():
    with postgres_server() as url:
        yield url


def _console(url: str, keyring: MemoryKeyring) -> Services:
    """One console (poller) of its own: its own engine and connection pool."""
    return Services(Database(url), FixedClock(T0 + timedelta(hours=1)), SecretStore(keyring))


def _run_together(fns) -> list:
    barrier = threading.Barrier(len(fns))
    results: list = [None] * len(fns)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = fns[i]()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(fns))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return results


def test_two_pollers_never_raise_two_work_orders_for_one_alarm(pg_url, tmp_path: Path):
    keyring = MemoryKeyring()
    setup = Services(Database(pg_url), FixedClock(T0), SecretStore(keyring))
    assert migrate.upgrade(setup.db)
    setup.inventory.sync_categories()
    setup.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
    admin = setup.accounts.actor("root")
    setup.accounts.add_community(admin, "湖滨", zones=["1幢"])
    rows = [
        f"HB-NET-{i:03d},湖滨-交换机-{i:02d},network,湖滨,1幢,,,,,127.20.0.{i},v2c,161,,60,,,high,in_service"
        for i in range(1, DEVICES + 1)
    ]
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *rows]) + "\n", encoding="utf-8")
    assert setup.inventory.import_csv(admin, csv).created == DEVICES
    ids = [d.id for d in setup.inventory.list_devices(admin)]

    # the work-order service is down while every device's alarm opens: all pending
    setup.workorders = Down()
    for n in range(3):
        at = T0 + timedelta(minutes=n)
        setup.monitoring.store_results(
            [PollResult(d, False, at, error=PollError(ErrorKind.TIMEOUT, "timeout")) for d in ids]
        )
    alarms = setup.monitoring.list_alarms(admin)
    assert len(alarms) == DEVICES and {a.handover_status for a in alarms} == {"pending"}
    alarm_ids = sorted(a.id for a in alarms)

    # two consoles hand the same alarms over directly, alarm by alarm, at the same moment
    a, b = _console(pg_url, keyring), _console(pg_url, keyring)
    got = _run_together(
        [
            lambda: [a.workorders.raise_from_alarm(SYSTEM, i).number for i in alarm_ids[:6]],
            lambda: [b.workorders.raise_from_alarm(SYSTEM, i).number for i in alarm_ids[:6]],
        ]
    )
    assert got[0] == got[1]  # the second found the first one's work order

    # and both pollers' retries run at once over all of them
    later = T0 + timedelta(hours=1)
    summaries = _run_together(
        [lambda: a.monitoring.retry_handovers(later), lambda: b.monitoring.retry_handovers(later)]
    )
    assert sum(s.done for s in summaries) == DEVICES  # each alarm claimed by one poller
    assert all(s.retrying == s.failed == 0 for s in summaries)

    with setup.db.read() as s:
        orders = sorted(o.number for o in s.query(WorkOrder))
        linked = [(x.id, x.work_order_id, x.handover_status) for x in s.query(Alarm)]
    assert len(orders) == DEVICES
    assert len({wo for _, wo, _ in linked}) == DEVICES
    assert {st for _, _, st in linked} == {"done"}
    assert orders == [f"WO-2026-{n:06d}" for n in range(1, DEVICES + 1)]
    result = setup.audit.verify()
    assert result.ok, result.problem
    for svc in (a, b, setup):
        svc.db.dispose()
