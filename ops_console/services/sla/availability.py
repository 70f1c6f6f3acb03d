"""Device availability over a period: (up + degraded) ÷ known time, maintenance windows left
out, from a device's health spans (integer arithmetic over intervals in microseconds)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ...db.repos import sla as repo

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class DeviceAvailability:
    """Availability of one device: (up + degraded) ÷ known time, maintenance excluded.

    Attributes:
        availability: None when no time is known.
        unknown_s: time with no health known (poller off, site cut off), never folded in.
    """

    asset_tag: str
    name: str
    category: str
    community_id: int
    up_s: int
    degraded_s: int
    down_s: int
    unknown_s: int
    maintenance_s: int
    availability: float | None


def micros(at: datetime) -> int:
    """An instant as integer microseconds since the epoch (exact)."""
    delta = at - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(i for i in intervals if i[1] > i[0]):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def outside(a: int, b: int, windows: list[tuple[int, int]]) -> int:
    """Microseconds of [a, b) outside the (merged) windows."""
    total = b - a
    for w0, w1 in windows:
        lo, hi = max(a, w0), min(b, w1)
        if hi > lo:
            total -= hi - lo
    return total


def device_availability(
    d: repo.AvailabilityDevice,
    spans: list[tuple[int, str, int, int | None]],
    windows: list[tuple[int, int]],
    start: int,
    end: int,
) -> DeviceAvailability:
    """A device's seconds in each health over [start, end) (epoch microseconds), outside its
    maintenance windows; time no span covers is unknown."""
    micros = {"up": 0, "degraded": 0, "down": 0, "unknown": 0}
    covered = 0
    maintenance = sum(b - a for a, b in windows) if end > start else 0
    for _dev, health, s0, s1 in spans:
        a = max(s0, start)
        b = min(end if s1 is None else s1, end)
        if b <= a:
            continue
        inside = outside(a, b, windows)
        covered += inside
        micros[health if health in micros else "unknown"] += inside
    total = outside(start, end, windows) if end > start else 0
    micros["unknown"] += max(0, total - covered)
    buckets = {k: v // 1_000_000 for k, v in micros.items()}
    maintenance //= 1_000_000
    known = buckets["up"] + buckets["degraded"] + buckets["down"]
    return DeviceAvailability(
        d.asset_tag,
        d.name,
        d.category_code,
        d.community_id,
        buckets["up"],
        buckets["degraded"],
        buckets["down"],
        buckets["unknown"],
        maintenance,
        (buckets["up"] + buckets["degraded"]) / known if known else None,
    )
