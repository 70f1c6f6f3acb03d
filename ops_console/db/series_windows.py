"""Series cut into windows and encoded as chunks; rollup buckets computed from them.

Pure functions over plain tuples (no database): the sealer, the rollups, the demo's history
and the migration of old samples all build their chunks here, so a chunk is made one way.

A raw point is (ts, value, text); a rollup bucket is (start, count, min, max, sum), the sum
rounded to 6 decimals so that values of a fixed decimal scale keep one (see the codec).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from typing import Any

from . import chunk_codec

RAW = 0
FIVE_MIN = 300
HOUR = 3600
DAY = 86400
# the window one chunk holds, by resolution
WINDOW = {RAW: HOUR, FIVE_MIN: DAY, HOUR: 30 * DAY}

Point = tuple[int, float | None, str | None]
Bucket = tuple[int, float, float, float, float]


def floor(ts: int, seconds: int) -> int:
    return ts - ts % seconds


def encode_points(points: Sequence[Point]) -> bytes:
    """A raw chunk: instants, values and (only when some point has one) texts."""
    texts = [p[2] for p in points]
    return chunk_codec.encode(
        [p[0] for p in points],
        [[p[1] for p in points]],
        texts if any(t is not None for t in texts) else None,
    )


def decode_points(blob: bytes) -> list[Point]:
    ts, cols, texts = chunk_codec.decode(blob)
    values = cols[0] if cols else [None] * len(ts)
    tx = texts if texts is not None else [None] * len(ts)
    return list(zip(ts, values, tx, strict=True))


# a rollup chunk keeps its minima, maxima and sums to this many significant digits of its
# largest value in each column (raw samples are kept exactly)
ROLLUP_DIGITS = 4


def encode_buckets(buckets: Sequence[Bucket], digits: int | None = ROLLUP_DIGITS) -> bytes:
    """A rollup chunk: counts exact; minima rounded down, maxima up and sums to the nearest
    step of ``digits`` significant digits of the column's largest magnitude (``coarsen``),
    so a bucket's range still holds every value it summarises. None keeps every digit."""
    cols: list[list[float | None]] = [[b[i] for b in buckets] for i in range(1, 5)]
    if digits is not None:
        cols = [cols[0], coarsen(cols[1], digits, -1), coarsen(cols[2], digits, 1),
                coarsen(cols[3], digits, 0)]  # fmt: skip
    return chunk_codec.encode([b[0] for b in buckets], cols)


def coarsen(col: Sequence[float | None], digits: int, way: int) -> list[float | None]:
    """Values on the grid of ``digits`` significant digits of the largest magnitude: rounded
    down (way < 0), up (way > 0) or to the nearest (way 0). A value already on the grid is
    kept as it is, so coarsening twice changes nothing (merged and re-encoded chunks)."""
    out = list(col)
    while True:  # rounding up may reach the next power of ten: then once more on its grid
        again = _coarsen_once(out, digits, way)
        if again == out:
            return out
        out = again


def _coarsen_once(col: Sequence[float | None], digits: int, way: int) -> list[float | None]:
    present = [abs(v) for v in col if v is not None and math.isfinite(v)]
    if len(present) < len(col) or not present or max(present) == 0:
        return list(col)
    exp = math.floor(math.log10(max(present))) - (digits - 1)
    if exp < -chunk_codec.MAX_SCALE:
        return list(col)  # finer than the codec's scales: kept as doubles, every digit
    try:
        return _on_grid(col, exp, way)
    except OverflowError:  # next to the largest double: kept as it is
        return list(col)


def _on_grid(col: Sequence[float | None], exp: int, way: int) -> list[float | None]:
    rnd = math.floor if way < 0 else math.ceil if way > 0 else round
    # the grid's k-th value: k × 10^exp, computed exactly (an integer product, or a quotient
    # by a power of ten, which is the nearest double to the decimal)
    at = (lambda k: float(k * 10**exp)) if exp >= 0 else (lambda k: k / 10**-exp)
    out: list[float | None] = []
    for v in col:
        assert v is not None
        x = v / 10**exp if exp >= 0 else v * 10**-exp
        if at(round(x)) == v:
            out.append(v)  # on the grid already
            continue
        k = rnd(x)
        # x is rounded itself: one step more where it crossed the value it must bound
        if way < 0 and at(k) > v:
            k -= 1
        elif way > 0 and at(k) < v:
            k += 1
        out.append(at(k))
    return out


def decode_buckets(blob: bytes) -> list[Bucket]:
    ts, cols, _texts = chunk_codec.decode(blob)
    out: list[Bucket] = []
    for i, t in enumerate(ts):
        c, lo, hi, total = (col[i] for col in cols)
        assert c is not None and lo is not None and hi is not None and total is not None
        out.append((t, c, lo, hi, total))
    return out


def merge_points(old: Sequence[Point], new: Sequence[Point]) -> list[Point]:
    """Union by instant; a point already stored is kept (a sample is written once)."""
    by_ts = {p[0]: p for p in new}
    by_ts.update({p[0]: p for p in old})
    return [by_ts[t] for t in sorted(by_ts)]


def merge_buckets(old: Sequence[Bucket], new: Sequence[Bucket]) -> list[Bucket]:
    """Union by bucket start; a bucket computed again replaces the stored one."""
    by_ts = {b[0]: b for b in old}
    by_ts.update({b[0]: b for b in new})
    return [by_ts[t] for t in sorted(by_ts)]


def windows_of(
    rows: Iterable[tuple[Any, ...]], resolution: int
) -> Iterator[tuple[int, int, int, list[Any]]]:
    """Group rows (device_id, metric_id, ts, …), ordered by series and time, into
    (device_id, metric_id, window start, [(ts, …), …]) per window of the resolution."""
    width = WINDOW[resolution]
    for (dev, mid), series in groupby(rows, key=lambda r: (r[0], r[1])):
        for start, part in groupby(series, key=lambda r: floor(r[2], width)):
            yield dev, mid, start, [tuple(r[2:]) for r in part]


def buckets_from_points(points: Iterable[Point], seconds: int) -> list[Bucket]:
    """(start, count, min, max, sum) of the numeric values per bucket of ``seconds``."""
    out: list[Bucket] = []
    for start, part in groupby(
        (p for p in points if p[1] is not None and math.isfinite(p[1])),
        key=lambda p: floor(p[0], seconds),
    ):
        vals = [p[1] for p in part if p[1] is not None]
        out.append((start, float(len(vals)), min(vals), max(vals), round(math.fsum(vals), 6)))
    return out


def buckets_from_buckets(buckets: Iterable[Bucket], seconds: int) -> list[Bucket]:
    """Finer buckets merged into buckets of ``seconds`` (count-weighted)."""
    out: list[Bucket] = []
    for start, part in groupby(buckets, key=lambda b: floor(b[0], seconds)):
        group = list(part)
        out.append(
            (
                start,
                math.fsum(b[1] for b in group),
                min(b[2] for b in group),
                max(b[3] for b in group),
                round(math.fsum(b[4] for b in group), 6),
            )
        )
    return out
