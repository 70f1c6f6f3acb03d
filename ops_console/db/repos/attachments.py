"""Queries over work-order attachments: their list without the bytes, one file's bytes, the
thumbnails of a set of orders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..models import WorkOrder, WorkOrderAttachment

_Row = TypeVar("_Row", bound="AttachmentRow")


@dataclass(frozen=True)
class AttachmentRow:
    """An attachment as lists show it: everything but its bytes, with its order's number
    (``services.workorders.AttachmentInfo`` is this row with its JSON).

    Attributes:
        kind: before, after, signoff or other.
        media_type: image/jpeg, image/png or application/pdf.
        size: bytes stored.
        sha256: of the bytes stored (hex).
        added_by: the login of who attached it.
    """

    id: int
    number: str
    kind: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime
    added_by: str


# in the order of AttachmentRow's fields, over attachments joined with their work order
_COLUMNS = (
    WorkOrderAttachment.id,
    WorkOrder.number,
    WorkOrderAttachment.kind,
    WorkOrderAttachment.file_name,
    WorkOrderAttachment.media_type,
    WorkOrderAttachment.size,
    WorkOrderAttachment.sha256,
    WorkOrderAttachment.added_at,
    WorkOrderAttachment.added_by,
)


def _listed(*columns: Any) -> Select[Any]:
    """``columns`` of attachments joined with their work order."""
    return select(*columns).join(WorkOrder, WorkOrder.id == WorkOrderAttachment.work_order_id)


def of_order(session: Session, work_order_id: int, row: type[_Row]) -> list[_Row]:
    """The attachments of one work order, oldest first, without their bytes, each made a
    ``row`` (the service's view of an attachment)."""
    stmt = (
        _listed(*_COLUMNS)
        .where(WorkOrderAttachment.work_order_id == work_order_id)
        .order_by(WorkOrderAttachment.added_at, WorkOrderAttachment.id)
    )
    return [row(*r) for r in session.execute(stmt)]


def one(
    session: Session, work_order_id: int, attachment_id: int, row: type[_Row]
) -> tuple[_Row, bytes] | None:
    """One attachment of the work order, made a ``row``, with its bytes; or None."""
    stmt = _listed(*_COLUMNS, WorkOrderAttachment.content).where(
        WorkOrderAttachment.id == attachment_id,
        WorkOrderAttachment.work_order_id == work_order_id,
    )
    found = session.execute(stmt).first()
    if found is None:
        return None
    *fields, content = found
    return row(*fields), bytes(content)


def thumbnails(
    session: Session,
    work_order_ids: Iterable[int],
    row: type[_Row],
    kinds: Sequence[str] | None = None,
) -> list[tuple[_Row, bytes | None]]:
    """The attachments of these orders, each made a ``row``, with their thumbnails (PNG),
    oldest first."""
    ids = list(work_order_ids)
    if not ids:
        return []
    stmt = _listed(*_COLUMNS, WorkOrderAttachment.thumbnail).where(
        WorkOrderAttachment.work_order_id.in_(ids)
    )
    if kinds is not None:
        stmt = stmt.where(WorkOrderAttachment.kind.in_(list(kinds)))
    stmt = stmt.order_by(WorkOrderAttachment.added_at, WorkOrderAttachment.id)
    out = []
    for r in session.execute(stmt):
        *fields, thumb = r
        out.append((row(*fields), thumb))
    return out


def order_ids(session: Session, numbers: Iterable[str]) -> dict[str, int]:
    """Work-order ids by number."""
    wanted = list(numbers)
    if not wanted:
        return {}
    stmt = select(WorkOrder.number, WorkOrder.id).where(WorkOrder.number.in_(wanted))
    return {n: i for n, i in session.execute(stmt)}
