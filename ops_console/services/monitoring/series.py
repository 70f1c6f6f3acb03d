"""Writing the time-series store and keeping it bounded: the writer's rows, sealing, rollups
and retention.

- The writer appends each poll's samples to the open window (``samples_open``) as plain
  tuples, metric names by id. Status and text metrics are stored when they change, and
  again after ``KEEPALIVE_S`` unchanged, so "unchanged" and "not polled" stay apart.
- Upkeep seals every finished hour into one chunk per series (``SEAL_GRACE`` after its end,
  so late results land first), rolls finished days up into 5-minute chunks and finished
  30-day windows into hourly chunks, and deletes chunks past retention, never a raw or
  5-minute chunk that no coarser rollup holds yet. It works through the devices in batches
  of ``BATCH_DEVICES``, one short write transaction each (the longest measured hold is in
  ``benchmarks/storage_density.py``), and on SQLite gives freed pages back to the file
  (incremental vacuum) a few at a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from ...db import Session
from ...db import series_windows as sw
from ...db.repos import series as series_repo
from .history import Retention

KEEPALIVE_S = 900
SEAL_GRACE = 120
BATCH_DEVICES = 200
# devices sealed per batch: encoded in a read transaction, then the write deletes their open
# rows and puts their chunks (an hour of 20 devices: 7,200 rows, 120 chunks)
SEAL_DEVICES = 20
# windows rolled up per resolution and upkeep call (a first upkeep after a long stop or a
# migration catches up over several calls instead of one long one)
MAX_WINDOWS = 3
# chunks deleted per transaction at most (retention catching up after a long stop, or with a
# shorter setting, deletes days of chunks per batch of devices: 35,000 in one statement held
# the write lock 129 ms at load ~5 in benchmarks/storage_density.py)
PRUNE_CHUNKS = 2000
# pages given back per transaction (1,000 measured ~85 ms of CPU: over 200 ms of wall time on
# a loaded machine), and per upkeep pass (200 MB of 4 KB)
VACUUM_PAGES = 200
VACUUM_PASS_PAGES = 50_000

SeriesKey = tuple[int, int]
LastValue = tuple[int, float | None, str | None]


@dataclass
class SeriesCache:
    """What the writer remembers between batches (one per process and database): metric
    ids, and the last stored value of each status or text series (for storing on change).

    Both are updated only after the transaction that wrote them committed (``commit``), so a
    batch rolled back (fenced, failed) leaves no id or value behind that the database lacks.
    """

    ids: dict[str, int] = field(default_factory=dict)
    last: dict[SeriesKey, LastValue] = field(default_factory=dict)

    def commit(self, pending: PendingWrite) -> None:
        self.ids.update(pending.ids)
        self.last.update(pending.last)


@dataclass
class PendingWrite:
    """What a batch will teach the cache once it committed."""

    ids: dict[str, int] = field(default_factory=dict)
    last: dict[SeriesKey, LastValue] = field(default_factory=dict)

    def add(self, other: PendingWrite) -> None:
        self.ids.update(other.ids)
        self.last.update(other.last)


# (device_id, metric name, epoch seconds, value, text, stored on change only)
SampleIn = tuple[int, str, int, float | None, str | None, bool]


def open_rows(
    session: Session, cache: SeriesCache, samples: Sequence[SampleIn], pending: PendingWrite
) -> list[series_repo.OpenRow]:
    """The rows to append for a batch's samples: metric names as ids, status and text
    samples dropped when unchanged since the last stored one (less than KEEPALIVE_S ago)."""
    ids = cache.ids
    missing = {s[1] for s in samples if s[1] not in ids and s[1] not in pending.ids}
    if missing:
        pending.ids.update(series_repo.metric_ids(session, missing))
    out: list[series_repo.OpenRow] = []
    last = cache.last
    for dev, name, ts, value, text, on_change in samples:
        mid = ids.get(name) or pending.ids[name]
        if on_change:
            key = (dev, mid)
            prev = pending.last.get(key) or last.get(key)
            if (
                prev is not None
                and prev[1] == value
                and prev[2] == text
                and 0 <= ts - prev[0] < KEEPALIVE_S
            ):
                continue
            pending.last[key] = (ts, value, text)
        out.append((dev, mid, ts, value, text))
    return out


# --- upkeep ------------------------------------------------------------------------------------


def seal_batch(session: Session, dev_lo: int, dev_hi: int, before: int) -> int:
    """Seal the open samples of devices dev_lo..dev_hi before ``before`` into raw chunks
    (merged into a chunk already there: a late sample) in the caller's transaction, encoding
    included; returns the samples sealed. Upkeep encodes outside its write transaction
    (``sealed_chunks``) and comes here only when a late sample slipped in meanwhile."""
    rows = series_repo.take_open(session, dev_lo, dev_hi, before)
    series_repo.put_chunks(session, sw.RAW, sealed_chunks(session, rows, dev_lo, dev_hi))
    return len(rows)


def sealed_chunks(
    session: Session, rows: Sequence[series_repo.Row], dev_lo: int, dev_hi: int
) -> list[series_repo.ChunkRow]:
    """The raw chunks that seal ``rows`` (open samples of devices dev_lo..dev_hi by series
    and time), each merged into the chunk of its window already there. Reads only."""
    if not rows:
        return []
    groups = list(sw.windows_of(rows, sw.RAW))
    starts = [g[2] for g in groups]
    existing = {
        (r[0], r[1], r[2]): r[4]
        for r in series_repo.chunks_of_devices(
            session, dev_lo, dev_hi, sw.RAW, min(starts), max(starts) + 1
        )
    }
    out: list[series_repo.ChunkRow] = []
    for dev, mid, start, points in groups:
        old = existing.get((dev, mid, start))
        if old is not None:
            points = sw.merge_points(sw.decode_points(old), points)
        out.append((dev, mid, start, len(points), sw.encode_points(points)))
    return out


class _LateSample(Exception):
    """A sample older than the seal's bound was appended between its read and its write."""


def rollup_chunks(
    session: Session, dev_lo: int, dev_hi: int, resolution: int, start: int
) -> list[series_repo.ChunkRow]:
    """The chunks rolling the window of ``resolution`` starting at ``start`` up for devices
    dev_lo..dev_hi from the next finer tier (raw for 5 minutes, 5-minute for hourly), merged
    into a chunk already there (an hourly window partly filled by an import). Reads only:
    upkeep computes this in a read transaction and writes the result in a short one."""
    end = start + sw.WINDOW[resolution]
    finer = sw.RAW if resolution == sw.FIVE_MIN else sw.FIVE_MIN
    source = series_repo.chunks_of_devices(session, dev_lo, dev_hi, finer, start, end)
    made: dict[SeriesKey, list[sw.Bucket]] = {}
    for dev, mid, _s, _n, data in source:
        if finer == sw.RAW:
            b = sw.buckets_from_points(sw.decode_points(data), resolution)
        else:
            b = sw.buckets_from_buckets(sw.decode_buckets(data), resolution)
        made.setdefault((dev, mid), []).extend(b)
    if not made:
        return []
    existing = {
        (r[0], r[1]): r[4]
        for r in series_repo.chunks_of_devices(session, dev_lo, dev_hi, resolution, start, end)
    }
    out: list[series_repo.ChunkRow] = []
    for (dev, mid), buckets in made.items():
        if not buckets:
            continue
        old = existing.get((dev, mid))
        if old is not None:
            buckets = sw.merge_buckets(sw.decode_buckets(old), buckets)
        out.append((dev, mid, start, len(buckets), sw.encode_buckets(buckets)))
    return out


@dataclass
class UpkeepReport:
    """What one upkeep pass did, and the longest write transaction it held (seconds)."""

    sealed: int = 0
    rolled: int = 0
    windows: int = 0
    pruned: int = 0
    transactions: int = 0
    longest_s: float = 0.0
    longest_step: str = ""
    # the CPU this process spent in its longest transaction (wall time on a busy machine
    # is mostly waiting for a core)
    longest_cpu_s: float = 0.0

    def held(self, step: str, seconds: float, cpu: float = 0.0) -> None:
        self.transactions += 1
        if seconds > self.longest_s:
            self.longest_s, self.longest_step = seconds, step
        self.longest_cpu_s = max(self.longest_cpu_s, cpu)


Writer = Callable[[], AbstractContextManager[Session]]


class Upkeep:
    """Sealing, rollups and retention in short transactions.

    Attributes:
        write: opens one write transaction (``Database.write``).
        read: opens one read transaction (``Database.read``): what upkeep computes (rollups,
            where it stands) it reads there, outside the write lock.
        may_run: called inside each write transaction; False when another poller does upkeep
            now (PostgreSQL's advisory lock), and the pass stops.
    """

    def __init__(
        self,
        write: Writer,
        may_run: Callable[[Session], bool],
        *,
        read: Writer | None = None,
        batch_devices: int = BATCH_DEVICES,
        seal_devices: int = SEAL_DEVICES,
        prune_chunks: int = PRUNE_CHUNKS,
    ) -> None:
        self.write = write
        self.read = read or write
        self.may_run = may_run
        self.batch_devices = batch_devices
        self.seal_devices = seal_devices
        self.prune_chunks = prune_chunks

    def _batches(self, size: int | None = None) -> list[tuple[int, int]]:
        with self.read() as s:
            return series_repo.device_id_batches(s, size or self.batch_devices)

    def _rollup_steps(self, report: UpkeepReport, resolution: int, start: int) -> int:
        """Roll one window up per batch: computed in a read transaction, written in a short
        write transaction (decoding a month of 5-minute buckets takes seconds)."""
        written = 0
        for lo, hi in self._batches():
            with self.read() as s:
                rows = rollup_chunks(s, lo, hi, resolution, start)
            if not rows:
                continue
            t0, c0 = time.perf_counter(), time.process_time()
            with self.write() as s:
                if not self.may_run(s):
                    return written
                series_repo.put_chunks(s, resolution, rows)
            report.held(f"rollup_{resolution}", time.perf_counter() - t0, time.process_time() - c0)
            written += len(rows)
        return written

    def seal(self, now: int, report: UpkeepReport) -> None:
        before = sw.floor(now - SEAL_GRACE, sw.HOUR)
        for lo, hi in self._batches(self.seal_devices):
            sealed = self._seal_step(report, lo, hi, before)
            if sealed is None:
                return  # another poller does upkeep now
            report.sealed += sealed
        with self.write() as s:
            series_repo.set_mark(s, "sealed", before)

    def _seal_step(self, report: UpkeepReport, lo: int, hi: int, before: int) -> int | None:
        """Seal one batch of devices: read and encoded in a read transaction; the write
        transaction only deletes the open rows and puts the chunks (encoding inside it held
        the write lock 894 ms at load ~20). When the delete takes more rows than were read
        (a late sample appended in between), that transaction is rolled back and the batch
        sealed again inside one (``seal_batch``); None when another poller does upkeep."""
        with self.read() as s:
            rows = series_repo.open_before(s, lo, hi, before)
            if not rows:
                return 0
            chunks = sealed_chunks(s, rows, lo, hi)
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            with self.write() as s:
                if not self.may_run(s):
                    return None
                if series_repo.delete_open(s, lo, hi, before) != len(rows):
                    raise _LateSample
                series_repo.put_chunks(s, sw.RAW, chunks)
        except _LateSample:
            report.held("seal_batch", time.perf_counter() - t0, time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            with self.write() as s:
                if not self.may_run(s):
                    return None
                sealed = seal_batch(s, lo, hi, before)
            report.held("seal_batch", time.perf_counter() - t0, time.process_time() - c0)
            return sealed
        report.held("seal", time.perf_counter() - t0, time.process_time() - c0)
        return len(rows)

    def roll_up(self, now: int, report: UpkeepReport) -> None:
        """Roll finished windows up: a day into 5-minute buckets once its hours are sealed,
        30 days into hourly buckets once their days are rolled up."""
        for resolution, finer, ready_mark in (
            (sw.FIVE_MIN, sw.RAW, "sealed"),
            (sw.HOUR, sw.FIVE_MIN, f"rollup_{sw.FIVE_MIN}"),
        ):
            width = sw.WINDOW[resolution]
            name = f"rollup_{resolution}"
            with self.read() as s:
                ready = min(series_repo.mark(s, ready_mark) or 0, now)
                upto = series_repo.mark(s, name)
                if upto is None:
                    first = series_repo.first_chunk_start(s, finer)
                    upto = None if first is None else sw.floor(first, width)
            done = 0
            while upto is not None and upto + width <= ready and done < MAX_WINDOWS:
                report.rolled += self._rollup_steps(report, resolution, upto)
                upto += width
                done += 1
                report.windows += 1
                with self.write() as s:
                    series_repo.set_mark(s, name, upto)

    def prune(self, now: int, retention: Retention, report: UpkeepReport) -> None:
        with self.read() as s:
            marks = {r: series_repo.mark(s, f"rollup_{r}") for r in (sw.FIVE_MIN, sw.HOUR)}
        limits = {
            # raw and 5-minute chunks go only once the next coarser tier holds them
            sw.RAW: min(now - retention.raw_days * sw.DAY, marks[sw.FIVE_MIN] or 0),
            sw.FIVE_MIN: min(now - retention.five_min_days * sw.DAY, marks[sw.HOUR] or 0),
            sw.HOUR: now - retention.hourly_days * sw.DAY,
        }
        for resolution, cutoff in limits.items():
            # a chunk goes when its whole window is past the cutoff
            start_before = cutoff - sw.WINDOW[resolution] + 1
            for lo, hi in self._batches():
                while True:  # at most prune_chunks per transaction (a catch-up deletes days)
                    t0, c0 = time.perf_counter(), time.process_time()
                    with self.write() as s:
                        if not self.may_run(s):
                            return
                        got = series_repo.delete_chunks_before(
                            s, lo, hi, resolution, start_before, self.prune_chunks
                        )
                    report.held("prune", time.perf_counter() - t0, time.process_time() - c0)
                    report.pruned += got
                    if got < self.prune_chunks:
                        break

    def vacuum(self, report: UpkeepReport) -> int:
        """SQLite: give free pages back to the file, VACUUM_PAGES per transaction, up to
        VACUUM_PASS_PAGES; returns the free pages left."""
        left = 1
        given = 0
        while left and given < VACUUM_PASS_PAGES:
            t0, c0 = time.perf_counter(), time.process_time()
            with self.write() as s:
                left = series_repo.incremental_vacuum(s, VACUUM_PAGES)
            report.held("vacuum", time.perf_counter() - t0, time.process_time() - c0)
            given += VACUUM_PAGES
        return left

    def run(self, now: int, retention: Retention) -> UpkeepReport:
        """Seal, roll up, prune and vacuum once; returns what was done."""
        report = UpkeepReport()
        self.seal(now, report)
        self.roll_up(now, report)
        self.prune(now, retention, report)
        self.vacuum(report)
        return report


# --- history written whole (the demo, imports) ---------------------------------------------------

# (device_id, metric name, start, count, min, max, sum)
BucketIn = tuple[int, str, int, float, float, float, float]
# (device_id, metric name, epoch seconds, value, text)
PointIn = tuple[int, str, int, float | None, str | None]


def write_history(
    session: Session,
    points: Sequence[PointIn],
    buckets: dict[int, Sequence[BucketIn]],
) -> int:
    """Write raw points and rollup buckets (by resolution) straight into chunks, replacing
    the chunks of the same series and windows; returns the chunks written."""
    names = {p[1] for p in points} | {b[1] for rows in buckets.values() for b in rows}
    ids = series_repo.metric_ids(session, names)
    written = 0
    raw = sorted((p[0], ids[p[1]], *p[2:]) for p in points)
    out = [
        (dev, mid, start, len(pts), sw.encode_points(pts))
        for dev, mid, start, pts in sw.windows_of(raw, sw.RAW)
    ]
    series_repo.put_chunks(session, sw.RAW, out)
    written += len(out)
    for resolution, rows in buckets.items():
        ordered = sorted((b[0], ids[b[1]], *b[2:]) for b in rows)
        out = [
            (dev, mid, start, len(bs), sw.encode_buckets(bs))
            for dev, mid, start, bs in sw.windows_of(ordered, resolution)
        ]
        series_repo.put_chunks(session, resolution, out)
        written += len(out)
    return written
