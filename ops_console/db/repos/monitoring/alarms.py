"""Alarms and care alerts: the open one of a device and rule, lists as named rows, counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from ...models import Alarm, CareAlert, Community, Device, WorkOrder
from .. import message_of, named_rows, of_devices
from .rows import AlarmRow, CareRow


def open_alarm(session: Session, device_id: int, rule: str) -> Alarm | None:
    return session.execute(
        select(Alarm)
        .where(Alarm.device_id == device_id, Alarm.rule == rule, Alarm.cleared_at.is_(None))
        .order_by(Alarm.id)
        .limit(1)
    ).scalar_one_or_none()


def alarm(session: Session, alarm_id: int) -> Alarm | None:
    return session.get(Alarm, alarm_id)


def alarm_with_device(session: Session, alarm_id: int) -> tuple[Alarm, Device] | None:
    """The alarm and its device with the device's community, in one statement (None when
    either is gone)."""
    row = session.execute(
        select(Alarm, Device)
        .join(Device, Device.id == Alarm.device_id)
        .options(joinedload(Device.community))
        .where(Alarm.id == alarm_id)
    ).first()
    return None if row is None else (row[0], row[1])


# in the order of AlarmRow's fields
ALARM_COLUMNS = (
    Alarm.id,
    Device.asset_tag,
    Device.name,
    Community.name,
    Alarm.rule,
    Alarm.severity,
    message_of(Alarm.message_data),
    Alarm.opened_at,
    Alarm.cleared_at,
    Alarm.acknowledged_at,
    Alarm.acknowledged_by,
    Alarm.work_order_id,
    Alarm.handed_over_at,
    Alarm.repeat_count,
    Alarm.work_kind,
    Alarm.source,
    Device.community_id,
    Alarm.handover_status,
    Alarm.handover_attempts,
    message_of(Alarm.handover_error, "handover.recorded"),
    Alarm.handover_next_at,
    WorkOrder.number,
    Alarm.recovery_status,
    Alarm.recovery_attempts,
    message_of(Alarm.recovery_error, "handover.recorded"),
    Alarm.recovery_next_at,
)


def alarm_rows(
    session: Session,
    *,
    community_ids: Sequence[int] | None,
    open_only: bool,
    alarm_ids: Sequence[int] | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[AlarmRow]:
    q = of_devices(ALARM_COLUMNS, Alarm.device_id, community_ids).outerjoin(
        WorkOrder, WorkOrder.id == Alarm.work_order_id
    )
    if open_only:
        q = q.where(Alarm.cleared_at.is_(None))
    if alarm_ids is not None:
        q = q.where(Alarm.id.in_(list(alarm_ids)))
    if since is not None:
        q = q.where(or_(Alarm.cleared_at.is_(None), Alarm.cleared_at >= since))
    q = q.order_by(Alarm.opened_at.desc(), Alarm.id.desc())
    return named_rows(session, q, lambda values: AlarmRow(*values), limit)


def open_alarm_counts(session: Session) -> dict[int, int]:
    q = (
        select(Alarm.device_id, func.count())
        .where(Alarm.cleared_at.is_(None))
        .group_by(Alarm.device_id)
    )
    return {r[0]: int(r[1]) for r in session.connection().execute(q)}


# in the order of CareRow's fields
CARE_COLUMNS = (
    CareAlert.id,
    Device.asset_tag,
    Device.name,
    Community.name,
    CareAlert.band_id,
    CareAlert.kind,
    CareAlert.raised_at,
    CareAlert.acknowledged_at,
    CareAlert.acknowledged_by,
    CareAlert.note,
    Device.community_id,
)


def care_rows(
    session: Session,
    *,
    community_ids: Sequence[int] | None,
    open_only: bool,
    limit: int | None = None,
) -> list[CareRow]:
    q = of_devices(CARE_COLUMNS, CareAlert.device_id, community_ids)
    if open_only:
        q = q.where(CareAlert.acknowledged_at.is_(None))
    q = q.order_by(CareAlert.raised_at.desc(), CareAlert.id.desc())
    return named_rows(session, q, lambda values: CareRow(*values), limit)
