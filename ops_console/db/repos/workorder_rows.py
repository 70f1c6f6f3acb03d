"""Work-order rows for lists: built straight from one query's rows, no ORM objects.

The Work orders page and ``workorders list`` read every visible work order; building ORM
objects (with their device and assignee loaded) for 100,000 of them took ~3 s, these rows
a fraction of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar, Unpack

from sqlalchemy import Text, TypeDecorator, case, func, literal, select, type_coerce
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from ...domain.messages import Msg, typed
from ..models import Device, User, WorkOrder
from . import named_rows
from .workorders import HEAD_COLUMNS, OrderHead, OrderScope, in_scope

_Row = TypeVar("_Row", bound="OrderRow")


class _Title(TypeDecorator[Msg]):
    """``TITLE`` read back as the title in words: the console's message (the JSON of a
    ``Msg``), or what a person typed, which the query marks with a leading space."""

    impl = Text
    cache_ok = True

    def process_result_value(self, value: str | None, dialect: Dialect) -> Msg:
        if value is None:  # never: the title is NOT NULL
            return typed("")
        if value.startswith(" "):
            return typed(value[1:])
        return Msg.from_json(value)


# a work order's title as ``WorkOrder.title_msg`` reads it, in one column
TITLE = type_coerce(
    case(
        (func.coalesce(WorkOrder.title_data, "") != "", WorkOrder.title_data),
        else_=literal(" ") + WorkOrder.title,
    ),
    _Title(),
)


@dataclass(frozen=True)
class OrderRow(OrderHead):
    """A work order as lists show it, with its device's tag and its assignee's login and name
    (``services.workorders.WorkOrderRow`` is this row with its JSON)."""

    title: Msg  # what people typed (``text.typed``) or the console's message
    device: str | None
    community_id: int
    assignee: str | None
    created_at: datetime
    updated_at: datetime
    device_recovered_at: datetime | None
    version: int
    assignee_name: str | None = None  # the person's name; ``assignee`` is their login


# in the order of OrderRow's fields
ROW_COLUMNS = (
    *HEAD_COLUMNS,
    TITLE,
    Device.asset_tag,
    WorkOrder.community_id,
    User.username,
    WorkOrder.created_at,
    WorkOrder.updated_at,
    WorkOrder.device_recovered_at,
    WorkOrder.version,
    User.display_name,
)


def order_rows(
    session: Session,
    row: type[_Row],
    *,
    statuses: Sequence[str] | None = None,
    contract_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
    **scope: Unpack[OrderScope],
) -> list[_Row]:
    """The work orders in ``scope`` (of ``statuses``, of a contract), newest first, each
    made a ``row`` (the service's view of an order: built once per order, 100,000 on a
    large installation)."""
    q = (
        select(*ROW_COLUMNS)
        .outerjoin(Device, Device.id == WorkOrder.device_id)
        .outerjoin(User, User.id == WorkOrder.assignee_id)
    )
    q = in_scope(q, **scope)
    if statuses:
        q = q.where(WorkOrder.status.in_(list(statuses)))
    if contract_id is not None:
        q = q.where(WorkOrder.contract_id == contract_id)
    q = q.order_by(WorkOrder.created_at.desc(), WorkOrder.id.desc()).offset(offset)
    return named_rows(session, q, lambda values: row(*values), limit)
