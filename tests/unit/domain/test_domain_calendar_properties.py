"""Property tests: business time equals a brute-force minute count on random calendars."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ops_console.domain.calendar import BusinessCalendar, Span

# DST-free, DST with a 1 h and with a 30 min shift, and a zone east of UTC by 13 h.
ZONES = [
    "Asia/Shanghai",
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Tongatapu",
]
# Around the 2026 DST changes of both hemispheres.
BASES = [
    datetime(2026, 3, 20, tzinfo=UTC),
    datetime(2026, 10, 20, tzinfo=UTC),
    datetime(2026, 3, 28, tzinfo=UTC),
]


def minute_time(minute: int) -> time:
    return time(0) if minute == 1440 else time(minute // 60, minute % 60)


@st.composite
def day_hours(draw: st.DrawFn) -> tuple[Span, ...]:
    cuts = draw(
        st.lists(st.integers(0, 1440 // 15), min_size=0, max_size=6, unique=True).map(sorted)
    )
    cuts = [c * 15 for c in cuts[: len(cuts) // 2 * 2]]
    return tuple((minute_time(cuts[i]), minute_time(cuts[i + 1])) for i in range(0, len(cuts), 2))


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    week = [draw(day_hours()) for _ in range(7)]
    if not any(week):
        week[draw(st.integers(0, 6))] = ((time(9), time(17)),)
    days = [date(2026, 3, 15) + timedelta(days=i) for i in range(30)] + [
        date(2026, 10, 15) + timedelta(days=i) for i in range(30)
    ]
    holidays = draw(st.sets(st.sampled_from(days), max_size=6))
    makeup = draw(st.dictionaries(st.sampled_from(days), st.integers(0, 6), max_size=4))
    makeup = {d: w for d, w in makeup.items() if d not in holidays}
    return BusinessCalendar(
        week, holidays=holidays, makeup_days=makeup, timezone=draw(st.sampled_from(ZONES))
    )


def brute_force(calendar: BusinessCalendar, start: datetime, end: datetime) -> int:
    """Count working minutes one by one: is the local wall time inside its date's hours?"""
    total = 0
    hours: dict[date, list[tuple[int, int]]] = {}
    moment = int(start.timestamp())
    stop = int(end.timestamp())
    while moment < stop:
        local = datetime.fromtimestamp(moment, calendar.tz)
        day = local.date()
        if day not in hours:
            # Deliberately independent of the calendar's own lookup.
            weekday = calendar.makeup_days.get(day, day.weekday())
            spans = () if day in calendar.holidays else calendar.week[weekday]
            hours[day] = [
                (s.hour * 60 + s.minute, (e.hour * 60 + e.minute) or 1440) for s, e in spans
            ]
        minute = local.hour * 60 + local.minute
        if any(s <= minute < e for s, e in hours[day]):
            total += 60
        moment += 60
    return total


intervals = st.tuples(
    st.sampled_from(BASES), st.integers(0, 25 * 1440), st.integers(0, 20 * 1440)
).map(lambda t: (t[0] + timedelta(minutes=t[1]), t[0] + timedelta(minutes=t[1] + t[2])))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calendar=calendars(), interval=intervals)
def test_business_seconds_equals_a_minute_by_minute_count(
    calendar: BusinessCalendar, interval: tuple[datetime, datetime]
) -> None:
    start, end = interval
    expected = brute_force(calendar, start, end)
    assert calendar.business_seconds(start, end) == expected
    assert calendar.business_seconds(start.astimezone(calendar.tz), end) == expected
    pieces = list(calendar.working_intervals(start, end))
    assert sum(int(b.timestamp() - a.timestamp()) for a, b in pieces) == expected


@settings(max_examples=200, deadline=None)
@given(
    calendar=calendars(),
    interval=intervals,
    fraction=st.floats(0, 1),
    seconds=st.integers(0, 59),
)
def test_add_business_seconds_inverts_business_seconds(
    calendar: BusinessCalendar,
    interval: tuple[datetime, datetime],
    fraction: float,
    seconds: int,
) -> None:
    start, end = interval
    start += timedelta(seconds=seconds)
    available = calendar.business_seconds(start, end)
    amount = int(available * fraction)
    deadline = calendar.add_business_seconds(start, amount)
    assert deadline >= start
    assert calendar.business_seconds(start, deadline) == amount
    if amount:
        # The earliest such instant: one second earlier is not enough.
        assert calendar.business_seconds(start, deadline - timedelta(seconds=1)) == amount - 1
    else:
        assert deadline == start
