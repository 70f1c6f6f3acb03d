"""Counters to per-second rates, with 32/64-bit wrap and reset (device restart) handling."""

from __future__ import annotations

from dataclasses import dataclass

WRAP_32 = 1 << 32
WRAP_64 = 1 << 64


@dataclass(frozen=True)
class RateOutcome:
    """A rate, or why there is none this time (first sample, reset, clock)."""

    rate: float | None
    problem: str | None = None


class CounterTracker:
    """Keeps the last raw value of every (device, metric, index) to turn counters into rates.

    A decrease is a wrap when the counter was in the upper half of its range and the implied
    increase stays below half the range; otherwise it is a reset (device restart, counter
    cleared), as is any decrease when the device's uptime went backwards. After a reset
    the rate resumes on the next poll.
    """

    def __init__(self) -> None:
        self._last: dict[tuple[int, str, str | None], tuple[int, float]] = {}
        self._uptime: dict[int, float] = {}

    def note_uptime(self, device_id: int, uptime_s: float | None) -> bool:
        """Record the device's uptime; return True when it restarted since the last poll."""
        if uptime_s is None:
            return False
        last = self._uptime.get(device_id)
        self._uptime[device_id] = uptime_s
        return last is not None and uptime_s < last

    def update(
        self,
        device_id: int,
        metric: str,
        index: str | None,
        raw: int,
        at: float,
        bits: int = 32,
        restarted: bool = False,
    ) -> RateOutcome:
        """Record ``raw`` read at monotonic time ``at`` and return the rate since the last one."""
        key = (device_id, metric, index)
        last = self._last.get(key)
        self._last[key] = (raw, at)
        if last is None:
            return RateOutcome(None, "first reading of a counter: the rate starts next poll")
        last_raw, last_at = last
        elapsed = at - last_at
        if elapsed <= 0:
            return RateOutcome(None, "no time elapsed since the last reading")
        if restarted:
            return RateOutcome(None, "device restarted (uptime went back): counter reset")
        delta = raw - last_raw
        if delta < 0:
            wrap = WRAP_64 if bits == 64 else WRAP_32
            wrapped = raw + wrap - last_raw
            if last_raw >= wrap // 2 and wrapped < wrap // 2:
                delta = wrapped
            else:
                return RateOutcome(None, f"counter went back from {last_raw} to {raw}: reset")
        return RateOutcome(delta / elapsed)

    def forget(self, device_id: int) -> None:
        """Drop a device's history (it was removed or re-addressed)."""
        for key in [k for k in self._last if k[0] == device_id]:
            del self._last[key]
        self._uptime.pop(device_id, None)
