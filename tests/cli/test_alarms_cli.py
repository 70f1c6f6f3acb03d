"""``alarms list`` shows each alarm's hand-over: its work order, a retry, or the refusal."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta

from ops_console.cli import main
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.polling.errors import ErrorKind, PollError
from ops_console.polling.results import PollResult
from ops_console.services.container import Services
from ops_console.services.formats import HEADER

ROWS = [
    "HB-BIN-001,湖滨-垃圾桶-01,smart_bin,湖滨,,,,,,127.10.1.1,v2c,161,,60,,,normal,in_service",
    "HB-BIN-002,湖滨-垃圾桶-02,smart_bin,湖滨,,,,,,127.10.1.2,v2c,161,,60,,,normal,in_service",
    "HB-BIN-003,湖滨-垃圾桶-03,smart_bin,湖滨,,,,,,127.10.1.3,v2c,161,,60,,,normal,in_service",
]


class Down:
    def raise_from_alarm(self, actor, alarm_id):
        raise RuntimeError("database is locked")

    def alarm_cleared(self, actor, alarm_id):
        raise RuntimeError("database is locked")


def test_alarms_list_shows_the_hand_over(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("rootpass1\n"))
    assert main(["init", "--db", url, "--admin", "root", "--password-stdin"]) == 0
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    assert main(["communities", "add", "湖滨", "--db", url]) == 0
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *ROWS]) + "\n", encoding="utf-8")
    assert main(["devices", "import", str(csv), "--db", url]) == 0

    t0 = datetime.now(UTC) - timedelta(hours=1)
    services = Services(Database(url), FixedClock(t0))
    admin = services.accounts.actor("root")
    ids = {d.asset_tag: d.id for d in services.inventory.list_devices(admin)}
    services.workorders = Down()
    for n in range(3):
        at = t0 + timedelta(minutes=n)
        services.monitoring.store_results(
            [
                PollResult(i, False, at, error=PollError(ErrorKind.TIMEOUT, "timeout"))
                for i in ids.values()
            ]
        )
    services.inventory.retire(admin, "HB-BIN-003", "removed")
    del services.workorders  # the real service from here on
    [bin1] = [a for a in services.monitoring.list_alarms(admin) if a.asset_tag == "HB-BIN-001"]
    services.workorders.raise_from_alarm(admin, bin1.id)
    later = t0 + timedelta(minutes=4)
    # BIN-001 is recorded (its order already exists), BIN-003 refused; BIN-002 is not due
    with services.db.write() as s:
        from ops_console.db.models import Alarm

        s.query(Alarm).filter(Alarm.device_id == ids["HB-BIN-002"]).update(
            {"handover_next_at": later + timedelta(minutes=10)}
        )
    services.monitoring.retry_handovers(later)
    services.db.dispose()

    capsys.readouterr()
    assert main(["alarms", "list", "--open", "--db", url]) == 0
    lines = {ln.split()[2]: ln for ln in capsys.readouterr().out.splitlines()[2:] if ln.strip()}
    assert "WO-2026-000001" in lines["HB-BIN-001"]
    assert "retrying (attempt 1 failed: RuntimeError: database is locked" in lines["HB-BIN-002"]
    assert "refused: device HB-BIN-003 is retired" in lines["HB-BIN-003"]
    assert main(["alarms", "list", "--format", "json", "--db", url]) == 0
    got = {a["asset_tag"]: a for a in json.loads(capsys.readouterr().out)}
    assert (got["HB-BIN-001"]["handover_status"], got["HB-BIN-001"]["work_order_number"]) == (
        "done",
        "WO-2026-000001",
    )
    assert (got["HB-BIN-002"]["handover_status"], got["HB-BIN-002"]["handover_attempts"]) == (
        "pending",
        1,
    )
    assert got["HB-BIN-003"]["handover_status"] == "failed"
    assert got["HB-BIN-003"]["handover_error"].startswith("device HB-BIN-003 is retired")
