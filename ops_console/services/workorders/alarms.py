"""Alarms hand over to work orders: raise (one open order per device and rule), link repeats,
mark "device recovered" when the alarm clears. The functions take the caller's session;
:class:`AlarmCalls` is the work-order service's receiving side, which the monitoring service
calls in a transaction of its own after committing the alarm."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...db import Session
from ...db.models import Alarm
from ...db.repos import workorders as repo
from ...domain import lifecycle
from ...domain.errors import NotFound
from ...domain.messages import Msg
from .. import audit
from ..context import Actor
from ..monitoring import HandoverRefused
from ..training import local_today
from .base import WorkOrderBase
from .core import FINAL, new_order
from .dispatch import dispatch_automatically

SYSTEM_ACTOR = "system"
# Alarm rules of a smart bin that mean "empty it", not "repair it".
CLEANING_RULES = frozenset({"bin_overflow", "fill_level", "overflow"})
# a work order in these is never marked "device recovered" any more


@dataclass(frozen=True)
class AlarmHandover:
    """What happened to an alarm handed to work orders.

    Attributes:
        number: the work order raised or linked.
        created: a new work order was raised (False: a repeat linked to an open one).
        repeat_count: how many alarms of this device and rule the order had before this one.
        assignee: who it was dispatched to automatically, if anyone.
    """

    alarm_id: int
    number: str
    created: bool
    repeat_count: int
    assignee: str | None


def is_cleaning(category: str, rule: str) -> bool:
    return category == "smart_bin" and rule in CLEANING_RULES


def _alarm_row(session: Session, alarm: Alarm | int) -> Alarm:
    if isinstance(alarm, Alarm):
        return alarm
    found = repo.alarm(session, alarm)
    if found is None:
        raise LookupError(f"no alarm {alarm}")
    return found


def raise_from_alarm(
    session: Session, alarm: Alarm | int, *, at: datetime | None = None, auto_dispatch: bool = False
) -> AlarmHandover:
    """Hand an opening alarm over to work orders, in the caller's transaction.

    At most one open work order per device and rule: if one is open (new … resolved),
    the alarm is linked to it (``Alarm.work_order_id``, ``Alarm.repeat_count``) and its
    "device recovered" mark is cleared. Otherwise a work order is raised with the priority
    of the device's criticality; a smart bin's overflow raises a cleaning order dispatched
    to the collection team. With ``auto_dispatch``, repair orders go to the certified
    technician of the contract with the fewest open orders (when there is one).

    Args:
        session: the monitoring service's write session.
        alarm: the Alarm row (or its id), already flushed.
        at: when (default: the alarm's opening time).
    """
    alarm = _alarm_row(session, alarm)
    at = at or alarm.opened_at
    device = repo.device(session, alarm.device_id)
    assert device is not None
    if alarm.work_order_id is not None:
        wo = repo.by_id(session, alarm.work_order_id)
        assert wo is not None
        return AlarmHandover(alarm.id, wo.number, False, alarm.repeat_count, None)
    existing = repo.open_for_device_rule(session, device.id, alarm.rule)
    if existing is not None:
        earlier = [a for a in repo.alarms_of(session, existing.id) if a.id != alarm.id]
        alarm.work_order_id = existing.id
        alarm.repeat_count = len(earlier)
        alarm.handed_over_at = at
        if existing.device_recovered_at is not None:
            existing.device_recovered_at = None
            existing.updated_at = at
        audit.record(
            session,
            at,
            SYSTEM_ACTOR,
            "workorder.alarm_repeat",
            "work_order",
            existing.number,
            after={"alarm_id": alarm.id, "rule": alarm.rule, "repeat_count": len(earlier)},
        )
        return AlarmHandover(alarm.id, existing.number, False, len(earlier), None)
    cleaning = is_cleaning(device.category_code, alarm.rule)
    message = Msg.from_json(alarm.message_data)
    wo = new_order(
        session,
        at=at,
        actor=SYSTEM_ACTOR,
        title=Msg("workorder.alarm_title", {"device": device.name, "alarm": message}),
        priority=lifecycle.priority_for_criticality(device.criticality),
        source="alarm",
        kind="cleaning" if cleaning else "repair",
        device=device,
        community_id=device.community_id,
        alarm_rule=alarm.rule,
        note=Msg(
            "workorder.raised_by_alarm",
            {"id": alarm.id, "severity": Msg(f"level.{alarm.severity}"), "alarm": message},
        ),
    )
    alarm.work_order_id = wo.id
    alarm.repeat_count = 0
    alarm.handed_over_at = at
    assignee = None
    if cleaning or auto_dispatch:
        user = dispatch_automatically(
            session, wo, "assign", at=at, actor=SYSTEM_ACTOR, today=local_today(at)
        )
        assignee = user.username if user is not None else None
    session.flush()
    return AlarmHandover(alarm.id, wo.number, True, 0, assignee)


def alarm_cleared(
    session: Session, alarm: Alarm | int, *, at: datetime | None = None
) -> str | None:
    """Mark the alarm's work order "device recovered" once none of its alarms is open.

    Only a person resolves the work order. The mark is the time the last of its alarms
    cleared (``at`` overrides it), whatever the order the clearings are told in; a work order
    already marked is left alone (never marked twice). Returns its number, or None when the
    alarm had none. Call after setting ``alarm.cleared_at``.

    Raises:
        HandoverRefused: the work order is closed or cancelled without the mark: it can never
            be marked (the caller records why and stops).
    """
    alarm = _alarm_row(session, alarm)
    if alarm.work_order_id is None:
        return None
    session.flush()
    wo = repo.by_id_locked(session, alarm.work_order_id)  # one marking at a time
    assert wo is not None
    if wo.device_recovered_at is not None or repo.open_alarms_of(session, wo.id) > 0:
        return wo.number  # marked already, or the last alarm to clear marks it
    if wo.status in FINAL:
        code = "handover.cancelled" if wo.status == "cancelled" else "handover.closed"
        raise HandoverRefused.because(Msg(code, {"number": wo.number}))
    cleared = [a.cleared_at for a in repo.alarms_of(session, wo.id) if a.cleared_at is not None]
    at = at or max(cleared, default=None) or alarm.cleared_at
    assert at is not None
    wo.device_recovered_at = at
    wo.updated_at = at
    audit.record(
        session,
        at,
        SYSTEM_ACTOR,
        "workorder.device_recovered",
        "work_order",
        wo.number,
        after={"alarm_id": alarm.id, "device_recovered_at": at},
    )
    return wo.number


class AlarmCalls(WorkOrderBase):
    """The receiving side of the alarm hand-over (the monitoring service calls it)."""

    def raise_from_alarm(
        self, actor: Actor, alarm_id: int, *, auto_dispatch: bool = False
    ) -> AlarmHandover:
        """Hand an opened alarm over in a transaction of its own (the monitoring service calls
        this with SYSTEM after committing the alarm); see :func:`raise_from_alarm`.

        Idempotent: the alarm's device and alarm rows are locked first, so a second call for
        the same alarm (a retry, another poller) returns the work order already raised.

        Returns:
            The work order raised or linked.

        Raises:
            HandoverRefused: the device is retired (never retried).
            NotFound: no such alarm.
        """
        actor.require("workorder.create")
        with self.db.write() as s:
            alarm = repo.alarm_for_handover(s, alarm_id)  # locked: one hand-over at a time
            if alarm is None:
                raise NotFound.of("no alarm {alarm_id}", alarm_id=alarm_id)
            if alarm.work_order_id is None:
                device = repo.device(s, alarm.device_id)
                if device is not None and device.status == "retired":
                    raise HandoverRefused.because(
                        Msg("handover.retired", {"device": device.asset_tag})
                    )
            return raise_from_alarm(s, alarm, at=self.clock.now(), auto_dispatch=auto_dispatch)

    def alarm_cleared(self, actor: Actor, alarm_id: int) -> str | None:
        """Mark "device recovered" in a transaction of its own (called after the clearing is
        committed); see :func:`alarm_cleared`. Returns the work order's number (None: the
        alarm has no work order, or is still open).

        Idempotent: the alarm's device and alarm rows, then its work order's, are locked first
        (as :meth:`raise_from_alarm` does), so a second call for the same alarm or another
        alarm of the same order (a retry, another poller) finds the mark already made.

        Raises:
            HandoverRefused: the work order is closed or cancelled (never retried).
            NotFound: no such alarm.
        """
        actor.require("workorder.create")
        with self.db.write() as s:
            alarm = repo.alarm_for_handover(s, alarm_id)  # locked, like the hand-over
            if alarm is None:
                raise NotFound.of("no alarm {alarm_id}", alarm_id=alarm_id)
            if alarm.cleared_at is None:
                return None
            return alarm_cleared(s, alarm)
