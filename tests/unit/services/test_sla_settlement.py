"""Settlement-grade SLA over stored work orders (issue #10): each breach charged once across
months, which holds stop the clock (a contract term), and the pause ledger."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from ops_console.domain.clock import FixedClock
from ops_console.services.context import SYSTEM
from tests.unit.services.workorders_world import CONTRACT, build


def _rows(report):
    return {r.number: r for r in report.rows}


def test_demo_november_and_december_statements_by_hand(demo_services):
    """Two demo work orders of ZJ-2026, figured by hand from resources/demo/workorders.csv.

    WO-2026-000516, P3 on the 张江科技园 calendar (Mon–Fri 08:30–12:00, 13:30–18:00; target
    1,440 min; 200 per breach + 20 per started hour), created Thu 19 Nov 09:43:30, accepted,
    still open:
      to 1 Dec 00:00: Thu 136.5 + 270, Fri 480, 23–27 Nov 5 × 480, Mon 30 Nov 480 = 3,766.5 min,
      2,326.5 late = 139,590 s → 39 started hours → 200 + 780 = 980 (November charges 980);
      to 1 Jan 00:00: + 23 working days in December × 480 = 14,806.5 min, 13,366.5 late =
      801,990 s → 223 started hours → 200 + 4,460 = 4,660: December charges 4,660 − 980 = 3,680.
    WO-2026-000518, P2 round the clock (target 480 min; 300 + 50 per started hour), created
    19 Nov 19:34:12, on hold since 20 Nov 04:12:18 (waiting_parts; the demo contracts have no
    [pause] term, so every hold stops the clock): 8 h 38 min 6 s = 518.1 min, 38.1 late →
    1 started hour → 350 in November; still on hold, so December charges 0.
    """
    clock = demo_services.clock
    assert isinstance(clock, FixedClock)
    clock.current = datetime(2027, 1, 2, 1, 0, tzinfo=UTC)
    nov = _rows(demo_services.sla.report(SYSTEM, "ZJ-2026", date(2026, 11, 1), date(2026, 11, 30)))
    dec = _rows(demo_services.sla.report(SYSTEM, "ZJ-2026", date(2026, 12, 1), date(2026, 12, 31)))

    a, b = nov["WO-2026-000516"], dec["WO-2026-000516"]
    assert (a.resolution_minutes, a.minutes_late_before, a.minutes_late) == (3766.5, 0, 2326.5)
    assert (a.penalty_before, a.penalty_to_date, a.penalty) == (0, Decimal(980), Decimal(980))
    assert a.carried_over and a.resolved_at is None
    assert (b.resolution_minutes, b.minutes_late_before, b.minutes_late) == (
        14806.5,
        2326.5,
        13366.5,
    )
    assert (b.penalty_before, b.penalty_to_date, b.penalty) == (
        Decimal(980),
        Decimal(4660),
        Decimal(3680),
    )
    # over the two months the order is charged exactly pen(final lateness)
    assert a.penalty + b.penalty == b.penalty_to_date

    c, d = nov["WO-2026-000518"], dec["WO-2026-000518"]
    assert (c.resolution_minutes, c.minutes_late, c.penalty) == (518.1, 38.1, Decimal(350))
    assert (d.minutes_late_before, d.minutes_late, d.penalty_before, d.penalty) == (
        38.1,
        38.1,
        Decimal(350),
        Decimal(0),
    )
    j = demo_services.sla.report(SYSTEM, "ZJ-2026", date(2026, 12, 1), date(2026, 12, 31))
    row = next(r for r in j.to_json()["work_orders"] if r["number"] == "WO-2026-000516")
    assert (row["minutes_late_before"], row["penalty_before"], row["penalty_to_date"]) == (
        2326.5,
        980,
        4660,
    )
    assert row["penalty"] == 3680 and row["carried_over"] is True
    # totals are this period's charges: the sum of the rows, capped per month
    totals = j.totals
    assert totals.penalty_uncapped == sum((r.penalty for r in j.rows), Decimal(0))
    assert totals.penalty == min(totals.penalty_uncapped, Decimal(15000))


def test_pause_ledger_of_a_running_month_stops_at_now(demo_services):
    # 4 December 10:00 in Shanghai: WO-2026-000518 has been on hold since 20 November
    demo_services.clock.current = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    ledger = demo_services.sla.pause_ledger(
        SYSTEM, "ZJ-2026", date(2026, 12, 1), date(2026, 12, 31)
    )
    entry = next(p for p in ledger if p.number == "WO-2026-000518")
    assert entry.resumed_at is None and entry.held_by == "xu.ming" and entry.resumed_by is None
    # 1 Dec 00:00 → 4 Dec 10:00 = 3 days 10 hours, round the clock (P2 is 24x7)
    assert entry.wall_minutes == entry.business_minutes == 3 * 1440 + 600
    assert entry.pauses_clock and entry.reason_code == "waiting_parts"
    # a P3 hold on the business calendar: business minutes apart from wall minutes
    office = [p for p in ledger if p.business_minutes != p.wall_minutes]
    assert all(p.business_minutes < p.wall_minutes for p in office)


PAUSE = '\n[pause]\nstops_clock = ["resident_not_home", "access_denied"]\n'


def test_a_hold_whose_reason_the_contract_does_not_list_keeps_the_clock_running(
    services, tmp_path, clock
):
    a = build(services, tmp_path)
    clock.current = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # Mon 09:00 in Shanghai
    before = services.workorders.create(
        a["liaison"], title="旧", priority="P1", source="liaison", device="HB-GATE-001"
    )
    r = services.contracts.import_text(SYSTEM, CONTRACT + PAUSE)
    assert r.new_policy and r.policy_version == 2  # a changed list is a new policy version
    assert services.sla.contract(SYSTEM, "HB-2026").stops_clock == (
        "access_denied",
        "resident_not_home",
    )
    after = services.workorders.create(
        a["liaison"], title="新", priority="P1", source="liaison", device="HB-GATE-001"
    )
    for n in (before.number, after.number):
        services.workorders.assign(a["mgr"], n, "tech1")
        services.workorders.accept(a["tech1"], n)
    clock.advance(minutes=60)
    for n in (before.number, after.number):
        services.workorders.hold(a["tech1"], n, "waiting_parts")
    clock.advance(minutes=300)  # 5 hours waiting for parts
    status = {c.number: c for c in services.sla.status(SYSTEM)}
    # v1 (no [pause] term): every hold stops the clock; v2: waiting_parts does not
    assert status[before.number].resolution.state == "paused"
    assert status[before.number].resolution.minutes == 60
    assert status[after.number].resolution.state == "running"
    assert (
        status[after.number].resolution.minutes == 360 and status[after.number].risk == "breached"
    )
    for n in (before.number, after.number):
        services.workorders.resume(a["tech1"], n)
        services.workorders.resolve(a["tech1"], n)
    clock.current = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)
    rows = _rows(services.sla.report(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30)))
    # 60 minutes: within the 240-minute target
    assert rows[before.number].resolution_minutes == 60 and rows[before.number].penalty == 0
    late = rows[after.number]
    assert late.resolution_minutes == 360 and late.minutes_late == 120
    assert late.penalty == Decimal(500 + 100 * 2)
    ledger = {
        p.number: p
        for p in services.sla.pause_ledger(SYSTEM, "HB-2026", date(2026, 11, 1), date(2026, 11, 30))
    }
    assert ledger[before.number].pauses_clock
    assert not ledger[after.number].pauses_clock
    assert ledger[after.number].wall_minutes == ledger[after.number].business_minutes == 300
    assert ledger[after.number].held_by == ledger[after.number].resumed_by == "tech1"


def test_contract_pause_term_is_checked(services):
    import pytest

    from ops_console.domain.errors import ValidationError

    with pytest.raises(ValidationError, match='"lunch" is not a hold reason'):
        services.contracts.import_text(
            SYSTEM, CONTRACT + '\n[pause]\nstops_clock = ["weather", "lunch"]\n'
        )
    with pytest.raises(ValidationError, match='pause: unknown key "stop_clock"'):
        services.contracts.import_text(SYSTEM, CONTRACT + '\n[pause]\nstop_clock = ["weather"]\n')
