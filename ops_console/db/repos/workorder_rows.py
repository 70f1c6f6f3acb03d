"""Work-order rows for lists: plain tuples straight from one query, no ORM objects.

The Work orders page and ``workorders list`` read every visible work order; building ORM
objects (with their device and assignee loaded) for 100,000 of them took ~3 s, these rows
a fraction of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple, Unpack

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Device, User, WorkOrder
from . import named_rows
from .workorders import OrderScope, in_scope


class OrderRow(NamedTuple):
    """A work order as lists show it, with its device's tag and its assignee's login and name."""

    id: int
    number: str
    kind: str
    source: str
    status: str
    priority: str
    title: str  # what people typed; "" where the console's message is in ``title_data``
    title_data: str | None
    device: str | None
    community_id: int
    assignee: str | None
    created_at: datetime
    updated_at: datetime
    device_recovered_at: datetime | None
    version: int
    assignee_name: str | None


# in the order of OrderRow's fields
ROW_COLUMNS = (
    WorkOrder.id,
    WorkOrder.number,
    WorkOrder.kind,
    WorkOrder.source,
    WorkOrder.status,
    WorkOrder.priority,
    WorkOrder.title,
    WorkOrder.title_data,
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
    *,
    statuses: Sequence[str] | None = None,
    contract_id: int | None = None,
    limit: int | None = None,
    offset: int = 0,
    **scope: Unpack[OrderScope],
) -> list[OrderRow]:
    """The work orders in ``scope`` (of ``statuses``, of a contract), newest first."""
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
    return named_rows(session, q, OrderRow._make, limit)
