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
