"""Two pollers telling work orders that the same alarms cleared, at once, on a real PostgreSQL
server: every order is marked "device recovered" once, every notice recorded once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.db.models import Alarm, AuditEntry, WorkOrder
from ops_console.domain.clock import FixedClock
from ops_console.polling.errors import ErrorKind, PollError
from ops_console.polling.results import PollResult
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.formats import HEADER
from tests.integration.postgres import find_bin, postgres_server
from tests.integration.test_postgres_handover import T0, _console, _run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

DEVICES = 12


class DownOnClear:
    """The work-order service raises work orders but is down when told of a clearing."""

    def __init__(self, real) -> None:
        self.raise_from_alarm = real.raise_from_alarm

    def alarm_cleared(self, actor, alarm_id):
        raise RuntimeError("work-order service down")


@pytest.fixture(scope="module")
def pg_url():
    with postgres_server() as url:
        yield url


def test_two_pollers_never_mark_a_work_order_recovered_twice(pg_url, tmp_path: Path):
    keyring = MemoryKeyring()
    setup = Services(Database(pg_url), FixedClock(T0), SecretStore(keyring))
    assert migrate.upgrade(setup.db)
    setup.inventory.sync_categories()
    setup.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
    admin = setup.accounts.actor("root")
    setup.accounts.add_community(admin, "湖滨", zones=["1幢"])
    rows = [
        f"HB-NET-{i:03d},湖滨-交换机-{i:02d},network,湖滨,1幢,,,,,127.21.0.{i},v2c,161,,60,,,high,in_service"
        for i in range(1, DEVICES + 1)
    ]
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *rows]) + "\n", encoding="utf-8")
    assert setup.inventory.import_csv(admin, csv).created == DEVICES
    ids = [d.id for d in setup.inventory.list_devices(admin)]

    # every device's alarm opens and is handed over; it clears while the notice fails
    for n in range(3):
        at = T0 + timedelta(minutes=n)
        setup.monitoring.store_results(
            [PollResult(d, False, at, error=PollError(ErrorKind.TIMEOUT, "timeout")) for d in ids]
        )
    setup.workorders = DownOnClear(setup.workorders)
    for n in range(3, 5):
        at = T0 + timedelta(minutes=n)
        setup.monitoring.store_results([PollResult(d, True, at) for d in ids])
    alarms = setup.monitoring.list_alarms(admin)
    assert len(alarms) == DEVICES
    assert {(a.handover_status, a.recovery_status, a.recovery_attempts) for a in alarms} == {
        ("done", "pending", 1)
    }
    alarm_ids = sorted(a.id for a in alarms)

    # two consoles tell the same clearings directly, alarm by alarm, at the same moment
    a, b = _console(pg_url, keyring), _console(pg_url, keyring)
    got = _run_together(
        [
            lambda: [a.workorders.alarm_cleared(SYSTEM, i) for i in alarm_ids[:6]],
            lambda: [b.workorders.alarm_cleared(SYSTEM, i) for i in alarm_ids[:6]],
        ]
    )
    assert got[0] == got[1]

    # and both pollers' retries run at once over all of them
    later = T0 + timedelta(hours=1)
    summaries = _run_together(
        [lambda: a.monitoring.retry_handovers(later), lambda: b.monitoring.retry_handovers(later)]
    )
    assert sum(s.recovery.done for s in summaries) == DEVICES  # each claimed by one poller
    assert all(s.recovery.retrying == s.recovery.failed == 0 for s in summaries)

    with setup.db.read() as s:
        marks = sorted(
            e.entity_id for e in s.query(AuditEntry).filter_by(action="workorder.device_recovered")
        )
        orders = {o.number: o.device_recovered_at for o in s.query(WorkOrder)}
        states = {(x.recovery_status, x.recovery_attempts) for x in s.query(Alarm)}
    assert marks == sorted(orders)  # one mark per work order
    assert orders == {x.work_order_number: x.cleared_at for x in alarms}  # when it cleared
    assert states == {("done", 2)}
    result = setup.audit.verify()
    assert result.ok, result.problem
    for svc in (a, b, setup):
        svc.db.dispose()
