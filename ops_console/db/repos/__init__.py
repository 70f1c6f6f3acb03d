"""Queries, one module per area: services call these instead of building SQL.

What a query returns to the services is an ORM object, a plain value or a named row (a
``NamedTuple`` defined beside the query), never an untyped ``Row``.
"""

from __future__ import annotations

from datetime import UTC, datetime


def sqlite_instant(instant: datetime) -> str:
    """An instant in ``UTCDateTime``'s stored form on SQLite (naive UTC,
    "YYYY-MM-DD HH:MM:SS.ffffff"), for driver-level statements."""
    if instant.tzinfo is not UTC:
        instant = instant.astimezone(UTC)
    return instant.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
