"""The SLA engine over stored history: every rule of DOMAIN.md on a business calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from ops_console.domain.errors import NotFound, ValidationError
from ops_console.services.context import SYSTEM
from tests.unit.services.workorders_world import CONTRACT, build

HEAD = "number,event,at,actor,assignee,priority,asset_tag,community,title,note"


@pytest.fixture
def world(services, tmp_path, clock):
    actors = build(services, tmp_path)
    clock.current = datetime(2026, 12, 15, 2, 0, tzinfo=UTC)
    return actors


def load(services, tmp_path, lines):
    path = tmp_path / "events.csv"
    path.write_text("\n".join([HEAD, *lines]) + "\n", encoding="utf-8")
    return services.workorders.import_csv(SYSTEM, path)


def t(day: str, hm: str) -> str:
    return f"2026-{day}T{hm}:00+08:00"


def order(number, prio, created, steps, device="HB-CAM-001"):
    """created + steps [(event, at, assignee, note)] as CSV lines."""
    lines = [f"{number},created,{created},liaison,,{prio},{device},湖滨,故障,source=liaison"]
    for event, at, assignee, note in steps:
        lines.append(f"{number},{event},{at},someone,{assignee},,,,,{note}")
    return lines


def rows_by_number(report):
    return {r.number: r for r in report.rows}


def test_holiday_is_not_business_time(services, world, tmp_path):
    load(
        services,
        tmp_path,
        order(
            "WO-2026-000101",
            "P2",
            t("09-30", "17:00"),
            [
                ("assigned", t("09-30", "17:10"), "tech1", ""),
                ("accepted", t("09-30", "17:30"), "", ""),
                ("resolved", t("10-05", "09:30"), "", "fixed"),
            ],
        ),
    )
    r = services.sla.report(SYSTEM, "HB-2026", date(2026, 10, 1), date(2026, 10, 31))
    row = rows_by_number(r)["WO-2026-000101"]
    # 09-30 17:00-18:00, holidays 10-01/02, weekend, 10-05 08:30-09:30
    assert (row.response_minutes, row.resolution_minutes) == (30.0, 120.0)
    assert not row.resolution_breached


def test_makeup_day_works_with_the_named_weekdays_hours(services, world, tmp_path):
    load(
        services,
        tmp_path,
        order(
            "WO-2026-000102",
            "P2",
            t("10-09", "17:00"),
            [
                ("assigned", t("10-09", "17:05"), "tech1", ""),
                ("accepted", t("10-10", "09:00"), "", ""),  # Saturday worked as a Friday
                ("resolved", t("10-10", "10:00"), "", ""),
            ],
        ),
    )
    r = services.sla.report(SYSTEM, "HB-2026", date(2026, 10, 1), date(2026, 10, 31))
    row = rows_by_number(r)["WO-2026-000102"]
    assert row.response_minutes == 90.0 and row.response_breached
    assert row.resolution_minutes == 150.0 and not row.resolution_breached


def test_hold_before_accept_counts_for_neither_clock(services, world, tmp_path):
    load(
        services,
        tmp_path,
        order(
            "WO-2026-000103",
            "P2",
            t("11-02", "09:00"),
            [
                ("assigned", t("11-02", "09:05"), "tech1", ""),
                ("held", t("11-02", "09:10"), "", "access_denied: 物业未开门"),
                ("resumed", t("11-02", "10:10"), "", ""),
                ("accepted", t("11-02", "10:20"), "", ""),
                ("resolved", t("11-02", "11:00"), "", ""),
            ],
        ),
    )
    r = services.sla.report(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
    row = rows_by_number(r)["WO-2026-000103"]
    assert (row.response_minutes, row.resolution_minutes) == (20.0, 60.0)
    ledger = services.sla.pause_ledger(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
    assert [(p.number, p.reason_code, p.note, p.business_minutes) for p in ledger] == [
        ("WO-2026-000103", "access_denied", "物业未开门", 60.0)
    ]


def test_hold_after_accept_pauses_resolution_only(services, world, tmp_path):
    load(
        services,
        tmp_path,
        order(
            "WO-2026-000104",
            "P2",
            t("11-02", "09:00"),
            [
                ("assigned", t("11-02", "09:05"), "tech1", ""),
                ("accepted", t("11-02", "09:30"), "", ""),
                ("held", t("11-02", "10:00"), "", "waiting_parts"),
                ("resumed", t("11-03", "09:00"), "", ""),
                ("resolved", t("11-03", "10:00"), "", ""),
            ],
        ),
    )
    r = services.sla.report(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
    row = rows_by_number(r)["WO-2026-000104"]
    assert (row.response_minutes, row.resolution_minutes) == (30.0, 120.0)


def test_time_between_resolve_and_reopen_does_not_count(services, world, tmp_path):
    load(
        services,
        tmp_path,
        order(
            "WO-2026-000105",
            "P2",
            t("11-04", "09:00"),
            [
                ("assigned", t("11-04", "09:05"), "tech1", ""),
                ("accepted", t("11-04", "09:10"), "", ""),
                ("resolved", t("11-04", "10:00"), "", ""),
                ("reopened", t("11-04", "14:00"), "", "还是打不开"),
                ("resolved", t("11-04", "15:00"), "", ""),
                ("closed", t("11-05", "09:00"), "", ""),
            ],
        ),
    )
    r = services.sla.report(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
    row = rows_by_number(r)["WO-2026-000105"]
    assert row.resolution_minutes == 120.0 and row.status == "closed"


def test_open_at_period_end_counts_only_once_breached(services, world, tmp_path):
    load(
        services,
        tmp_path,
        [
            *order(
                "WO-2026-000106",
                "P2",
                t("11-27", "09:00"),
                [("assigned", t("11-27", "09:05"), "tech1", "")],
            ),
            *order(
                "WO-2026-000107",
                "P2",
                t("11-30", "09:00"),
                [("assigned", t("11-30", "09:05"), "tech1", "")],
            ),
            *order(
                "WO-2026-000108",
                "P2",
                t("11-02", "09:00"),
                [("cancelled", t("11-02", "09:01"), "", "重复")],
            ),
        ],
    )
    r = services.sla.report(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
    rows = rows_by_number(r)
    assert set(rows) == {"WO-2026-000106"}  # 107 still within target, 108 cancelled
    row = rows["WO-2026-000106"]
    # Fri 09:00-18:00 (450) + Mon 08:30-18:00 (480) = 930 business minutes, 450 late
    assert (row.resolution_minutes, row.minutes_late) == (930.0, 450.0)
    assert row.response_breached and row.resolution_breached
    assert row.penalty == Decimal(300 + 50 * 8)
    assert r.totals.count == 1 and r.totals.breaches == 1
    assert r.totals.resolution_compliance == 0.0
    assert r.to_json()["totals"]["penalty"] == 700


def test_monthly_cap_limits_the_penalty_and_shows_the_uncapped_sum(services, world, tmp_path):
    lines = []
    for i in range(3):  # P1 (24x7): ~3 days open each, 500 + 100/h
        n = f"WO-2026-00020{i}"
        lines += order(
            n,
            "P1",
            t("11-02", "09:00"),
            [
                ("assigned", t("11-02", "09:05"), "tech1", ""),
                ("accepted", t("11-02", "09:10"), "", ""),
                ("resolved", t("11-05", "09:00"), "", ""),
            ],
            device="HB-GATE-001",
        )
    load(services, tmp_path, lines)
    r = services.sla.report(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
    late_hours = (72 * 60 - 240) // 60
    assert r.totals.penalty_uncapped == Decimal(3 * (500 + 100 * late_hours))
    assert r.totals.penalty == Decimal(8000)  # 0.1 × 80 000
    assert [(m.year, m.month, m.capped) for m in r.totals.months] == [(2026, 11, Decimal(8000))]


def test_empty_population_gives_null_compliance(services, world):
    j = services.sla.report(SYSTEM, "HB-2026", date(2026, 3, 1), date(2026, 3, 31)).to_json()
    assert j["work_orders"] == [] and j["totals"]["count"] == 0
    assert j["totals"]["response_compliance"] is None and j["totals"]["mttr_minutes"] is None


def test_unknown_contract_and_reversed_period(services, world):
    with pytest.raises(NotFound, match="no contract"):
        services.sla.report(SYSTEM, "NOPE", date(2026, 3, 1), date(2026, 3, 31))
    with pytest.raises(ValidationError, match="before"):
        services.sla.report(SYSTEM, "HB-2026", date(2026, 3, 31), date(2026, 3, 1))


def test_new_policy_version_never_changes_old_orders(services, world, tmp_path, clock):
    clock.current = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
    a = world
    old = services.workorders.create(
        a["liaison"], title="x", priority="P2", source="liaison", device="HB-CAM-001"
    )
    clock.advance(hours=1)
    changed = CONTRACT.replace(  # a response target is never longer than the resolution's
        "response_minutes = 60\nresolution_minutes = 480",
        "response_minutes = 30\nresolution_minutes = 30",
    )
    assert changed != CONTRACT
    r = services.contracts.import_text(SYSTEM, changed)
    assert r.new_policy and r.policy_version == 2
    again = services.contracts.import_text(SYSTEM, changed)
    assert not again.new_policy and again.policy_version == 2
    new = services.workorders.create(
        a["liaison"], title="y", priority="P2", source="liaison", device="HB-CAM-001"
    )
    for n in (old.number, new.number):
        services.workorders.assign(a["mgr"], n, "tech1")
        services.workorders.accept(a["tech1"], n)
    clock.advance(minutes=60)
    for n in (old.number, new.number):
        services.workorders.resolve(a["tech1"], n)
    rows = rows_by_number(
        services.sla.report(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
    )
    assert not rows[old.number].resolution_breached  # 480 under v1
    assert rows[new.number].resolution_breached  # 30 under v2
    assert [p.version for p in services.contracts.policies(SYSTEM, "HB-2026")] == [1, 2]


def test_status_and_reminders_fire_once(services, world, clock):
    a = world
    clock.current = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # Mon 09:00 +08:00
    wo = services.workorders.create(
        a["liaison"], title="门禁故障", priority="P1", source="liaison", device="HB-GATE-001"
    )
    clock.advance(minutes=25)  # response 30, warning at 24
    events = services.sla.check_reminders()
    assert [(e.number, e.target, e.kind) for e in events] == [(wo.number, "response", "at_risk")]
    assert set(events[0].notify) == {"mgr", "liaison"}
    assert services.sla.check_reminders() == []
    status = services.sla.status(a["mgr"])
    assert status[0].risk == "at_risk" and status[0].response.minutes == 25.0
    clock.advance(minutes=10)
    kinds = {(e.target, e.kind) for e in services.sla.check_reminders()}
    assert kinds == {("response", "breached")}
    assert services.sla.status(a["mgr"])[0].risk == "breached"


def test_availability_excludes_maintenance_and_reports_unknown(services, world, clock):
    from ops_console.db.models import Device, HealthSpan, MaintenanceWindow

    start = datetime(2026, 11, 1, tzinfo=UTC)
    with services.db.write() as s:
        dev = s.query(Device).filter_by(asset_tag="HB-CAM-001").one()
        h = lambda n: start + timedelta(hours=n)  # noqa: E731
        s.add_all(
            [
                HealthSpan(device_id=dev.id, health="up", starts_at=h(0), ends_at=h(10)),
                HealthSpan(device_id=dev.id, health="down", starts_at=h(10), ends_at=h(12)),
                HealthSpan(device_id=dev.id, health="degraded", starts_at=h(12), ends_at=h(14)),
                # 14-20 nothing known (poller off)
                HealthSpan(device_id=dev.id, health="up", starts_at=h(20), ends_at=h(24)),
                MaintenanceWindow(
                    device_id=dev.id,
                    starts_at=h(9),
                    ends_at=h(11),
                    reason="升级",
                    created_by="x",
                    created_at=h(0),
                ),
            ]
        )
    [av] = services.sla.availability(
        SYSTEM, start, start + timedelta(days=1), devices=["HB-CAM-001"]
    )
    assert (av.up_s, av.down_s, av.degraded_s, av.unknown_s, av.maintenance_s) == (
        13 * 3600,
        1 * 3600,
        2 * 3600,
        6 * 3600,
        2 * 3600,
    )
    assert av.availability == pytest.approx(15 / 16)
