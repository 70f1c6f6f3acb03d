"""The time-series store through its one history API: the open window, sealed hours, 5-minute
and hourly rollups, retention, and charts that read whichever tier holds the data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ops_console.db.repos import series as series_repo
from ops_console.domain.errors import NotFound, ValidationError
from ops_console.polling.results import PollResult, Sample
from ops_console.services.monitoring.history import Retention, floor_to
from ops_console.services.monitoring.series import KEEPALIVE_S, write_history

from .test_monitoring import fleet  # noqa: F401  (fixture)

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)
DAY = 86400


def fill(dev, at, value):
    return PollResult(dev, True, at, samples=(Sample("fill_level", float(value)),))


def feed(services, dev, start, minutes, value_of):
    services.monitoring.store_results(
        [fill(dev, start + timedelta(minutes=m), value_of(m)) for m in range(minutes)]
    )


def _count(services, table, where=""):
    with services.db.read() as s:
        return s.connection().exec_driver_sql(f"SELECT count(*) FROM {table} {where}").scalar()


def _catch_up(mon, now):
    """Upkeep until nothing is left to roll up (it does a few windows per call)."""
    while mon.rollup(now).windows:
        pass


def test_hours_are_sealed_into_chunks_and_charts_read_them(services, admin, clock, fleet):  # noqa: F811
    b = fleet["HB-BIN-001"]
    feed(services, b, T0, 120, lambda m: m)  # one sample a minute for two hours, value = minute
    assert _count(services, "samples_open") == 120
    report = services.monitoring.rollup(T0 + timedelta(hours=2, minutes=2))
    assert report.sealed == 120 and report.longest_s < 1.0
    assert _count(services, "samples_open") == 0
    assert _count(services, "series_chunks", "WHERE resolution_s = 0") == 2
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
    # nothing new: nothing sealed again
    assert services.monitoring.rollup(T0 + timedelta(hours=2, minutes=2)).sealed == 0


def test_a_late_sample_joins_its_sealed_hour_and_a_repeat_is_not_stored(
    services,
    admin,
    clock,
    fleet,  # noqa: F811
):
    b = fleet["HB-BIN-001"]
    mon = services.monitoring
    feed(services, b, T0, 60, lambda m: m)
    mon.rollup(T0 + timedelta(hours=1, minutes=5))
    # the same poll stored again (same second) is skipped, a late one is kept
    again = mon.store_results([fill(b, T0 + timedelta(minutes=3), 999)])
    late = mon.store_results([fill(b, T0 + timedelta(minutes=3, seconds=30), 3.5)])
    assert again.samples == 1 and late.samples == 1
    h = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1))
    assert h.resolution_s == 0 and len(h.points) == 61
    assert [p.avg for p in h.points[3:5]] == [3, 3.5]  # the first of the same second stays
    assert mon.rollup(T0 + timedelta(hours=1, minutes=10)).sealed == 2
    with mon.db.read() as s:
        mid = series_repo.metric_ids_known(s, ["fill_level"])["fill_level"]
        (chunk,) = series_repo.chunks(s, b, mid, 0, 0, 2**40)
    assert chunk[1] == 61
    h2 = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1))
    assert h2.points == h.points


def test_status_metrics_are_stored_on_change_with_a_keep_alive(services, admin, clock, fleet):  # noqa: F811
    gate = fleet["HB-GATE-001"]
    mon = services.monitoring

    def poll(at, state):
        return PollResult(
            gate, True, at, samples=(Sample("manual_passage", float(state), text=str(state)),)
        )

    stored = [
        mon.store_results([poll(T0 + timedelta(seconds=60 * i), state)]).samples
        for i, state in enumerate([1, 1, 1, 2, 2, 1])
    ]
    assert stored == [1, 0, 0, 1, 0, 1]
    # unchanged, but KEEPALIVE_S after the last stored one: stored again
    at = T0 + timedelta(seconds=300 + KEEPALIVE_S)
    assert mon.store_results([poll(at, 1)]).samples == 1
    assert mon.store_results([poll(at + timedelta(seconds=60), 1)]).samples == 0
    h = mon.metric_history(admin, "HB-GATE-001", "manual_passage", T0, T0 + timedelta(hours=1))
    assert [p.avg for p in h.points] == [1, 2, 1, 1]


def test_raw_points_when_they_fit(services, admin, clock, fleet):  # noqa: F811
    b = fleet["HB-BIN-001"]
    feed(services, b, T0, 30, lambda m: m % 7)
    h = services.monitoring.metric_history(
        admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1), max_points=100
    )
    assert h.resolution_s == 0 and len(h.points) == 30 and h.ys()[:3] == [0, 1, 2]
    assert h.xs()[0] == T0.timestamp()
    # too many raw points and no rollups yet: rolled up on the fly, merged down to fit
    h = services.monitoring.metric_history(
        admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1), max_points=10
    )
    assert len(h.points) <= 10 and sum(p.count for p in h.points) == 30
    assert "fill_level" in services.monitoring.metrics_of(admin, "HB-BIN-001")


def test_retention_keeps_what_no_rollup_holds_and_charts_stay_the_same(
    services,
    admin,
    clock,
    fleet,  # noqa: F811
):
    b = fleet["HB-BIN-001"]
    mon = services.monitoring
    feed(services, b, T0, 26 * 60, lambda m: m)  # 26 hours
    mon.retention = Retention(raw_days=7, five_min_days=60, hourly_days=730)
    _catch_up(mon, T0 + timedelta(hours=26, minutes=5))
    # day 1 is rolled up into 5-minute buckets, day 2 (two hours) is not finished
    assert _count(services, "series_chunks", "WHERE resolution_s = 300") == 1
    before = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=2), 30)
    # 9 days later: every raw chunk is past 7 days, and rolled up (day 2 first)
    report = mon.prune(T0 + timedelta(days=9))
    assert report.pruned == 26 and _count(services, "series_chunks", "WHERE resolution_s = 0") == 0
    after = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=2), 30)
    assert after.resolution_s == 300 and after.points == before.points
    day2 = mon.metric_history(
        admin, "HB-BIN-001", "fill_level", T0 + timedelta(days=1), T0 + timedelta(days=2), 300
    )
    assert sum(p.count for p in day2.points) == 120 and day2.points[-1].max == 26 * 60 - 1
    # 5-minute buckets go after their own retention, once the hourly ones hold them
    later = T0 + timedelta(days=100)
    _catch_up(mon, later)
    mon.prune(later)
    assert _count(services, "series_chunks", "WHERE resolution_s = 300") == 0
    hourly = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=2))
    assert [(p.ts, p.min, p.avg, p.max, p.count) for p in hourly.points] == [
        (T0, 0, 29.5, 59, 60),
        (T0 + timedelta(hours=1), 60, 89.5, 119, 60),
    ]
    # and the hourly ones after theirs
    mon.prune(T0 + timedelta(days=800))
    assert _count(services, "series_chunks") == 0
    assert "fill_level" not in mon.metrics_of(admin, "HB-BIN-001")


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
    t0 = int(T0.timestamp())

    def bucket(start, width):
        vals = range(start // 60, (start + width) // 60)
        return (b, "fill_level", t0 + start, len(vals), min(vals), max(vals), float(sum(vals)))

    with mon.db.write() as s:
        write_history(
            s,
            [],
            {
                3600: [bucket(0, 3600), bucket(3600, 3600)],
                300: [bucket(m * 60, 300) for m in range(100, 180, 5)],
            },
        )
    feed(services, b, T0 + timedelta(hours=3), 10, lambda m: 180 + m)  # 03:00 … 03:09
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
    # raw samples not rolled up yet are rolled up on the fly
    assert [(p.ts, p.count) for p in raw] == [
        (T0 + timedelta(minutes=180), 5),
        (T0 + timedelta(minutes=185), 5),
    ]
    _assert_seamless(h.points, [3600] * 2 + [300] * 14)
    assert sum(p.count for p in h.points) == 190
    assert h.ys()[0] == 29.5 and h.ys()[-1] == 187
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


def _upkeep(db, **kw):
    from ops_console.services.monitoring.series import Upkeep

    return Upkeep(db.write, lambda s: True, read=db.read, **kw)


def test_sealing_commits_each_batch_of_devices_on_its_own(services, admin, clock, fleet):  # noqa: F811
    """Upkeep seals a batch of devices per write transaction, each committed before the next:
    read afresh after every write, the open rows of one more batch are gone."""
    from contextlib import contextmanager

    from ops_console.services.monitoring.series import UpkeepReport

    db = services.db
    devices = [fleet[t] for t in ("HB-BIN-001", "HB-GATE-001", "JN-BIN-001")]
    for dev in devices:
        feed(services, dev, T0, 60, lambda m: m)
    left: list[int] = []
    write = db.write

    @contextmanager
    def counted():
        with write() as s:
            yield s
        left.append(_count(services, "samples_open"))

    up = _upkeep(db, seal_devices=2)
    up.write = counted
    report = UpkeepReport()
    up.seal(int((T0 + timedelta(hours=1, minutes=5)).timestamp()), report)
    # batches of 2 device ids (the fleet's 5, retired included): devices 1-2, 3-4, 5
    assert left == [60, 0, 0]  # the first batch held two of the three fed devices
    assert report.sealed == 180 and report.transactions == 2
    assert _count(services, "series_chunks", "WHERE resolution_s = 0") == 3


def test_a_sample_appended_while_a_batch_is_encoded_is_sealed_not_lost(
    services,
    admin,
    clock,
    fleet,  # noqa: F811
    monkeypatch,
):
    """Sealing reads and encodes outside the write lock; a late sample of the same hour
    appended in between makes the write take more rows than it encoded: that transaction is
    rolled back and the batch sealed inside one, the late sample with it."""
    from ops_console.services.monitoring import series as series_mod
    from ops_console.services.monitoring.series import UpkeepReport

    b = fleet["HB-BIN-001"]
    mon = services.monitoring
    feed(services, b, T0, 60, lambda m: m)
    read_open = series_repo.open_before
    late = []

    def read_then_late(session, lo, hi, before):
        rows = read_open(session, lo, hi, before)
        if not late:  # another writer appends while this batch is being encoded
            late.append(mon.store_results([fill(b, T0 + timedelta(minutes=7, seconds=30), 7.5)]))
        return rows

    monkeypatch.setattr(series_mod.series_repo, "open_before", read_then_late)
    report = UpkeepReport()
    _upkeep(services.db).seal(int((T0 + timedelta(hours=1, minutes=5)).timestamp()), report)
    assert late[0].samples == 1
    assert report.sealed == 61 and report.transactions == 2  # rolled back, then sealed whole
    assert _count(services, "samples_open") == 0
    h = mon.metric_history(admin, "HB-BIN-001", "fill_level", T0, T0 + timedelta(hours=1))
    assert len(h.points) == 61 and [p.avg for p in h.points[7:9]] == [7, 7.5]


def test_pruning_deletes_a_bounded_number_of_chunks_per_transaction(
    services,
    admin,
    clock,
    fleet,  # noqa: F811
):
    """Retention catching up deletes at most ``prune_chunks`` chunks per write transaction,
    each committed before the next (read afresh after every write)."""
    from contextlib import contextmanager

    from ops_console.services.monitoring.series import UpkeepReport

    b = fleet["HB-BIN-001"]
    mon = services.monitoring
    db = services.db
    feed(services, b, T0, 26 * 60, lambda m: m)  # 26 raw chunks once sealed
    _catch_up(mon, T0 + timedelta(days=2, minutes=5))
    assert _count(services, "series_chunks", "WHERE resolution_s = 0") == 26
    left: list[int] = []
    write = db.write

    @contextmanager
    def counted():
        with write() as s:
            yield s
        left.append(_count(services, "series_chunks", "WHERE resolution_s = 0"))

    up = _upkeep(db, prune_chunks=10)
    up.write = counted
    report = UpkeepReport()
    up.prune(int((T0 + timedelta(days=9)).timestamp()), Retention(7, 60, 730), report)
    assert [n for i, n in enumerate(left) if i == 0 or left[i - 1] != n] == [16, 6, 0]
    assert report.pruned == 26
