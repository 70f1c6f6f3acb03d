"""Maintenance windows: which devices and zones one covers now, and the list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ...models import Community, Device, MaintenanceWindow
from .. import named_rows
from .rows import WindowRow


def active_window_targets(session: Session, at: datetime) -> tuple[set[int], set[int]]:
    """(device ids, community ids) under a maintenance window at ``at``."""
    q = select(MaintenanceWindow.device_id, MaintenanceWindow.community_id).where(
        and_(MaintenanceWindow.starts_at <= at, MaintenanceWindow.ends_at > at)
    )
    devices: set[int] = set()
    communities: set[int] = set()
    for dev, com in session.connection().execute(q):
        if dev is not None:
            devices.add(dev)
        if com is not None:
            communities.add(com)
    return devices, communities


# in the order of WindowRow's fields
_WINDOW_COLUMNS = (
    MaintenanceWindow.id,
    Device.asset_tag,
    Community.name,
    MaintenanceWindow.starts_at,
    MaintenanceWindow.ends_at,
    MaintenanceWindow.reason,
    MaintenanceWindow.created_by,
)


def window_rows(
    session: Session, community_ids: Sequence[int] | None, until_after: datetime | None
) -> list[WindowRow]:
    """The maintenance windows (those ending after ``until_after``, if given), by start."""
    q = (
        select(*_WINDOW_COLUMNS)
        .outerjoin(Device, Device.id == MaintenanceWindow.device_id)
        .outerjoin(
            Community,
            Community.id == func.coalesce(MaintenanceWindow.community_id, Device.community_id),
        )
    )
    if until_after is not None:
        q = q.where(MaintenanceWindow.ends_at > until_after)
    if community_ids is not None:
        q = q.where(
            or_(
                MaintenanceWindow.community_id.in_(list(community_ids)),
                Device.community_id.in_(list(community_ids)),
            )
        )
    return named_rows(session, q.order_by(MaintenanceWindow.starts_at), lambda v: WindowRow(*v))
