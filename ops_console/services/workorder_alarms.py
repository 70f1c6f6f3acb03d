"""Alarms hand over to work orders: raise (one open order per device and rule), link repeats,
mark "device recovered" when the alarm clears. Called by the monitoring service inside its
own transaction (the functions taking a session), or standalone through the service methods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..db.models import Alarm
from ..db.repos import workorders as repo
from ..domain import lifecycle
from . import audit
from .training import local_today
from .workorders import apply_action, new_order, pick_assignee

SYSTEM_ACTOR = "system"
# Alarm rules of a smart bin that mean "empty it", not "repair it".
CLEANING_RULES = frozenset({"bin_overflow", "fill_level", "overflow"})


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


def raise_from_alarm(
    session: Any, alarm: Alarm | int, *, at: datetime | None = None, auto_dispatch: bool = False
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
    if isinstance(alarm, int):
        found = repo.alarm(session, alarm)
        if found is None:
            raise LookupError(f"no alarm {alarm}")
        alarm = found
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
            at=at,
            actor=SYSTEM_ACTOR,
            action="workorder.alarm_repeat",
            entity="work_order",
            entity_id=existing.number,
            after={"alarm_id": alarm.id, "rule": alarm.rule, "repeat_count": len(earlier)},
        )
        return AlarmHandover(alarm.id, existing.number, False, len(earlier), None)
    cleaning = is_cleaning(device.category_code, alarm.rule)
    wo = new_order(
        session,
        at=at,
        actor=SYSTEM_ACTOR,
        title=(
            f"{device.name}: {alarm.message}" if alarm.message else f"{device.name}: {alarm.rule}"
        )[:200],
        priority=lifecycle.priority_for_criticality(device.criticality),
        source="alarm",
        kind="cleaning" if cleaning else "repair",
        device=device,
        community_id=device.community_id,
        alarm_rule=alarm.rule,
        note=f"alarm {alarm.id}: {alarm.rule} ({alarm.severity})",
    )
    alarm.work_order_id = wo.id
    alarm.repeat_count = 0
    alarm.handed_over_at = at
    assignee = None
    if cleaning or auto_dispatch:
        picked = pick_assignee(session, wo, local_today(at))
        if picked is not None:
            user, team_id = picked
            wo.team_id = team_id
            apply_action(
                session,
                wo,
                "assign",
                at=at,
                actor=SYSTEM_ACTOR,
                assignee_id=user.id,
                note="automatic dispatch",
                audit_extra={"assignee": user.username, "automatic": True},
            )
            assignee = user.username
    session.flush()
    return AlarmHandover(alarm.id, wo.number, True, 0, assignee)


def alarm_cleared(session: Any, alarm: Alarm | int, *, at: datetime | None = None) -> str | None:
    """Mark the alarm's work order "device recovered" once none of its alarms is open.

    Only a person resolves the work order. Returns its number, or None when the alarm
    had none. Call after setting ``alarm.cleared_at``.
    """
    if isinstance(alarm, int):
        found = repo.alarm(session, alarm)
        if found is None:
            raise LookupError(f"no alarm {alarm}")
        alarm = found
    if alarm.work_order_id is None:
        return None
    at = at or alarm.cleared_at
    assert at is not None
    session.flush()
    wo = repo.by_id(session, alarm.work_order_id)
    assert wo is not None
    if repo.open_alarms_of(session, wo.id) == 0 and wo.device_recovered_at is None:
        wo.device_recovered_at = at
        wo.updated_at = at
        audit.record(
            session,
            at=at,
            actor=SYSTEM_ACTOR,
            action="workorder.device_recovered",
            entity="work_order",
            entity_id=wo.number,
            after={"alarm_id": alarm.id, "device_recovered_at": at},
        )
    return wo.number
