"""Tests of certification validity."""

from __future__ import annotations

from datetime import date

import pytest

from ops_console.domain.errors import ValidationError
from ops_console.domain.training import (
    CertStatus,
    Course,
    TrainingRecord,
    add_months,
    best_status,
    expiring_within,
    expiry_date,
    is_certified_for,
    is_valid,
    status_for_category,
    status_on,
)

GATES = Course("ACC-101", frozenset({"access_gate"}), 12)
CAMERAS = Course("CAM-201", frozenset({"camera", "network"}), 24)
SAFETY = Course("SAFE-001", frozenset(), None)
COURSES = {c.code: c for c in (GATES, CAMERAS, SAFETY)}


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), 12, date(2027, 3, 31)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
        (date(2026, 12, 1), 0, date(2026, 12, 1)),
    ],
)
def test_add_months_clamps_to_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_expiry_date() -> None:
    assert expiry_date(date(2026, 2, 28), 12) == date(2027, 2, 28)
    assert expiry_date(date(2026, 2, 28), None) is None
    record = TrainingRecord.for_course(GATES, date(2025, 1, 31))
    assert record == TrainingRecord("ACC-101", date(2025, 1, 31), date(2026, 1, 31))


def test_course_validity_must_be_positive() -> None:
    with pytest.raises(ValidationError, match="course X: validity must be a positive"):
        Course("X", frozenset(), 0)


def test_status_on_a_date() -> None:
    record = TrainingRecord("ACC-101", date(2025, 6, 1), date(2026, 6, 1))
    assert status_on(record, date(2026, 1, 1)) is CertStatus.VALID
    assert status_on(record, date(2026, 5, 1)) is CertStatus.VALID  # 31 days left
    assert status_on(record, date(2026, 5, 2)) is CertStatus.EXPIRING  # 30 days left
    assert status_on(record, date(2026, 5, 31)) is CertStatus.EXPIRING
    assert status_on(record, date(2026, 6, 1)) is CertStatus.EXPIRED
    assert status_on(record, date(2026, 4, 1), warning_days=90) is CertStatus.EXPIRING
    assert status_on(None, date(2026, 1, 1)) is CertStatus.MISSING
    assert status_on(record, date(2025, 5, 31)) is CertStatus.MISSING  # not yet completed
    forever = TrainingRecord("SAFE-001", date(2020, 1, 1), None)
    assert status_on(forever, date(2040, 1, 1)) is CertStatus.VALID


def test_best_status() -> None:
    today = date(2026, 5, 15)
    old = TrainingRecord("ACC-101", date(2024, 1, 1), date(2025, 1, 1))
    soon = TrainingRecord("ACC-101", date(2025, 6, 1), date(2026, 6, 1))
    fresh = TrainingRecord("ACC-101", date(2026, 5, 1), date(2027, 5, 1))
    assert best_status([], today) is CertStatus.MISSING
    assert best_status([old], today) is CertStatus.EXPIRED
    assert best_status([old, soon], today) is CertStatus.EXPIRING
    assert best_status([soon, old, fresh], today) is CertStatus.VALID
    assert is_valid(CertStatus.EXPIRING) and is_valid(CertStatus.VALID)
    assert not is_valid(CertStatus.EXPIRED) and not is_valid(CertStatus.MISSING)


def test_certified_for_a_category() -> None:
    today = date(2026, 5, 15)
    records = [
        TrainingRecord("ACC-101", date(2024, 1, 1), date(2025, 1, 1)),
        TrainingRecord("CAM-201", date(2025, 1, 1), date(2027, 1, 1)),
        TrainingRecord("UNKNOWN", date(2026, 1, 1), None),
    ]
    assert is_certified_for("camera", records, COURSES, today)
    assert is_certified_for("network", records, COURSES, today)
    assert not is_certified_for("access_gate", records, COURSES, today)
    assert not is_certified_for("smart_bin", records, COURSES, today)
    assert status_for_category("access_gate", records, COURSES, today) is CertStatus.EXPIRED
    assert status_for_category("smart_bin", records, COURSES, today) is CertStatus.MISSING
    renewed = [*records, TrainingRecord.for_course(GATES, date(2026, 5, 1))]
    assert is_certified_for("access_gate", renewed, COURSES, today)


def test_expiring_within() -> None:
    today = date(2026, 5, 15)
    a = TrainingRecord("ACC-101", date(2025, 6, 1), date(2026, 6, 1))
    b = TrainingRecord("CAM-201", date(2024, 5, 20), date(2026, 5, 20))
    expired = TrainingRecord("ACC-101", date(2024, 1, 1), date(2025, 1, 1))
    far = TrainingRecord("CAM-201", date(2026, 1, 1), date(2028, 1, 1))
    forever = TrainingRecord("SAFE-001", date(2020, 1, 1), None)
    assert expiring_within([a, b, expired, far, forever], today, 30) == [b, a]
    assert expiring_within([a, b], today, 10) == [b]
