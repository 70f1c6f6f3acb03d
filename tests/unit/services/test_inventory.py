"""Device inventory: CSV import/export round trip, every error kind, all-or-nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ops_console.domain.errors import ValidationError
from ops_console.services.formats import HEADER

HEAD = ",".join(HEADER)
GOOD = [
    "HB-GATE-001,湖滨-1幢-人脸门禁-01,access_gate,湖滨,1幢,1幢大堂,海康威视,DS-K5671,SN001,127.10.1.1,v2c,161,demo-v2c,60,2024-03-01,2027-03-01,life_safety,in_service",
    "HB-CAM-001,湖滨-北门-高空抛物-01,camera,湖滨,北门,北门立杆,大华,DH-IPC,SN002,127.10.1.2,none,554,,300,2024-03-01,,high,in_service",
    "HB-NET-001,湖滨-核心交换机,network,湖滨,,机房,华为,S5735,SN003,core-sw.hubin.local,v3,161,demo-v3,60,,,high,in_service",
]


@pytest.fixture
def community(services, admin):
    services.accounts.add_community(admin, "湖滨", zones=["1幢", "北门"])
    return "湖滨"


def write(tmp_path: Path, lines: list[str], *, bom: bool = False, name: str = "d.csv") -> Path:
    p = tmp_path / name
    p.write_text("\n".join([HEAD, *lines]) + "\n", encoding="utf-8-sig" if bom else "utf-8")
    return p


def test_import_creates_devices_and_audits_them(services, admin, community, tmp_path):
    r = services.inventory.import_csv(admin, write(tmp_path, GOOD))
    assert (r.created, r.updated, r.unchanged) == (3, 0, 0)
    rows = services.inventory.list_devices(admin)
    assert [d.asset_tag for d in rows] == ["HB-CAM-001", "HB-GATE-001", "HB-NET-001"]
    gate = services.inventory.get(admin, "HB-GATE-001")
    assert gate.name == "湖滨-1幢-人脸门禁-01" and gate.zone == "1幢" and gate.health == "unknown"
    actions = [e.action for e in services.audit.page(admin, entity="device")]
    assert actions.count("device.create") == 3


def test_bom_is_accepted(services, admin, community, tmp_path):
    assert services.inventory.import_csv(admin, write(tmp_path, GOOD, bom=True)).created == 3


def test_export_then_reimport_changes_nothing(services, admin, community, tmp_path):
    services.inventory.import_csv(admin, write(tmp_path, GOOD))
    out = tmp_path / "out.csv"
    assert services.inventory.export_csv(admin, out) == 3
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel/WPS
    audit_before = services.audit.count()
    r = services.inventory.import_csv(admin, out)
    assert (r.created, r.updated, r.unchanged) == (0, 0, 3)
    assert services.audit.count() == audit_before
    out2 = tmp_path / "out2.csv"
    services.inventory.export_csv(admin, out2)
    assert out.read_bytes() == out2.read_bytes()


def test_existing_tag_updates_with_the_diff_audited(services, admin, community, tmp_path):
    services.inventory.import_csv(admin, write(tmp_path, GOOD))
    changed = GOOD[0].replace("1幢大堂", "1幢东侧").replace("life_safety", "high")
    r = services.inventory.import_csv(admin, write(tmp_path, [changed], name="e.csv"))
    assert (r.created, r.updated) == (0, 1)
    entry = services.audit.page(admin, action="device.update")[0]
    assert json.loads(entry.before_json) == {"location": "1幢大堂", "criticality": "life_safety"}
    assert json.loads(entry.after_json) == {"location": "1幢东侧", "criticality": "high"}


BAD_CASES = [
    (
        "HB-X-1,名字,toaster,湖滨,,,,,,127.0.0.1,v2c,161,,60,,,normal,in_service",
        "category: unknown category 'toaster'",
    ),
    (
        "HB-X-1,名字,camera,外星,,,,,,127.0.0.1,v2c,161,,60,,,normal,in_service",
        "community: no community named '外星'",
    ),
    (
        "HB-X-1,名字,camera,湖滨,9幢,,,,,127.0.0.1,v2c,161,,60,,,normal,in_service",
        "zone: no zone '9幢' in 湖滨",
    ),
    (
        "HB-X-1,名字,camera,湖滨,,,,,,300.1.2.3,v2c,161,,60,,,normal,in_service",
        "address: '300.1.2.3' is not a valid IPv4 address",
    ),
    (
        "HB-X-1,名字,camera,湖滨,,,,,,bad host!,v2c,161,,60,,,normal,in_service",
        "address: 'bad host!' is neither an IP address nor a host name",
    ),
    (
        "HB-X-1,名字,camera,湖滨,,,,,,127.0.0.1,v2c,161,,60,2024-13-01,,normal,in_service",
        "install_date: '2024-13-01' is not a date",
    ),
    (
        "HB-X-1,,camera,湖滨,,,,,,127.0.0.1,v2c,161,,60,,,normal,in_service",
        "name: missing (required)",
    ),
    ("HB-X-1,名字,camera,湖滨,,,,,,127.0.0.1,v9,161,,60,,,normal,in_service", "snmp_version: 'v9'"),
    (
        "HB-X-1,名字,camera,湖滨,,,,,,127.0.0.1,v2c,99999,,60,,,normal,in_service",
        "snmp_port: 99999 is out of range",
    ),
    (
        "HB-X-1,名字,camera,湖滨,,,,,,127.0.0.1,v2c,161,,abc,,,normal,in_service",
        "poll_interval_s: 'abc' is not a whole number",
    ),
    (
        "HB-X-1,名字,camera,湖滨,,,,,,127.0.0.1,v2c,161,,60,,,urgent,in_service",
        "criticality: 'urgent'",
    ),
    ("HB-X-1,名字,camera,湖滨,,,,,,127.0.0.1,v2c,161,,60,,,normal,broken", "status: 'broken'"),
    (
        "HB-X-1,名字,camera,湖滨,,,,,,127.0.0.1,v2c,161,my secret,60,,,normal,in_service",
        "credential: a credential name without spaces",
    ),
    (
        "HB-X-1,名字,camera,湖滨,,,,,,,v2c,161,,60,,,normal,in_service",
        "address: missing: SNMP v2c needs a management address",
    ),
]


@pytest.mark.parametrize(("line", "problem"), BAD_CASES)
def test_each_error_kind_names_line_and_column(services, admin, community, tmp_path, line, problem):
    path = write(tmp_path, [GOOD[0], line])
    with pytest.raises(ValidationError) as err:
        services.inventory.import_csv(admin, path)
    assert any(p.startswith("line 3: ") and problem in p for p in err.value.problems), (
        err.value.problems
    )
    assert "nothing imported" in str(err.value)
    assert services.inventory.list_devices(admin) == []  # all or nothing


def test_wrong_column_count_and_duplicates_are_all_reported(services, admin, community, tmp_path):
    lines = [GOOD[0], "HB-X-1,too,few", GOOD[1], GOOD[0].replace("SN001", "SN009")]
    with pytest.raises(ValidationError) as err:
        services.inventory.import_csv(admin, write(tmp_path, lines))
    assert err.value.problems == ["line 3: expected 18 columns, found 3"]
    lines = [GOOD[0], GOOD[1], GOOD[0].replace("SN001", "SN009")]
    with pytest.raises(ValidationError) as err:
        services.inventory.import_csv(admin, write(tmp_path, lines))
    assert err.value.problems == ["line 4: asset_tag: duplicate 'HB-GATE-001' (also on line 2)"]
    assert services.inventory.list_devices(admin) == []


def test_every_bad_row_is_listed_not_just_the_first(services, admin, community, tmp_path):
    lines = [line for line, _ in BAD_CASES[:5]]
    lines = [line.replace("HB-X-1", f"HB-X-{i}") for i, line in enumerate(lines)]
    with pytest.raises(ValidationError) as err:
        services.inventory.import_csv(admin, write(tmp_path, lines))
    assert [p.split(":")[0] for p in err.value.problems] == [f"line {n}" for n in range(2, 7)]


def test_bad_header_and_bad_files(services, admin, community, tmp_path):
    p = tmp_path / "h.csv"
    p.write_text("asset_tag,name\nA,B\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="line 1: header must be"):
        services.inventory.import_csv(admin, p)
    p.write_bytes("asset_tag\n湖滨".encode("gbk"))
    with pytest.raises(ValidationError, match="not UTF-8"):
        services.inventory.import_csv(admin, p)
    with pytest.raises(ValidationError, match="no such file"):
        services.inventory.import_csv(admin, tmp_path / "missing.csv")
    p.write_text("", encoding="utf-8")
    with pytest.raises(ValidationError, match="empty"):
        services.inventory.import_csv(admin, p)


def test_save_retire_and_search(services, admin, community, tmp_path):
    services.inventory.import_csv(admin, write(tmp_path, GOOD))
    gate = services.inventory.get(admin, "HB-GATE-001")
    services.inventory.save(admin, replace(gate.to_fields(), name="湖滨-1幢-人脸门禁-主"))
    assert services.inventory.get(admin, "HB-GATE-001").name == "湖滨-1幢-人脸门禁-主"
    assert [d.asset_tag for d in services.inventory.list_devices(admin, text="门禁 主")] == [
        "HB-GATE-001"
    ]
    assert [d.asset_tag for d in services.inventory.list_devices(admin, text="core-sw")] == [
        "HB-NET-001"
    ]
    services.inventory.retire(admin, "HB-CAM-001", "replaced")
    assert services.inventory.get(admin, "HB-CAM-001").status == "retired"
    with pytest.raises(ValidationError, match="already retired"):
        services.inventory.retire(admin, "HB-CAM-001")
    assert [d.asset_tag for d in services.inventory.list_devices(admin, category="network")] == [
        "HB-NET-001"
    ]
    with pytest.raises(ValidationError, match="unknown category"):
        services.inventory.list_devices(admin, category="nope")


def test_export_to_a_missing_folder_leaves_nothing(services, admin, community, tmp_path):
    with pytest.raises(ValidationError, match="does not exist"):
        services.inventory.export_csv(admin, tmp_path / "nope" / "x.csv")


def test_json_rows_equal_the_dataclass_rows(demo_services):
    from ops_console.services.context import SYSTEM

    inv = demo_services.inventory
    for filters in ({}, {"community": "湖滨", "category": "access_gate"}, {"text": "门禁"}):
        expected = [r.to_json() for r in inv.list_devices(SYSTEM, **filters)]
        assert expected  # the demo has such devices
        assert json.loads(inv.devices_json(SYSTEM, **filters)) == expected
    assert json.loads(inv.devices_json(SYSTEM, text="no-such-device")) == []


def test_json_rows_write_instants_and_dates_as_python_does(services, admin, community):
    """The database writes the JSON: instants with and without a fraction, dates, NULLs."""
    from sqlalchemy import select

    from ops_console.db.models import Community, Device, DeviceState

    inv = services.inventory
    polls = [
        datetime(2026, 11, 29, 1, 2, 3, tzinfo=UTC),
        datetime(2026, 11, 29, 1, 2, 3, 450, tzinfo=UTC),
        None,
    ]
    with services.db.write() as s:
        community_id = s.scalar(select(Community.id).where(Community.name == community))
        for i, when in enumerate(polls):
            d = Device(
                asset_tag=f"HB-ENV-{i:03d}",
                name=f"环境-{i}",
                category_code="env_sensor",
                community_id=community_id,
                install_date=date(2026, 3, i + 1) if i else None,
                status="in_service",
                criticality="normal",
                snmp_version="v2c",
                snmp_port=161,
                poll_interval_s=60,
                created_at=polls[0],
                updated_at=polls[0],
            )
            s.add(d)
            s.flush()
            if when is not None:
                s.add(DeviceState(device_id=d.id, health="up", last_poll_at=when, last_error='x"y'))
    expected = [r.to_json() for r in inv.list_devices(admin)]
    got = json.loads(inv.devices_json(admin))
    assert got == expected
    assert [g["last_poll_at"] for g in got] == [
        "2026-11-29T01:02:03+00:00",
        "2026-11-29T01:02:03.000450+00:00",
        None,
    ]
    assert got[1]["install_date"] == "2026-03-02" and got[0]["install_date"] is None
