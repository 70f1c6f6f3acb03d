"""Devices as the poller and traps see them: targets, names and tags, addresses."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Device
from .. import in_communities
from ._tables import driver_rows_in
from .rows import DeviceMeta, TargetRow


def target_rows(session: Session, community_ids: Sequence[int] | None = None) -> list[TargetRow]:
    """In-service devices with an address, by id."""
    q = select(
        Device.id,
        Device.address,
        Device.snmp_port,
        Device.snmp_version,
        Device.credential,
        Device.category_code,
        Device.poll_interval_s,
        Device.community_id,
        Device.asset_tag,
    ).where(Device.status == "in_service", Device.address.is_not(None), Device.address != "")
    q = in_communities(q, Device.community_id, community_ids)
    return [TargetRow._make(r) for r in session.connection().execute(q.order_by(Device.id))]


def device_meta(session: Session, ids: Sequence[int]) -> dict[int, DeviceMeta]:
    """id → what storing a result of that device needs to know of it (plain driver rows:
    read for every batch of poll results)."""
    rows = driver_rows_in(
        session,
        "SELECT id, asset_tag, name, category_code, community_id, status, poll_interval_s "
        "FROM devices",
        "id",
        ids,
    )
    return {r[0]: DeviceMeta._make(r) for r in rows}


def device_by_tag(session: Session, tag: str) -> Device | None:
    return session.execute(select(Device).where(Device.asset_tag == tag)).scalar_one_or_none()


def device_ids_by_address(session: Session) -> dict[str, tuple[int, str]]:
    """address → (device id, category) of every in-service device (for trap senders)."""
    q = select(Device.address, Device.id, Device.category_code).where(
        Device.status == "in_service", Device.address.is_not(None)
    )
    # the WHERE clause already drops NULL addresses; the test only narrows the column's type
    return {r[0]: (r[1], r[2]) for r in session.connection().execute(q) if r[0] is not None}
