"""When preventive work falls due: every N days from a start, or monthly on a day of the month.

Pure dates, no clock: the caller passes today (in the community's time zone). A plan's due
dates are a fixed series; only the latest one on or before today is generated (a missed one
is not caught up), and the same due date is never generated twice (``preventive_runs``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MAX_EVERY_DAYS = 3660


@dataclass(frozen=True)
class Schedule:
    """Either ``every_days`` (1…3660) or ``day_of_month`` (1…31; 29–31 mean the month's
    last day in shorter months), counted from ``starts_on``."""

    starts_on: date
    every_days: int | None = None
    day_of_month: int | None = None

    def problem(self) -> str | None:
        """Say what is wrong with this schedule, or None."""
        if (self.every_days is None) == (self.day_of_month is None):
            return "schedule: either every N days or monthly on a day"
        if self.every_days is not None and not 1 <= self.every_days <= MAX_EVERY_DAYS:
            return "every_days: between 1 and 3660"
        if self.day_of_month is not None and not 1 <= self.day_of_month <= 31:
            return "day_of_month: between 1 and 31"
        return None

    def latest_due(self, today: date) -> date | None:
        """The latest due date on or before ``today`` (None before the first one)."""
        if self.every_days is not None:
            if today < self.starts_on:
                return None
            periods = (today - self.starts_on).days // self.every_days
            return self.starts_on + timedelta(days=periods * self.every_days)
        assert self.day_of_month is not None
        due = _in_month(today.year, today.month, self.day_of_month)
        if due > today:
            year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
            due = _in_month(year, month, self.day_of_month)
        return due if due >= self.starts_on else None

    def next_due(self, today: date) -> date:
        """The first due date after ``today`` (or the first one, before the plan starts)."""
        if self.every_days is not None:
            if today < self.starts_on:
                return self.starts_on
            latest = self.latest_due(today)
            assert latest is not None
            return latest + timedelta(days=self.every_days)
        assert self.day_of_month is not None
        day = max(today + timedelta(days=1), self.starts_on)
        due = _in_month(day.year, day.month, self.day_of_month)
        if due < day:
            year, month = (day.year, day.month + 1) if day.month < 12 else (day.year + 1, 1)
            due = _in_month(year, month, self.day_of_month)
        return due


def _in_month(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))
