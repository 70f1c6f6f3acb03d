"""Tests of the SLA clocks and period figures of DOMAIN.md "SLA rules (exact)"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from ops_console.domain.calendar import BusinessCalendar, parse_hours
from ops_console.domain.errors import ValidationError
from ops_console.domain.sla import (
    SlaClock,
    SlaEvent,
    SlaTerms,
    cap_monthly,
    compute_clock,
    compute_clock_us,
    deadline_for,
    display_minutes,
    in_population,
    period_bounds,
    period_report,
    period_report_us,
    policy_in_force,
    summarize,
)

SH = ZoneInfo("Asia/Shanghai")
ALWAYS = BusinessCalendar.always()
OFFICE = BusinessCalendar(
    [parse_hours(["08:30-12:00", "13:30-18:00"])] * 5 + [(), ()],
    holidays={date(2026, 10, 1)},
    makeup_days={date(2026, 10, 10): 4},
)
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=SH)  # a Monday


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def history(*steps: tuple[str, float]) -> list[SlaEvent]:
    return [SlaEvent(kind, at(minutes)) for kind, minutes in steps]


def terms(calendar: BusinessCalendar = ALWAYS, **kwargs: object) -> SlaTerms:
    values: dict[str, object] = {
        "response_minutes": 30,
        "resolution_minutes": 240,
        "calendar": calendar,
        "penalty_per_breach": Decimal(500),
        "penalty_per_hour": Decimal(100),
    }
    values.update(kwargs)
    return SlaTerms(**values)  # type: ignore[arg-type]


def test_plain_history() -> None:
    events = history(
        ("created", 0), ("assigned", 2), ("accepted", 20), ("resolved", 200), ("closed", 300)
    )
    clock = compute_clock(events, terms(), at(1000))
    assert clock.response.seconds == 20 * 60
    assert clock.response.minutes == 20
    assert clock.resolution.seconds == 200 * 60
    assert clock.response.state == clock.resolution.state == "stopped"
    assert not clock.response.breached and not clock.resolution.breached
    assert not clock.resolution.at_risk
    assert clock.resolved_at == at(200)
    assert clock.penalty == 0
    assert clock.resolution.minutes_late == 0


def test_hold_before_accept_pauses_both_clocks() -> None:
    events = history(
        ("created", 0),
        ("assigned", 5),
        ("held", 10),
        ("resumed", 70),
        ("accepted", 80),
        ("resolved", 100),
    )
    clock = compute_clock(events, terms(), at(500))
    assert clock.response.seconds == (80 - 60) * 60
    assert clock.response.wall_seconds == (80 - 60) * 60
    assert clock.resolution.seconds == (100 - 60) * 60


def test_hold_after_accept_pauses_only_resolution() -> None:
    events = history(
        ("created", 0),
        ("assigned", 5),
        ("accepted", 25),
        ("held", 30),
        ("resumed", 130),
        ("resolved", 150),
    )
    clock = compute_clock(events, terms(), at(500))
    assert clock.response.seconds == 25 * 60
    assert clock.resolution.seconds == (150 - 100) * 60


def test_reopen_gap_does_not_count_and_last_resolve_ends_the_clock() -> None:
    events = history(
        ("created", 0),
        ("assigned", 1),
        ("accepted", 10),
        ("resolved", 100),
        ("reopened", 400),
        ("resolved", 430),
        ("closed", 500),
    )
    clock = compute_clock(events, terms(), at(600))
    assert clock.resolution.seconds == (100 + 30) * 60
    assert clock.resolved_at == at(430)
    # Read between the resolve and the reopen: the first resolve ends the clock for now.
    between = compute_clock(events, terms(), at(300))
    assert between.resolution.seconds == 100 * 60
    assert between.resolved_at == at(100)
    # Read after the reopen: it runs again from the reopen.
    reopened = compute_clock(events, terms(), at(420))
    assert reopened.resolution.seconds == (100 + 20) * 60
    assert reopened.resolution.state == "running"
    assert reopened.resolved_at is None


def test_running_clocks_and_at_risk() -> None:
    events = history(("created", 0), ("assigned", 5))
    early = compute_clock(events, terms(), at(20))
    assert early.response.state == "running" and not early.response.at_risk
    risky = compute_clock(events, terms(), at(24))  # 24 = 0.8 × 30
    assert risky.response.at_risk and not risky.response.breached
    late = compute_clock(events, terms(), at(31))
    assert late.response.breached and not late.response.at_risk
    assert late.response.minutes_late == 1
    assert late.response.remaining_seconds == -60
    assert late.resolution.state == "running"
    # An exact target is not a breach.
    assert not compute_clock(events, terms(), at(30)).response.breached


def test_at_risk_while_on_hold() -> None:
    events = history(("created", 0), ("assigned", 1), ("accepted", 5), ("held", 200))
    clock = compute_clock(events, terms(), at(1000))
    assert clock.resolution.state == "paused"
    assert clock.response.state == "stopped"
    assert clock.resolution.seconds == 200 * 60
    assert clock.resolution.at_risk
    assert deadline_for(clock.resolution, ALWAYS) is None
    unaccepted = compute_clock(
        history(("created", 0), ("assigned", 1), ("held", 5)), terms(), at(60)
    )
    assert unaccepted.response.state == "paused"
    assert unaccepted.response.seconds == 5 * 60


def test_business_calendar_clock() -> None:
    # Created Friday 17:00, accepted Monday 09:00: 1 h Friday + 30 min Monday.
    created = datetime(2026, 3, 6, 17, 0, tzinfo=SH)
    events = [
        SlaEvent("created", created),
        SlaEvent("accepted", datetime(2026, 3, 9, 9, 0, tzinfo=SH)),
        SlaEvent("resolved", datetime(2026, 3, 9, 14, 0, tzinfo=SH)),
    ]
    clock = compute_clock(events, terms(OFFICE, response_minutes=60), created + timedelta(days=5))
    assert clock.response.seconds == 90 * 60
    assert clock.response.wall_seconds == 64 * 3600
    assert clock.response.breached
    assert clock.resolution.seconds == (60 + 210 + 30) * 60


def test_holiday_and_makeup_day_clock() -> None:
    created = datetime(2026, 9, 30, 17, 0, tzinfo=SH)  # Wednesday, 1 Oct is a holiday
    events = [
        SlaEvent("created", created),
        SlaEvent("accepted", datetime(2026, 10, 2, 9, 0, tzinfo=SH)),  # Friday: worked
    ]
    clock = compute_clock(events, terms(OFFICE), created + timedelta(days=3))
    assert clock.response.seconds == (60 + 30) * 60
    saturday = [SlaEvent("created", datetime(2026, 10, 10, 8, 0, tzinfo=SH))]
    made_up = compute_clock(saturday, terms(OFFICE), datetime(2026, 10, 10, 10, 0, tzinfo=SH))
    assert made_up.response.seconds == 90 * 60


def test_penalty_arithmetic() -> None:
    # 240 min target; resolved at 301 min: 61 min late = 2 started hours.
    events = history(("created", 0), ("accepted", 10), ("resolved", 301))
    clock = compute_clock(events, terms(), at(400))
    assert clock.resolution.minutes_late == 61
    assert clock.penalty == Decimal(500) + Decimal(100) * 2
    one_second = compute_clock(
        [SlaEvent("created", T0), SlaEvent("resolved", at(240) + timedelta(seconds=1))],
        terms(),
        at(400),
    )
    assert one_second.penalty == Decimal(600)
    exactly = compute_clock(history(("created", 0), ("resolved", 240)), terms(), at(400))
    assert exactly.penalty == 0 and not exactly.resolution.breached
    assert clock.response.breached is False


def test_deadlines() -> None:
    events = history(("created", 0), ("assigned", 1), ("held", 10), ("resumed", 70))
    clock = compute_clock(events, terms(), at(100))
    assert deadline_for(clock.resolution, ALWAYS) == at(240 + 60)
    assert deadline_for(clock.resolution, ALWAYS, warning=True) == at(192 + 60)
    assert deadline_for(clock.response, ALWAYS) == at(30 + 60)
    assert deadline_for(clock.response, ALWAYS, tz=UTC) == at(90).astimezone(UTC)
    assert deadline_for(clock.response, ALWAYS).tzinfo is SH  # type: ignore[union-attr]
    # Already breached before a pause: the instant it was breached.
    held = history(("created", 0), ("accepted", 40), ("held", 300))
    breached = compute_clock(held, terms(), at(400))
    assert deadline_for(breached.resolution, ALWAYS) == at(240)
    assert deadline_for(breached.response, ALWAYS) == at(30)
    met = compute_clock(history(("created", 0), ("accepted", 10)), terms(), at(20))
    assert deadline_for(met.response, ALWAYS) is None
    # On a working-hours calendar: created Monday 17:30, 60 min target → Tuesday 09:00.
    monday = datetime(2026, 3, 2, 17, 30, tzinfo=SH)
    office = compute_clock(
        [SlaEvent("created", monday)], terms(OFFICE, response_minutes=60), monday
    )
    assert deadline_for(office.response, OFFICE) == datetime(2026, 3, 3, 9, 0, tzinfo=SH)


def test_cancelled_is_outside_every_figure() -> None:
    events = history(("created", 0), ("cancelled", 600))
    start, end = at(-60), at(10_000)
    clock = compute_clock(events, terms(), end)
    assert clock.cancelled
    assert clock.resolution.state == "stopped"
    assert clock.resolution.seconds == 600 * 60
    assert not in_population(clock, start, end)
    # Even when cancelled after the period's end.
    later = compute_clock(events, terms(), at(500))
    assert later.cancelled and later.resolution.breached
    assert not in_population(later, at(-60), at(500))
    # Events after a cancel change nothing.
    odd = history(("created", 0), ("cancelled", 10), ("assigned", 20))
    assert compute_clock(odd, terms(), at(100)).resolution.seconds == 600


def test_population() -> None:
    start, end = at(0), at(24 * 60)
    inside = compute_clock(
        history(("created", 0), ("accepted", 5), ("resolved", 100)), terms(), end
    )
    assert in_population(inside, start, end)
    before = compute_clock(
        [SlaEvent("created", at(-3000)), SlaEvent("resolved", at(-10))], terms(), end
    )
    assert not in_population(before, start, end)
    # Resolved at the very end instant belongs to the next period.
    on_edge = compute_clock(history(("created", 0), ("resolved", 24 * 60)), terms(), end)
    assert not in_population(on_edge, start, end)
    assert in_population(on_edge, end, end + timedelta(days=1))
    # Open at the end and past the target: a breach; open within the target: not counted.
    open_breached = compute_clock(history(("created", 0), ("accepted", 5)), terms(), end)
    assert open_breached.resolution.state == "running"
    assert in_population(open_breached, start, end)
    open_fine = compute_clock(history(("created", 24 * 60 - 10)), terms(), end)
    assert not in_population(open_fine, start, end)
    # Resolved after the period's end: unresolved at the end.
    resolved_later = compute_clock(history(("created", 0), ("resolved", 3000)), terms(), end)
    assert resolved_later.resolved_at is None
    assert in_population(resolved_later, start, end)
    # Created after the end: not started, not counted.
    future = compute_clock(history(("created", 5000)), terms(), end)
    assert future.resolution.state == future.response.state == "not_started"
    assert not in_population(future, start, end)


def test_period_bounds() -> None:
    start, end = period_bounds(date(2026, 3, 1), date(2026, 3, 31), "Asia/Shanghai")
    assert start == datetime(2026, 3, 1, tzinfo=SH)
    assert end == datetime(2026, 4, 1, tzinfo=SH)
    one_day = period_bounds(date(2026, 3, 29), date(2026, 3, 29), ZoneInfo("Europe/Berlin"))
    assert one_day[1].timestamp() - one_day[0].timestamp() == 23 * 3600
    with pytest.raises(ValidationError, match="--to 2026-03-01 is before --from 2026-03-02"):
        period_bounds(date(2026, 3, 2), date(2026, 3, 1), "Asia/Shanghai")
    with pytest.raises(ValidationError, match="not a known time zone"):
        period_bounds(date(2026, 3, 1), date(2026, 3, 2), "Nowhere")


def test_compliance_is_none_on_an_empty_population() -> None:
    totals = summarize([])
    assert totals.count == 0
    assert totals.response_compliance is None and totals.resolution_compliance is None
    assert totals.mtta_minutes is None and totals.mttr_minutes is None
    assert totals.penalty == totals.penalty_uncapped == 0
    assert totals.months == ()


def test_period_report_totals_and_monthly_cap() -> None:
    start, end = period_bounds(date(2026, 3, 1), date(2026, 4, 30), "Asia/Shanghai")
    march = datetime(2026, 3, 10, 9, 0, tzinfo=SH)
    april = datetime(2026, 4, 10, 9, 0, tzinfo=SH)

    def order(created: datetime, accept: float, resolve: float | None) -> list[SlaEvent]:
        events = [
            SlaEvent("created", created),
            SlaEvent("accepted", created + timedelta(minutes=accept)),
        ]
        if resolve is not None:
            events.append(SlaEvent("resolved", created + timedelta(minutes=resolve)))
        return events

    orders = [
        ("WO-1", order(march, 10, 100), terms()),  # fine
        ("WO-2", order(march, 40, 360), terms()),  # 120 min late: 500 + 200
        ("WO-3", order(march, 10, 600), terms()),  # 360 min late: 500 + 600
        ("WO-4", order(april, 10, 250), terms()),  # 10 min late: 500 + 100
        (
            "WO-5",
            [SlaEvent("created", march), SlaEvent("cancelled", march + timedelta(minutes=5))],
            terms(),
        ),
        ("WO-6", order(datetime(2026, 4, 30, 23, 0, tzinfo=SH), 10, None), terms()),  # open, fine
        ("WO-7", order(datetime(2026, 2, 1, 9, 0, tzinfo=SH), 10, 100), terms()),  # before
    ]
    report = period_report(
        orders, start=start, end=end, monthly_fee=Decimal(8000), cap_ratio=Decimal("0.1")
    )
    assert [row.key for row in report.rows] == ["WO-1", "WO-2", "WO-3", "WO-4"]
    totals = report.totals
    assert totals.count == 4
    assert totals.response_breaches == 1
    assert totals.resolution_breaches == totals.breaches == 3
    assert totals.response_compliance == 0.75
    assert totals.resolution_compliance == 0.25
    assert totals.mtta_minutes == (10 + 40 + 10 + 10) / 4
    assert totals.mttr_minutes == (100 + 360 + 600 + 250) / 4
    assert totals.mtta_wall_minutes == totals.mtta_minutes
    assert totals.penalty_uncapped == Decimal(700 + 1100 + 600)
    # March's 1800 is capped at 0.1 × 8000 = 800; April's 600 stays.
    assert [(m.month, m.uncapped, m.capped) for m in totals.months] == [
        (3, Decimal(1800), Decimal(800)),
        (4, Decimal(600), Decimal(600)),
    ]
    assert totals.penalty == Decimal(1400)
    uncapped = period_report(orders, start=start, end=end)
    assert uncapped.totals.penalty == uncapped.totals.penalty_uncapped == Decimal(2400)


def test_open_breach_is_charged_to_the_month_of_the_period_end() -> None:
    start, end = period_bounds(date(2026, 3, 1), date(2026, 3, 31), "Asia/Shanghai")
    events = [SlaEvent("created", datetime(2026, 3, 31, 9, 0, tzinfo=SH))]
    report = period_report([("WO", events, terms())], start=start, end=end)
    (row,) = report.rows
    assert in_population(row.clock, start, end)
    assert row.charge.months == ((((2026, 3), row.clock.penalty)),)
    assert [(m.year, m.month) for m in report.totals.months] == [(2026, 3)]


def test_cap_monthly() -> None:
    months = cap_monthly(
        [((2026, 1), Decimal(300)), ((2025, 12), Decimal(50)), ((2026, 1), Decimal(300))],
        monthly_fee=Decimal(1000),
        cap_ratio=Decimal("0.5"),
    )
    assert [(m.year, m.month, m.uncapped, m.capped) for m in months] == [
        (2025, 12, Decimal(50), Decimal(50)),
        (2026, 1, Decimal(600), Decimal(500)),
    ]
    assert cap_monthly([], monthly_fee=None, cap_ratio=None) == ()


def test_display_minutes() -> None:
    assert display_minutes(0) == 0
    assert display_minutes(90) == 1.5
    assert display_minutes(63) == 1.1  # 1.05 rounds half up
    assert display_minutes(62) == 1.0
    assert display_minutes(3599) == 60.0


def test_policy_in_force() -> None:
    v1, v2 = object(), object()
    versions = [(datetime(2026, 6, 1, tzinfo=SH), v2), (datetime(2026, 1, 1, tzinfo=SH), v1)]
    assert policy_in_force(versions, datetime(2026, 3, 1, tzinfo=SH)) is v1
    assert policy_in_force(versions, datetime(2026, 6, 1, tzinfo=SH)) is v2
    with pytest.raises(ValidationError, match="no SLA policy was in force on 2025"):
        policy_in_force(versions, datetime(2025, 3, 1, tzinfo=SH))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"response_minutes": 0}, "response_minutes must be a positive"),
        ({"resolution_minutes": -5}, "resolution_minutes must be a positive"),
        ({"warning_ratio": 1.5}, "warning_ratio must be above 0"),
        ({"penalty_per_hour": Decimal(-1)}, "penalties must not be negative"),
        ({"response_minutes": 0, "warning_ratio": 0}, "invalid SLA terms"),
    ],
)
def test_terms_are_validated(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        terms(**changes)


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([SlaEvent("accepted", T0)], "a history starts with exactly one created"),
        ([SlaEvent("assigned", T0)], "event 1 \\(assigned\\): a history starts with created"),
        ([SlaEvent("created", T0), SlaEvent("created", at(1))], "exactly one created"),
        ([SlaEvent("created", T0), SlaEvent("fixed", at(1))], 'unknown kind "fixed"'),
        ([SlaEvent("created", at(5)), SlaEvent("accepted", at(1))], "out of time order"),
        ([SlaEvent("created", datetime(2026, 3, 2, 9, 0))], "has no time zone offset"),
    ],
)
def test_bad_histories(events: list[SlaEvent], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        compute_clock(events, terms(), at(100))


def test_naive_as_of() -> None:
    with pytest.raises(ValidationError, match="as_of"):
        compute_clock(history(("created", 0)), terms(), datetime(2026, 3, 2, 9, 0))


def test_resolve_without_accept_stops_the_response_clock() -> None:
    clock = compute_clock(history(("created", 0), ("resolved", 50)), terms(), at(500))
    assert clock.response.seconds == 50 * 60
    assert isinstance(clock, SlaClock)


def test_an_event_that_moves_no_clock_changes_nothing() -> None:
    # An import may record an accept while on hold: the clocks stay paused until the resume.
    events = history(("created", 0), ("held", 10), ("accepted", 20), ("resumed", 50))
    clock = compute_clock(events, terms(), at(60))
    assert clock.response.seconds == 10 * 60
    assert clock.response.state == "stopped"
    assert clock.resolution.seconds == 20 * 60
    assert clock.resolution.wall_minutes == 20


# The report's fast path: (kind, microseconds since the epoch) pairs, the same figures.

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def as_us(events: list[SlaEvent]) -> list[tuple[str, int]]:
    return [(e.kind, (e.at - EPOCH) // timedelta(microseconds=1)) for e in events]


US_HISTORIES = [
    history(("created", 0), ("assigned", 1), ("accepted", 10), ("resolved", 100)),
    history(("created", 0), ("accepted", 10), ("held", 20), ("resumed", 80), ("resolved", 300)),
    history(("created", 0), ("resolved", 50), ("reopened", 200), ("resolved", 400)),
    history(("created", 0), ("resolved", 50), ("reopened", 200), ("closed", 900)),
    history(("created", 0), ("held", 5), ("cancelled", 9)),
    history(("created", 0), ("accepted", 45)),
    history(("created", 2000)),
    [
        SlaEvent("created", T0 + timedelta(microseconds=999_999)),
        SlaEvent("resolved", at(30) + timedelta(microseconds=123_456)),
    ],
]


@pytest.mark.parametrize("calendar", [ALWAYS, OFFICE])
@pytest.mark.parametrize("events", US_HISTORIES)
def test_microsecond_clock_matches_the_datetime_one(
    events: list[SlaEvent], calendar: BusinessCalendar
) -> None:
    for as_of in (at(0), at(60), at(350), at(1000), at(3000)):
        expected = compute_clock(events, terms(calendar), as_of)
        fast = compute_clock_us(as_us(events), terms(calendar), as_of)
        assert fast == expected
        if fast.resolved_at is not None:
            assert fast.resolved_at.tzinfo is UTC


def test_microsecond_report_matches_the_datetime_one() -> None:
    start, end = at(-60), at(360)
    orders = [
        (i, events, terms(OFFICE if i % 2 else ALWAYS)) for i, events in enumerate(US_HISTORIES)
    ]
    expected = period_report(
        orders, start=start, end=end, monthly_fee=Decimal(1000), cap_ratio=Decimal("0.5")
    )
    fast = period_report_us(
        [(i, as_us(events), t) for i, events, t in orders],
        start=start,
        end=end,
        monthly_fee=Decimal(1000),
        cap_ratio=Decimal("0.5"),
    )
    assert fast == expected
    assert fast.rows


def test_microsecond_clock_checks_the_history() -> None:
    with pytest.raises(ValidationError, match="out of time order"):
        compute_clock_us([("created", 5_000_000), ("accepted", 4_999_999)], terms(), at(1))
    with pytest.raises(ValidationError, match='unknown kind "fixed"'):
        compute_clock_us([("created", 0), ("fixed", 0)], terms(), at(1))


def test_earlier_problems_come_before_a_naive_time() -> None:
    naive = datetime(2026, 3, 2, 9, 0)
    events = [SlaEvent("created", at(5)), SlaEvent("accepted", at(1)), SlaEvent("resolved", naive)]
    with pytest.raises(ValidationError, match="event 2 \\(accepted\\): events are out of time"):
        compute_clock(events, terms(), at(10))
    events = [SlaEvent("created", at(0)), SlaEvent("closed", naive), SlaEvent("held", naive)]
    with pytest.raises(ValidationError, match="event 3 \\(held\\): time has no time zone offset"):
        compute_clock(events, terms(), at(10))
