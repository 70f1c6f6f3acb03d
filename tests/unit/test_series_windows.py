"""Rollup chunks keep four significant digits: every bucket's range still holds the values it
summarises, the mean moves by at most half a step, coarsening twice changes nothing, and the
chunk is much smaller than with every digit."""

from __future__ import annotations

import math
import random

from hypothesis import given
from hypothesis import strategies as st

from ops_console.db import series_windows as sw


def _points(rng: random.Random, n: int, base: float, noise: float, decimals: int) -> list:
    return [(60 * i, round(base + rng.gauss(0, noise), decimals), None) for i in range(n)]


@given(
    st.lists(
        st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
        min_size=1,
        max_size=40,
    ),
    st.integers(min_value=1, max_value=6),
)
def test_coarsening_bounds_and_is_idempotent(values: list[float], digits: int) -> None:
    lo = sw.coarsen(values, digits, -1)
    hi = sw.coarsen(values, digits, 1)
    mid = sw.coarsen(values, digits, 0)
    biggest = max(abs(v) for v in mid)
    step = 10 ** (math.floor(math.log10(biggest)) - (digits - 1)) if biggest else 0
    for v, a, b, c in zip(values, lo, hi, mid, strict=True):
        assert a is not None and b is not None and c is not None
        assert a <= v <= b
        # half a step of the grid it ends on (plus a tenth, if rounding reached the next
        # power of ten and went round once more)
        assert abs(c - v) <= 0.55 * step * (1 + 1e-9) + 1e-300
    assert sw.coarsen(lo, digits, -1) == lo
    assert sw.coarsen(hi, digits, 1) == hi
    assert sw.coarsen(mid, digits, 0) == mid


def test_a_rollup_chunk_keeps_its_envelope_and_shrinks() -> None:
    rng = random.Random(7)
    rate = _points(rng, 1440, 1200.0, 50.0, 3)  # a noisy counter rate, a thousandth per second
    buckets = sw.buckets_from_points(rate, sw.FIVE_MIN)
    exact = sw.encode_buckets(buckets, None)
    coarse = sw.encode_buckets(buckets)
    assert len(coarse) < 0.6 * len(exact)
    got = sw.decode_buckets(coarse)
    by_start: dict[int, list[float]] = {}
    for t, v, _ in rate:
        by_start.setdefault(sw.floor(t, sw.FIVE_MIN), []).append(v)
    for (start, count, lo, hi, total), b in zip(got, buckets, strict=True):
        vals = by_start[start]
        assert count == len(vals) == b[1]
        assert lo <= min(vals) and hi >= max(vals)  # the range holds every value
        assert hi - lo <= max(vals) - min(vals) + 2  # widened by at most a step each side
        assert abs(total / count - b[4] / count) <= 0.5  # 4 digits of ~1,400: steps of 1
    # merging and encoding again changes nothing
    assert sw.decode_buckets(sw.encode_buckets(got)) == got
