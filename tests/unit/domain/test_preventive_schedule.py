"""Due dates of preventive plans: every N days, monthly on a day (short months), before start."""

from __future__ import annotations

from datetime import date

import pytest

from ops_console.domain.preventive import Schedule


def test_every_n_days_counts_from_the_start() -> None:
    s = Schedule(date(2026, 11, 2), every_days=7)
    assert s.latest_due(date(2026, 11, 1)) is None
    assert s.latest_due(date(2026, 11, 2)) == date(2026, 11, 2)
    assert s.latest_due(date(2026, 11, 15)) == date(2026, 11, 9)
    assert s.latest_due(date(2026, 11, 16)) == date(2026, 11, 16)
    assert s.next_due(date(2026, 11, 16)) == date(2026, 11, 23)
    assert s.next_due(date(2026, 10, 1)) == date(2026, 11, 2)


def test_monthly_on_a_day_falls_on_the_last_day_of_short_months() -> None:
    s = Schedule(date(2026, 1, 1), day_of_month=31)
    assert s.latest_due(date(2026, 2, 27)) == date(2026, 1, 31)
    assert s.latest_due(date(2026, 2, 28)) == date(2026, 2, 28)
    assert s.next_due(date(2026, 2, 28)) == date(2026, 3, 31)
    assert s.next_due(date(2026, 4, 1)) == date(2026, 4, 30)


def test_monthly_before_the_start_and_across_the_year() -> None:
    s = Schedule(date(2026, 11, 15), day_of_month=1)
    assert s.latest_due(date(2026, 11, 30)) is None  # 1 November is before the start
    assert s.latest_due(date(2026, 12, 1)) == date(2026, 12, 1)
    assert s.next_due(date(2026, 12, 1)) == date(2027, 1, 1)
    assert Schedule(date(2026, 1, 1), day_of_month=5).latest_due(date(2027, 1, 3)) == date(
        2026, 12, 5
    )


@pytest.mark.parametrize(
    ("every", "day", "problem"),
    [
        (None, None, "schedule: either every N days or monthly on a day"),
        (7, 1, "schedule: either every N days or monthly on a day"),
        (0, None, "every_days: between 1 and 3660"),
        (None, 32, "day_of_month: between 1 and 31"),
        (7, None, None),
    ],
)
def test_problems(every: int | None, day: int | None, problem: str | None) -> None:
    assert Schedule(date(2026, 1, 1), every, day).problem() == problem
