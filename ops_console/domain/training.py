"""Certification validity: expiry dates, status on a date, and who is certified for what."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ops_console.domain.errors import ValidationError

DEFAULT_WARNING_DAYS = 30


class CertStatus(StrEnum):
    """Where a certification stands on a date, from best to worst: valid … missing."""

    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    MISSING = "missing"


_RANK = {CertStatus.VALID: 3, CertStatus.EXPIRING: 2, CertStatus.EXPIRED: 1, CertStatus.MISSING: 0}


@dataclass(frozen=True, slots=True)
class Course:
    """A training course.

    Attributes:
        code: the course code.
        categories: device category codes it certifies for.
        validity_months: how long a completion is valid; None = never expires.
    """

    code: str
    categories: frozenset[str]
    validity_months: int | None = None

    def __post_init__(self) -> None:
        if self.validity_months is not None and self.validity_months <= 0:
            raise ValidationError.of(
                "course {code}: validity must be a positive number of months", code=self.code
            )


@dataclass(frozen=True, slots=True)
class TrainingRecord:
    """A completion of a course by a staff member.

    Attributes:
        course_code: the course completed.
        completed_on: the completion date.
        expires_on: the first day it is no longer valid; None = never expires.
    """

    course_code: str
    completed_on: date
    expires_on: date | None

    @classmethod
    def for_course(cls, course: Course, completed_on: date) -> TrainingRecord:
        """Return the record of completing ``course`` on a date, with its expiry computed."""
        return cls(course.code, completed_on, expiry_date(completed_on, course.validity_months))


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later, clamped to the month's end (Jan 31 + 1 = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def expiry_date(completed_on: date, validity_months: int | None) -> date | None:
    """Return when a completion stops being valid: completed on + validity months.

    The certification is valid up to the day before this date. None when it never expires.
    """
    if validity_months is None:
        return None
    return add_months(completed_on, validity_months)


def status_on(
    record: TrainingRecord | None,
    today: date,
    *,
    warning_days: int = DEFAULT_WARNING_DAYS,
) -> CertStatus:
    """Return a record's status on ``today``.

    A record is missing when absent or completed after ``today``; expired from its
    ``expires_on``; expiring when it expires within ``warning_days`` days; else valid.
    """
    if record is None or record.completed_on > today:
        return CertStatus.MISSING
    if record.expires_on is None:
        return CertStatus.VALID
    if today >= record.expires_on:
        return CertStatus.EXPIRED
    if record.expires_on - today <= timedelta(days=warning_days):
        return CertStatus.EXPIRING
    return CertStatus.VALID


def best_status(
    records: Iterable[TrainingRecord],
    today: date,
    *,
    warning_days: int = DEFAULT_WARNING_DAYS,
) -> CertStatus:
    """Return the best status among several records (e.g. one course taken several times)."""
    best = CertStatus.MISSING
    for record in records:
        status = status_on(record, today, warning_days=warning_days)
        if _RANK[status] > _RANK[best]:
            best = status
    return best


def is_valid(status: CertStatus) -> bool:
    """Whether a status allows work: valid or expiring (not yet expired)."""
    return status in (CertStatus.VALID, CertStatus.EXPIRING)


def status_for_category(
    category: str,
    records: Iterable[TrainingRecord],
    courses: Mapping[str, Course],
    today: date,
    *,
    warning_days: int = DEFAULT_WARNING_DAYS,
) -> CertStatus:
    """Return a staff member's best status for a device category.

    Args:
        category: the device category code.
        records: the staff member's training records.
        courses: the courses by code (records of unknown courses certify nothing).
        today: the date to judge on.
        warning_days: how many days ahead counts as expiring.
    """
    relevant = (
        r
        for r in records
        if r.course_code in courses and category in courses[r.course_code].categories
    )
    return best_status(relevant, today, warning_days=warning_days)


def is_certified_for(
    category: str,
    records: Iterable[TrainingRecord],
    courses: Mapping[str, Course],
    today: date,
) -> bool:
    """Whether a staff member holds a valid (unexpired) certification for a device category."""
    return is_valid(status_for_category(category, records, courses, today))


def expiring_within(
    records: Iterable[TrainingRecord], today: date, days: int
) -> list[TrainingRecord]:
    """Return the records still valid on ``today`` that expire within ``days`` days, soonest first."""
    horizon = today + timedelta(days=days)
    found = [
        r
        for r in records
        if r.expires_on is not None and r.completed_on <= today < r.expires_on <= horizon
    ]
    return sorted(found, key=lambda r: (r.expires_on or today, r.course_code))
