"""Queries of the time-series store: metric ids, the open window's rows, chunks and marks.

The poller's path (``append``) and upkeep's bulk paths go to the driver with plain tuples
(``exec_driver_sql`` → ``cursor.executemany``): no ORM, no per-row parameter processing.
Chunks are keyed (device, resolution, metric, window start), so a device's chunks lie
together and upkeep works through the devices in small batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from ..models import Device, MetricName

Row = tuple[Any, ...]
# (device_id, metric_id, ts, value, text)
OpenRow = tuple[int, int, int, float | None, str | None]
# (device_id, metric_id, start, n, data)
ChunkRow = tuple[int, int, int, int, bytes]


def _conn(session: Session) -> Connection:
    return session.connection()


def _ph(conn: Connection) -> str:
    """The driver's placeholder: ``?`` for sqlite3, ``%s`` for psycopg."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def is_postgres(session: Session) -> bool:
    return _conn(session).dialect.name == "postgresql"


# --- metric names ------------------------------------------------------------------------------


def metric_ids_known(session: Session, names: Iterable[str]) -> dict[str, int]:
    """name → id of the names already stored."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    q = select(MetricName.name, MetricName.id).where(MetricName.name.in_(wanted))
    return {r[0]: r[1] for r in _conn(session).execute(q)}


def metric_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    """name → id, creating the names not stored yet (safe against another writer doing the
    same at once: the insert skips names that appeared meanwhile)."""
    wanted = set(names)
    if not wanted:
        return {}
    conn = _conn(session)
    q = select(MetricName.name, MetricName.id)
    got = metric_ids_known(session, wanted)
    missing = sorted(wanted - got.keys())
    if missing:
        p = _ph(conn)
        conn.exec_driver_sql(
            f"INSERT INTO metric_names (name) VALUES ({p}) ON CONFLICT (name) DO NOTHING",
            [(m,) for m in missing],
        )
        got.update({r[0]: r[1] for r in conn.execute(q.where(MetricName.name.in_(missing)))})
    return got


def metric_names(session: Session, ids: Iterable[int] | None = None) -> dict[int, str]:
    """id → name (of ``ids``, or all)."""
    q = select(MetricName.id, MetricName.name)
    if ids is not None:
        q = q.where(MetricName.id.in_(sorted(set(ids))))
    return {r[0]: r[1] for r in _conn(session).execute(q)}


# --- the open window ---------------------------------------------------------------------------


def append(session: Session, rows: Sequence[OpenRow]) -> None:
    """Append samples to the open window; a sample already there (same device, metric and
    second) is kept and the new one skipped. PostgreSQL takes them by COPY (2.5× the rows/s of
    ``executemany`` in ``benchmarks/pg_append.py``), SQLite by ``executemany``."""
    if _conn(session).dialect.name == "postgresql":
        copy_append(session, rows)
    else:
        executemany_append(session, rows)


def executemany_append(session: Session, rows: Sequence[OpenRow]) -> None:
    """``append`` as one driver-level ``executemany`` of INSERT … ON CONFLICT DO NOTHING."""
    if not rows:
        return
    conn = _conn(session)
    p = _ph(conn)
    conn.exec_driver_sql(
        "INSERT INTO samples_open (device_id, metric_id, ts, value, text) "
        f"VALUES ({p}, {p}, {p}, {p}, {p}) ON CONFLICT DO NOTHING",
        list(rows),
    )


def copy_append(session: Session, rows: Sequence[OpenRow]) -> None:
    """``append`` through PostgreSQL's COPY into a temporary table, then one INSERT … SELECT
    that skips samples already there (COPY itself cannot skip a duplicate)."""
    if not rows:
        return
    conn = _conn(session)
    conn.exec_driver_sql(
        "CREATE TEMPORARY TABLE IF NOT EXISTS samples_in "
        "(device_id integer, metric_id integer, ts bigint, value double precision, text text) "
        "ON COMMIT DELETE ROWS"
    )
    raw: Any = conn.connection.dbapi_connection
    copy = "COPY samples_in (device_id, metric_id, ts, value, text) FROM STDIN"
    with raw.cursor() as cur, cur.copy(copy) as cp:
        for r in rows:
            cp.write_row(r)
    conn.exec_driver_sql("INSERT INTO samples_open SELECT * FROM samples_in ON CONFLICT DO NOTHING")
    conn.exec_driver_sql("DELETE FROM samples_in")


def take_open(session: Session, dev_lo: int, dev_hi: int, before: int) -> list[Row]:
    """Delete and return the open samples of devices dev_lo..dev_hi before ``before``, as
    (device_id, metric_id, ts, value, text) by series and time. One statement reads and
    deletes, so a late sample appended meanwhile is either taken or left, never lost."""
    conn = _conn(session)
    p = _ph(conn)
    rows = conn.exec_driver_sql(
        f"DELETE FROM samples_open WHERE device_id >= {p} AND device_id <= {p} AND ts < {p} "
        "RETURNING device_id, metric_id, ts, value, text",
        (dev_lo, dev_hi, before),
    ).all()
    return sorted(rows, key=lambda r: (r[0], r[1], r[2]))


def open_before(session: Session, dev_lo: int, dev_hi: int, before: int) -> list[Row]:
    """The open samples of devices dev_lo..dev_hi before ``before``, as (device_id,
    metric_id, ts, value, text) by series and time, left in place (``delete_open`` takes
    them once they are sealed)."""
    conn = _conn(session)
    p = _ph(conn)
    return list(
        conn.exec_driver_sql(
            "SELECT device_id, metric_id, ts, value, text FROM samples_open WHERE "
            f"device_id >= {p} AND device_id <= {p} AND ts < {p} ORDER BY device_id, metric_id, ts",
            (dev_lo, dev_hi, before),
        ).all()
    )


def delete_open(session: Session, dev_lo: int, dev_hi: int, before: int) -> int:
    """Delete the open samples of devices dev_lo..dev_hi before ``before``; returns how many."""
    conn = _conn(session)
    p = _ph(conn)
    got = conn.exec_driver_sql(
        f"DELETE FROM samples_open WHERE device_id >= {p} AND device_id <= {p} AND ts < {p}",
        (dev_lo, dev_hi, before),
    )
    return int(got.rowcount or 0)


def open_points(
    session: Session, device_id: int, metric_id: int, since: int, until: int
) -> list[Row]:
    """(ts, value, text) of one series in the open window, in [since, until)."""
    conn = _conn(session)
    p = _ph(conn)
    return list(
        conn.exec_driver_sql(
            "SELECT ts, value, text FROM samples_open "
            f"WHERE device_id = {p} AND metric_id = {p} AND ts >= {p} AND ts < {p} ORDER BY ts",
            (device_id, metric_id, since, until),
        ).all()
    )


def first_open_ts(session: Session) -> int | None:
    got = _conn(session).exec_driver_sql("SELECT min(ts) FROM samples_open").scalar()
    return None if got is None else int(got)


# --- chunks ------------------------------------------------------------------------------------


def chunks(
    session: Session,
    device_id: int,
    metric_id: int,
    resolution_s: int,
    start_from: int,
    start_before: int,
) -> list[Row]:
    """(start, n, data) of one series' chunks whose window starts in [start_from, start_before)."""
    conn = _conn(session)
    p = _ph(conn)
    return list(
        conn.exec_driver_sql(
            "SELECT start, n, data FROM series_chunks WHERE device_id = "
            f"{p} AND resolution_s = {p} AND metric_id = {p} AND start >= {p} AND start < {p} "
            "ORDER BY start",
            (device_id, resolution_s, metric_id, start_from, start_before),
        ).all()
    )


def count_raw(session: Session, device_id: int, metric_id: int, since: int, until: int) -> int:
    """Raw points of one series in the chunks whose window starts in [since, until) and in
    the open window (an upper bound of those in [since, until): cheap, nothing decoded)."""
    conn = _conn(session)
    p = _ph(conn)
    sealed = conn.exec_driver_sql(
        f"SELECT coalesce(sum(n), 0) FROM series_chunks WHERE device_id = {p} "
        f"AND resolution_s = 0 AND metric_id = {p} AND start >= {p} AND start < {p}",
        (device_id, metric_id, since, until),
    ).scalar()
    live = conn.exec_driver_sql(
        f"SELECT count(*) FROM samples_open WHERE device_id = {p} AND metric_id = {p} "
        f"AND ts >= {p} AND ts < {p}",
        (device_id, metric_id, since, until),
    ).scalar()
    return int(sealed or 0) + int(live or 0)


def chunks_of_devices(
    session: Session,
    dev_lo: int,
    dev_hi: int,
    resolution_s: int,
    start_from: int,
    start_before: int,
) -> list[Row]:
    """(device_id, metric_id, start, n, data) of devices dev_lo..dev_hi at one resolution,
    windows starting in [start_from, start_before), by series and time."""
    conn = _conn(session)
    p = _ph(conn)
    return list(
        conn.exec_driver_sql(
            "SELECT device_id, metric_id, start, n, data FROM series_chunks "
            f"WHERE device_id >= {p} AND device_id <= {p} AND resolution_s = {p} "
            f"AND start >= {p} AND start < {p} ORDER BY device_id, metric_id, start",
            (dev_lo, dev_hi, resolution_s, start_from, start_before),
        ).all()
    )


def put_chunks(session: Session, resolution_s: int, rows: Sequence[ChunkRow]) -> None:
    """Insert chunks, replacing those of the same series and window."""
    if not rows:
        return
    conn = _conn(session)
    p = _ph(conn)
    conn.exec_driver_sql(
        "INSERT INTO series_chunks (device_id, resolution_s, metric_id, start, n, data) "
        f"VALUES ({p}, {p}, {p}, {p}, {p}, {p}) "
        "ON CONFLICT (device_id, resolution_s, metric_id, start) "
        "DO UPDATE SET n = excluded.n, data = excluded.data",
        [(d, resolution_s, m, s, n, data) for d, m, s, n, data in rows],
    )


def delete_chunks_before(
    session: Session,
    dev_lo: int,
    dev_hi: int,
    resolution_s: int,
    start_before: int,
    limit: int | None = None,
) -> int:
    """Delete the chunks of devices dev_lo..dev_hi at one resolution whose window starts
    before ``start_before`` (at most ``limit`` of them, oldest first); returns how many."""
    conn = _conn(session)
    p = _ph(conn)
    where = f"device_id >= {p} AND device_id <= {p} AND resolution_s = {p} AND start < {p}"
    args: tuple[int, ...] = (dev_lo, dev_hi, resolution_s, start_before)
    if limit is None:
        got = conn.exec_driver_sql(f"DELETE FROM series_chunks WHERE {where}", args)
    else:  # the primary key's columns as a row value: SQLite and PostgreSQL both take it
        got = conn.exec_driver_sql(
            "DELETE FROM series_chunks WHERE (device_id, resolution_s, metric_id, start) IN "
            f"(SELECT device_id, resolution_s, metric_id, start FROM series_chunks WHERE {where} "
            f"ORDER BY start LIMIT {p})",
            (*args, limit),
        )
    return int(got.rowcount or 0)


def series_of_device(session: Session, device_id: int) -> set[int]:
    """Metric ids with chunks or open samples for a device."""
    conn = _conn(session)
    p = _ph(conn)
    a = conn.exec_driver_sql(
        f"SELECT DISTINCT metric_id FROM series_chunks WHERE device_id = {p}", (device_id,)
    )
    b = conn.exec_driver_sql(
        f"SELECT DISTINCT metric_id FROM samples_open WHERE device_id = {p}", (device_id,)
    )
    return {r[0] for r in a} | {r[0] for r in b}


def first_chunk_start(session: Session, resolution_s: int) -> int | None:
    conn = _conn(session)
    p = _ph(conn)
    got = conn.exec_driver_sql(
        f"SELECT min(start) FROM series_chunks WHERE resolution_s = {p}", (resolution_s,)
    ).scalar()
    return None if got is None else int(got)


# --- devices in batches, marks -----------------------------------------------------------------


def device_id_batches(session: Session, size: int) -> list[tuple[int, int]]:
    """(first id, last id) of consecutive batches of ``size`` devices, retired ones included
    (their history stays until retention takes it)."""
    ids = [r[0] for r in _conn(session).execute(select(Device.id).order_by(Device.id))]
    return [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]


def mark(session: Session, name: str) -> int | None:
    conn = _conn(session)
    p = _ph(conn)
    got = conn.exec_driver_sql(f"SELECT upto FROM series_marks WHERE name = {p}", (name,)).scalar()
    return None if got is None else int(got)


def set_mark(session: Session, name: str, upto: int) -> None:
    conn = _conn(session)
    p = _ph(conn)
    conn.exec_driver_sql(
        f"INSERT INTO series_marks (name, upto) VALUES ({p}, {p}) "
        "ON CONFLICT (name) DO UPDATE SET upto = excluded.upto",
        (name, upto),
    )


def incremental_vacuum(session: Session, pages: int) -> int:
    """SQLite: give up to ``pages`` free pages back to the file system (the file shrinks
    after retention); returns the free pages left. A no-op elsewhere.

    sqlite3 steps a statement once, and each step of ``incremental_vacuum`` frees one page:
    hence one statement per page.
    """
    conn = _conn(session)
    if conn.dialect.name != "sqlite":
        return 0
    free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)
    raw: Any = conn.connection.dbapi_connection
    cur = raw.cursor()
    try:
        for _ in range(min(pages, free)):
            cur.execute("PRAGMA incremental_vacuum(1)")
    finally:
        cur.close()
    return int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)
