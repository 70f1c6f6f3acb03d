"""The ranges every number and date the console accepts must fall in.

Inputs outside them are refused with one clear line before anything is written, instead of
overflowing a date, a database integer or a decimal column further down: years 2000–2100,
money finite, not negative, at most two decimals and below a trillion, durations within a
year, record ids within a 63-bit integer.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from .errors import ValidationError

YEAR_MIN, YEAR_MAX = 2000, 2100
MONEY_MAX = Decimal("999999999999.99")  # Numeric(14, 2): the widest money column
QUANTITY_MAX = Decimal("99999999.99")  # Numeric(10, 2)
RATIO_MAX = Decimal("99.9999")  # Numeric(6, 4)
MINUTES_MAX = 366 * 24 * 60  # a duration within a year
DAYS_MAX = 3660  # a look-ahead of up to ten years (certificates run for years)
ID_MAX = 2**63 - 1  # a database's BIGINT

D = TypeVar("D", bound=date)  # a date or a datetime


def check_year(day: D, where: str) -> D:
    """Return ``day`` (a date or datetime) when its year is 2000–2100; else refuse it."""
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise ValidationError.of(
            "{where}: {value}: the year must be between {low} and {high}",
            where=where,
            value=day.isoformat(),
            low=YEAR_MIN,
            high=YEAR_MAX,
        )
    return day


def decimal(value: object, where: str, *, high: Decimal = MONEY_MAX, places: int = 2) -> Decimal:
    """Return ``value`` as a finite decimal from 0 to ``high`` with at most ``places`` decimals.

    Raises:
        ValidationError: not a number, infinite or NaN, negative, too large or too precise.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValidationError.of(
            "{where}: expected a number, got {value}", where=where, value=repr(value)
        )
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError.of(
            "{where}: {value} is not a number", where=where, value=repr(value)
        ) from None
    if not number.is_finite():
        raise ValidationError.of(
            "{where}: {value} is not a finite number", where=where, value=str(value)
        )
    if number < 0:
        raise ValidationError.of("{where}: must not be negative", where=where)
    if number > high:
        raise ValidationError.of(
            "{where}: {value} is out of range (0 to {high})",
            where=where,
            value=str(value),
            high=high,
        )
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValidationError.of(
            "{where}: {value} has more than {places} decimals",
            where=where,
            value=str(value),
            places=places,
        )
    return number


def whole(value: int, where: str, low: int, high: int) -> int:
    """Return ``value`` when it is a whole number from ``low`` to ``high``; else refuse it."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValidationError.of(
            "{where}: {value} is out of range ({low} to {high})",
            where=where,
            value=repr(value),
            low=low,
            high=high,
        )
    return value
