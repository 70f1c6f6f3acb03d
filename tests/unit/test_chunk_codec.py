"""The chunk codec gives back exactly what went in, and refuses what it cannot read."""

from __future__ import annotations

import math
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ops_console.db.chunk_codec import ChunkError, decode, encode


def _bits(v: float | None) -> object:
    return None if v is None else struct.pack(">d", v)


@st.composite
def series(draw: st.DrawFn) -> tuple[list[int], list[list[float | None]], list[str | None] | None]:
    start = draw(st.integers(min_value=0, max_value=4_000_000_000))
    gaps = draw(st.lists(st.integers(min_value=1, max_value=100_000), max_size=80))
    ts = [start]
    for g in gaps:
        ts.append(ts[-1] + g)
    n = len(ts)
    number = st.one_of(
        st.none(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**9), max_value=10**9).map(lambda i: i / 10),
        st.decimals(min_value=-1000, max_value=1000, places=2).map(float),
    )
    ncols = draw(st.integers(min_value=0, max_value=4))
    cols = [draw(st.lists(number, min_size=n, max_size=n)) for _ in range(ncols)]
    texts = draw(
        st.one_of(st.none(), st.lists(st.one_of(st.none(), st.text()), min_size=n, max_size=n))
    )
    return ts, cols, texts


@settings(max_examples=300, deadline=None)
@given(series())
def test_round_trip_is_exact(
    s: tuple[list[int], list[list[float | None]], list[str | None] | None],
) -> None:
    ts, cols, texts = s
    got_ts, got_cols, got_texts = decode(encode(ts, cols, texts))
    assert got_ts == ts
    # bit for bit: -0.0 stays -0.0, NaN stays the same NaN
    assert [[_bits(v) for v in c] for c in got_cols] == [[_bits(v) for v in c] for c in cols]
    assert got_texts == texts


def test_regular_gauge_costs_about_a_byte_and_a_half_a_sample() -> None:
    """An hour of a noisy one-decimal gauge polled every 60 s (±1 s of jitter)."""
    ts = [1_800_000_000 + 60 * i + (i * 7919) % 3 - 1 for i in range(60)]
    values = [round(23.0 + math.sin(i / 9) + ((i * 31) % 7 - 3) / 10, 1) for i in range(60)]
    blob = encode(ts, [values])
    assert len(blob) / 60 < 2.0
    assert decode(blob) == (ts, [values], None)


def test_scaled_integers_beat_raw_doubles() -> None:
    ts = list(range(0, 3600, 60))
    scaled = [round(20 + i * 0.1, 1) for i in range(60)]
    noisy = [20 + i * 0.1 + 1e-9 * i for i in range(60)]  # no decimal scale fits
    assert len(encode(ts, [scaled])) < len(encode(ts, [noisy])) / 2


@pytest.mark.parametrize(
    ("ts", "cols", "message"),
    [([5, 5], [], "not ascending"), ([1, 2], [[1.0]], "a column of 1 values for 2 instants")],
)
def test_bad_input_is_refused(ts: list[int], cols: list[list[float | None]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        encode(ts, cols)


def test_corrupt_chunks_are_refused_with_a_reason() -> None:
    blob = encode([1, 2, 3], [[1.0, 2.0, 3.0]], ["a", None, "c"])
    with pytest.raises(ChunkError, match="format 9"):
        decode(b"\x09" + blob[1:])
    with pytest.raises(ChunkError, match="corrupt"):
        decode(blob[:1] + b"garbage")
    with pytest.raises(ChunkError, match="truncated"):
        decode(blob[:1] + zlib.compress(zlib.decompress(blob[1:])[:-2]))
    with pytest.raises(ChunkError, match="empty"):
        decode(b"")


@given(
    st.lists(st.integers(min_value=-(10**9), max_value=10**9), min_size=1, max_size=60),
    st.integers(min_value=1, max_value=6),
)
def test_multiples_of_a_power_of_ten_round_trip_exactly(ints: list[int], exp: int) -> None:
    values = [float(i * 10**exp) for i in ints]
    blob = encode(list(range(len(values))), [values])
    _ts, cols, _ = decode(blob)
    assert [_bits(v) for v in cols[0]] == [_bits(v) for v in values]


def test_a_negative_scale_is_a_format_an_older_reader_refuses() -> None:
    coarse = encode([0, 60, 120], [[1200.0, 1300.0, 5_000_000.0]])
    fine = encode([0, 60, 120], [[1234.0, 1300.0, 5_000_001.0]])
    assert (coarse[0], fine[0]) == (2, 1)  # format 1 as before unless a scale is negative
    assert len(coarse) < len(fine)
    assert decode(coarse)[1] == [[1200.0, 1300.0, 5_000_000.0]]
