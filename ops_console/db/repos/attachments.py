"""Queries over work-order attachments: their list without the bytes, one file's bytes, the
thumbnails of a set of orders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from ..models import WorkOrder, WorkOrderAttachment


class AttachmentRow(NamedTuple):
    """An attachment as lists show it: everything but its bytes."""

    id: int
    work_order_id: int
    kind: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime
    added_by: str


_COLUMNS = (
    WorkOrderAttachment.id,
    WorkOrderAttachment.work_order_id,
    WorkOrderAttachment.kind,
    WorkOrderAttachment.file_name,
    WorkOrderAttachment.media_type,
    WorkOrderAttachment.size,
    WorkOrderAttachment.sha256,
    WorkOrderAttachment.added_at,
    WorkOrderAttachment.added_by,
)


def of_order(session: Session, work_order_id: int) -> list[AttachmentRow]:
    """The attachments of one work order, oldest first, without their bytes."""
    stmt = (
        select(*_COLUMNS)
        .where(WorkOrderAttachment.work_order_id == work_order_id)
        .order_by(WorkOrderAttachment.added_at, WorkOrderAttachment.id)
    )
    return [AttachmentRow(*r) for r in session.execute(stmt)]


def one(session: Session, work_order_id: int, attachment_id: int) -> WorkOrderAttachment | None:
    """One attachment of the work order with its bytes loaded, or None."""
    stmt = (
        select(WorkOrderAttachment)
        .options(undefer(WorkOrderAttachment.content))
        .where(
            WorkOrderAttachment.id == attachment_id,
            WorkOrderAttachment.work_order_id == work_order_id,
        )
    )
    return session.execute(stmt).scalar_one_or_none()


def thumbnails(
    session: Session, work_order_ids: Iterable[int], kinds: Sequence[str] | None = None
) -> list[tuple[AttachmentRow, bytes | None]]:
    """The attachments of these orders with their thumbnails (PNG), oldest first."""
    ids = list(work_order_ids)
    if not ids:
        return []
    stmt = select(*_COLUMNS, WorkOrderAttachment.thumbnail).where(
        WorkOrderAttachment.work_order_id.in_(ids)
    )
    if kinds is not None:
        stmt = stmt.where(WorkOrderAttachment.kind.in_(list(kinds)))
    stmt = stmt.order_by(WorkOrderAttachment.added_at, WorkOrderAttachment.id)
    out = []
    for r in session.execute(stmt):
        *fields, thumb = r
        out.append((AttachmentRow(*fields), thumb))
    return out


def order_ids(session: Session, numbers: Iterable[str]) -> dict[str, int]:
    """Work-order ids by number."""
    wanted = list(numbers)
    if not wanted:
        return {}
    stmt = select(WorkOrder.number, WorkOrder.id).where(WorkOrder.number.in_(wanted))
    return {n: i for n, i in session.execute(stmt)}
