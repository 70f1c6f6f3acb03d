"""The work-order record itself: kinds and sources, numbering, the covering contract and SLA
policy, creation with its ``created`` event, and every lifecycle move with its stored event
and audit entry.

Functions here take the caller's session: the service, the alarm hand-over, the history
importer and preventive plans all create and move work orders through them.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ...db import Session
from ...db.models import Community, Contract, Device, WorkOrder, WorkOrderEvent
from ...db.repos import contracts as contracts_repo
from ...db.repos import workorders as repo
from ...domain import lifecycle
from ...domain.clock import DEFAULT_TIMEZONE
from ...domain.errors import TransitionRefused, ValidationError
from ...domain.messages import Msg, split_stored
from ...domain.sla import policy_in_force
from .. import audit

KINDS = ("repair", "inspection", "cleaning")
SOURCES = ("alarm", "liaison", "resident_phone", "resident_walk_in", "resident_app", "preventive")
RESIDENT_SOURCES = ("resident_phone", "resident_walk_in", "resident_app")
# the sources a person may raise a work order with (alarms and plans raise their own)
HAND_SOURCES = tuple(s for s in SOURCES if s not in ("alarm", "preventive"))
FAILING = ("down", "degraded")
FINAL = (lifecycle.Status.CLOSED, lifecycle.Status.CANCELLED)
NUMBER_RE = re.compile(r"^WO-(\d{4})-(\d{6})$")

# the lifecycle action each event kind records
EVENT_FOR_ACTION = {
    "assign": "assigned",
    "reassign": "reassigned",
    "accept": "accepted",
    "hold": "held",
    "resume": "resumed",
    "resolve": "resolved",
    "reopen": "reopened",
    "close": "closed",
    "cancel": "cancelled",
}


def number_parts(number: str) -> tuple[int, int] | None:
    """Return (year, sequence) of a WO-YYYY-NNNNNN number, or None for another format."""
    m = NUMBER_RE.match(number)
    return (int(m[1]), int(m[2])) if m else None


def community_tz(session: Session, community_id: int) -> ZoneInfo:
    c = session.get(Community, community_id)
    return ZoneInfo(c.timezone if c is not None else DEFAULT_TIMEZONE)


def community_name(session: Session, community_id: int) -> str:
    c = session.get(Community, community_id)
    return c.name if c is not None else str(community_id)


def contract_code(session: Session, contract_id: int | None) -> str | None:
    if contract_id is None:
        return None
    c = session.get(Contract, contract_id)
    return c.code if c is not None else None


def contract_and_policy(
    session: Session, device: Device | None, community_id: int, at: datetime
) -> tuple[int | None, int | None]:
    """Return the contract covering a work order and the policy version in force at ``at``."""
    contract_id = device.contract_id if device is not None else None
    if contract_id is None:
        tz = community_tz(session, community_id)
        found = contracts_repo.contracts_for_community(
            session, community_id, at.astimezone(tz).date()
        )
        contract_id = found[0].id if found else None
    if contract_id is None:
        return None, None
    versions = [(p.effective_from, p.id) for p in contracts_repo.policies(session, contract_id)]
    try:
        return contract_id, policy_in_force(versions, at)
    except ValidationError:
        return contract_id, None


def new_order(
    session: Session,
    *,
    at: datetime,
    actor: str,
    title: str | Msg,
    priority: str,
    source: str,
    kind: str = "repair",
    device: Device | None = None,
    community_id: int,
    description: str | None = None,
    contact_enc: str | None = None,
    contact_consent: bool = False,
    alarm_rule: str | None = None,
    number: str | None = None,
    note: str | Msg | None = None,
) -> WorkOrder:
    """Create a work order with its ``created`` event (numbered unless ``number`` is given).

    A title or note the console writes itself is a ``Msg`` (stored as its code and
    parameters, shown in the reader's language); what people typed is a ``str``."""
    if number is None:
        year = at.astimezone(community_tz(session, community_id)).year
        number = f"WO-{year}-{repo.next_number(session, year):06d}"
    contract_id, policy_id = contract_and_policy(session, device, community_id, at)
    wo = WorkOrder(
        number=number,
        kind=kind,
        source=source,
        device_id=device.id if device is not None else None,
        community_id=community_id,
        contract_id=contract_id,
        sla_policy_id=policy_id,
        priority=priority,
        title=split_stored(title)[0] or "",
        title_data=split_stored(title)[1],
        description=description,
        status=lifecycle.Status.NEW.value,
        created_at=at,
        created_by=actor,
        updated_at=at,
        resident_contact_enc=contact_enc,
        contact_consent=contact_consent,
        alarm_rule=alarm_rule,
        labour_minutes=0,
    )
    wo.events.append(
        WorkOrderEvent(
            seq=1,
            kind="created",
            at=at,
            actor=actor,
            from_status=None,
            to_status=lifecycle.Status.NEW.value,
            note=split_stored(note)[0],
            note_data=split_stored(note)[1],
        )
    )
    audit.created(
        session,
        wo,
        at,
        actor,
        "workorder.create",
        "work_order",
        number,
        after={
            "kind": kind,
            "source": source,
            "priority": priority,
            "title": title.to_json() if isinstance(title, Msg) else title,
            "device": device.asset_tag if device is not None else None,
            "community_id": community_id,
            "contract_id": contract_id,
            "sla_policy_id": policy_id,
            "resident_contact": "(encrypted)" if contact_enc else None,
        },
    )
    return wo


def assign_action(wo: WorkOrder) -> str:
    """``reassign`` for a work order in progress, else ``assign``."""
    return "reassign" if wo.status == lifecycle.Status.IN_PROGRESS else "assign"


def state_of(wo: WorkOrder) -> lifecycle.LifecycleState:
    """The work order's place in the lifecycle (its status, and the one a hold left)."""
    return lifecycle.LifecycleState(
        lifecycle.Status(wo.status),
        lifecycle.Status(wo.held_from) if wo.held_from else None,
    )


def next_state(wo: WorkOrder, action: str) -> lifecycle.LifecycleState:
    """The lifecycle state ``action`` moves the work order to.

    Raises:
        TransitionRefused: ``{number}: why``, when the lifecycle does not allow it now.
    """
    try:
        return state_of(wo).apply(action)
    except TransitionRefused as exc:
        raise TransitionRefused.of("{number}: {error}", number=wo.number, error=exc) from None


def apply_action(
    session: Session,
    wo: WorkOrder,
    action: str,
    *,
    at: datetime,
    actor: str,
    assignee_id: int | None = None,
    reason_code: str | None = None,
    note: str | Msg | None = None,
    override_reason: str | None = None,
    audit_extra: dict[str, Any] | None = None,
) -> WorkOrderEvent:
    """Move a work order through the lifecycle, store the event and audit it.

    Raises:
        TransitionRefused: the lifecycle does not allow ``action`` now; nothing changed.
    """
    target = next_state(wo, action)
    before = {"status": wo.status, "assignee_id": wo.assignee_id}
    from_status = wo.status
    wo.status = target.status.value
    wo.held_from = target.held_from.value if target.held_from else None
    if action in ("assign", "reassign"):
        wo.assignee_id = assignee_id
    if action == "resolve":
        wo.resolved_at = at
    elif action == "reopen":
        wo.resolved_at = None
    wo.updated_at = at
    seq = (max((e.seq for e in wo.events), default=0)) + 1
    event = WorkOrderEvent(
        seq=seq,
        kind=EVENT_FOR_ACTION[action],
        at=at,
        actor=actor,
        from_status=from_status,
        to_status=wo.status,
        assignee_id=assignee_id if action in ("assign", "reassign") else None,
        reason_code=reason_code,
        note=split_stored(note)[0],
        note_data=split_stored(note)[1],
        override_reason=override_reason,
    )
    wo.events.append(event)
    after: dict[str, Any] = {"status": wo.status, "assignee_id": wo.assignee_id}
    if reason_code:
        after["reason_code"] = reason_code
    if note:
        after["note"] = note.to_json() if isinstance(note, Msg) else note
    if override_reason:
        after["override_reason"] = override_reason
    after.update(audit_extra or {})
    audit.record(
        session,
        at,
        actor,
        f"workorder.{action}",
        "work_order",
        wo.number,
        before=before,
        after=after,
    )
    return event
