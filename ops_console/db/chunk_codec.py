"""The byte format of a time-series chunk: integer epoch seconds and columns of values.

A chunk holds one series (a device's metric) over one window: ``n`` instants in ascending
order and one or more columns of values (a raw series has one column of numbers and, for
status and text metrics, one of texts; a rollup has count, min, max and sum). The layout
is columnar, so that like sits next to like before compression:

- instants: the first as a varint, then zigzag varints of the delta of deltas (a device
  polled every 60 s gives a run of zeros);
- a number column: a presence bitmap when some values are missing, then either scaled
  integers (the smallest power of ten, up to 10^6, at which every value is an exact integer:
  ``23.4`` → 234 at scale 1) as zigzag varints of their deltas (or of their deltas of
  deltas, where those are smaller: counters, uptimes), or, when no such scale
  exists, the IEEE-754 doubles XORed with their predecessor (Gorilla's idea, kept byte-aligned
  so the compressor sees the runs of zero bytes);
- a text column: each text as its UTF-8 length + 1 (0: none) and its bytes.

The whole body is compressed with zlib (the standard library's; zstandard measured no
better on these small bodies, see ``benchmarks/storage_density.py``). Decoding gives back
exactly what went in: the same instants, the same floats bit for bit, the same texts.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Sequence

VERSION = 1
# a chunk with a negative scale (multiples of 10, 100, … : coarsened rollups) is written as
# format 2, which an older reader refuses instead of misreading; any other chunk stays 1
VERSION_NEGATIVE_SCALE = 2
MAX_SCALE = 6
_INT_LIMIT = 1 << 53  # scaled values beyond this are no longer exact as doubles
_D = struct.Struct(">d")
_Q = struct.Struct(">Q")

# column kinds
_ABSENT = 0  # every value missing
_SCALED = 1
_XOR = 2
_TEXT = 3

Number = float | None


class ChunkError(ValueError):
    """A chunk that cannot be decoded (truncated, corrupt or of an unknown version)."""


def _put_uvarint(out: bytearray, v: int) -> None:
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)


def _put_svarint(out: bytearray, v: int) -> None:
    _put_uvarint(out, (v << 1) if v >= 0 else ((-v << 1) - 1))


class _Reader:
    __slots__ = ("buf", "pos")

    def __init__(self, buf: bytes) -> None:
        self.buf = buf
        self.pos = 0

    def uvarint(self) -> int:
        buf, pos, shift, v = self.buf, self.pos, 0, 0
        while True:
            try:
                b = buf[pos]
            except IndexError:
                raise ChunkError("chunk truncated") from None
            pos += 1
            v |= (b & 0x7F) << shift
            if b < 0x80:
                self.pos = pos
                return v
            shift += 7

    def svarint(self) -> int:
        z = self.uvarint()
        return (z >> 1) if not z & 1 else -((z + 1) >> 1)

    def take(self, n: int) -> bytes:
        end = self.pos + n
        if end > len(self.buf):
            raise ChunkError("chunk truncated")
        got = self.buf[self.pos : end]
        self.pos = end
        return got


def _scale_of(values: Sequence[float]) -> int | None:
    """The smallest decimal scale at which every value is an exact integer, or None: from
    -MAX_SCALE (every value a multiple of 10^6: coarsened rollups of large values) to
    MAX_SCALE (micro-units)."""
    if any(v == 0 and math.copysign(1.0, v) < 0 for v in values):
        return None  # -0.0 would come back as 0.0
    for d in range(-MAX_SCALE, MAX_SCALE + 1):
        ok = True
        if d < 0:
            m = 10 ** (-d)
            for v in values:
                if not abs(v) < _INT_LIMIT:
                    ok = False
                    break
                s = round(v / m)
                if float(s * m) != v:
                    ok = False
                    break
        else:
            f = 10.0**d
            for v in values:
                x = v * f
                if not abs(x) < _INT_LIMIT:  # too large to be exact (or infinite once scaled)
                    ok = False
                    break
                s = round(x)
                if s / f != v:
                    ok = False
                    break
        if ok:
            return d
    return None


def _put_numbers(out: bytearray, col: Sequence[Number]) -> bool:
    """Append a number column; True when it uses a negative scale."""
    present = [v for v in col if v is not None]
    if not present:
        out.append(_ABSENT)
        return False
    finite = all(math.isfinite(v) for v in present)
    scale = _scale_of(present) if finite else None
    out.append(_SCALED if scale is not None else _XOR)
    if len(present) < len(col):
        out.append(1)
        bits = bytearray((len(col) + 7) // 8)
        for i, v in enumerate(col):
            if v is not None:
                bits[i >> 3] |= 1 << (i & 7)
        out += bits
    else:
        out.append(0)
    if scale is not None:
        out.append(scale & 0xFF)  # a negative scale as its two's complement byte
        if scale < 0:
            m = 10 ** (-scale)
            ints = [round(v / m) for v in present]
        else:
            f = 10.0**scale
            ints = [round(v * f) for v in present]
        d1 = [b - a for a, b in zip([0, *ints], ints, strict=False)]
        d2 = [b - a for a, b in zip([0, *d1], d1, strict=False)]
        # a counter or an uptime grows by about the same each poll: deltas of deltas are
        # smaller there; a noisy gauge is better with plain deltas
        order = 2 if sum(map(abs, d2[2:])) < sum(map(abs, d1[2:])) else 1
        out.append(order)
        for d in d2 if order == 2 else d1:
            _put_svarint(out, d)
    else:
        prev_bits = 0
        for v in present:
            b = _Q.unpack(_D.pack(v))[0]
            out += _Q.pack(b ^ prev_bits)
            prev_bits = b
    return scale is not None and scale < 0


def _get_integers(r: _Reader, count: int, order: int) -> list[int]:
    """The scaled integers of a column, from their deltas (``order`` 1) or their deltas of
    deltas (``order`` 2)."""
    ints: list[int] = []
    acc = delta = 0
    for _ in range(count):
        if order == 2:
            delta += r.svarint()
            acc += delta
        else:
            acc += r.svarint()
        ints.append(acc)
    return ints


def _get_numbers(r: _Reader, n: int) -> list[Number]:
    kind = r.take(1)[0]
    if kind == _ABSENT:
        return [None] * n
    if kind not in (_SCALED, _XOR):
        raise ChunkError(f"unknown column kind {kind}")
    has_bits = r.take(1)[0]
    mask: bytes | None = r.take((n + 7) // 8) if has_bits else None
    count = n if mask is None else sum(bin(b).count("1") for b in mask)
    present: list[float] = []
    if kind == _SCALED:
        scale, order = r.take(2)
        if order not in (1, 2):
            raise ChunkError(f"unknown delta order {order}")
        if scale > 127:
            scale -= 256
        ints = _get_integers(r, count, order)
        if scale < 0:  # multiples of a power of ten: exact integer products
            m = 10 ** (-scale)
            present = [float(i * m) for i in ints]
        else:
            f = 10.0**scale
            present = [i / f for i in ints]
    else:
        prev_bits = 0
        for _ in range(count):
            prev_bits ^= _Q.unpack(r.take(8))[0]
            present.append(_D.unpack(_Q.pack(prev_bits))[0])
    if mask is None:
        return list(present)
    out: list[Number] = []
    it = iter(present)
    for i in range(n):
        out.append(next(it) if mask[i >> 3] >> (i & 7) & 1 else None)
    return out


def encode(
    ts: Sequence[int],
    columns: Sequence[Sequence[Number]],
    texts: Sequence[str | None] | None = None,
    *,
    level: int = 6,
) -> bytes:
    """Encode a chunk: ``ts`` strictly ascending epoch seconds, each column as long as ``ts``.

    Raises:
        ValueError: instants not strictly ascending, or a column of another length.
    """
    n = len(ts)
    for c in columns:
        if len(c) != n:
            raise ValueError(f"a column of {len(c)} values for {n} instants")
    if texts is not None and len(texts) != n:
        raise ValueError(f"{len(texts)} texts for {n} instants")
    out = bytearray()
    _put_uvarint(out, n)
    _put_uvarint(out, len(columns))
    out.append(1 if texts is not None else 0)
    prev, prev_delta = 0, 0
    for i, t in enumerate(ts):
        if i == 0:
            _put_svarint(out, t)
        else:
            delta = t - prev
            if delta <= 0:
                raise ValueError(f"instants not ascending: {prev} then {t}")
            _put_svarint(out, delta - prev_delta)
            prev_delta = delta
        prev = t
    negative = False
    for c in columns:
        negative = _put_numbers(out, c) or negative
    if texts is not None:
        out.append(_TEXT)
        for s in texts:
            if s is None:
                out.append(0)
            else:
                b = s.encode("utf-8")
                _put_uvarint(out, len(b) + 1)
                out += b
    version = VERSION_NEGATIVE_SCALE if negative else VERSION
    return bytes((version,)) + zlib.compress(bytes(out), level)


def decode(blob: bytes) -> tuple[list[int], list[list[Number]], list[str | None] | None]:
    """Decode a chunk: (instants, columns, texts or None).

    Raises:
        ChunkError: the bytes are not a chunk this version can read.
    """
    if not blob:
        raise ChunkError("empty chunk")
    if blob[0] not in (VERSION, VERSION_NEGATIVE_SCALE):
        raise ChunkError(f"chunk format {blob[0]} is not {VERSION} or {VERSION_NEGATIVE_SCALE}")
    try:
        body = zlib.decompress(blob[1:])
    except zlib.error as exc:
        raise ChunkError(f"chunk corrupt: {exc}") from None
    r = _Reader(body)
    n = r.uvarint()
    ncols = r.uvarint()
    has_text = r.take(1)[0]
    ts: list[int] = []
    prev, delta = 0, 0
    for i in range(n):
        if i == 0:
            prev = r.svarint()
        else:
            delta += r.svarint()
            prev += delta
        ts.append(prev)
    columns = [_get_numbers(r, n) for _ in range(ncols)]
    texts: list[str | None] | None = None
    if has_text:
        if r.take(1)[0] != _TEXT:
            raise ChunkError("text column expected")
        texts = []
        for _ in range(n):
            ln = r.uvarint()
            texts.append(None if ln == 0 else r.take(ln - 1).decode("utf-8"))
    if r.pos != len(body):
        raise ChunkError("trailing bytes in chunk")
    return ts, columns, texts
