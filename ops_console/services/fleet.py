"""The figures of the fleet that every screen and report shows alike: devices by health,
retired ones apart, and events counted per local day.

One function per figure: the dashboard, the Devices page and the availability report call
these, so their numbers agree (a retired device is in the inventory, never in a health figure).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

HEALTHS = ("up", "degraded", "down", "unknown")
RETIRED = "retired"


class _Device(Protocol):
    @property
    def community(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def health(self) -> str: ...


@dataclass(frozen=True)
class FleetHealth:
    """Devices by community and health; retired devices only counted apart.

    Attributes:
        by_community: per community, the devices in service or under maintenance by health.
        retired: per community, the retired devices (in no health figure).
    """

    by_community: dict[str, Counter[str]] = field(default_factory=dict)
    retired: dict[str, int] = field(default_factory=dict)

    def totals(self) -> Counter[str]:
        """Devices by health over every community."""
        out: Counter[str] = Counter()
        for counts in self.by_community.values():
            out.update(counts)
        return out

    @property
    def counted(self) -> int:
        """Devices in the health figures."""
        return sum(self.totals().values())

    @property
    def retired_total(self) -> int:
        return sum(self.retired.values())


def fleet_health(devices: Iterable[_Device], communities: Iterable[str] = ()) -> FleetHealth:
    """Count devices by community and health, retired ones apart.

    Args:
        devices: inventory rows (community, status, health).
        communities: names that appear even with no device.
    """
    by: dict[str, Counter[str]] = {c: Counter() for c in communities}
    retired: Counter[str] = Counter()
    for d in devices:
        if d.status == RETIRED:
            retired[d.community] += 1
            by.setdefault(d.community, Counter())
        else:
            by.setdefault(d.community, Counter())[d.health] += 1
    return FleetHealth(by, dict(retired))


def per_local_day(
    instants: Iterable[datetime | None], today: date, tz: tzinfo, days: int = 30
) -> tuple[list[date], list[int]]:
    """Count instants per local calendar day, for the ``days`` days ending ``today``.

    Instants are bucketed by their date in ``tz`` (the console's time zone), not in UTC:
    an alarm at 01:57 on 4 December in Shanghai is on the 4th. Naive instants are UTC
    (SQLite hands them back so).
    """
    first = today - timedelta(days=days - 1)
    counts: Counter[date] = Counter()
    for t in instants:
        if t is None:
            continue
        day = (t if t.tzinfo is not None else t.replace(tzinfo=UTC)).astimezone(tz).date()
        if first <= day <= today:
            counts[day] += 1
    xs = [first + timedelta(days=i) for i in range(days)]
    return xs, [counts.get(d, 0) for d in xs]
