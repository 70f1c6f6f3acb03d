"""Each breach is charged once (DOMAIN.md "SLA rules"): the charge of a work order in [S, E) is
pen(L(E)) − pen(L(S)), and over consecutive months the charges add up to pen(final lateness)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from ops_console.domain.calendar import BusinessCalendar, parse_hours
from ops_console.domain.sla import (
    SlaEvent,
    SlaTerms,
    compute_clock,
    month_starts,
    period_bounds,
    period_report,
)

SH = ZoneInfo("Asia/Shanghai")
ALWAYS = BusinessCalendar.always()
OFFICE = BusinessCalendar(
    [parse_hours(["08:30-12:00", "13:30-18:00"])] * 5 + [(), ()],
    holidays={date(2026, 10, 1), date(2026, 10, 2)},
    makeup_days={date(2026, 10, 10): 4},
)


def p1(calendar: BusinessCalendar = ALWAYS, stops_clock: frozenset[str] | None = None) -> SlaTerms:
    return SlaTerms(
        response_minutes=30,
        resolution_minutes=240,
        calendar=calendar,
        penalty_per_breach=Decimal(500),
        penalty_per_hour=Decimal(100),
        stops_clock=stops_clock,
    )


def month(year: int, m: int) -> tuple[datetime, datetime]:
    last = (date(year + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)
    return period_bounds(date(year, m, 1), last, "Asia/Shanghai")


def test_the_worked_example_of_domain_md() -> None:
    # a P1 order 15,720 minutes late at 31 October, resolved on 2 November 17,760 minutes late
    nov1 = datetime(2026, 11, 1, tzinfo=SH)
    created = nov1 - timedelta(minutes=240 + 15_720)
    resolved = created + timedelta(minutes=240 + 17_760)
    assert resolved.astimezone(SH).date() == date(2026, 11, 2)
    events = [
        SlaEvent("created", created),
        SlaEvent("accepted", created + timedelta(minutes=10)),
        SlaEvent("resolved", resolved),
    ]
    october = period_report([("WO", events, p1())], start=month(2026, 10)[0], end=nov1)
    (row,) = october.rows
    assert row.charge.late_seconds_before == 0
    assert row.charge.penalty_before == 0
    assert row.clock.resolution.minutes_late == 15_720
    assert row.charge.amount == row.charge.penalty_to_date == Decimal(26_700)
    assert october.totals.penalty == Decimal(26_700)

    november = period_report([("WO", events, p1())], start=nov1, end=month(2026, 11)[1])
    (row,) = november.rows
    assert row.charge.late_seconds_before == 15_720 * 60
    assert row.charge.penalty_before == Decimal(26_700)
    assert row.charge.penalty_to_date == Decimal(30_100)
    assert row.charge.amount == Decimal(3_400)
    assert november.totals.penalty_uncapped == november.totals.penalty == Decimal(3_400)
    assert [(m.month, m.uncapped) for m in november.totals.months] == [(11, Decimal(3_400))]

    # a report over both months splits the charge at the month's start, so that each month's
    # cap sees its own part, and charges the same in all
    both = period_report(
        [("WO", events, p1())],
        start=month(2026, 10)[0],
        end=month(2026, 11)[1],
        monthly_fee=Decimal(100_000),
        cap_ratio=Decimal("0.2"),
    )
    (row,) = both.rows
    assert row.charge.months == (((2026, 10), Decimal(26_700)), ((2026, 11), Decimal(3_400)))
    assert [(m.month, m.uncapped, m.capped) for m in both.totals.months] == [
        (10, Decimal(26_700), Decimal(20_000)),
        (11, Decimal(3_400), Decimal(3_400)),
    ]


def test_a_breach_that_grows_no_further_charges_nothing_more() -> None:
    # late at the end of October, on hold (pausing) all November, resolved in December
    created = datetime(2026, 10, 30, 12, 0, tzinfo=SH)
    events = [
        SlaEvent("created", created),
        SlaEvent("accepted", created + timedelta(minutes=5)),
        SlaEvent("held", datetime(2026, 10, 31, 12, 0, tzinfo=SH), "resident_not_home"),
        SlaEvent("resumed", datetime(2026, 12, 1, 9, 0, tzinfo=SH)),
        SlaEvent("resolved", datetime(2026, 12, 1, 10, 0, tzinfo=SH)),
    ]
    charges = []
    for m in (10, 11, 12):
        start, end = month(2026, m)
        (row,) = period_report([("WO", events, p1())], start=start, end=end).rows
        charges.append(row.charge.amount)
    assert charges[1] == 0  # the hold stopped the clock: November charges nothing
    final = compute_clock(events, p1(), datetime(2027, 1, 1, tzinfo=SH)).penalty
    assert sum(charges) == final
    # 24 h late at the hold (1440 − 240 = 1200 min), then one more hour in December
    assert charges == [Decimal(500 + 100 * 20), Decimal(0), Decimal(100)]


def test_a_hold_whose_reason_does_not_stop_the_clock_keeps_both_clocks_running() -> None:
    created = datetime(2026, 11, 2, 9, 0, tzinfo=SH)
    events = [
        SlaEvent("created", created),
        SlaEvent("held", created + timedelta(minutes=10), "waiting_parts"),
        SlaEvent("resumed", created + timedelta(minutes=70)),
        SlaEvent("accepted", created + timedelta(minutes=80)),
        SlaEvent("resolved", created + timedelta(minutes=200)),
    ]
    as_of = created + timedelta(days=1)
    every = compute_clock(events, p1(), as_of)  # no [pause] term: every reason pauses
    assert every.response.minutes == 20 and every.resolution.minutes == 140
    listed = p1(stops_clock=frozenset({"resident_not_home", "access_denied"}))
    kept = compute_clock(events, listed, as_of)
    assert kept.response.minutes == 80 and kept.resolution.minutes == 200
    assert kept.response.breached and not kept.resolution.breached
    # while the hold lasts, a kept-running clock runs; a pausing one is paused
    during = created + timedelta(minutes=40)
    assert compute_clock(events, listed, during).resolution.state == "running"
    assert compute_clock(events, listed, during).resolution.minutes == 40
    assert compute_clock(events, p1(), during).resolution.state == "paused"
    pausing = p1(stops_clock=frozenset({"waiting_parts"}))
    assert compute_clock(events, pausing, as_of).resolution.minutes == 140


_steps = st.lists(
    st.tuples(
        st.sampled_from(["accepted", "held", "resumed", "resolved", "reopened"]),
        st.integers(min_value=1, max_value=40 * 24 * 60),  # minutes after the previous step
        st.sampled_from(["waiting_parts", "resident_not_home", "weather"]),
    ),
    max_size=8,
)


def _lifecycle(created: datetime, steps: list[tuple[str, int, str]]) -> list[SlaEvent]:
    # keep only the steps the lifecycle allows, in order
    events = [SlaEvent("created", created)]
    at, accepted, held, resolved = created, False, False, False
    for kind, gap, reason in steps:
        allowed = {
            "accepted": not accepted and not held and not resolved,
            "held": not held and not resolved,
            "resumed": held,
            "resolved": accepted and not held and not resolved,
            "reopened": resolved,
        }[kind]
        if not allowed:
            continue
        at += timedelta(minutes=gap)
        events.append(SlaEvent(kind, at, reason if kind == "held" else None))
        accepted |= kind == "accepted"
        held = kind == "held" or (held and kind != "resumed")
        resolved = kind == "resolved" or (resolved and kind != "reopened")
    return events


@settings(max_examples=150, deadline=None)
@given(
    start_minute=st.integers(min_value=0, max_value=60 * 24 * 60),
    steps=_steps,
    office=st.booleans(),
    listed=st.booleans(),
)
def test_monthly_charges_add_up_to_the_final_penalty(
    start_minute: int, steps: list[tuple[str, int, str]], office: bool, listed: bool
) -> None:
    created = datetime(2026, 8, 1, tzinfo=SH) + timedelta(minutes=start_minute)
    events = _lifecycle(created, steps)
    t = p1(OFFICE if office else ALWAYS, frozenset({"resident_not_home"}) if listed else None)
    first, last = datetime(2026, 8, 1, tzinfo=SH), datetime(2027, 6, 1, tzinfo=SH)
    bounds = [first, *month_starts(first, last), last]
    charged = Decimal(0)
    for start, end in itertools.pairwise(bounds):
        report = period_report([("WO", events, t)], start=start, end=end)
        for row in report.rows:
            assert row.charge.amount >= 0
            assert row.charge.penalty_before <= row.charge.penalty_to_date
            charged += row.charge.amount
    assert charged == compute_clock(events, t, last).penalty
    # and one report over the whole span charges the same, split by month
    whole = period_report([("WO", events, t)], start=first, end=last)
    assert whole.totals.penalty_uncapped == charged
