"""Print business_seconds calls per second, cached calendar against a naive reference."""

from __future__ import annotations

import random
import sys
import time as clock
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ops_console.domain.calendar import BusinessCalendar, parse_hours

SPANS = {
    "minutes": (1, 120),
    "hours": (120, 24 * 60),
    "days": (24 * 60, 7 * 24 * 60),
    "weeks": (7 * 24 * 60, 42 * 24 * 60),
}


def naive_business_seconds(calendar: BusinessCalendar, start: datetime, end: datetime) -> int:
    """Walk local days one by one, intersecting each day's spans (the obvious implementation)."""
    total = 0
    tz = calendar.tz
    day = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date()
    while day <= last:
        for s, e in calendar.hours_on(day):
            a = datetime.combine(day, s, tz)
            b = datetime.combine(day + timedelta(days=1) if e == time(0) else day, e, tz)
            lo, hi = max(a.timestamp(), start.timestamp()), min(b.timestamp(), end.timestamp())
            if hi > lo:
                total += int(hi - lo)
        day += timedelta(days=1)
    return total


def rate(fn: Callable[[datetime, datetime], int], pairs: list[tuple[datetime, datetime]]) -> float:
    began = clock.perf_counter()
    for a, b in pairs:
        fn(a, b)
    return len(pairs) / (clock.perf_counter() - began)


def main() -> None:
    office = parse_hours(["08:30-12:00", "13:30-18:00"])
    calendar = BusinessCalendar(
        [office] * 5 + [(), ()],
        holidays={date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 5)},
        makeup_days={date(2026, 10, 10): 4},
    )
    always = BusinessCalendar.always()
    rnd = random.Random(4)
    base = datetime(2026, 1, 1, tzinfo=calendar.tz)
    print(f"{'span':<8} {'calendar':>14} {'24x7':>14} {'naive':>12} {'speed-up':>9}")
    for name, (low, high) in SPANS.items():
        pairs = []
        for _ in range(200_000):
            start = base + timedelta(seconds=rnd.randrange(0, 330 * 86400))
            pairs.append((start, start + timedelta(seconds=rnd.randrange(low * 60, high * 60))))
        for a, b in pairs[:2000]:  # same answers, and a warm cache, before timing
            assert calendar.business_seconds(a, b) == naive_business_seconds(calendar, a, b)
        fast = rate(calendar.business_seconds, pairs)
        plain = rate(always.business_seconds, pairs)
        naive = rate(lambda a, b: naive_business_seconds(calendar, a, b), pairs[:5000])
        print(
            f"{name:<8} {fast:>12,.0f}/s {plain:>12,.0f}/s {naive:>10,.0f}/s {fast / naive:>8.0f}x"
        )
    cold = BusinessCalendar([office] * 5 + [(), ()])
    began = clock.perf_counter()
    cold.business_seconds(base, base + timedelta(days=365))
    print(f"cold cache, one year span: {(clock.perf_counter() - began) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
