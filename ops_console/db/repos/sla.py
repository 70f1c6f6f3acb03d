"""Queries the SLA engine reads: report candidates and their events, open clocks, reminders,
health spans and maintenance windows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, String, and_, or_, select
from sqlalchemy.orm import Session

from ..models import (
    Device,
    HealthSpan,
    MaintenanceWindow,
    SlaReminder,
    User,
    WorkOrder,
    WorkOrderEvent,
    user_communities,
)
from .workorders import OPEN_STATUSES


def _candidates(contract_id: int, start: datetime, end: datetime) -> Any:
    # Population candidates: created before the end, not cancelled, and not resolved for good
    # before the start (resolved_at is the last resolve, None once reopened).
    return and_(
        WorkOrder.contract_id == contract_id,
        WorkOrder.created_at < end,
        WorkOrder.status != "cancelled",
        or_(WorkOrder.resolved_at.is_(None), WorkOrder.resolved_at >= start),
    )


def report_orders(
    session: Session, contract_id: int, start: datetime, end: datetime
) -> list[Row[Any]]:
    """Rows (id, number, priority, kind, status, sla_policy_id) of the report's candidates."""
    q = (
        select(
            WorkOrder.id,
            WorkOrder.number,
            WorkOrder.priority,
            WorkOrder.kind,
            WorkOrder.status,
            WorkOrder.sla_policy_id,
        )
        .where(_candidates(contract_id, start, end))
        .order_by(WorkOrder.id)
    )
    return list(session.connection().execute(q).all())


def _utc(text: Any) -> datetime:
    if isinstance(text, datetime):
        return text if text.tzinfo else text.replace(tzinfo=UTC)
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def report_events(
    session: Session, contract_id: int, start: datetime, end: datetime
) -> Iterator[tuple[int, str, datetime]]:
    """Yield (work order id, kind, at) of the candidates' events, by work order and sequence.

    On SQLite the times are read as text and parsed by ``datetime.fromisoformat`` (several
    times faster than the generic type processing over a million rows).
    """
    at_col: Any = WorkOrderEvent.at
    if session.bind is not None and session.bind.dialect.name == "sqlite":
        at_col = WorkOrderEvent.__table__.c.at.cast(String())
    q = (
        select(WorkOrderEvent.work_order_id, WorkOrderEvent.kind, at_col)
        .join(WorkOrder, WorkOrder.id == WorkOrderEvent.work_order_id)
        .where(_candidates(contract_id, start, end))
        .order_by(WorkOrderEvent.work_order_id, WorkOrderEvent.seq)
    )
    result = session.connection().execution_options(yield_per=20_000).execute(q)
    for wo_id, kind, at in result:
        yield wo_id, kind, _utc(at)


def open_orders(session: Session, community_ids: Sequence[int] | None = None) -> list[WorkOrder]:
    """Open work orders (new … on hold) that have an SLA policy."""
    q = select(WorkOrder).where(
        WorkOrder.status.in_(OPEN_STATUSES), WorkOrder.sla_policy_id.is_not(None)
    )
    if community_ids is not None:
        q = q.where(WorkOrder.community_id.in_(list(community_ids)))
    return list(session.execute(q.order_by(WorkOrder.created_at)).scalars())


def fired_reminders(session: Session, work_order_ids: Sequence[int]) -> set[tuple[int, str, str]]:
    out: set[tuple[int, str, str]] = set()
    ids = list(work_order_ids)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(SlaReminder.work_order_id, SlaReminder.target, SlaReminder.kind).where(
                SlaReminder.work_order_id.in_(ids[i : i + 500])
            )
        )
        out.update((int(a), b, c) for a, b, c in rows)
    return out


def escalation_users(session: Session, community_id: int) -> list[User]:
    """Managers (all) and the liaisons of a community: who SLA reminders go to."""
    scoped = select(user_communities.c.user_id).where(
        user_communities.c.community_id == community_id
    )
    q = select(User).where(
        User.active.is_(True),
        or_(User.role == "manager", and_(User.role == "liaison", User.id.in_(scoped))),
    )
    return list(session.execute(q.order_by(User.role, User.username)).scalars())


def devices(
    session: Session,
    *,
    asset_tags: Sequence[str] | None = None,
    community_ids: Sequence[int] | None = None,
) -> list[Device]:
    q = select(Device)
    if asset_tags is not None:
        q = q.where(Device.asset_tag.in_(list(asset_tags)))
    if community_ids is not None:
        q = q.where(Device.community_id.in_(list(community_ids)))
    return list(session.execute(q.order_by(Device.asset_tag)).scalars())


def health_spans(
    session: Session, device_ids: Sequence[int], start: datetime, end: datetime
) -> list[HealthSpan]:
    """Spans overlapping [start, end) of some devices, by device and start."""
    if not device_ids:
        return []
    q = (
        select(HealthSpan)
        .where(
            HealthSpan.device_id.in_(list(device_ids)),
            HealthSpan.starts_at < end,
            or_(HealthSpan.ends_at.is_(None), HealthSpan.ends_at > start),
        )
        .order_by(HealthSpan.device_id, HealthSpan.starts_at)
    )
    return list(session.execute(q).scalars())


def maintenance_windows(
    session: Session,
    device_ids: Sequence[int],
    community_ids: Sequence[int],
    start: datetime,
    end: datetime,
) -> list[MaintenanceWindow]:
    """Windows overlapping [start, end) of some devices or their communities."""
    conds = []
    if device_ids:
        conds.append(MaintenanceWindow.device_id.in_(list(device_ids)))
    if community_ids:
        conds.append(
            and_(
                MaintenanceWindow.device_id.is_(None),
                MaintenanceWindow.community_id.in_(list(community_ids)),
            )
        )
    if not conds:
        return []
    q = select(MaintenanceWindow).where(
        or_(*conds), MaintenanceWindow.starts_at < end, MaintenanceWindow.ends_at > start
    )
    return list(session.execute(q.order_by(MaintenanceWindow.starts_at)).scalars())


def hold_events(
    session: Session, contract_id: int, start: datetime, end: datetime
) -> list[Row[Any]]:
    """(work order id, number, kind, priority, policy id, event kind, at, reason, note) of
    held/resumed/cancelled events of the report's candidates, in order."""
    q = (
        select(
            WorkOrder.id,
            WorkOrder.number,
            WorkOrder.kind,
            WorkOrder.priority,
            WorkOrder.sla_policy_id,
            WorkOrderEvent.kind,
            WorkOrderEvent.at,
            WorkOrderEvent.reason_code,
            WorkOrderEvent.note,
        )
        .join(WorkOrder, WorkOrder.id == WorkOrderEvent.work_order_id)
        .where(
            _candidates(contract_id, start, end),
            WorkOrderEvent.kind.in_(("held", "resumed")),
            WorkOrderEvent.at < end,
        )
        .order_by(WorkOrderEvent.work_order_id, WorkOrderEvent.seq)
    )
    return list(session.execute(q).all())
