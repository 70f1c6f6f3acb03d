"""Clocks: services take the time as a parameter; these supply it."""

from __future__ import annotations

import time
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


class FastClock:
    """A clock that runs ``speed`` times faster than the wall clock from ``start``.

    Simulated time for demos and tests: the demo's agent, the poller's scheduler and the
    services read one FastClock, so a fault scripted for minute 10 and the polls that see it
    agree. ``monotonic()`` is the scheduler's clock: simulated seconds since the start.
    """

    def __init__(self, start: datetime | None = None, speed: float = 1.0) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._perf = time.perf_counter
        self.start = start if start is not None else datetime.now(UTC)
        self.speed = speed
        self._t0 = self._perf()

    def monotonic(self) -> float:
        """Simulated seconds since ``start``."""
        return (self._perf() - self._t0) * self.speed

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.monotonic())
