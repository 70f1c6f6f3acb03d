"""Device states and health spans: read and written in bulk per batch of results."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    Integer,
    any_,
    bindparam,
    func,
    insert,
    literal_column,
    null,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from ...models import Community, Device
from .. import sqlite_instant
from ._tables import CHUNK, _chunks, _leases, _spans, _states, driver_rows_in
from .rows import SpanRow, StateRow


def state_rows(session: Session, ids: Sequence[int]) -> dict[int, StateRow]:
    """device id → its stored state (devices never polled have none); plain driver rows,
    read for every batch of poll results."""
    rows = driver_rows_in(
        session,
        "SELECT device_id, health, health_since, consecutive_failures, summary_json, "
        "last_error FROM device_states",
        "device_id",
        ids,
    )
    return {r[0]: StateRow(r[0], r[1], _from_driver(r[2]), *r[3:]) for r in rows}


def _from_driver(value: datetime | str | None) -> datetime | None:
    """A ``UTCDateTime`` as the driver reads it: SQLite's stored text (naive UTC), or an
    aware datetime (PostgreSQL)."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value.astimezone(UTC)


def insert_states(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(_states), rows)


_STATE_COLUMNS = frozenset(
    ("health", "health_since", "last_poll_at", "last_ok_at", "last_error",
     "consecutive_failures", "summary_json")
)  # fmt: skip


def update_states(session: Session, rows: list[dict[str, Any]]) -> None:
    """Update device states: each row has ``b_id`` and only the columns to set (those that
    changed). One driver-level ``executemany`` per set of columns, parameters as plain tuples
    (instants in ``UTCDateTime``'s stored form), so a poll that changed only the poll time
    writes only the poll time."""
    if not rows:
        return
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    p = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    groups: dict[tuple[str, ...], list[tuple[object, ...]]] = {}
    texts: dict[datetime, str] = {}  # a poll's instant is its last poll and its last good one

    def text(v: object) -> object:
        if not isinstance(v, datetime):
            return v
        t = texts.get(v)
        if t is None:
            t = texts[v] = sqlite_instant(v)
        return t

    for r in rows:
        cols = tuple(k for k in r if k != "b_id")
        if sqlite:  # instants as text: the others as they are, without a call each
            values = [text(v) if isinstance(v, datetime) else v for v in map(r.__getitem__, cols)]
        else:
            values = [r[c] for c in cols]
        groups.setdefault(cols, []).append((*values, r["b_id"]))
    for cols, params in groups.items():
        unknown = set(cols) - _STATE_COLUMNS
        if unknown:
            raise ValueError(f"not a device state column: {sorted(unknown)}")
        sets = ", ".join(f"{c} = {p}" for c in cols)
        conn.exec_driver_sql(f"UPDATE device_states SET {sets} WHERE device_id = {p}", params)


def close_spans(session: Session, rows: list[dict[str, Any]]) -> None:
    """Close the open span of each device: rows of ``{"b_id": id, "b_at": instant}``. One
    driver-level ``executemany`` with plain tuples, as ``update_states``."""
    if rows:
        conn = session.connection()
        p = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(
            f"UPDATE health_spans SET ends_at = {p} WHERE device_id = {p} AND ends_at IS NULL",
            [(_instant(conn, r["b_at"]), r["b_id"]) for r in rows],
        )


def insert_spans(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert spans: rows of ``{"device_id", "health", "starts_at", "ends_at"}`` (one
    driver-level ``executemany`` with plain tuples)."""
    if rows:
        conn = session.connection()
        p = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(
            "INSERT INTO health_spans (device_id, health, starts_at, ends_at) "
            f"VALUES ({p}, {p}, {p}, {p})",
            [
                (
                    r["device_id"],
                    r["health"],
                    _instant(conn, r["starts_at"]),
                    _instant(conn, r["ends_at"]),
                )
                for r in rows
            ],
        )


def _instant(conn: Connection, at: datetime | None) -> object:
    """An instant as the driver takes it for a ``UTCDateTime`` column: its stored text on
    SQLite, the aware datetime (in UTC) elsewhere; None stays None."""
    if at is None:
        return None
    if at.tzinfo is None:
        raise ValueError(f"naive datetime {at!r}: instants must carry a time zone")
    return sqlite_instant(at) if conn.dialect.name == "sqlite" else at.astimezone(UTC)


def unknown_in_bulk(session: Session, at: datetime, device_ids: Sequence[int] | None) -> None:
    """Turn the devices (of ``device_ids``, every device when None) not already
    unknown unknown from ``at`` in three set-based statements, whatever their number: close
    each open span at ``at`` (at its start if later), open an unknown span from there, set the
    state. The ids travel as one array parameter. A take-over of 10,000 devices used to send
    10,000 updates and 10,000 inserted rows from Python. On SQLite the same three statements
    (``max`` for ``greatest``, the ids in lists of ``CHUNK``) as plain driver statements:
    ``poll --once`` marking 10,000 devices unknown since the last run spent ~0.5 s of the
    poller's CPU reading the open spans and writing them back row by row."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        _unknown_sqlite(session, at, device_ids)
        return
    c = _spans.c
    close = (
        update(_spans)
        .where(c.ends_at.is_(None), c.health != "unknown")
        .values(ends_at=func.greatest(c.starts_at, bindparam("at", at, type_=c.starts_at.type)))
        .returning(c.id, c.device_id)
    )
    if device_ids is not None:
        close = close.where(c.device_id == any_(_int_array("ids", device_ids)))
    closed = conn.execute(close).all()
    if not closed:
        return
    span_ids = [r[0] for r in closed]
    conn.execute(
        insert(_spans).from_select(
            ["device_id", "health", "starts_at", "ends_at"],
            select(c.device_id, literal_column("'unknown'"), c.ends_at, null()).where(
                c.id == any_(_int_array("spans", span_ids))
            ),
        )
    )
    conn.execute(
        update(_states)
        .where(_states.c.device_id == any_(_int_array("devices", [r[1] for r in closed])))
        .values(health="unknown", health_since=at)
    )


def _unknown_sqlite(session: Session, at: datetime, device_ids: Sequence[int] | None) -> None:
    """``unknown_in_bulk`` on SQLite (instants in ``UTCDateTime``'s stored text, whose order
    is the instants' order, so ``max`` of two is the later)."""
    conn = session.connection()
    stamp = sqlite_instant(at)
    close = (
        "UPDATE health_spans SET ends_at = max(starts_at, ?) "
        "WHERE ends_at IS NULL AND health != 'unknown'"
    )
    closed: list[tuple[int, int]] = []
    if device_ids is None:
        closed += map(tuple, conn.exec_driver_sql(close + " RETURNING id, device_id", (stamp,)))
    else:
        for chunk in _chunks(device_ids):
            marks = ",".join("?" * len(chunk))
            closed += map(
                tuple,
                conn.exec_driver_sql(
                    f"{close} AND device_id IN ({marks}) RETURNING id, device_id", (stamp, *chunk)
                ),
            )
    for i in range(0, len(closed), CHUNK):
        part = closed[i : i + CHUNK]
        marks = ",".join("?" * len(part))
        conn.exec_driver_sql(
            "INSERT INTO health_spans (device_id, health, starts_at, ends_at) "
            f"SELECT device_id, 'unknown', ends_at, NULL FROM health_spans WHERE id IN ({marks})",
            tuple(r[0] for r in part),
        )
        conn.exec_driver_sql(
            "UPDATE device_states SET health = 'unknown', health_since = ? "
            f"WHERE device_id IN ({marks})",
            (stamp, *(r[1] for r in part)),
        )


def _int_array(name: str, ids: Sequence[int]) -> BindParameter[Any]:
    return bindparam(name, list(ids), type_=postgresql.ARRAY(Integer()))


def device_ids_in(
    session: Session, community_ids: Sequence[int], *, unleased_only: bool = False
) -> list[int]:
    """Ids of the devices of some communities (those no poller holds a lease of, with
    ``unleased_only``)."""
    q = select(Device.id).where(Device.community_id.in_(list(community_ids)))
    if unleased_only:
        q = q.where(
            Device.id.not_in(select(_leases.c.device_id).where(_leases.c.poller_id.is_not(None)))
        )
    return [r[0] for r in session.connection().execute(q)]


def community_ids_all(session: Session) -> list[int]:
    return [r[0] for r in session.connection().execute(select(Community.id))]


def leased_device_ids(session: Session) -> set[int]:
    """Devices a poller holds the lease of."""
    q = select(_leases.c.device_id).where(_leases.c.poller_id.is_not(None))
    return {r[0] for r in session.connection().execute(q)}


def spans_between(
    session: Session, device_ids: Sequence[int] | None, since: datetime, until: datetime
) -> list[SpanRow]:
    """The spans overlapping [since, until), by device and start."""
    q = select(_spans.c.device_id, _spans.c.health, _spans.c.starts_at, _spans.c.ends_at).where(
        _spans.c.starts_at < until, or_(_spans.c.ends_at.is_(None), _spans.c.ends_at > since)
    )
    if device_ids is not None:
        q = q.where(_spans.c.device_id.in_(list(device_ids)))
    rows = session.connection().execute(q.order_by(_spans.c.device_id, _spans.c.starts_at))
    return list(map(SpanRow._make, rows))
