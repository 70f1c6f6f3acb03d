"""Metric history for charts, read from the time-series store through one API.

Three tiers hold a series: raw samples (chunks of an hour, and the open window's rows),
5-minute rollups (chunks of a day) and hourly rollups (chunks of 30 days); see
``monitoring.series`` for how they are written, rolled up and pruned. A chart asks for at
most ``max_points``: it gets the raw samples when they cover the range and fit, else
buckets of 5 minutes (or an hour, for long ranges) from the tier that has them — the one of
the chart's resolution first, then finer ones where it has no data (raw samples are rolled
up on the fly), then coarser ones where nothing finer reaches back — merged further if
needed. No instant is counted twice, no part of the range is left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ...db import Session
from ...db import series_windows as sw
from ...db.chunk_codec import ChunkError
from ...db.repos import series as series_repo

FIVE_MIN = sw.FIVE_MIN
HOUR = sw.HOUR
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Retention:
    """How long each resolution is kept (days): raw samples, 5-minute and hourly rollups."""

    raw_days: int = 7
    five_min_days: int = 60
    hourly_days: int = 730


@dataclass(frozen=True)
class HistoryPoint:
    """One chart point: a raw sample (min = avg = max) or a rollup bucket."""

    ts: datetime
    avg: float
    min: float
    max: float
    count: int = 1


@dataclass(frozen=True)
class MetricHistory:
    """A metric's points between two instants, ready for a chart.

    Attributes:
        resolution_s: 0 for raw samples, else the bucket length in seconds.
        points: in time order.
    """

    asset_tag: str
    metric: str
    unit: str
    label: str
    since: datetime
    until: datetime
    resolution_s: int
    points: tuple[HistoryPoint, ...]

    def xs(self) -> list[float]:
        """Seconds since the epoch (what pyqtgraph's DateAxisItem expects)."""
        return [p.ts.timestamp() for p in self.points]

    def ys(self) -> list[float]:
        return [p.avg for p in self.points]


def floor_to(ts: datetime, seconds: int) -> datetime:
    delta = int((ts - _EPOCH).total_seconds()) // seconds * seconds
    return _EPOCH + timedelta(seconds=delta)


def _merge(points: list[HistoryPoint], max_points: int) -> list[HistoryPoint]:
    """Merge neighbouring points so at most ``max_points`` remain (count-weighted)."""
    if len(points) <= max_points or max_points <= 0:
        return points
    step = -(-len(points) // max_points)
    out = []
    for i in range(0, len(points), step):
        group = points[i : i + step]
        n = sum(p.count for p in group)
        out.append(
            HistoryPoint(
                group[0].ts,
                sum(p.avg * p.count for p in group) / n,
                min(p.min for p in group),
                max(p.max for p in group),
                n,
            )
        )
    return out


def raw_points(
    session: Session, device_id: int, metric_id: int, since: int, until: int
) -> list[sw.Point]:
    """The raw points of one series in [since, until): sealed chunks and the open window."""
    got: list[sw.Point] = []
    for _start, _n, data in series_repo.chunks(
        session, device_id, metric_id, sw.RAW, sw.floor(since, sw.WINDOW[sw.RAW]), until
    ):
        got += [p for p in sw.decode_points(data) if since <= p[0] < until]
    live = [(r[0], r[1], r[2]) for r in series_repo.open_points(
        session, device_id, metric_id, since, until
    )]  # fmt: skip
    if live:
        # a late sample lands in the open window after its hour was sealed: merge
        got = sw.merge_points(got, live) if got and live[0][0] <= got[-1][0] else got + live
    return got


def rollup_buckets(
    session: Session, device_id: int, metric_id: int, resolution: int, since: int, until: int
) -> list[sw.Bucket]:
    """The stored rollup buckets of one series at one resolution starting in [since, until)."""
    first = sw.floor(since, resolution)
    out: list[sw.Bucket] = []
    for _start, _n, data in series_repo.chunks(
        session, device_id, metric_id, resolution, sw.floor(since, sw.WINDOW[resolution]), until
    ):
        out += [b for b in sw.decode_buckets(data) if first <= b[0] < until]
    return out


def _point(b: sw.Bucket) -> HistoryPoint:
    start, count, lo, hi, total = b
    return HistoryPoint(_EPOCH + timedelta(seconds=start), total / count, lo, hi, int(count))


def _overlaps(a: int, b: int, covered: list[tuple[int, int]]) -> bool:
    return any(a < y and x < b for x, y in covered)


def _assemble(tiers: list[tuple[int, list[sw.Bucket]]], resolution: int) -> list[sw.Bucket]:
    """Buckets from tiers in order of preference: each tier fills only what the ones before
    it left uncovered; a tier finer than ``resolution`` is merged into its buckets."""
    covered: list[tuple[int, int]] = []
    out: list[sw.Bucket] = []
    for res, buckets in tiers:
        if res < resolution:
            buckets = sw.buckets_from_buckets(buckets, resolution)
            res = resolution
        run: list[sw.Bucket] = []
        for b in buckets:
            if _overlaps(b[0], b[0] + res, covered):
                if run:
                    covered.append((run[0][0], run[-1][0] + res))
                    out += run
                    run = []
                continue
            run.append(b)
        if run:
            covered.append((run[0][0], run[-1][0] + res))
            out += run
    out.sort(key=lambda b: b[0])
    return out


def history_points(
    session: Session,
    device_id: int,
    metric: str,
    since: datetime,
    until: datetime,
    max_points: int,
) -> tuple[int, list[HistoryPoint]]:
    """Return (resolution_s, points) for a chart: raw when they cover the range and fit,
    else 5-minute or hourly buckets (see the module docstring).

    Raises:
        ChunkError: a stored chunk cannot be decoded (the database is damaged).
    """
    mid = series_repo.metric_ids_known(session, [metric]).get(metric)
    if mid is None:
        return 0, []
    s = math.floor(since.timestamp())
    u = math.ceil(until.timestamp())
    raw: list[sw.Point] | None = None
    if series_repo.count_raw(session, device_id, mid, sw.floor(s, HOUR), u) <= max_points * 4:
        raw = [p for p in raw_points(session, device_id, mid, s, u) if p[1] is not None]
        if raw and len(raw) <= max_points and raw[0][0] <= s + FIVE_MIN:
            return 0, [
                HistoryPoint(_EPOCH + timedelta(seconds=t), v, v, v)
                for t, v, _ in raw
                if v is not None
            ]
    resolution = FIVE_MIN if (u - s) / FIVE_MIN <= max_points * 4 else HOUR
    fives = rollup_buckets(session, device_id, mid, FIVE_MIN, s, u)
    hours = rollup_buckets(session, device_id, mid, HOUR, s, u)
    if raw is None:
        # many raw samples: read only those after what the rollups cover (a 30-day chart
        # does not decode 7 days of raw samples that 5-minute buckets already hold)
        ends = [b[-1][0] + res for res, b in ((FIVE_MIN, fives), (HOUR, hours)) if b]
        covered = max(ends, default=s)
        raw = [
            p for p in raw_points(session, device_id, mid, max(s, covered), u) if p[1] is not None
        ]
    raw_b = sw.buckets_from_points(raw, FIVE_MIN)
    if resolution == HOUR:
        tiers = [(HOUR, hours), (FIVE_MIN, fives), (FIVE_MIN, raw_b)]
    else:
        # hourly buckets that start before anything finer are taken whole (a 5-minute tier
        # starting at 01:40 leaves 01:00-02:00 to the hourly bucket, not a gap from 01:00)
        finer_first = min([t[0][0] for t in (fives, raw_b) if t], default=u)
        head = (
            [b for b in hours if b[0] < finer_first] if finer_first > sw.floor(s, FIVE_MIN) else []
        )
        tiers = [(HOUR, head), (FIVE_MIN, fives), (FIVE_MIN, raw_b), (HOUR, hours)]
    buckets = _assemble([t for t in tiers if t[1]], resolution)
    if not buckets:
        return 0, []
    # the chart's resolution, or the hourly one when nothing finer is there at all
    fine = any(b for res, b in tiers if res <= resolution)
    return (resolution if fine else HOUR), _merge([_point(b) for b in buckets], max_points)


__all__ = ["ChunkError", "HistoryPoint", "MetricHistory", "Retention", "history_points"]
