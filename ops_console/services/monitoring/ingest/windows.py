"""Maintenance windows: a device or a whole community, start, end, reason. No alarm is raised
inside one, and its time counts neither against availability nor against the SLA."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ....db import Session
from ....db.models import MaintenanceWindow
from ....db.repos import accounts as accounts_repo
from ....db.repos import monitoring as repo
from ....domain.errors import NotFound, ValidationError
from ... import audit
from ...context import Actor
from ...formats import JsonFields

MAX_WINDOW_DAYS = 31


@dataclass(frozen=True)
class MaintenanceWindowInfo(JsonFields):
    id: int
    asset_tag: str | None
    community: str | None
    starts_at: datetime
    ends_at: datetime
    reason: str
    created_by: str


def checked_reason(
    *,
    start: datetime,
    end: datetime,
    reason: str,
    device_tag: str | None,
    community: str | None,
    now: datetime,
    allow_past: bool,
) -> str:
    """The window's reason, stripped, once the window is valid.

    Raises:
        ValidationError: both or neither target, naive or reversed times, a window over
            31 days, one that already ended (unless ``allow_past``, for imports), or no reason.
    """
    if (device_tag is None) == (community is None):
        raise ValidationError.of("maintenance window: name either a device or a community")
    if start.tzinfo is None or end.tzinfo is None:
        raise ValidationError.of("maintenance window: times must carry a time zone")
    if end <= start:
        raise ValidationError.of("maintenance window: --to must come after --from")
    if end - start > timedelta(days=MAX_WINDOW_DAYS):
        raise ValidationError.of(
            "maintenance window: at most {days} days (plan several windows)", days=MAX_WINDOW_DAYS
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError.of("maintenance window: a reason is required")
    if len(reason) > 500:
        raise ValidationError.of(
            "maintenance window: the reason is longer than {limit} characters", limit=500
        )
    if end <= now and not allow_past:
        raise ValidationError.of(
            "maintenance window: it already ended; windows are planned, not back-dated"
        )
    return reason


def add_window(
    session: Session,
    actor: Actor,
    *,
    start: datetime,
    end: datetime,
    reason: str,
    device_tag: str | None,
    community: str | None,
    now: datetime,
) -> MaintenanceWindowInfo:
    """Add a (checked) window in the caller's transaction, audited."""
    device_id = community_id = None
    if device_tag is not None:
        d = repo.device_by_tag(session, device_tag)
        if d is None:
            raise NotFound.of("no device with asset tag {device!r}", device=device_tag)
        actor.require_community(d.community_id, d.community.name)
        device_id = d.id
    else:
        c = accounts_repo.community_by_name(session, community or "")
        if c is None:
            raise NotFound.of("no community named {community!r}", community=community)
        actor.require_community(c.id, c.name)
        community_id = c.id
    w = MaintenanceWindow(
        device_id=device_id,
        community_id=community_id,
        starts_at=start,
        ends_at=end,
        reason=reason,
        created_by=actor.username,
        created_at=now,
    )
    session.add(w)
    session.flush()
    audit.record(
        session,
        now,
        actor,
        "maintenance.add",
        "maintenance_window",
        w.id,
        after={
            "device": device_tag,
            "community": community,
            "from": start,
            "to": end,
            "reason": reason,
        },
    )
    return MaintenanceWindowInfo(w.id, device_tag, community, start, end, reason, actor.username)
