"""Queries, one module per area: services call these instead of building SQL.

What a query returns to the services is an ORM object, a plain value or a named row (a
``NamedTuple`` defined beside the query, or a frozen dataclass where a service's view extends
it with what the service adds), never an untyped ``Row``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar, TypeVarTuple

from sqlalchemy import ColumnElement, Select, Table, Text, TypeDecorator, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import InstrumentedAttribute, Session

from ...domain.messages import Msg, stored
from ..models import Base, Community, Device, WorkOrder, Zone

_Columns = TypeVarTuple("_Columns")
_Row = TypeVar("_Row")
_Model = TypeVar("_Model", bound="Base")


def sqlite_instant(instant: datetime) -> str:
    """An instant in ``UTCDateTime``'s stored form on SQLite (naive UTC,
    "YYYY-MM-DD HH:MM:SS.ffffff"), for driver-level statements."""
    if instant.tzinfo is not UTC:
        instant = instant.astimezone(UTC)
    return instant.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


class _StoredMessage(TypeDecorator[Msg]):
    """A message column (the JSON of a ``Msg``) read back as the ``Msg``: NULL or "" as None;
    with ``legacy``, a text stored before messages had codes as that message
    (``domain.messages.stored``)."""

    impl = Text
    cache_ok = True

    def __init__(self, legacy: str | None = None) -> None:
        super().__init__()
        self.legacy = legacy

    def process_result_value(self, value: str | None, dialect: Dialect) -> Msg | None:
        if self.legacy is not None:
            return stored(value, self.legacy)
        return Msg.from_json(value) if value else None


def message_of(
    column: InstrumentedAttribute[str] | InstrumentedAttribute[str | None],
    legacy: str | None = None,
) -> ColumnElement[Msg]:
    """``column`` (a stored message) selected so that its rows hold the ``Msg`` itself; the
    SQL is the column's own."""
    return type_coerce(column, _StoredMessage(legacy))


def in_communities(
    q: Select[*_Columns],
    column: InstrumentedAttribute[int],
    community_ids: Sequence[int] | None,
) -> Select[*_Columns]:
    """``q`` narrowed to the rows whose ``column`` names one of ``community_ids``: the
    communities a user sees; None (a user who sees every community) narrows nothing."""
    return q if community_ids is None else q.where(column.in_(list(community_ids)))


def of_devices(
    columns: Sequence[Any],
    device_id: InstrumentedAttribute[int] | None,
    community_ids: Sequence[int] | None,
    *,
    zone: bool = False,
) -> Select[Any]:
    """``columns`` of rows that belong to a device (``device_id``: the rows' column naming it;
    None: the devices themselves) joined with the device and its community, and with its
    zone where ``zone`` (None for a device without one), narrowed to ``community_ids``."""
    q = select(*columns)
    if device_id is not None:
        q = q.join(Device, Device.id == device_id)
    q = q.join(Community, Community.id == Device.community_id)
    if zone:
        q = q.outerjoin(Zone, Zone.id == Device.zone_id)
    return in_communities(q, Device.community_id, community_ids)


def of_orders(columns: Sequence[Any], *, zone: bool = False) -> Select[Any]:
    """``columns`` of work orders joined with their community and their device (None for an
    order without one), and with the device's zone where ``zone``."""
    q = (
        select(*columns)
        .join(Community, Community.id == WorkOrder.community_id)
        .outerjoin(Device, Device.id == WorkOrder.device_id)
    )
    return q.outerjoin(Zone, Zone.id == Device.zone_id) if zone else q


def named_rows(
    session: Session,
    q: Select[*_Columns],
    make: Callable[[Iterable[Any]], _Row],
    limit: int | None = None,
) -> list[_Row]:
    """``q``'s rows (at most ``limit``) named by ``make`` (a NamedTuple's ``_make``), read as
    Core rows on the session's connection: no ORM bookkeeping per row (5x faster on 100,000)
    and no autoflush."""
    if limit is not None:
        q = q.limit(limit)
    return list(map(make, session.connection().execute(q)))


def locked(session: Session, model: type[_Model], row_id: int) -> _Model | None:
    """The row ``row_id`` of ``model``, read afresh with the row locked until the transaction
    ends (PostgreSQL: SELECT … FOR UPDATE; SQLite's write transactions run one at a time)."""
    return session.execute(
        select(model)
        .filter_by(id=row_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()


def table_of(model: type[Base]) -> Table:
    """The model's Table, for Core statements on the bulk paths. Every model declares
    ``__tablename__``, so declarative maps it to a Table; SQLAlchemy types ``__table__`` as any
    FromClause, which insert() and update() refuse."""
    table = model.__table__
    assert isinstance(table, Table), model
    return table
