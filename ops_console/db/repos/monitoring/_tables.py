"""What the monitoring queries share: the Core tables of the bulk paths and IN (...) lists in chunks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Table

from ...models import AlarmRuleState, Base, DeviceLease, DeviceState, HealthSpan

CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit


def _table(model: type[Base]) -> Table:
    """The model's Table. Every model here declares ``__tablename__``, so declarative maps it to
    a Table; SQLAlchemy types ``__table__`` as any FromClause, which insert() and update() refuse.
    """
    table = model.__table__
    assert isinstance(table, Table), model
    return table


_states = _table(DeviceState)
_spans = _table(HealthSpan)
_rules = _table(AlarmRuleState)
_leases = _table(DeviceLease)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]
