"""Maintenance windows: a device or a whole community, start, end, reason. No alarm is raised
inside one, and its time counts neither against availability nor against the SLA."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ....db import Session
from ....db.models import MaintenanceWindow
from ....db.repos import accounts as accounts_repo
from ....db.repos import monitoring as repo
from ....db.repos.monitoring.rows import WindowRow
from ....domain.errors import NotFound, ValidationError
from ... import audit
from ...context import Actor
from ...formats import JsonFields

MAX_WINDOW_DAYS = 31


class MaintenanceWindowInfo(WindowRow, JsonFields):
    """A planned maintenance window as lists, the CLI and the console show it (the fields of
    the repository's row)."""


@dataclass(frozen=True)
class WindowPlan:
    """A window as a person asks for it: one device (by asset tag) or one community, from
    ``start`` to ``end``, and why."""

    start: datetime
    end: datetime
    reason: str
    device_tag: str | None = None
    community: str | None = None

    def checked(self, now: datetime, *, allow_past: bool) -> WindowPlan:
        """The plan with its reason stripped, once the window is valid.

        Raises:
            ValidationError: both or neither target, naive or reversed times, a window over
                31 days, one that already ended (unless ``allow_past``, for imports), or no
                reason.
        """
        start, end = self.start, self.end
        if (self.device_tag is None) == (self.community is None):
            raise ValidationError.of("maintenance window: name either a device or a community")
        if start.tzinfo is None or end.tzinfo is None:
            raise ValidationError.of("maintenance window: times must carry a time zone")
        if end <= start:
            raise ValidationError.of("maintenance window: --to must come after --from")
        if end - start > timedelta(days=MAX_WINDOW_DAYS):
            raise ValidationError.of(
                "maintenance window: at most {days} days (plan several windows)",
                days=MAX_WINDOW_DAYS,
            )
        reason = (self.reason or "").strip()
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
        return replace(self, reason=reason)


def add_window(
    session: Session, actor: Actor, plan: WindowPlan, now: datetime
) -> MaintenanceWindowInfo:
    """Add a (checked) window in the caller's transaction, audited."""
    device_tag, community = plan.device_tag, plan.community
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
        starts_at=plan.start,
        ends_at=plan.end,
        reason=plan.reason,
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
            "from": plan.start,
            "to": plan.end,
            "reason": plan.reason,
        },
    )
    return MaintenanceWindowInfo(
        w.id, device_tag, community, plan.start, plan.end, plan.reason, actor.username
    )
