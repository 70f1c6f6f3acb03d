"""Tests of business calendars: parsing, holidays, make-up days, DST, business time."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from ops_console.domain.calendar import (
    BusinessCalendar,
    epoch_seconds,
    parse_date,
    parse_holidays,
    parse_hours,
    parse_makeup_days,
    parse_timezone,
    parse_weekday,
)
from ops_console.domain.errors import ValidationError

SH = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
OFFICE = parse_hours(["08:30-12:00", "13:30-18:00"])
WEEKDAY_SECONDS = (3 * 3600 + 30 * 60) + (4 * 3600 + 30 * 60)  # 8 h


def office(**kwargs: object) -> BusinessCalendar:
    return BusinessCalendar([OFFICE] * 5 + [(), ()], **kwargs)  # type: ignore[arg-type]


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SH)  # type: ignore[misc]


# -- parsing ------------------------------------------------------------------------------


def test_parse_hours() -> None:
    assert ((time(8, 30), time(12)), (time(13, 30), time(18))) == OFFICE
    assert parse_hours([]) == ()
    assert parse_hours(["13:30-18:00", "8:30-12:00"]) == OFFICE
    assert parse_hours(["00:00-24:00"]) == ((time(0), time(0)),)
    assert parse_hours(["08:00-12:00", "12:00-13:00"]) == (
        (time(8), time(12)),
        (time(12), time(13)),
    )


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["18:00-08:30"], 'calendar.mon\\[0\\]: "18:00-08:30" ends before it starts'),
        (["08:00-08:00"], "ends before it starts"),
        (
            ["25:00-26:00"],
            'calendar.mon\\[0\\]: "25:00-26:00" has a time that is not a time of day',
        ),
        (["08:00-25:00"], "not a time of day"),
        (["08:60-09:00"], "not a time of day"),
        (["24:00-24:00"], "not a time of day"),
        (["24:30-24:45"], "not a time of day"),
        (["8-12"], 'calendar.mon\\[0\\]: "8-12" is not a span of hours like "08:30-12:00"'),
        (["08:30 to 12:00"], "is not a span of hours"),
        ([830], "is not a span of hours"),
        (["08:00-12:00", "11:00-14:00"], 'calendar.mon: "08:00-12:00" and "11:00-14:00" overlap'),
        ("08:00-12:00", "calendar.mon: expected a list"),
    ],
)
def test_parse_hours_refuses(items: list[str], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_hours(items, where="calendar.mon")


def test_parse_hours_reports_every_problem() -> None:
    with pytest.raises(ValidationError) as info:
        parse_hours(["25:00-26:00", "x", "09:00-08:00"], where="calendar.tue")
    assert str(info.value).startswith("calendar.tue: 3 problems")
    assert len(info.value.problems) == 3
    assert all(p.startswith("calendar.tue[") for p in info.value.problems)


def test_parse_weekday() -> None:
    assert parse_weekday("fri") == 4
    assert parse_weekday(" Monday ") == 0
    assert parse_weekday("SUN") == 6
    with pytest.raises(ValidationError, match=r'makeup_days.2026-10-10: "xyz" is not a weekday'):
        parse_weekday("xyz", where="makeup_days.2026-10-10")
    with pytest.raises(ValidationError, match="is not a weekday"):
        parse_weekday(5)  # type: ignore[arg-type]


def test_parse_date() -> None:
    assert parse_date("2026-10-01") == date(2026, 10, 1)
    assert parse_date(date(2026, 1, 2)) == date(2026, 1, 2)  # type: ignore[arg-type]
    for bad in ("2026-13-01", "2026/10/01", "tomorrow", 20261001):
        with pytest.raises(ValidationError, match="is not a date"):
            parse_date(bad, where="calendar.holidays[0]")  # type: ignore[arg-type]


def test_parse_holidays_and_makeup_days() -> None:
    assert parse_holidays(["2026-10-01", "2026-10-02"]) == {date(2026, 10, 1), date(2026, 10, 2)}
    with pytest.raises(ValidationError, match=r"holidays\[1\]"):
        parse_holidays(["2026-10-01", "2026-10-32"])
    with pytest.raises(ValidationError, match="expected a list of dates"):
        parse_holidays("2026-10-01")
    with pytest.raises(ValidationError, match="2 problems"):
        parse_holidays(["x", "y"])
    assert parse_makeup_days({"2026-10-10": "fri"}) == {date(2026, 10, 10): 4}
    with pytest.raises(ValidationError, match=r'makeup_days.2026-10-10: "xyz" is not a weekday'):
        parse_makeup_days({"2026-10-10": "xyz"})
    with pytest.raises(ValidationError, match='makeup_days: "someday" is not a date'):
        parse_makeup_days({"someday": "fri"})
    with pytest.raises(ValidationError, match="expected a table"):
        parse_makeup_days(["2026-10-10"])  # type: ignore[arg-type]


def test_parse_timezone() -> None:
    assert parse_timezone("Europe/Berlin") == BERLIN
    with pytest.raises(
        ValidationError, match=r'contract.timezone: "Mars/Olympus" is not a known time zone'
    ):
        parse_timezone("Mars/Olympus", where="contract.timezone")


def test_from_mapping_like_a_contract_file() -> None:
    calendar = BusinessCalendar.from_mapping(
        {
            "name": "湖滨工作日",
            "mon": ["08:30-12:00", "13:30-18:00"],
            "fri": ["09:00-17:00"],
            "holidays": ["2026-10-01"],
            "makeup_days": {"2026-10-10": "fri"},
        }
    )
    assert calendar.hours_on(date(2026, 10, 5)) == OFFICE
    assert calendar.hours_on(date(2026, 10, 6)) == ()
    assert calendar.hours_on(date(2026, 10, 10)) == ((time(9), time(17)),)
    assert calendar.timezone == "Asia/Shanghai"
    berlin = BusinessCalendar.from_mapping({"mon": ["09:00-17:00"], "timezone": "Europe/Berlin"})
    assert berlin.tz == BERLIN


def test_from_mapping_reports_every_problem_with_its_place() -> None:
    with pytest.raises(ValidationError) as info:
        BusinessCalendar.from_mapping(
            {
                "mon": ["18:00-08:30"],
                "tue": ["25:00-26:00"],
                "holidays": ["2026-02-30"],
                "makeup_days": {"2026-10-10": "xyz"},
                "colour": "blue",
            }
        )
    problems = info.value.problems
    assert problems[0] == 'calendar: unknown key "colour"'
    assert any(p.startswith("calendar.mon[0]") for p in problems)
    assert any(p.startswith("calendar.tue[0]") for p in problems)
    assert any(p.startswith("calendar.holidays[0]") for p in problems)
    assert any(p.startswith("calendar.makeup_days.2026-10-10") for p in problems)
    with pytest.raises(ValidationError, match=r"calendar.wed: expected a list"):
        BusinessCalendar.from_mapping({"mon": ["08:00-09:00"], "wed": "08:00-09:00"})


def test_constructor_refusals() -> None:
    with pytest.raises(ValidationError, match="no working hours on any weekday"):
        BusinessCalendar([()] * 7)
    with pytest.raises(ValidationError, match="expected hours for 7 weekdays, got 5"):
        BusinessCalendar([OFFICE] * 5)
    with pytest.raises(ValidationError, match=r"calendar.tue: a span ends before it starts"):
        BusinessCalendar([OFFICE, ((time(18), time(8)),)] + [()] * 5)
    with pytest.raises(ValidationError, match=r"calendar.mon: working spans overlap"):
        BusinessCalendar([((time(8), time(12)), (time(11), time(13)))] + [()] * 6)
    with pytest.raises(ValidationError, match="2026-10-01 is both a holiday and a make-up"):
        office(holidays={date(2026, 10, 1)}, makeup_days={date(2026, 10, 1): 0})
    with pytest.raises(ValidationError, match="makeup_days: 2026-10-10 names no weekday"):
        office(makeup_days={date(2026, 10, 10): 7})
    with pytest.raises(ValidationError, match="24x7 calendar has no holidays"):
        BusinessCalendar(None, holidays={date(2026, 10, 1)})
    with pytest.raises(ValidationError, match="not a known time zone"):
        office(timezone="Nowhere/Town")


def test_equality_hash_and_repr() -> None:
    assert office() == office()
    assert hash(office()) == hash(office())
    assert office() != office(holidays={date(2026, 10, 1)})
    assert office() != BusinessCalendar.always()
    assert office() != "office"
    assert repr(BusinessCalendar.always("UTC")) == "BusinessCalendar.always('UTC')"
    assert "holidays=1 days" in repr(office(holidays={date(2026, 10, 1)}))
    assert BusinessCalendar.always().hours_on(date(2026, 1, 1)) == ((time(0), time(0)),)


# -- business time ------------------------------------------------------------------------


def test_24x7_is_plain_subtraction() -> None:
    calendar = BusinessCalendar.always()
    start = sh(2026, 10, 1, 23, 0)
    assert calendar.business_seconds(start, start + timedelta(days=3, seconds=7)) == 3 * 86400 + 7
    assert calendar.business_seconds(start, start) == 0
    assert calendar.business_seconds(start, start - timedelta(hours=1)) == 0
    assert calendar.add_business_seconds(start, 90) == start + timedelta(seconds=90)
    assert list(calendar.working_intervals(start, start + timedelta(hours=2))) == [
        (start, start + timedelta(hours=2))
    ]
    assert list(calendar.working_intervals(start, start)) == []


def test_working_day_overlap() -> None:
    calendar = office()
    monday = sh(2026, 3, 2, 0, 0)
    assert calendar.business_seconds(monday, monday + timedelta(days=1)) == WEEKDAY_SECONDS
    assert calendar.business_seconds(sh(2026, 3, 2, 11, 0), sh(2026, 3, 2, 14, 0)) == 3600 + 1800
    assert calendar.business_seconds(sh(2026, 3, 2, 12, 0), sh(2026, 3, 2, 13, 30)) == 0
    # Friday 17:00 to Monday 09:00: one hour on Friday, 30 minutes on Monday.
    assert calendar.business_seconds(sh(2026, 3, 6, 17, 0), sh(2026, 3, 9, 9, 0)) == 5400
    # A whole week, and a long span, exactly.
    assert calendar.business_seconds(monday, monday + timedelta(weeks=1)) == 5 * WEEKDAY_SECONDS
    assert calendar.business_seconds(monday, monday + timedelta(weeks=10)) == 50 * WEEKDAY_SECONDS
    # Same instant written in another zone.
    utc_start = sh(2026, 3, 2, 11, 0).astimezone(UTC)
    assert calendar.business_seconds(utc_start, sh(2026, 3, 2, 14, 0)) == 5400
    # Sub-second parts are truncated.
    assert (
        calendar.business_seconds(
            sh(2026, 3, 2, 9, 0).replace(microsecond=999_999), sh(2026, 3, 2, 9, 0, 1)
        )
        == 1
    )


def test_holidays_and_makeup_days() -> None:
    calendar = office(
        holidays={date(2026, 10, 1), date(2026, 10, 2)},
        makeup_days={date(2026, 10, 10): 4},
    )
    # Thu 1 Oct and Fri 2 Oct are off.
    assert calendar.business_seconds(sh(2026, 10, 1, 0, 0), sh(2026, 10, 3, 0, 0)) == 0
    # Saturday 10 Oct is worked with Friday's hours.
    assert (
        calendar.business_seconds(sh(2026, 10, 10, 0, 0), sh(2026, 10, 11, 0, 0)) == WEEKDAY_SECONDS
    )
    assert calendar.hours_on(date(2026, 10, 10)) == OFFICE
    assert calendar.hours_on(date(2026, 10, 11)) == ()
    # Wed 30 Sep 17:00 → the next working instant is Mon 5 Oct 08:30.
    assert calendar.add_business_seconds(sh(2026, 9, 30, 17, 0), 3600 + 60) == sh(
        2026, 10, 5, 8, 31
    )


def test_add_business_seconds() -> None:
    calendar = office()
    start = sh(2026, 3, 2, 11, 0)
    assert calendar.add_business_seconds(start, 0) == start
    # Exactly the morning's end: the deadline is 12:00, not 13:30.
    assert calendar.add_business_seconds(start, 3600) == sh(2026, 3, 2, 12, 0)
    assert calendar.add_business_seconds(start, 5400) == sh(2026, 3, 2, 14, 0)
    assert calendar.add_business_seconds(sh(2026, 3, 2, 12, 0), 1) == sh(2026, 3, 2, 13, 30, 1)
    # From outside hours, the clock starts at the next opening.
    saturday = sh(2026, 3, 7, 10, 0)
    assert calendar.add_business_seconds(saturday, 0) == saturday
    assert calendar.add_business_seconds(saturday, 60) == sh(2026, 3, 9, 8, 31)
    # Far ahead: ten weeks of working time.
    monday = sh(2026, 3, 2, 8, 30)
    later = calendar.add_business_seconds(monday, 50 * WEEKDAY_SECONDS)
    assert later == sh(2026, 5, 8, 18, 0)
    assert calendar.add_business_seconds(start, 60).tzinfo is SH
    with pytest.raises(ValidationError, match="must not be negative"):
        calendar.add_business_seconds(start, -1)


def test_queries_far_back_then_forward_then_back() -> None:
    calendar = office()
    assert calendar.business_seconds(sh(2026, 3, 2, 0, 0), sh(2026, 3, 3, 0, 0)) == WEEKDAY_SECONDS
    assert calendar.business_seconds(sh(2024, 3, 4, 0, 0), sh(2024, 3, 5, 0, 0)) == WEEKDAY_SECONDS
    assert calendar.business_seconds(sh(2028, 3, 6, 0, 0), sh(2028, 3, 7, 0, 0)) == WEEKDAY_SECONDS
    assert (
        calendar.business_seconds(sh(2024, 3, 4, 0, 0), sh(2024, 3, 11, 0, 0))
        == 5 * WEEKDAY_SECONDS
    )


def test_epoch_at_is_the_inverse_of_position() -> None:
    calendar = office()
    fresh = office()
    monday = epoch_seconds(sh(2026, 3, 2, 8, 30))
    position = calendar.position(monday + 60)
    assert calendar.epoch_at(position) == monday + 60
    # A fresh calendar finds positions however the cache has grown.
    assert fresh.epoch_at(fresh.position(monday + 60) - 10 * WEEKDAY_SECONDS) == epoch_seconds(
        sh(2026, 2, 16, 8, 31)
    )
    always = BusinessCalendar.always()
    assert always.epoch_at(100) == 100
    assert always.epoch_at(100, not_before=200) == 200
    assert always.position(123) == 123
    sparse = BusinessCalendar.from_mapping({"mon": ["09:00-10:00"]})
    first = sparse.epoch_at(0)  # a fresh calendar: the cache grows backwards to find it
    assert sparse.position(first) >= 0 > sparse.position(first - 1)


def test_working_intervals_merge_across_midnight() -> None:
    night = parse_hours(["20:00-24:00"])
    early = parse_hours(["00:00-06:00", "20:00-24:00"])
    calendar = BusinessCalendar([night, early, early, early, early, (), ()])
    intervals = list(calendar.working_intervals(sh(2026, 3, 2, 0, 0), sh(2026, 3, 4, 0, 0)))
    assert intervals == [
        (sh(2026, 3, 2, 20, 0), sh(2026, 3, 3, 6, 0)),
        (sh(2026, 3, 3, 20, 0), sh(2026, 3, 4, 0, 0)),
    ]
    clipped = list(office().working_intervals(sh(2026, 3, 2, 9, 0), sh(2026, 3, 2, 14, 0)))
    assert clipped == [
        (sh(2026, 3, 2, 9, 0), sh(2026, 3, 2, 12, 0)),
        (sh(2026, 3, 2, 13, 30), sh(2026, 3, 2, 14, 0)),
    ]
    assert list(office().working_intervals(sh(2026, 3, 7, 0, 0), sh(2026, 3, 8, 0, 0))) == []
    assert list(office().working_intervals(sh(2026, 3, 8, 0, 0), sh(2026, 3, 7, 0, 0))) == []


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 3, 2, 9, 0)
    for calendar in (office(), BusinessCalendar.always()):
        with pytest.raises(ValidationError, match="time zone offset"):
            calendar.business_seconds(naive, sh(2026, 3, 2, 10, 0))
        with pytest.raises(ValidationError, match="time zone offset"):
            calendar.add_business_seconds(naive, 10)
    with pytest.raises(ValidationError, match="start: 2026-03-02T09:00:00 has no time zone offset"):
        list(office().working_intervals(naive, sh(2026, 3, 2, 10, 0)))


# -- DST ----------------------------------------------------------------------------------


def berlin(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=BERLIN, fold=fold)  # type: ignore[misc]


def test_dst_whole_days_are_23_and_25_hours() -> None:
    always_local = BusinessCalendar([parse_hours(["00:00-24:00"])] * 7, timezone="Europe/Berlin")
    assert (
        always_local.business_seconds(berlin(2026, 3, 29, 0, 0), berlin(2026, 3, 30, 0, 0))
        == 23 * 3600
    )
    assert (
        always_local.business_seconds(berlin(2026, 10, 25, 0, 0), berlin(2026, 10, 26, 0, 0))
        == 25 * 3600
    )
    assert (
        always_local.business_seconds(berlin(2026, 7, 1, 0, 0), berlin(2026, 7, 2, 0, 0))
        == 24 * 3600
    )


def test_dst_working_hours_keep_their_local_times() -> None:
    calendar = BusinessCalendar([OFFICE] * 7, timezone="Europe/Berlin")
    for day in (date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30), date(2026, 10, 25)):
        start = datetime.combine(day, time(0), BERLIN)
        assert calendar.business_seconds(start, start + timedelta(hours=30)) == WEEKDAY_SECONDS
    # The deadline one hour after Saturday's close lands at Sunday 09:30 local (summer time).
    assert calendar.add_business_seconds(berlin(2026, 3, 28, 18, 0), 3600) == berlin(
        2026, 3, 29, 9, 30
    )


def test_dst_hours_inside_the_skipped_and_repeated_hour() -> None:
    night = parse_hours(["01:30-03:30"])
    calendar = BusinessCalendar([night] * 7, timezone="Europe/Berlin")
    # Spring: 02:00–03:00 does not exist, so 01:30–03:30 lasts one hour.
    assert calendar.business_seconds(berlin(2026, 3, 29, 0, 0), berlin(2026, 3, 29, 12, 0)) == 3600
    # Autumn: 02:00–03:00 happens twice, so 01:30–03:30 lasts three hours.
    assert (
        calendar.business_seconds(berlin(2026, 10, 25, 0, 0), berlin(2026, 10, 25, 12, 0))
        == 3 * 3600
    )
    repeated = BusinessCalendar([parse_hours(["02:15-02:45"])] * 7, timezone="Europe/Berlin")
    day = (berlin(2026, 10, 25, 0, 0), berlin(2026, 10, 25, 12, 0))
    assert repeated.business_seconds(*day) == 3600
    assert list(repeated.working_intervals(*day)) == [
        (berlin(2026, 10, 25, 2, 15), berlin(2026, 10, 25, 2, 45)),
        (berlin(2026, 10, 25, 2, 15, fold=1), berlin(2026, 10, 25, 2, 45, fold=1)),
    ]


def test_a_shared_calendar_from_several_threads() -> None:
    calendar = office()
    results: list[int] = []

    def work(year: int) -> None:
        start = sh(year, 3, 2, 0, 0)
        results.append(calendar.business_seconds(start, start + timedelta(days=7)))

    threads = [threading.Thread(target=work, args=(2020 + i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert all(r % WEEKDAY_SECONDS == 0 and r >= 4 * WEEKDAY_SECONDS for r in results)


def test_epoch_seconds() -> None:
    assert epoch_seconds(datetime(1970, 1, 1, 0, 0, 5, 999_999, tzinfo=UTC)) == 5
    with pytest.raises(ValidationError, match="at: 2026-01-01T00:00:00 has no time zone offset"):
        epoch_seconds(datetime(2026, 1, 1), where="at")
