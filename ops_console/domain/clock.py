"""Clocks: services take the time as a parameter; these supply it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

# The IANA time zone of whatever has none of its own: a community, contract or business
# calendar created without one, and the console's local dates and times (the day a certificate
# expires, a date typed into a dialog). Stored rows keep the zone they were created with.
DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_ZONE = ZoneInfo(DEFAULT_TIMEZONE)


class Clock(Protocol):
    """Something that tells the current instant as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real wall clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock for tests and replays: stays put until advanced."""

    current: datetime = field(default_factory=lambda: datetime(2026, 11, 2, 9, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs: float) -> datetime:
        self.current = self.current + timedelta(**kwargs)
        return self.current
