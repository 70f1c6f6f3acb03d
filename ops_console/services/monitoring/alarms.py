"""Alarms and care alerts: opening, clearing, acknowledging and recording them inside a
caller's transaction, what lists show, and the way to the work-order service.

An alarm is a device fault and may become a work order; a care alert (a wristband's SOS,
fall or removal) is a person event and never does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from ...db import Session
from ...db.models import Alarm, CareAlert
from ...db.repos import monitoring as repo
from ...db.repos.monitoring.rows import AlarmRow, CareRow
from ...domain.errors import NotFound, OpsError, ValidationError
from ...domain.health import Level
from ...domain.messages import Msg
from .. import audit
from ..context import SYSTEM, Actor
from ..formats import JsonFields
from .care import care_alert_for

log = logging.getLogger(__name__)

CARE_KINDS = ("sos", "fall", "removal")
# how long an alarm being handed over is left to its first attempt before a retry takes it
HANDOVER_LEASE = timedelta(seconds=60)


class HandoverRefused(OpsError):
    """The work-order service refuses an alarm for good (e.g. its device is retired, or its
    work order was closed before it could be marked "device recovered"): the hand-over (or the
    recovery notice) is recorded as failed with this reason and never retried.

    Attributes:
        reason: the reason as a stored message (``handover.retired{device}``).
    """

    reason: Msg | None = None

    @classmethod
    def because(cls, reason: Msg) -> HandoverRefused:
        exc = cls(str(reason))
        exc.reason = reason
        return exc


@dataclass(frozen=True)
class AlarmInfo(AlarmRow, JsonFields):
    """An alarm as lists, the CLI and the work-order service see it (the fields of the
    repository's row)."""

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None

    def to_json(self) -> dict[str, Any]:
        """The fields (messages in English words) with the message also as its code and
        parameters."""
        out = super().to_json()
        out["message_code"] = self.message.code
        out["message_params"] = self.message.to_json()["params"]
        return out

    @property
    def recovery_text(self) -> str:
        """Whether the work order was told the alarm cleared, when something went wrong
        (empty otherwise: open, told, or told at the next attempt)."""
        if self.recovery_status == "failed":
            return f"not marked recovered: {self.recovery_error or 'no reason recorded'}"
        if self.recovery_status == "pending" and self.recovery_attempts:
            at = (
                self.recovery_next_at.isoformat(timespec="seconds")
                if self.recovery_next_at
                else "-"
            )
            return (
                f"recovery not recorded (attempt {self.recovery_attempts} failed: "
                f"{self.recovery_error}; next {at})"
            )
        return ""

    @property
    def handover_text(self) -> str:
        """The hand-over in a few words: the work order, or why there is none (yet); with
        what went wrong telling it the alarm cleared."""
        if self.work_order_number:
            recovery = self.recovery_text
            return f"{self.work_order_number}; {recovery}" if recovery else self.work_order_number
        if self.handover_status == "done":
            return "handed over"
        if self.handover_status == "failed":
            return f"refused: {self.handover_error or 'no reason recorded'}"
        if self.handover_attempts == 0:
            return "pending"
        at = self.handover_next_at.isoformat(timespec="seconds") if self.handover_next_at else "-"
        return (
            f"retrying (attempt {self.handover_attempts} failed: {self.handover_error}; next {at})"
        )


def alarm_info(r: AlarmRow) -> AlarmInfo:
    return AlarmInfo(**vars(r))


@dataclass(frozen=True)
class CareAlertInfo(CareRow, JsonFields):
    """A wristband's person event on the liaison's care list (the fields of the repository's
    row)."""


def care_info(r: CareRow) -> CareAlertInfo:
    return CareAlertInfo(**vars(r))


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
    session: Session,
    *,
    now: datetime,
    device_id: int,
    asset_tag: str,
    rule: str,
    severity: str,
    message: Msg,
    work_kind: str = "repair",
    source: str = "poll",
    actor: str = SYSTEM.username,
) -> AlarmChange | None:
    """Open an alarm, or count a repeat on the open one of the same device and rule.

    The opening is audited. Its hand-over to work orders is pending: the monitoring service
    hands it over right after the commit (``ingest.handover``); ``handover_next_at`` (one
    lease later) is when a retry may take it up if that attempt never reports back.
    """
    existing = repo.open_alarm(session, device_id, rule)
    if existing is not None:
        existing.repeat_count += 1
        if Level.parse(severity) > Level.parse(existing.severity):
            _escalate(session, now, actor, existing, severity, message)
        return None
    a = Alarm(
        device_id=device_id,
        rule=rule,
        severity=severity,
        message_data=message.dumps(),
        opened_at=now,
        handed_over_at=None,
        work_kind=work_kind,
        source=source,
        repeat_count=0,
        handover_status="pending",
        handover_attempts=0,
        handover_next_at=now + HANDOVER_LEASE,
    )
    session.add(a)
    session.flush()
    audit.record(
        session,
        now,
        actor,
        "alarm.open",
        "alarm",
        a.id,
        after={
            "device": asset_tag,
            "rule": rule,
            "severity": severity,
            "message": message.to_json(),
            "source": source,
            "work_kind": work_kind,
        },
    )
    return AlarmChange(a.id, device_id, rule, "opened", work_kind, severity)


def escalate_alarm(
    session: Session, *, now: datetime, device_id: int, rule: str, severity: str, message: Msg
) -> None:
    a = repo.open_alarm(session, device_id, rule)
    if a is None or Level.parse(severity) <= Level.parse(a.severity):
        return
    a.message_data = message.dumps()
    _escalate(session, now, SYSTEM, a, severity, message)


def _escalate(
    session: Session, now: datetime, actor: Actor | str, a: Alarm, severity: str, message: Msg
) -> None:
    """Raise an open alarm's severity, audited as ``alarm.escalate`` with the new message."""
    before = a.severity
    a.severity = severity
    audit.record(
        session,
        now,
        actor,
        "alarm.escalate",
        "alarm",
        a.id,
        before={"severity": before},
        after={"severity": severity, "message": message.to_json()},
    )


def clear_alarm(
    session: Session,
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
    if a.handover_status != "failed":  # refused for good: no work order to tell
        a.recovery_status = "pending"  # told after the commit, retried until recorded
    audit.record_stamp(
        session, now, actor, "alarm.clear", "alarm", a.id, "cleared_at", reason=reason
    )
    return AlarmChange(a.id, device_id, rule, "cleared", a.work_kind, a.severity)


def raise_care_alert(
    session: Session,
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
        now,
        SYSTEM,
        "care.raise",
        "care_alert",
        c.id,
        after={"device": asset_tag, "kind": kind, "band": band_id},
    )
    return c.id


class WorkOrderHandover(Protocol):
    """What alarms need from the work-order service (``WorkOrdersService`` is one): raise the
    work order of an opened alarm, and tell it when that alarm cleared ("device recovered"),
    each in the work-order service's own transaction, after the alarm's commit.

    Failures are raised to the caller (``ingest.handover``), which records them and retries;
    ``HandoverRefused`` means never again.
    """

    def raise_from_alarm(self, actor: Actor, alarm_id: int, /) -> object:
        """Raise (or link) the alarm's work order."""
        ...

    def alarm_cleared(self, actor: Actor, alarm_id: int, /) -> object:
        """Mark the alarm's work order "device recovered"."""
        ...


def acknowledge_alarm(
    session: Session, actor: Actor, alarm_id: int, note: str | None, now: datetime
) -> None:
    """Acknowledge an alarm in the caller's transaction (audited); once only.

    Raises:
        NotFound: no such alarm. PermissionDenied: not the actor's community.
        ValidationError: already acknowledged.
    """
    # the alarm with its device and community in one statement; none when the device was
    # deleted with its alarms by a transaction that committed meanwhile
    found = repo.alarm_with_device(session, alarm_id)
    if found is None:
        raise NotFound.of("no alarm {alarm_id}", alarm_id=alarm_id)
    a, device = found
    actor.require_community(device.community_id, device.community.name)
    if a.acknowledged_at is not None:
        raise ValidationError.of(
            "alarm {alarm_id} was already acknowledged by {user} at {at}",
            alarm_id=alarm_id,
            user=a.acknowledged_by,
            at=a.acknowledged_at.isoformat(timespec="seconds"),
        )
    a.acknowledged_at = now
    a.acknowledged_by = actor.username
    facts = {"note": note} if note else {}  # an empty note is left out of the entry
    audit.record_stamp(session, now, actor, "alarm.ack", "alarm", a.id, "acknowledged_at", **facts)


def acknowledge_care_alert(
    session: Session, actor: Actor, care_id: int, note: str | None, now: datetime
) -> int:
    """Acknowledge a care alert in the caller's transaction (audited); returns its id.

    Raises:
        NotFound: no such care alert. PermissionDenied: not the actor's community.
        ValidationError: already acknowledged.
    """
    c = care_alert_for(session, actor, care_id)
    if c.acknowledged_at is not None:
        raise ValidationError.of(
            "care alert {care_id} was already acknowledged by {user}",
            care_id=care_id,
            user=c.acknowledged_by,
        )
    c.acknowledged_at = now
    c.acknowledged_by = actor.username
    if note:
        c.note = note[:500]
    audit.record_stamp(
        session, now, actor, "care.ack", "care_alert", c.id, "acknowledged_at", note=note
    )
    return c.id
