"""Alarms and care alerts: opening, clearing and recording them inside a caller's transaction,
what lists show, and the hand-over of alarms to the work-order service.

An alarm is a device fault and may become a work order; a care alert (a wristband's SOS,
fall or removal) is a person event and never does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..db.models import Alarm, CareAlert
from ..db.repos import monitoring as repo
from ..domain.health import Level
from . import audit
from .context import SYSTEM

log = logging.getLogger(__name__)

CARE_KINDS = ("sos", "fall", "removal")


@dataclass(frozen=True)
class AlarmInfo:
    """An alarm as lists, the CLI and the work-order service see it."""

    id: int
    asset_tag: str
    device_name: str
    community: str
    rule: str
    severity: str
    message: str
    opened_at: datetime
    cleared_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    work_order_id: int | None
    handed_over_at: datetime | None
    repeat_count: int
    work_kind: str
    source: str
    community_id: int

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        for k in ("opened_at", "cleared_at", "acknowledged_at", "handed_over_at"):
            if d[k] is not None:
                d[k] = d[k].isoformat()
        return d


def alarm_info(r: Any) -> AlarmInfo:
    return AlarmInfo(*r)


@dataclass(frozen=True)
class CareAlertInfo:
    """A wristband's person event on the liaison's care list."""

    id: int
    asset_tag: str
    device_name: str
    community: str
    band_id: str | None
    kind: str
    raised_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    note: str | None
    community_id: int

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        for k in ("raised_at", "acknowledged_at"):
            if d[k] is not None:
                d[k] = d[k].isoformat()
        return d


def care_info(r: Any) -> CareAlertInfo:
    return CareAlertInfo(*r)


@dataclass(frozen=True)
class AlarmChange:
    """An alarm that opened or cleared in a transaction, for the hand-over after commit."""

    alarm_id: int
    device_id: int
    rule: str
    change: str  # opened, cleared
    work_kind: str
    severity: str


def severity_name(level: Level | str) -> str:
    return level.name.lower() if isinstance(level, Level) else level


def open_alarm(
    session: Any,
    *,
    now: datetime,
    device_id: int,
    asset_tag: str,
    rule: str,
    severity: str,
    message: str,
    work_kind: str = "repair",
    source: str = "poll",
    actor: str = SYSTEM.username,
) -> AlarmChange | None:
    """Open an alarm, or count a repeat on the open one of the same device and rule.

    The opening is audited and recorded as handed over to work orders (``handed_over_at``);
    the work-order service picks it up after the commit (see ``WorkOrderHandover``).
    """
    existing = repo.open_alarm(session, device_id, rule)
    if existing is not None:
        existing.repeat_count += 1
        if Level.parse(severity) > Level.parse(existing.severity):
            before = existing.severity
            existing.severity = severity
            audit.record(
                session,
                at=now,
                actor=actor,
                action="alarm.escalate",
                entity="alarm",
                entity_id=existing.id,
                before={"severity": before},
                after={"severity": severity, "message": message},
            )
        return None
    a = Alarm(
        device_id=device_id,
        rule=rule,
        severity=severity,
        message=message[:500],
        opened_at=now,
        handed_over_at=now,
        work_kind=work_kind,
        source=source,
        repeat_count=0,
    )
    session.add(a)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="alarm.open",
        entity="alarm",
        entity_id=a.id,
        after={
            "device": asset_tag,
            "rule": rule,
            "severity": severity,
            "message": a.message,
            "source": source,
            "work_kind": work_kind,
        },
    )
    return AlarmChange(a.id, device_id, rule, "opened", work_kind, severity)


def escalate_alarm(
    session: Any, *, now: datetime, device_id: int, rule: str, severity: str, message: str
) -> None:
    a = repo.open_alarm(session, device_id, rule)
    if a is None or Level.parse(severity) <= Level.parse(a.severity):
        return
    before = a.severity
    a.severity = severity
    a.message = message[:500]
    audit.record(
        session,
        at=now,
        actor=SYSTEM.username,
        action="alarm.escalate",
        entity="alarm",
        entity_id=a.id,
        before={"severity": before},
        after={"severity": severity, "message": a.message},
    )


def clear_alarm(
    session: Any,
    *,
    now: datetime,
    device_id: int,
    rule: str,
    reason: str,
    actor: str = SYSTEM.username,
) -> AlarmChange | None:
    """Clear the open alarm of a device and rule (audited); ``None`` when none is open."""
    a = repo.open_alarm(session, device_id, rule)
    if a is None:
        return None
    a.cleared_at = now
    audit.record(
        session,
        at=now,
        actor=actor,
        action="alarm.clear",
        entity="alarm",
        entity_id=a.id,
        before={"cleared_at": None},
        after={"cleared_at": now, "reason": reason},
    )
    return AlarmChange(a.id, device_id, rule, "cleared", a.work_kind, a.severity)


def raise_care_alert(
    session: Any,
    *,
    now: datetime,
    device_id: int,
    asset_tag: str,
    kind: str,
    band_id: str | None,
) -> int:
    """Record a care alert (audited). Never handed over to work orders."""
    if kind not in CARE_KINDS:
        raise ValueError(f"care alert kind must be one of {CARE_KINDS}, not {kind!r}")
    c = CareAlert(device_id=device_id, band_id=band_id, kind=kind, raised_at=now)
    session.add(c)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=SYSTEM.username,
        action="care.raise",
        entity="care_alert",
        entity_id=c.id,
        after={"device": asset_tag, "kind": kind, "band": band_id},
    )
    return c.id


class WorkOrderHandover:
    """Hands opened and cleared alarms to the work-order service, after their commit.

    The opening transaction already records the hand-over (``Alarm.handed_over_at``). When
    the work-order service offers ``raise_from_alarm(actor, alarm_id)`` and
    ``alarm_cleared(actor, alarm_id)``, they are called here, each in its own
    transaction; until it does, the recorded hand-over is all there is, and the work-order
    service can pick up open alarms with ``handed_over_at`` set and no ``work_order_id``.
    A failure there is logged and never undoes the alarm.
    """

    def __init__(self, workorders: Callable[[], Any | None]) -> None:
        self._workorders = workorders

    def _method(self, name: str) -> Callable[..., Any] | None:
        try:
            service = self._workorders()
        except Exception:  # the service may not be built yet
            log.exception("work-order service unavailable")
            return None
        method = getattr(service, name, None) if service is not None else None
        return method if callable(method) else None

    def deliver(self, changes: list[AlarmChange]) -> None:
        for ch in changes:
            name = "raise_from_alarm" if ch.change == "opened" else "alarm_cleared"
            method = self._method(name)
            if method is None:
                continue
            try:
                method(SYSTEM, ch.alarm_id)
            except Exception:
                log.exception("hand-over of alarm %s (%s) to work orders failed", ch.alarm_id, name)
