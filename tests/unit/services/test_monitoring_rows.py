"""The monitoring queries' named rows: each name reads its own column (a row of distinct values
per column would expose two names swapped), and the alarm and care rows carry exactly the
fields of the infos built from them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ops_console.db.models import Alarm
from ops_console.db.repos import monitoring as repo
from ops_console.db.repos.monitoring.rows import AlarmRow, CareRow
from ops_console.domain.messages import Msg
from ops_console.services.formats import HEADER
from ops_console.services.monitoring import AlarmInfo
from ops_console.services.monitoring.alarms import CareAlertInfo, open_alarm

DEVICES = [
    "HB-V3-001,湖滨-手环网关,wristband_gateway,湖滨,1幢,,,,,127.10.1.3,v3,1161,site-v3,90,,,high,in_service",
    "HB-BIN-001,湖滨-垃圾桶-01,smart_bin,湖滨,,,,,,127.10.1.1,v2c,161,demo-v2c,300,,,normal,in_service",
]


def _fleet(services, admin, tmp_path: Path) -> dict[str, int]:
    services.accounts.add_community(admin, "湖滨", zones=["1幢"])
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *DEVICES]) + "\n", encoding="utf-8")
    services.inventory.import_csv(admin, csv)
    return {d.asset_tag: d.id for d in services.inventory.list_devices(admin)}


def test_target_and_device_rows_read_each_column_by_name(services, admin, tmp_path):
    ids = _fleet(services, admin, tmp_path)
    dev = ids["HB-V3-001"]
    with services.db.read() as s:
        [target] = [t for t in repo.target_rows(s) if t.device_id == dev]
        meta = repo.device_meta(s, [dev])[dev]
        community_id = repo.health_rows(s, None)[0].community_id
    assert (target.address, target.port, target.version, target.credential) == (
        "127.10.1.3",
        1161,
        "v3",
        "site-v3",
    )
    assert (target.category, target.interval_s, target.asset_tag) == (
        "wristband_gateway",
        90,
        "HB-V3-001",
    )
    assert target.community_id == community_id
    assert (meta.asset_tag, meta.name, meta.category, meta.status, meta.interval_s) == (
        "HB-V3-001",
        "湖滨-手环网关",
        "wristband_gateway",
        "in_service",
        90,
    )


def test_alarm_rows_become_alarm_infos_field_by_field(services, admin, clock, tmp_path):
    # the infos are the rows with what the service adds: the same fields, in the same order
    for info, row in ((AlarmInfo, AlarmRow), (CareAlertInfo, CareRow)):
        assert [f.name for f in dataclasses.fields(info)] == [
            f.name for f in dataclasses.fields(row)
        ]
    dev = _fleet(services, admin, tmp_path)["HB-BIN-001"]
    with services.db.write() as s:
        change = open_alarm(
            s,
            now=clock.now(),
            device_id=dev,
            asset_tag="HB-BIN-001",
            rule="lid",
            severity="critical",
            message=Msg("alarm.recorded", {"text": "lid jammed"}),
            work_kind="inspection",
            source="trap",
        )
        assert change is not None
        facts = repo.handover_facts(s, change.alarm_id)
        # a hand-over error stored as plain text, before messages had codes
        s.get(Alarm, change.alarm_id).handover_error = "work orders offline"
    assert facts is not None and facts.cleared_at is None and facts.work_order_id is None
    [a] = services.monitoring.list_alarms(admin)
    assert (a.asset_tag, a.device_name, a.community, a.rule, a.severity, a.message) == (
        "HB-BIN-001",
        "湖滨-垃圾桶-01",
        "湖滨",
        "lid",
        "critical",
        Msg("alarm.recorded", {"text": "lid jammed"}),
    )
    assert (a.work_kind, a.source, a.opened_at, a.handover_status) == (
        "inspection",
        "trap",
        clock.now(),
        "pending",
    )
    # the stored messages are read back as messages, the old plain text as a recorded one
    assert a.handover_error == Msg("handover.recorded", {"text": "work orders offline"})
    assert a.recovery_error is None
