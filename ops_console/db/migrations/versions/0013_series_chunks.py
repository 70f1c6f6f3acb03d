"""time series in compressed chunks: metric names by id, the open window's append table
(integer epoch seconds), chunks per device × metric × window at three resolutions, upkeep
marks; every old sample and rollup moved into chunks (streamed in order, a window at a time,
with a progress line on stderr), then the old samples and rollups tables dropped

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import groupby
from typing import Any

import sqlalchemy as sa
from alembic import op

from ops_console.db import pg_security
from ops_console.db import series_windows as sw
from ops_console.db.models.base import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# rows read per round trip, chunks written per statement: memory stays bounded by these
READ_BATCH = 20_000
WRITE_BATCH = 2_000


def _create() -> None:
    op.create_table(
        "metric_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_names")),
        sa.UniqueConstraint("name", name=op.f("uq_metric_names_name")),
    )
    op.create_table(
        "samples_open",
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("metric_id", sa.Integer(), nullable=False),
        sa.Column("ts", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("text", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["devices.id"],
            name=op.f("fk_samples_open_device_id_devices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["metric_id"],
            ["metric_names.id"],
            name=op.f("fk_samples_open_metric_id_metric_names"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("device_id", "metric_id", "ts", name=op.f("pk_samples_open")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "series_chunks",
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("resolution_s", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("metric_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["devices.id"],
            name=op.f("fk_series_chunks_device_id_devices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["metric_id"],
            ["metric_names.id"],
            name=op.f("fk_series_chunks_metric_id_metric_names"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "device_id", "resolution_s", "metric_id", "start", name=op.f("pk_series_chunks")
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "series_marks",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("upto", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_series_marks")),
    )


class _Progress:
    """A progress line on stderr, at most every two seconds."""

    def __init__(self, what: str, total: int) -> None:
        self.what, self.total, self.done, self.last = what, total, 0, 0.0

    def add(self, n: int, final: bool = False) -> None:
        self.done += n
        now = time.monotonic()
        if self.total and (final or now - self.last >= 2.0):
            self.last = now
            pct = 100 * self.done // self.total
            print(
                f"migrating {self.what}: {self.done:,} of {self.total:,} rows ({pct} %)",
                file=sys.stderr,
                flush=True,
            )


def _epoch(value: datetime) -> int:
    return int(value.timestamp())


def _stream(bind: sa.Connection, query: Any, progress: _Progress) -> Iterator[Any]:
    # on the statement, not the connection (Connection.execution_options changes the
    # connection itself: every later statement would run as a server-side cursor)
    result = bind.execute(query.execution_options(stream_results=True, yield_per=READ_BATCH))
    for part in result.partitions(READ_BATCH):
        progress.add(len(part))
        yield from part
    progress.add(0, final=True)


def _write(bind: sa.Connection, resolution: int, chunks: Iterable[tuple[Any, ...]]) -> None:
    stmt = sa.text(
        "INSERT INTO series_chunks (device_id, resolution_s, metric_id, start, n, data) "
        "VALUES (:d, :r, :m, :s, :n, :b)"
    )
    batch: list[dict[str, Any]] = []
    for dev, mid, start, n, data in chunks:
        batch.append({"d": dev, "r": resolution, "m": mid, "s": start, "n": n, "b": data})
        if len(batch) >= WRITE_BATCH:
            bind.execute(stmt, batch)
            batch = []
    if batch:
        bind.execute(stmt, batch)


def _count(bind: sa.Connection, table: str) -> int:
    return int(bind.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


def _move_samples(bind: sa.Connection, ids: dict[str, int]) -> None:
    t = sa.table(
        "samples",
        sa.column("device_id", sa.Integer()),
        sa.column("metric", sa.String()),
        sa.column("ts", UTCDateTime()),
        sa.column("value", sa.Float()),
        sa.column("text", sa.String()),
    )
    q = sa.select(t.c.device_id, t.c.metric, t.c.ts, t.c.value, t.c.text).order_by(
        t.c.device_id, t.c.metric, t.c.ts
    )
    rows = _stream(bind, q, _Progress("samples", _count(bind, "samples")))
    # epoch seconds: of two samples in one second (older databases kept microseconds) the
    # first is kept
    points = (
        (d, ids[m], _epoch(ts), v, tx)
        for (d, m, _s), same in groupby(rows, key=lambda r: (r[0], r[1], _epoch(r[2])))
        for d, m, ts, v, tx in [next(same)]
    )

    def chunks() -> Iterator[tuple[Any, ...]]:
        for dev, mid, start, pts in sw.windows_of(points, sw.RAW):
            yield dev, mid, start, len(pts), sw.encode_points(pts)

    _write(bind, sw.RAW, chunks())


def _move_rollups(bind: sa.Connection, ids: dict[str, int], resolution: int) -> None:
    t = sa.table(
        "rollups",
        sa.column("device_id", sa.Integer()),
        sa.column("metric", sa.String()),
        sa.column("resolution_s", sa.Integer()),
        sa.column("bucket_start", UTCDateTime()),
        sa.column("count", sa.Integer()),
        sa.column("min", sa.Float()),
        sa.column("avg", sa.Float()),
        sa.column("max", sa.Float()),
    )
    q = (
        sa.select(t.c.device_id, t.c.metric, t.c.bucket_start, t.c["count"], t.c.min, t.c.avg, t.c.max)
        .where(t.c.resolution_s == resolution)
        .order_by(t.c.device_id, t.c.metric, t.c.bucket_start)
    )
    total = int(
        bind.execute(
            sa.text("SELECT count(*) FROM rollups WHERE resolution_s = :r"), {"r": resolution}
        ).scalar_one()
    )
    rows = _stream(bind, q, _Progress(f"{resolution // 60}-minute rollups", total))
    buckets = (
        (d, ids[m], _epoch(b), float(c), lo, hi, round(avg * c, 6))
        for d, m, b, c, lo, avg, hi in rows
        if c
    )

    def chunks() -> Iterator[tuple[Any, ...]]:
        for dev, mid, start, bs in sw.windows_of(buckets, resolution):
            yield dev, mid, start, len(bs), sw.encode_buckets(bs)

    _write(bind, resolution, chunks())
    # upkeep continues rolling up after the last window the old rollups completed
    last = bind.execute(
        sa.select(sa.func.max(t.c.bucket_start)).where(t.c.resolution_s == resolution)
    ).scalar_one_or_none()
    if last is not None:
        width = sw.WINDOW[resolution]
        upto = sw.floor(_epoch(last) + resolution, width)
        bind.execute(
            sa.text("INSERT INTO series_marks (name, upto) VALUES (:n, :u)"),
            {"n": f"rollup_{resolution}", "u": upto},
        )


def upgrade() -> None:
    _create()
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "INSERT INTO metric_names (name) SELECT metric FROM samples "
            "UNION SELECT metric FROM rollups"
        )
    )
    ids = {r[0]: r[1] for r in bind.execute(sa.text("SELECT name, id FROM metric_names"))}
    _move_samples(bind, ids)
    for resolution in (sw.FIVE_MIN, sw.HOUR):
        _move_rollups(bind, ids, resolution)
    op.drop_table("samples")  # its indexes and policies go with it
    op.drop_table("rollups")
    if bind.dialect.name == "postgresql":
        # the new tables get the grants and row-level policies of 0009 and 0010
        schema = pg_security.current_schema(bind)
        pg_security.run(bind, ["SELECT ops_apply_grants()"])
        pg_security.run(bind, pg_security.rls_statements(schema))


def downgrade() -> None:
    raise NotImplementedError(
        "0013 cannot be undone: restore the backup taken before the upgrade instead"
    )
