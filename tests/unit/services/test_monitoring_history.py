"""Rollups (5-minute, hourly min/avg/max), pruning past retention, chart history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ops_console.db.repos import monitoring as repo
from ops_console.domain.errors import NotFound, ValidationError
from ops_console.polling.results import PollResult, Sample
from ops_console.services.monitoring import floor_to
from ops_console.services.monitoring.history import Retention

from .test_monitoring import fleet  # noqa: F401  (fixture)

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)


def fill(dev, at, value):
    return PollResult(dev, True, at, samples=(Sample("fill_level", float(value)),))


def feed(services, dev, start, minutes, value_of):
    services.monitoring.store_results(
        [fill(dev, start + timedelta(minutes=m), value_of(m)) for m in range(minutes)]
    )


def test_rollups_five_minutes_and_hourly(services, admin, clock, fleet):  # noqa: F811
    b = fleet["HB-BIN-001"]
    feed(services, b, T0, 120, lambda m: m)  # one sample a minute for two hours, value = minute
    n = services.monitoring.rollup(T0 + timedelta(hours=2, minutes=2))
    assert n == 24 + 2
    h = services.monitoring.metric_history(
        admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=2), max_points=30
    )
    assert h.resolution_s == 300 and len(h.points) == 24
    first = h.points[0]
    assert (first.ts, first.min, first.avg, first.max, first.count) == (T0, 0, 2, 4, 5)
    hourly = services.monitoring.metric_history(
        admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=2), max_points=2
    )
    assert [(p.min, p.avg, p.max, p.count) for p in hourly.points] == [
        (0, 29.5, 59, 60),
        (60, 89.5, 119, 60),
    ]
    assert h.unit == "%" and h.label == "Fill level"
    # nothing new: nothing rewritten; a late call continues from the watermark
    assert services.monitoring.rollup(T0 + timedelta(hours=2, minutes=2)) == 0
    feed(services, b, T0 + timedelta(hours=2), 10, lambda m: 200)
    assert services.monitoring.rollup(T0 + timedelta(hours=2, minutes=12)) == 2


def test_raw_points_when_they_fit(services, admin, clock, fleet):  # noqa: F811
    b = fleet["HB-BIN-001"]
    feed(services, b, T0, 30, lambda m: m % 7)
    h = services.monitoring.metric_history(
        admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1), max_points=100
    )
    assert h.resolution_s == 0 and len(h.points) == 30 and h.ys()[:3] == [0, 1, 2]
    assert h.xs()[0] == T0.timestamp()
    # too many raw points and no rollups yet: raw, merged down to fit
    h = services.monitoring.metric_history(
        admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1), max_points=10
    )
    assert len(h.points) <= 10 and sum(p.count for p in h.points) == 30
    assert "fill_level" in services.monitoring.metrics_of(admin, "HB-BIN-001")


def test_prune_keeps_what_no_rollup_holds(services, admin, clock, fleet):  # noqa: F811
    b = fleet["HB-BIN-001"]
    feed(services, b, T0, 60, lambda m: 50)
    later = T0 + timedelta(days=20)
    mon = services.monitoring
    mon.retention = Retention(raw_days=14, five_min_days=90)
    samples, fives = mon.prune(later)  # rolls up first, then prunes
    assert samples == 60 and fives == 0
    # the history is still there, from the rollups
    h = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1))
    assert h.resolution_s == 300 and [p.avg for p in h.points] == [50.0] * 12
    # 5-minute rollups go after their own retention; hourly ones stay
    samples, fives = mon.prune(T0 + timedelta(days=100))
    assert fives == 12
    h = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1))
    assert h.resolution_s == 3600 and [p.avg for p in h.points] == [50.0]


def _assert_seamless(points, resolutions):
    """Points in time order, each starting where the one before ends."""
    ends = [p.ts + timedelta(seconds=r) for p, r in zip(points, resolutions, strict=True)]
    assert [p.ts for p in points[1:]] == ends[:-1]


def test_hourly_rollups_fill_where_five_minute_ones_start_late(services, admin, clock, fleet):  # noqa: F811
    """5-minute rollups kept only from 01:40 (after an upgrade, a gap or their retention):
    a chart from 00:00 gets the hourly buckets first, then 5-minute ones from the end of the
    last hourly bucket, then the raw samples not rolled up yet; nothing twice, nothing lost."""
    b = fleet["HB-BIN-001"]
    mon = services.monitoring
    feed(services, b, T0, 190, lambda m: m)  # 00:00 … 03:09, value = minute
    mon.rollup(T0 + timedelta(hours=3, minutes=2))  # rolls up 00:00 … 03:00
    with mon.db.write() as s:
        assert repo.prune_rollups(s, 300, T0 + timedelta(minutes=100)) == 20
    h = mon.metric_history(
        admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=3, minutes=10), max_points=100
    )
    assert h.resolution_s == 300
    hourly, fives, raw = h.points[:2], h.points[2:14], h.points[14:]
    assert [(p.ts, p.min, p.max, p.count) for p in hourly] == [
        (T0, 0, 59, 60),
        (T0 + timedelta(hours=1), 60, 119, 60),
    ]
    # the 5-minute buckets of 01:40 … 01:55 are inside the second hourly bucket: left out
    assert fives[0].ts == T0 + timedelta(hours=2) and fives[-1].ts == T0 + timedelta(minutes=175)
    assert all(p.count == 5 for p in fives)
    assert [p.ts for p in raw] == [T0 + timedelta(minutes=m) for m in range(180, 190)]
    _assert_seamless(h.points, [3600] * 2 + [300] * 12 + [60] * 10)
    assert sum(p.count for p in h.points) == 190
    assert h.ys()[0] == 29.5 and h.ys()[-1] == 189
    # a range that starts where the 5-minute rollups are: no hourly bucket
    late = mon.metric_history(
        admin,
        "HB-BIN-001",
        "fill_level",
        T0 + timedelta(minutes=100),
        T0 + timedelta(hours=3),
        max_points=20,
    )
    assert late.resolution_s == 300 and len(late.points) == 16
    assert late.points[0].ts == T0 + timedelta(minutes=100) and late.points[0].count == 5
    # merged down to fit, still every sample once
    few = mon.metric_history(
        admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=3, minutes=10), max_points=8
    )
    assert len(few.points) <= 8 and sum(p.count for p in few.points) == 190
    assert [p.ts for p in few.points] == sorted(p.ts for p in few.points)


def test_history_validation(services, admin, clock, fleet):  # noqa: F811
    mon = services.monitoring
    with pytest.raises(NotFound):
        mon.metric_history(admin, "NOPE", "x", T0, T0 + timedelta(hours=1))
    with pytest.raises(ValidationError):
        mon.metric_history(admin, "HB-BIN-001", "x", T0, T0)
    with pytest.raises(ValidationError):
        mon.metric_history(admin, "HB-BIN-001", "x", T0.replace(tzinfo=None), T0)
    empty = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1))
    assert empty.points == ()


def test_floor_to():
    assert floor_to(datetime(2026, 1, 1, 10, 7, 59, tzinfo=UTC), 300) == datetime(
        2026, 1, 1, 10, 5, tzinfo=UTC
    )
