"""The device health view, and the devices the stale-data rule looks at."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Community, Device
from .. import in_communities
from ._tables import _chunks, _states
from .rows import HealthRow


def health_rows(session: Session, community_ids: Sequence[int] | None) -> list[HealthRow]:
    """Devices not retired with their state, by asset tag."""
    q = (
        select(
            Device.id,
            Device.asset_tag,
            Device.name,
            Device.category_code,
            Community.name,
            _states.c.health,
            _states.c.health_since,
            _states.c.last_poll_at,
            _states.c.last_ok_at,
            _states.c.last_error,
            _states.c.summary_json,
            Device.community_id,
            Device.status,
        )
        .join(Community, Community.id == Device.community_id)
        .outerjoin(_states, _states.c.device_id == Device.id)
        .where(Device.status != "retired")
    )
    q = in_communities(q, Device.community_id, community_ids)
    return [HealthRow._make(r) for r in session.connection().execute(q.order_by(Device.asset_tag))]


def state_summary(session: Session, device_id: int) -> str | None:
    """A device's stored state summary (JSON), or None when it was never polled."""
    q = select(_states.c.summary_json).where(_states.c.device_id == device_id)
    return session.connection().execute(q).scalar_one_or_none()


def unhealthy_summaries(
    session: Session, community_ids: Sequence[int] | None, device_ids: Sequence[int] | None = None
) -> list[tuple[int, str]]:
    """(device id, stored summary) of the degraded and down devices, the only ones whose
    summary holds causes (of ``device_ids`` only, when given)."""
    q = (
        select(_states.c.device_id, _states.c.summary_json)
        .join(Device, Device.id == _states.c.device_id)
        .where(_states.c.health.in_(("degraded", "down")))
    )
    q = in_communities(q, Device.community_id, community_ids)
    conn = session.connection()
    if device_ids is None:
        return [(d, j) for d, j in conn.execute(q)]
    out: list[tuple[int, str]] = []
    for chunk in _chunks(list(device_ids)):
        out += [(d, j) for d, j in conn.execute(q.where(_states.c.device_id.in_(chunk)))]
    return out


def stale_candidates(session: Session, before_each: Mapping[int, datetime]) -> list[int]:
    """Ids among ``before_each`` whose last poll is older than their own instant."""
    out: list[int] = []
    conn = session.connection()
    for chunk in _chunks(list(before_each)):
        q = select(_states.c.device_id, _states.c.last_poll_at).where(
            _states.c.device_id.in_(chunk)
        )
        for dev, last in conn.execute(q):
            if last is not None and last < before_each[dev]:
                out.append(dev)
    return out


def polled_between(session: Session, since: datetime, before: datetime) -> dict[int, datetime]:
    """device id → last poll, of the devices last polled at or after ``since`` and before
    ``before`` (the stale-data rule's candidates: polled in this run, not lately)."""
    q = select(_states.c.device_id, _states.c.last_poll_at).where(
        _states.c.last_poll_at >= since, _states.c.last_poll_at < before
    )
    return {dev: last for dev, last in session.connection().execute(q)}


def never_polled(session: Session, ids: Sequence[int]) -> dict[int, datetime]:
    """Ids among ``ids`` that no poll has reached yet (no state, or no ``last_poll_at``),
    each with its device's ``updated_at`` (creation, or its last inventory change)."""
    out: dict[int, datetime] = {}
    conn = session.connection()
    for chunk in _chunks(ids):
        q = (
            select(Device.id, Device.updated_at)
            .outerjoin(_states, _states.c.device_id == Device.id)
            .where(Device.id.in_(chunk), _states.c.last_poll_at.is_(None))
        )
        for dev, updated in conn.execute(q):
            out[dev] = updated
    return out
