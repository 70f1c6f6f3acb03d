"""Work orders: creation, the lifecycle with its stored history, dispatch with the certification
rule, holds, parts and labour, resident contacts (encrypted), optimistic locking."""

from __future__ import annotations

import builtins
import json
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.fernet import Fernet, InvalidToken

from ..db.engine import Database
from ..db.models import (
    Community,
    Contract,
    Device,
    Organization,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderPart,
)
from ..db.repos import accounts as accounts_repo
from ..db.repos import contracts as contracts_repo
from ..db.repos import inventory as inventory_repo
from ..db.repos import workorders as repo
from ..domain import lifecycle
from ..domain.clock import Clock
from ..domain.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    TransitionRefused,
    ValidationError,
)
from ..domain.sla import policy_in_force
from ..secrets import SecretStore
from . import audit
from .context import Actor
from .training import certification, local_today

KINDS = ("repair", "inspection", "cleaning")
SOURCES = ("alarm", "liaison", "resident_phone", "resident_walk_in", "resident_app", "preventive")
RESIDENT_SOURCES = ("resident_phone", "resident_walk_in", "resident_app")
FAILING = ("down", "degraded")
NUMBER_RE = re.compile(r"^WO-(\d{4})-(\d{6})$")
DEFAULT_TZ = "Asia/Shanghai"

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


@dataclass(frozen=True)
class ResidentContact:
    """A resident's contact on a work order (sensitive: encrypted at rest)."""

    name: str
    phone: str


@dataclass(frozen=True)
class EventInfo:
    seq: int
    kind: str
    at: datetime
    actor: str
    from_status: str | None
    to_status: str
    assignee: str | None
    reason_code: str | None
    note: str | None
    override_reason: str | None


@dataclass(frozen=True)
class PartInfo:
    name: str
    quantity: Decimal
    unit_cost: Decimal

    @property
    def cost(self) -> Decimal:
        return self.quantity * self.unit_cost


@dataclass(frozen=True)
class WorkOrderRow:
    """A work order as lists show it."""

    id: int
    number: str
    kind: str
    source: str
    status: str
    priority: str
    title: str
    device: str | None
    community_id: int
    assignee: str | None
    created_at: datetime
    updated_at: datetime
    device_recovered_at: datetime | None
    version: int

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        for k in ("created_at", "updated_at", "device_recovered_at"):
            if d[k] is not None:
                d[k] = d[k].isoformat()
        return d


@dataclass(frozen=True)
class WorkOrderInfo:
    """One work order in full.

    Attributes:
        contact: the resident's contact, only for users allowed to see it, else None.
        has_contact: whether a contact is recorded (shown masked to others).
        version: pass it back to save; a stale one is refused as a conflict.
        device_recovered_at: set when the alarm that raised it cleared.
    """

    id: int
    number: str
    kind: str
    source: str
    status: str
    held_from: str | None
    priority: str
    title: str
    description: str | None
    device: str | None
    device_name: str | None
    category: str | None
    community: str
    community_id: int
    contract: str | None
    assignee: str | None
    team: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    resolved_at: datetime | None
    cause_code: str | None
    resolution_code: str | None
    resolution_note: str | None
    labour_minutes: int
    parts: tuple[PartInfo, ...]
    has_contact: bool
    contact: ResidentContact | None
    alarm_rule: str | None
    device_recovered_at: datetime | None
    version: int
    events: tuple[EventInfo, ...]

    @property
    def parts_cost(self) -> Decimal:
        return sum((p.cost for p in self.parts), Decimal(0))

    @property
    def hold_reason(self) -> str | None:
        """The reason code of the current hold, if on hold."""
        if self.status != "on_hold":
            return None
        held = [e for e in self.events if e.kind == "held"]
        return held[-1].reason_code if held else None

    def to_json(self) -> dict[str, Any]:
        def plain(v: Any) -> Any:
            if isinstance(v, datetime):
                return v.isoformat()
            if isinstance(v, Decimal):
                return float(v)
            return v

        d = {
            k: plain(v) for k, v in self.__dict__.items() if k not in ("parts", "events", "contact")
        }
        d["contact"] = None if self.contact is None else dict(self.contact.__dict__)
        d["parts"] = [
            {"name": p.name, "quantity": float(p.quantity), "unit_cost": float(p.unit_cost)}
            for p in self.parts
        ]
        d["parts_cost"] = float(self.parts_cost)
        d["events"] = [{k: plain(v) for k, v in e.__dict__.items()} for e in self.events]
        return d


def _row(wo: WorkOrder) -> WorkOrderRow:
    return WorkOrderRow(
        wo.id,
        wo.number,
        wo.kind,
        wo.source,
        wo.status,
        wo.priority,
        wo.title,
        wo.device.asset_tag if wo.device else None,
        wo.community_id,
        wo.assignee.username if wo.assignee else None,
        wo.created_at,
        wo.updated_at,
        wo.device_recovered_at,
        wo.version,
    )


# -- helpers shared by the service, the alarm hand-over, the importer and preventive plans --


def community_tz(session: Any, community_id: int) -> ZoneInfo:
    c = session.get(Community, community_id)
    return ZoneInfo(c.timezone if c is not None else DEFAULT_TZ)


def contract_and_policy(
    session: Any, device: Device | None, community_id: int, at: datetime
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
    session: Any,
    *,
    at: datetime,
    actor: str,
    title: str,
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
    note: str | None = None,
) -> WorkOrder:
    """Create a work order with its ``created`` event (numbered unless ``number`` is given)."""
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
        title=title,
        description=description,
        status="new",
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
            seq=1, kind="created", at=at, actor=actor, from_status=None, to_status="new", note=note
        )
    )
    session.add(wo)
    session.flush()
    audit.record(
        session,
        at=at,
        actor=actor,
        action="workorder.create",
        entity="work_order",
        entity_id=number,
        after={
            "kind": kind,
            "source": source,
            "priority": priority,
            "title": title,
            "device": device.asset_tag if device is not None else None,
            "community_id": community_id,
            "contract_id": contract_id,
            "sla_policy_id": policy_id,
            "resident_contact": "(encrypted)" if contact_enc else None,
        },
    )
    return wo


def apply_action(
    session: Any,
    wo: WorkOrder,
    action: str,
    *,
    at: datetime,
    actor: str,
    assignee_id: int | None = None,
    reason_code: str | None = None,
    note: str | None = None,
    override_reason: str | None = None,
    audit_extra: dict[str, Any] | None = None,
) -> WorkOrderEvent:
    """Move a work order through the lifecycle, store the event and audit it.

    Raises:
        TransitionRefused: the lifecycle does not allow ``action`` now; nothing changed.
    """
    state = lifecycle.LifecycleState(
        lifecycle.Status(wo.status),
        lifecycle.Status(wo.held_from) if wo.held_from else None,
    )
    try:
        target = state.apply(action)
    except TransitionRefused as exc:
        raise TransitionRefused.of("{number}: {error}", number=wo.number, error=exc) from None
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
        note=note,
        override_reason=override_reason,
    )
    wo.events.append(event)
    after: dict[str, Any] = {"status": wo.status, "assignee_id": wo.assignee_id}
    if reason_code:
        after["reason_code"] = reason_code
    if note:
        after["note"] = note
    if override_reason:
        after["override_reason"] = override_reason
    after.update(audit_extra or {})
    audit.record(
        session,
        at=at,
        actor=actor,
        action=f"workorder.{action}",
        entity="work_order",
        entity_id=wo.number,
        before=before,
        after=after,
    )
    return event


def pick_assignee(session: Any, wo: WorkOrder, today: Any) -> tuple[Any, int | None] | None:
    """Choose who gets a work order automatically; return (user, team organization id).

    Cleaning orders go to the collection team serving the community; other orders to the
    technician of the contract's firm, certified for the device's category, holding the
    fewest open work orders (ties: by user name).
    """
    if wo.kind == "cleaning":
        candidates = repo.staff(session, organization_kind="collection_team")
    else:
        firm_id = None
        if wo.contract_id is not None:
            contract = session.get(Contract, wo.contract_id)
            firm_id = contract.firm_id if contract is not None else None
        candidates = repo.staff(session, organization_id=firm_id)
    candidates = [
        u
        for u in candidates
        if not u.communities or wo.community_id in {c.id for c in u.communities}
    ]
    if wo.kind != "cleaning" and wo.device is not None and candidates:
        status = certification(session, [u.id for u in candidates], wo.device.category_code, today)
        candidates = [u for u in candidates if status[u.id] in ("valid", "expiring")]
    if not candidates:
        return None
    counts = repo.active_counts(session, [u.id for u in candidates])
    best = min(candidates, key=lambda u: (counts[u.id], u.username))
    return best, (best.organization_id if wo.kind == "cleaning" else None)


@dataclass(frozen=True)
class PeriodOrder:
    """A work order created in a report's period, as the maintenance report counts it.

    Attributes:
        category: the device's category code, None for a report without a device.
        resolved_at: the last resolve while resolved or closed, None if open or reopened.
        parts_cost: quantity × unit cost over its parts (exact decimals).
    """

    number: str
    kind: str
    source: str
    status: str
    priority: str
    created_at: datetime
    resolved_at: datetime | None
    device: str | None
    device_name: str | None
    category: str | None
    community: str
    contract: str | None
    labour_minutes: int
    parts_cost: Decimal


@dataclass(frozen=True)
class PlanInfo:
    id: int
    name: str
    category: str | None
    device: str | None
    every_days: int
    kind: str
    priority: str
    starts_on: Any
    active: bool


class _AlarmsAndPlans:
    """Entry points for the monitoring service and the scheduler (mixed into the service)."""

    db: Database
    clock: Clock

    def raise_from_alarm(self, actor: Actor, alarm_id: int, *, auto_dispatch: bool = False) -> Any:
        """Hand an opened alarm over in a transaction of its own (the monitoring service calls
        this with SYSTEM after committing the alarm); see workorder_alarms.raise_from_alarm.

        Idempotent: the alarm's device and alarm rows are locked first, so a second call for
        the same alarm (a retry, another poller) returns the work order already raised.

        Returns:
            An AlarmHandover: the work order raised or linked.

        Raises:
            HandoverRefused: the device is retired (never retried).
            NotFound: no such alarm.
        """
        from .alarms import HandoverRefused
        from .workorder_alarms import raise_from_alarm

        actor.require("workorder.create")
        with self.db.write() as s:
            alarm = repo.alarm_for_handover(s, alarm_id)  # locked: one hand-over at a time
            if alarm is None:
                raise NotFound.of("no alarm {alarm_id}", alarm_id=alarm_id)
            if alarm.work_order_id is None:
                device = repo.device(s, alarm.device_id)
                if device is not None and device.status == "retired":
                    raise HandoverRefused(
                        f"device {device.asset_tag} is retired: its alarms raise no work order"
                    )
            return raise_from_alarm(s, alarm, at=self.clock.now(), auto_dispatch=auto_dispatch)

    def alarm_cleared(self, actor: Actor, alarm_id: int) -> str | None:
        """Mark "device recovered" in a transaction of its own (called after the clearing is
        committed); see workorder_alarms.alarm_cleared. Returns the work order's number."""
        from .workorder_alarms import alarm_cleared

        actor.require("workorder.create")
        with self.db.write() as s:
            return alarm_cleared(s, alarm_id)

    def import_csv(self, actor: Actor, path: Any) -> Any:
        """Import work-order history from an events CSV; see workorder_import."""
        from .workorder_import import WorkOrderImporter

        return WorkOrderImporter(self.db, self.clock).import_csv(actor, path)

    def create_plan(
        self,
        actor: Actor,
        name: str,
        *,
        every_days: int,
        starts_on: Any,
        category: str | None = None,
        device: str | None = None,
        kind: str = "inspection",
        priority: str = "P4",
    ) -> PlanInfo:
        """Plan preventive work every N days for a device category or one device."""
        from .preventive import create_plan

        actor.require("plan.write")
        with self.db.write() as s:
            return create_plan(
                s,
                actor,
                self.clock.now(),
                name,
                every_days=every_days,
                starts_on=starts_on,
                category=category,
                device=device,
                kind=kind,
                priority=priority,
            )

    def run_preventive(self, actor: Actor, today: Any = None) -> list[str]:
        """Generate the preventive work orders now due (never twice for one due date)."""
        from .preventive import run_plans

        actor.require("plan.write")
        now = self.clock.now()
        with self.db.write() as s:
            return run_plans(s, actor, now, today or local_today(now))


class WorkOrdersService(_AlarmsAndPlans):
    """Live work on work orders; every call is one audited transaction."""

    def __init__(self, db: Database, clock: Clock, secrets: SecretStore | None = None) -> None:
        self.db = db
        self.clock = clock
        self.secrets = secrets
        self._fernet: Fernet | None = None

    # contacts ---------------------------------------------------------------------
    def _cipher(self) -> Fernet:
        if self._fernet is None:
            store = self.secrets or SecretStore()
            self._fernet = Fernet(store.field_key())
        return self._fernet

    def _encrypt(self, contact: ResidentContact | None) -> str | None:
        if contact is None:
            return None
        payload = json.dumps({"name": contact.name, "phone": contact.phone}, ensure_ascii=False)
        return self._cipher().encrypt(payload.encode("utf-8")).decode("ascii")

    def _decrypt(self, token: str) -> ResidentContact:
        try:
            data = json.loads(self._cipher().decrypt(token.encode("ascii")))
        except InvalidToken:
            return ResidentContact("(cannot decrypt: wrong field key)", "")
        return ResidentContact(data.get("name", ""), data.get("phone", ""))

    @staticmethod
    def may_see_contact(actor: Actor, wo: Any) -> bool:
        """Roles with read.contacts see contacts; a technician only on orders assigned to them."""
        if actor.can("read.contacts"):
            return True
        return (
            actor.role == "technician"
            and wo.assignee_id is not None
            and wo.assignee_id == actor.user_id
        )

    # loading ----------------------------------------------------------------------
    def _load(self, s: Any, actor: Actor, number: str, version: int | None = None) -> WorkOrder:
        wo = repo.by_number(s, number)
        if wo is None:
            raise NotFound.of("no work order {number}", number=number)
        if not self._visible(actor, wo):
            raise PermissionDenied.of(
                "{username} may not see work order {number}", username=actor.username, number=number
            )
        if version is not None and version != wo.version:
            raise Conflict.of(
                "{number} was changed by someone else (now version {version}, yours {yours}); "
                "reload it and try again",
                number=number,
                version=wo.version,
                yours=version,
            )
        return wo

    @staticmethod
    def _visible(actor: Actor, wo: WorkOrder) -> bool:
        if not actor.sees_community(wo.community_id):
            return False
        return not (actor.role == "technician" and wo.assignee_id != actor.user_id)

    def _info(self, s: Any, actor: Actor, wo: WorkOrder) -> WorkOrderInfo:
        users: dict[int, str] = {}

        def name(uid: int | None) -> str | None:
            if uid is None:
                return None
            if uid not in users:
                u = repo.user_by_id(s, uid)
                users[uid] = u.username if u else str(uid)
            return users[uid]

        community = session_community(s, wo.community_id)
        contract = session_contract_code(s, wo.contract_id)
        team = s.get(Organization, wo.team_id) if wo.team_id else None
        contact = None
        if wo.resident_contact_enc and self.may_see_contact(actor, wo):
            contact = self._decrypt(wo.resident_contact_enc)
        return WorkOrderInfo(
            wo.id,
            wo.number,
            wo.kind,
            wo.source,
            wo.status,
            wo.held_from,
            wo.priority,
            wo.title,
            wo.description,
            wo.device.asset_tag if wo.device else None,
            wo.device.name if wo.device else None,
            wo.device.category_code if wo.device else None,
            community,
            wo.community_id,
            contract,
            name(wo.assignee_id),
            team.name if team is not None else None,
            wo.created_at,
            wo.created_by,
            wo.updated_at,
            wo.resolved_at,
            wo.cause_code,
            wo.resolution_code,
            wo.resolution_note,
            wo.labour_minutes,
            tuple(PartInfo(p.name, Decimal(p.quantity), Decimal(p.unit_cost)) for p in wo.parts),
            bool(wo.resident_contact_enc),
            contact,
            wo.alarm_rule,
            wo.device_recovered_at,
            wo.version,
            tuple(
                EventInfo(
                    e.seq,
                    e.kind,
                    e.at,
                    e.actor,
                    e.from_status,
                    e.to_status,
                    name(e.assignee_id),
                    e.reason_code,
                    e.note,
                    e.override_reason,
                )
                for e in sorted(wo.events, key=lambda e: e.seq)
            ),
        )

    def _save(self, s: Any, actor: Actor, wo: WorkOrder) -> WorkOrderInfo:
        repo.flush_or_conflict(s, wo.number)
        return self._info(s, actor, wo)

    def _check(self, actor: Actor, wo: WorkOrder, action: str) -> None:
        lifecycle.check_role(actor.role, action, is_assignee=wo.assignee_id == actor.user_id)

    # creating ---------------------------------------------------------------------
    def create(
        self,
        actor: Actor,
        *,
        title: str,
        priority: str,
        source: str,
        kind: str = "repair",
        device: str | None = None,
        community: str | None = None,
        description: str | None = None,
        contact: ResidentContact | None = None,
        contact_consent: bool = False,
    ) -> WorkOrderInfo:
        """Raise a work order by hand (a liaison for a resident's report, a manager...).

        Args:
            device: an asset tag; optional for residents' reports, which then name a community.
            contact: the resident's name and phone, stored encrypted.

        Raises:
            ValidationError: a bad field, or neither device nor community.
            NotFound: an unknown device or community.
        """
        actor.require("workorder.create")
        problems = []
        title = (title or "").strip()
        if not title or len(title) > 200:
            problems.append("title: 1-200 characters")
        if priority not in lifecycle.PRIORITIES:
            problems.append(
                f"priority: {priority!r} is not one of {', '.join(lifecycle.PRIORITIES)}"
            )
        if source not in SOURCES or source in ("alarm", "preventive"):
            hand = [s for s in SOURCES if s not in ("alarm", "preventive")]
            problems.append(f"source: {source!r} is not one of {', '.join(hand)}")
        if kind not in KINDS:
            problems.append(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
        if not device and not community:
            problems.append("device or community: name the device's asset tag or the community")
        if contact is not None and not (contact.name.strip() or contact.phone.strip()):
            contact = None
        if problems:
            raise ValidationError(
                problems[0] if len(problems) == 1 else "cannot create the work order",
                problems if len(problems) > 1 else None,
            )
        now = self.clock.now()
        enc = self._encrypt(contact)
        with self.db.write() as s:
            dev = None
            if device:
                dev = inventory_repo.device_by_tag(s, device)
                if dev is None:
                    raise NotFound.of("no device with asset tag {device!r}", device=device)
                community_id = dev.community_id
            else:
                c = accounts_repo.community_by_name(s, community or "")
                if c is None:
                    raise NotFound.of("no community named {community!r}", community=community)
                community_id = c.id
            actor.require_community(community_id)
            wo = new_order(
                s,
                at=now,
                actor=actor.username,
                title=title,
                priority=priority,
                source=source,
                kind=kind,
                device=dev,
                community_id=community_id,
                description=description,
                contact_enc=enc,
                contact_consent=contact_consent,
            )
            return self._info(s, actor, wo)

    # the lifecycle ----------------------------------------------------------------
    def assign(
        self,
        actor: Actor,
        number: str,
        assignee: str,
        *,
        version: int | None = None,
        override_reason: str | None = None,
        note: str | None = None,
    ) -> WorkOrderInfo:
        """Assign (from new) or reassign (from in progress) to a technician.

        The technician must hold a valid certification for the device's category; a user
        with ``workorder.override`` (a manager) may assign anyway with a written reason,
        which is stored on the event and audited.

        Raises:
            TransitionRefused: not allowed now, or the technician is not certified.
            Conflict: ``version`` is stale.
        """
        actor.require("workorder.dispatch")
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            action = "reassign" if wo.status == "in_progress" else "assign"
            self._check(actor, wo, action)
            user = repo.users_by_names(s, [assignee]).get(assignee)
            if user is None or not user.active:
                raise NotFound.of("no active user named {assignee!r}", assignee=assignee)
            if user.role != "technician":
                raise ValidationError.of(
                    "{assignee} is a {role}; work orders go to technicians",
                    assignee=assignee,
                    role=user.role,
                )
            if user.communities and wo.community_id not in {c.id for c in user.communities}:
                raise ValidationError.of(
                    "{assignee} is not assigned to this work order's community", assignee=assignee
                )
            override = (override_reason or "").strip() or None
            if wo.device is not None and wo.kind != "cleaning":
                category = wo.device.category_code
                status = certification(s, [user.id], category, local_today(now))[user.id]
                if status not in ("valid", "expiring"):
                    if override is None:
                        raise TransitionRefused.of(
                            "{number}: {assignee} holds no valid certification for {category} "
                            "({certification}); a manager may assign anyway with a written "
                            "reason (--override-reason)",
                            number=number,
                            assignee=assignee,
                            category=category,
                            certification=status,
                        )
                    actor.require("workorder.override")
                else:
                    override = None  # certified: nothing to override
            elif override is not None:
                override = None
            apply_action(
                s,
                wo,
                action,
                at=now,
                actor=actor.username,
                assignee_id=user.id,
                note=note,
                override_reason=override,
                audit_extra={
                    "assignee": assignee,
                    **({"certification_override": True} if override else {}),
                },
            )
            return self._save(s, actor, wo)

    def auto_dispatch(
        self, actor: Actor, number: str, *, version: int | None = None
    ) -> WorkOrderInfo:
        """Assign to the certified technician of the contract with the fewest open work orders
        (cleaning orders: to the collection team).

        Raises:
            NotFound: nobody qualifies.
        """
        actor.require("workorder.dispatch")
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            action = "reassign" if wo.status == "in_progress" else "assign"
            self._check(actor, wo, action)
            try:  # refuse early, clearly
                lifecycle.next_status(wo.status, action, wo.held_from)
            except TransitionRefused as exc:
                raise TransitionRefused.of("{number}: {error}", number=number, error=exc) from None
            picked = pick_assignee(s, wo, local_today(now))
            if picked is None:
                raise NotFound.of(
                    "{number}: no certified technician is available for automatic dispatch",
                    number=number,
                )
            user, team_id = picked
            if team_id is not None:
                wo.team_id = team_id
            apply_action(
                s,
                wo,
                action,
                at=now,
                actor=actor.username,
                assignee_id=user.id,
                note="automatic dispatch",
                audit_extra={"assignee": user.username, "automatic": True},
            )
            return self._save(s, actor, wo)

    def _simple(
        self,
        actor: Actor,
        number: str,
        action: str,
        permission: str,
        *,
        version: int | None,
        note: str | None = None,
        reason_code: str | None = None,
        before_apply: Any = None,
    ) -> WorkOrderInfo:
        actor.require(permission)
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            self._check(actor, wo, action)
            try:
                lifecycle.next_status(wo.status, action, wo.held_from)
            except TransitionRefused as exc:
                raise TransitionRefused.of("{number}: {error}", number=number, error=exc) from None
            if before_apply is not None:
                before_apply(s, wo)
            apply_action(
                s, wo, action, at=now, actor=actor.username, note=note, reason_code=reason_code
            )
            return self._save(s, actor, wo)

    def accept(
        self, actor: Actor, number: str, *, version: int | None = None, note: str | None = None
    ) -> WorkOrderInfo:
        """The assigned technician takes the work order on (the response clock stops)."""
        return self._simple(actor, number, "accept", "workorder.work", version=version, note=note)

    def hold(
        self,
        actor: Actor,
        number: str,
        reason: str,
        *,
        text: str | None = None,
        version: int | None = None,
    ) -> WorkOrderInfo:
        """Put on hold with a reason code (``waiting_parts`` or ``other: why``); the clocks pause.

        Raises:
            ValidationError: an unknown reason code, or ``other`` without a text.
        """
        if text is not None:
            code, note = lifecycle.check_hold_reason(reason, text)
        else:
            code, note = lifecycle.parse_hold_reason(reason)
        return self._simple(
            actor,
            number,
            "hold",
            "workorder.work",
            version=version,
            note=note or None,
            reason_code=code.value,
        )

    def resume(
        self, actor: Actor, number: str, *, version: int | None = None, note: str | None = None
    ) -> WorkOrderInfo:
        """End a hold: back to the status it left."""
        return self._simple(actor, number, "resume", "workorder.work", version=version, note=note)

    def resolve(
        self,
        actor: Actor,
        number: str,
        *,
        cause: str | None = None,
        resolution: str | None = None,
        note: str | None = None,
        labour_minutes: int | None = None,
        version: int | None = None,
    ) -> WorkOrderInfo:
        """Record the fix (cause and resolution codes, note, labour); the resolution clock stops."""
        if labour_minutes is not None and labour_minutes < 0:
            raise ValidationError.of("labour minutes must not be negative")

        def fill(_s: Any, wo: WorkOrder) -> None:
            if cause:
                wo.cause_code = cause.strip()[:32]
            if resolution:
                wo.resolution_code = resolution.strip()[:32]
            if note:
                wo.resolution_note = note
            if labour_minutes is not None:
                wo.labour_minutes = labour_minutes

        return self._simple(
            actor,
            number,
            "resolve",
            "workorder.work",
            version=version,
            note=note,
            before_apply=fill,
        )

    def reopen(
        self, actor: Actor, number: str, *, note: str | None = None, version: int | None = None
    ) -> WorkOrderInfo:
        """The fix did not hold: back to in progress (the clock resumes now)."""
        return self._simple(actor, number, "reopen", "workorder.verify", version=version, note=note)

    def close(
        self, actor: Actor, number: str, *, note: str | None = None, version: int | None = None
    ) -> WorkOrderInfo:
        """The liaison verified the fix.

        Raises:
            TransitionRefused: an alarm-raised order whose device is still down or degraded.
        """

        def device_ok(s: Any, wo: WorkOrder) -> None:
            if wo.source == "alarm" and wo.device_id is not None:
                health = repo.device_health(s, wo.device_id)
                if health in FAILING:
                    tag = wo.device.asset_tag if wo.device else wo.device_id
                    raise TransitionRefused.of(
                        "cannot close {number}: its device {tag} is still {health}; close it once the device has recovered, or reopen it",
                        number=wo.number,
                        tag=tag,
                        health=health,
                    )

        return self._simple(
            actor,
            number,
            "close",
            "workorder.verify",
            version=version,
            note=note,
            before_apply=device_ok,
        )

    def cancel(
        self, actor: Actor, number: str, reason: str, *, version: int | None = None
    ) -> WorkOrderInfo:
        """Cancel a new work order (a manager, with a reason); it leaves every SLA figure."""
        text = lifecycle.check_cancel_reason(reason)
        return self._simple(actor, number, "cancel", "workorder.cancel", version=version, note=text)

    # edits ------------------------------------------------------------------------
    def update(
        self,
        actor: Actor,
        number: str,
        *,
        version: int,
        title: str | None = None,
        description: str | None = None,
        priority: str | None = None,
        contact: ResidentContact | None = None,
    ) -> WorkOrderInfo:
        """Edit fields; ``version`` is required: a stale one is refused as a conflict."""
        actor.require("workorder.create")
        if priority is not None and priority not in lifecycle.PRIORITIES:
            raise ValidationError.of(
                "priority: {priority!r} is not one of {priorities}",
                priority=priority,
                priorities=list(lifecycle.PRIORITIES),
            )
        if title is not None and not (0 < len(title.strip()) <= 200):
            raise ValidationError.of("title: 1-200 characters")
        now = self.clock.now()
        enc = self._encrypt(contact) if contact is not None else None
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            if wo.status in ("closed", "cancelled"):
                raise TransitionRefused.of(
                    "{number} is {status}: it can no longer be edited",
                    number=number,
                    status=wo.status,
                )
            before = {"title": wo.title, "description": wo.description, "priority": wo.priority}
            if title is not None:
                wo.title = title.strip()
            if description is not None:
                wo.description = description
            if priority is not None:
                wo.priority = priority
            after = {"title": wo.title, "description": wo.description, "priority": wo.priority}
            b, a = audit.diff(before, after)
            if enc is not None:
                wo.resident_contact_enc = enc
                a["resident_contact"] = "(encrypted, changed)"
            if not a:
                return self._info(s, actor, wo)
            wo.updated_at = now
            audit.record(
                s,
                at=now,
                actor=actor.username,
                action="workorder.update",
                entity="work_order",
                entity_id=number,
                before=b,
                after=a,
            )
            return self._save(s, actor, wo)

    def add_part(
        self,
        actor: Actor,
        number: str,
        name: str,
        quantity: Any,
        unit_cost: Any,
        *,
        version: int | None = None,
    ) -> WorkOrderInfo:
        """Record a part used (name, quantity, unit cost)."""
        actor.require("workorder.parts")
        name = (name or "").strip()
        try:
            qty, cost = Decimal(str(quantity)), Decimal(str(unit_cost))
        except InvalidOperation:
            raise ValidationError.of("part: quantity and unit cost must be numbers") from None
        if not name or len(name) > 200:
            raise ValidationError.of("part: name 1-200 characters")
        if qty <= 0 or cost < 0:
            raise ValidationError.of("part: quantity must be positive and unit cost not negative")
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            self._check_parts(actor, wo)
            wo.parts.append(WorkOrderPart(name=name, quantity=qty, unit_cost=cost))
            wo.updated_at = now
            repo.touch(wo)  # a part changes the order: its version moves on
            audit.record(
                s,
                at=now,
                actor=actor.username,
                action="workorder.part",
                entity="work_order",
                entity_id=number,
                after={"part": name, "quantity": qty, "unit_cost": cost},
            )
            return self._save(s, actor, wo)

    def set_labour(
        self, actor: Actor, number: str, minutes: int, *, version: int | None = None
    ) -> WorkOrderInfo:
        """Set the labour minutes spent."""
        actor.require("workorder.parts")
        if minutes < 0:
            raise ValidationError.of("labour minutes must not be negative")
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            self._check_parts(actor, wo)
            before = wo.labour_minutes
            wo.labour_minutes = minutes
            wo.updated_at = now
            audit.record(
                s,
                at=now,
                actor=actor.username,
                action="workorder.labour",
                entity="work_order",
                entity_id=number,
                before={"labour_minutes": before},
                after={"labour_minutes": minutes},
            )
            return self._save(s, actor, wo)

    @staticmethod
    def _check_parts(actor: Actor, wo: WorkOrder) -> None:
        if actor.role == "technician" and wo.assignee_id != actor.user_id:
            raise PermissionDenied.of(
                "a technician may record parts only on work orders assigned to them"
            )
        if wo.status in ("closed", "cancelled"):
            raise TransitionRefused.of(
                "{number} is {status}: parts and labour are final",
                number=wo.number,
                status=wo.status,
            )

    # reading ----------------------------------------------------------------------
    def get(self, actor: Actor, number: str) -> WorkOrderInfo:
        """Return one work order with its history (contacts only for those allowed)."""
        actor.require("read")
        with self.db.read() as s:
            return self._info(s, actor, self._load(s, actor, number))

    def list(
        self,
        actor: Actor,
        *,
        status: str | None = None,
        open_only: bool = False,
        community: str | None = None,
        assignee: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[WorkOrderRow]:
        """Return the work orders the actor may see, newest first.

        A technician sees the work orders assigned to them; a liaison those of their communities.
        """
        actor.require("read")
        if status is not None and status not in [s.value for s in lifecycle.Status]:
            raise ValidationError.of("--status: unknown status {status!r}", status=status)
        with self.db.read() as s:
            ids: list[int] | None = None
            if community:
                c = accounts_repo.community_by_name(s, community)
                if c is None:
                    raise NotFound.of("no community named {community!r}", community=community)
                actor.require_community(c.id, c.name)
                ids = [c.id]
            elif actor.community_ids is not None:
                ids = sorted(actor.community_ids)
            assignee_id = None
            if actor.role == "technician":
                assignee_id = actor.user_id or -1
            elif assignee:
                u = repo.users_by_names(s, [assignee]).get(assignee)
                if u is None:
                    raise NotFound.of("no user named {assignee!r}", assignee=assignee)
                assignee_id = u.id
            statuses = [status] if status else (list(repo.OPEN_STATUSES) if open_only else None)
            rows = repo.list_orders(
                s,
                community_ids=ids,
                assignee_id=assignee_id,
                statuses=statuses,
                limit=limit,
                offset=offset,
            )
            return [_row(w) for w in rows]

    def period_summary(
        self, actor: Actor, start: datetime, end: datetime, community: str | None = None
    ) -> builtins.list[PeriodOrder]:
        """Return the work orders created in [start, end) that the actor may see, oldest first.

        Read-only; the same visibility as :meth:`list` (a liaison's communities, a
        technician's own work orders).
        """
        actor.require("read")
        if start.tzinfo is None or end.tzinfo is None:
            raise ValidationError.of("period: times need a time zone offset")
        if end <= start:
            raise ValidationError.of("period: the end is not after the start")
        with self.db.read() as s:
            ids: list[int] | None = None
            if community:
                c = accounts_repo.community_by_name(s, community)
                if c is None:
                    raise NotFound.of("no community named {community!r}", community=community)
                actor.require_community(c.id, c.name)
                ids = [c.id]
            elif actor.community_ids is not None:
                ids = sorted(actor.community_ids)
            assignee_id = (actor.user_id or -1) if actor.role == "technician" else None
            rows = repo.period_orders(s, start, end, community_ids=ids, assignee_id=assignee_id)
            costs = repo.parts_costs(s, [r[0] for r in rows])
        return [
            PeriodOrder(
                r.number,
                r.kind,
                r.source,
                r.status,
                r.priority,
                r.created_at,
                r.resolved_at,
                r.asset_tag,
                r[10],
                r.category_code,
                r[12],
                r.code,
                r.labour_minutes or 0,
                costs.get(r[0], Decimal(0)),
            )
            for r in rows
        ]


def session_community(s: Any, community_id: int) -> str:
    c = s.get(Community, community_id)
    return c.name if c is not None else str(community_id)


def session_contract_code(s: Any, contract_id: int | None) -> str | None:
    if contract_id is None:
        return None
    c = s.get(Contract, contract_id)
    return c.code if c is not None else None


def number_parts(number: str) -> tuple[int, int] | None:
    """Return (year, sequence) of a WO-YYYY-NNNNNN number, or None for another format."""
    m = NUMBER_RE.match(number)
    return (int(m[1]), int(m[2])) if m else None
