"""What the monitoring queries share: the Core tables of the bulk paths and IN (...) lists in chunks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, select
from sqlalchemy.orm import QueryableAttribute, Session

from ...models import AlarmRuleState, DeviceLease, DeviceState, HealthSpan
from .. import table_of

CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit


_states = table_of(DeviceState)
_spans = table_of(HealthSpan)
_rules = table_of(AlarmRuleState)
_leases = table_of(DeviceLease)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def driver_rows_in(
    session: Session, select_from: str, key: str, ids: Sequence[int]
) -> Iterator[tuple[Any, ...]]:
    """The plain DBAPI rows (tuples) of ``select_from`` (``SELECT … FROM table``) whose
    ``key`` column is one of ``ids``, CHUNK ids a statement, on the DBAPI cursor: no statement
    compiled, no row or type processed (the store's reads of every batch of results spent a
    quarter of its time there). Values come as the driver gives them: instants are text on
    SQLite (``UTCDateTime``'s stored form), aware datetimes on PostgreSQL."""
    conn = session.connection()
    p = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    cursor = conn.connection.cursor()
    try:
        for chunk in _chunks(ids):
            cursor.execute(f"{select_from} WHERE {key} IN ({', '.join([p] * len(chunk))})", chunk)
            yield from cursor.fetchall()
    finally:
        cursor.close()


def rows_in(
    session: Session,
    columns: Sequence[ColumnElement[Any] | QueryableAttribute[Any]],
    key: ColumnElement[int] | QueryableAttribute[int],
    ids: Sequence[int],
) -> Iterator[Row[*tuple[Any, ...]]]:
    """The rows of ``columns`` whose ``key`` is one of ``ids``, read CHUNK ids a statement."""
    conn = session.connection()
    for chunk in _chunks(ids):
        yield from conn.execute(select(*columns).where(key.in_(chunk)))
