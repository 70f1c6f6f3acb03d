"""Metric history: 5-minute and hourly rollups, pruning past retention, points for charts.

Raw samples are kept ``raw_days``; 5-minute rollups ``five_min_days``; hourly rollups
for good. A chart asks for at most ``max_points`` and gets raw samples when they fit,
else the finest rollup that fits, merged further if needed. Where that rollup does not
reach back to the start of the range (5-minute rollups are kept for less time than hourly
ones, and start late after an upgrade or a gap), the hourly rollups fill the earlier part;
raw samples not rolled up yet carry the line up to the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ...db import Session
from ...db.repos import monitoring as repo

FIVE_MIN = 300
HOUR = 3600
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# buckets are rolled up only once they are this far in the past (late samples land first)
GRACE = timedelta(seconds=60)


@dataclass(frozen=True)
class Retention:
    """How long each resolution is kept (days)."""

    raw_days: int = 14
    five_min_days: int = 90


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


def aggregate(rows: Iterable[Any], seconds: int, weighted: bool = False) -> list[dict[str, Any]]:
    """Group (device_id, metric, ts, value) rows — or rollup rows when ``weighted`` — into
    buckets of ``seconds``; returns rollup rows ready to insert."""
    acc: dict[tuple[int, str, datetime], list[float]] = {}
    for r in rows:
        if weighted:
            dev, metric, ts, count, lo, avg, hi = r
        else:
            dev, metric, ts, value = r
            count, lo, avg, hi = 1, value, value, value
        key = (dev, metric, floor_to(ts, seconds))
        a = acc.get(key)
        if a is None:
            acc[key] = [count, lo, avg * count, hi]
        else:
            a[0] += count
            a[1] = min(a[1], lo)
            a[2] += avg * count
            a[3] = max(a[3], hi)
    return [
        {
            "device_id": dev,
            "metric": metric,
            "resolution_s": seconds,
            "bucket_start": start,
            "count": int(a[0]),
            "min": a[1],
            "avg": a[2] / a[0],
            "max": a[3],
        }
        for (dev, metric, start), a in acc.items()
    ]


def roll_up(session: Session, now: datetime) -> int:
    """Roll complete buckets up to 5-minute and hourly rollups; return buckets written.

    Each resolution continues from its own watermark (the last bucket written), so a
    bucket is computed once, after its end plus a grace period.
    """
    written = 0
    cutoff5 = floor_to(now - GRACE, FIVE_MIN)
    mark = repo.rollup_watermark(session, FIVE_MIN)
    since5 = mark + timedelta(seconds=FIVE_MIN) if mark is not None else None
    if since5 is None:
        first = repo.first_sample_ts(session)
        since5 = floor_to(first, FIVE_MIN) if first is not None else None
    if since5 is not None and since5 < cutoff5:
        rows = aggregate(repo.numeric_samples(session, since5, cutoff5), FIVE_MIN)
        repo.replace_rollups(session, FIVE_MIN, since5, cutoff5, rows)
        written += len(rows)
    cutoff_h = floor_to(now - GRACE, HOUR)
    mark_h = repo.rollup_watermark(session, HOUR)
    since_h = mark_h + timedelta(seconds=HOUR) if mark_h is not None else None
    if since_h is None:
        first5 = repo.rollup_rows(session, FIVE_MIN, None, cutoff_h)[:1]
        since_h = floor_to(first5[0][2], HOUR) if first5 else None
    if since_h is not None and since_h < cutoff_h:
        fives = repo.rollup_rows(session, FIVE_MIN, since_h, cutoff_h)
        rows = aggregate(fives, HOUR, weighted=True)
        repo.replace_rollups(session, HOUR, since_h, cutoff_h, rows)
        written += len(rows)
    return written


def prune(session: Session, now: datetime, retention: Retention) -> tuple[int, int]:
    """Delete raw samples and 5-minute rollups past retention, only once rolled up.

    Returns (samples deleted, 5-minute rollups deleted).
    """
    raw_before = now - timedelta(days=retention.raw_days)
    mark = repo.rollup_watermark(session, FIVE_MIN)
    # never drop samples that no rollup holds yet
    limit = mark + timedelta(seconds=FIVE_MIN) if mark is not None else None
    samples = 0
    if limit is not None:
        samples = repo.prune_samples(session, min(raw_before, limit))
    five_before = now - timedelta(days=retention.five_min_days)
    mark_h = repo.rollup_watermark(session, HOUR)
    fives = 0
    if mark_h is not None:
        fives = repo.prune_rollups(
            session, FIVE_MIN, min(five_before, mark_h + timedelta(seconds=HOUR))
        )
    return samples, fives


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


def history_points(
    session: Session,
    device_id: int,
    metric: str,
    since: datetime,
    until: datetime,
    max_points: int,
) -> tuple[int, list[HistoryPoint]]:
    """Return (resolution_s, points) for a chart: raw when they fit, else rollups."""
    raw_n = repo.count_samples(session, device_id, metric, since, until)
    raw: list[HistoryPoint] = []
    if 0 < raw_n <= max_points * 4:
        raw = [HistoryPoint(ts, v, v, v) for ts, v in repo.sample_points(
            session, device_id, metric, since, until
        )]  # fmt: skip
    # raw samples when they cover the range and fit
    if raw and raw_n <= max_points and raw[0].ts <= since + timedelta(seconds=FIVE_MIN):
        return 0, raw
    span_s = (until - since).total_seconds()
    order = (FIVE_MIN, HOUR) if span_s / FIVE_MIN <= max_points * 4 else (HOUR, FIVE_MIN)
    for resolution in order:  # the finer one first when it fits; the other one if empty
        pts = _rollup_points(session, resolution, device_id, metric, since, until)
        if pts:
            # raw samples not rolled up yet carry the line up to "until"
            tail_from = pts[-1].ts + timedelta(seconds=resolution)
            pts, tail_from = _fill_start(
                session, resolution, pts, device_id, metric, since, tail_from
            )
            if raw or not raw_n:
                pts += [p for p in raw if p.ts >= tail_from]
            elif tail_from < until:  # too many raw samples to load them all: only the tail
                pts += [HistoryPoint(ts, v, v, v) for ts, v in repo.sample_points(
                    session, device_id, metric, tail_from, until
                )]  # fmt: skip
            return resolution, _merge(pts, max_points)
    if not raw and raw_n:
        raw = [HistoryPoint(ts, v, v, v) for ts, v in repo.sample_points(
            session, device_id, metric, since, until
        )]  # fmt: skip
    return (0, _merge(raw, max_points)) if raw else (0, [])


def _fill_start(
    session: Session,
    resolution: int,
    pts: list[HistoryPoint],
    device_id: int,
    metric: str,
    since: datetime,
    end: datetime,
) -> tuple[list[HistoryPoint], datetime]:
    """Put coarser rollups before ``pts`` where they do not reach back to ``since``.

    The coarser buckets that start before the first of ``pts`` are taken whole, the finer
    points from the end of the last of them on: no instant is counted twice, no part of the
    range is left out, and the points stay in time order. Returns the points and the end of
    what they cover (``end``, the end of the last of ``pts``, or later).
    """
    for coarser in (r for r in (FIVE_MIN, HOUR) if r > resolution):
        first = pts[0].ts
        if first <= floor_to(since, resolution):
            break
        earlier = _rollup_points(session, coarser, device_id, metric, since, first)
        if earlier:
            covered = earlier[-1].ts + timedelta(seconds=coarser)
            pts = earlier + [p for p in pts if p.ts >= covered]
            end = max(end, covered)
    return pts, end


def _rollup_points(
    session: Session,
    resolution: int,
    device_id: int,
    metric: str,
    since: datetime,
    until: datetime,
) -> list[HistoryPoint]:
    rows = repo.rollup_rows(
        session, resolution, floor_to(since, resolution), until, device_id, metric
    )
    return [HistoryPoint(r[2], r[5], r[4], r[6], r[3]) for r in rows]
