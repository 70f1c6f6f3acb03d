"""Queries over work orders: numbering, lookups, lists, dispatch counts, alarms, bulk inserts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypedDict, TypeVarTuple, Unpack

from sqlalchemy import Select, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from ...domain import lifecycle
from ...domain.errors import Conflict
from ...domain.lifecycle import Status
from ..models import (
    Alarm,
    Community,
    Contract,
    Device,
    DeviceState,
    Organization,
    PreventivePlan,
    PreventiveRun,
    User,
    WorkOrder,
    WorkOrderCounter,
    WorkOrderEvent,
    WorkOrderPart,
    user_communities,
)
from . import in_communities, locked, of_orders

# plain strings (the enum's values) for SQL parameters
OPEN_STATUSES = tuple(sorted(s.value for s in lifecycle.OPEN_STATUSES))
ACTIVE_STATUSES = tuple(s.value for s in (Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD))

_Columns = TypeVarTuple("_Columns")

# the advisory-lock space of the alarm → work-order hand-over, one lock per device
HANDOVER_LOCK = 1329475


def next_number(session: Session, year: int) -> int:
    """Issue the next sequence number of ``year`` inside the caller's write transaction.

    The UPDATE takes the counter row's lock (PostgreSQL) or runs under the write lock
    (SQLite's BEGIN IMMEDIATE), so two consoles never get the same number.
    """
    stmt = (
        update(WorkOrderCounter)
        .where(WorkOrderCounter.year == year)
        .values(last=WorkOrderCounter.last + 1)
        .returning(WorkOrderCounter.last)
    )
    value = session.execute(stmt).scalar_one_or_none()
    if value is not None:
        return int(value)
    try:
        with session.begin_nested():
            session.execute(insert(WorkOrderCounter).values(year=year, last=1))
        return 1
    except IntegrityError:  # another console created the year's row first
        return int(session.execute(stmt).scalar_one())


def raise_counter(session: Session, year: int, at_least: int) -> None:
    """Make sure the next number of ``year`` is above ``at_least`` (after importing history)."""
    row = session.get(WorkOrderCounter, year, with_for_update=True)
    if row is None:
        session.add(WorkOrderCounter(year=year, last=at_least))
        session.flush()
    elif row.last < at_least:
        row.last = at_least


def flush_or_conflict(session: Session, what: str) -> None:
    """Flush; a concurrent save of the same row (stale version) becomes a Conflict."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise Conflict(
            f"{what} was changed by someone else meanwhile; reload it and try again"
        ) from exc


def touch(wo: WorkOrder) -> None:
    """Force an UPDATE of the order (and so a new version) when only its children changed."""
    flag_modified(wo, "updated_at")


def by_number(session: Session, number: str) -> WorkOrder | None:
    """The work order with everything its detail shows, in three statements: the order
    joined with its device (its community and zone), assignee, community and contract, then
    its events, then its parts (each statement is a round trip on a remote database)."""
    device = joinedload(WorkOrder.device)
    return session.execute(
        select(WorkOrder)
        .options(
            selectinload(WorkOrder.events),
            selectinload(WorkOrder.parts),
            device.joinedload(Device.community),
            device.joinedload(Device.zone),
            joinedload(WorkOrder.assignee),
            joinedload(WorkOrder.community),
            joinedload(WorkOrder.contract),
        )
        .where(WorkOrder.number == number)
    ).scalar_one_or_none()


def with_assignee_name(session: Session, number: str) -> tuple[WorkOrder, str | None] | None:
    """The work order's own row and its assignee's login, in one statement (no history)."""
    row = session.execute(
        select(WorkOrder, User.username)
        .outerjoin(User, User.id == WorkOrder.assignee_id)
        .where(WorkOrder.number == number)
    ).first()
    return None if row is None else (row[0], row[1])


def by_id(session: Session, work_order_id: int) -> WorkOrder | None:
    return session.get(WorkOrder, work_order_id)


def by_id_locked(session: Session, work_order_id: int) -> WorkOrder | None:
    """The work order, read afresh with its row locked until the transaction ends."""
    return locked(session, WorkOrder, work_order_id)


class OrderScope(TypedDict, total=False):
    """Which work orders a list or a report covers: those of ``community_ids`` (None: every
    community) and, given ``assignee_id``, only that person's (a technician sees their own)."""

    community_ids: Sequence[int] | None
    assignee_id: int | None


def in_scope(
    q: Select[*_Columns],
    community_ids: Sequence[int] | None = None,
    assignee_id: int | None = None,
) -> Select[*_Columns]:
    """``q`` (over work orders) narrowed to an :class:`OrderScope`."""
    q = in_communities(q, WorkOrder.community_id, community_ids)
    return q if assignee_id is None else q.where(WorkOrder.assignee_id == assignee_id)


@dataclass(frozen=True)
class OrderHead:
    """What every row of a work-order list or report starts with (``HEAD_COLUMNS``)."""

    id: int
    number: str
    kind: str
    source: str
    status: str
    priority: str


# in the order of OrderHead's fields
HEAD_COLUMNS = (
    WorkOrder.id,
    WorkOrder.number,
    WorkOrder.kind,
    WorkOrder.source,
    WorkOrder.status,
    WorkOrder.priority,
)


@dataclass(frozen=True)
class PeriodOrder(OrderHead):
    """A work order created in a report's period, as the maintenance report counts it.

    Attributes:
        category: the device's category code, None for a report without a device.
        resolved_at: the last resolve while resolved or closed, None if open or reopened.
        parts_cost: quantity × unit cost over its parts (exact decimals).
    """

    created_at: datetime
    resolved_at: datetime | None
    device: str | None
    device_name: str | None
    category: str | None
    community: str
    contract: str | None
    labour_minutes: int
    parts_cost: Decimal


# in the order of PeriodOrder's fields, but for the parts' cost (``parts_costs``)
_PERIOD_COLUMNS = (
    *HEAD_COLUMNS,
    WorkOrder.created_at,
    WorkOrder.resolved_at,
    Device.asset_tag,
    Device.name,
    Device.category_code,
    Community.name,
    Contract.code,
    func.coalesce(WorkOrder.labour_minutes, 0),
)


def period_orders(
    session: Session, start: datetime, end: datetime, **scope: Unpack[OrderScope]
) -> list[PeriodOrder]:
    """The work orders in ``scope`` created in [start, end), oldest first, for period reports."""
    q = (
        of_orders(_PERIOD_COLUMNS)
        .outerjoin(Contract, Contract.id == WorkOrder.contract_id)
        .where(WorkOrder.created_at >= start, WorkOrder.created_at < end)
    )
    q = in_scope(q, **scope)
    rows = session.execute(q.order_by(WorkOrder.created_at, WorkOrder.id)).all()
    costs = parts_costs(session, [r.id for r in rows])
    return [PeriodOrder(*(*r, costs.get(r.id, Decimal(0)))) for r in rows]


def parts_costs(session: Session, work_order_ids: Sequence[int]) -> dict[int, Decimal]:
    """Return the parts cost (quantity x unit cost, exact decimals) of each work order that has parts."""
    out: dict[int, Decimal] = {}
    ids = list(work_order_ids)
    for i in range(0, len(ids), 500):
        rows = session.execute(
            select(
                WorkOrderPart.work_order_id, WorkOrderPart.quantity, WorkOrderPart.unit_cost
            ).where(WorkOrderPart.work_order_id.in_(ids[i : i + 500]))
        )
        for wo_id, quantity, unit_cost in rows:
            out[wo_id] = out.get(wo_id, Decimal(0)) + Decimal(quantity) * Decimal(unit_cost)
    return out


def open_events(
    session: Session, work_order_ids: Sequence[int]
) -> dict[int, list[tuple[str, datetime, str | None]]]:
    """Return (kind, at, reason code) per work order, in order, for the given work orders."""
    out: dict[int, list[tuple[str, datetime, str | None]]] = {i: [] for i in work_order_ids}
    ids = list(work_order_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = session.execute(
            select(
                WorkOrderEvent.work_order_id,
                WorkOrderEvent.kind,
                WorkOrderEvent.at,
                WorkOrderEvent.reason_code,
            )
            .where(WorkOrderEvent.work_order_id.in_(chunk))
            .order_by(WorkOrderEvent.work_order_id, WorkOrderEvent.seq)
        )
        for wo_id, kind, at, reason in rows:
            out[wo_id].append((kind, at, reason))
    return out


def open_for_device_rule(session: Session, device_id: int, rule: str) -> WorkOrder | None:
    """Return the open work order raised for a device and alarm rule, if any."""
    return session.execute(
        select(WorkOrder)
        .where(
            WorkOrder.device_id == device_id,
            WorkOrder.alarm_rule == rule,
            WorkOrder.status.in_((*OPEN_STATUSES, Status.RESOLVED.value)),
        )
        .order_by(WorkOrder.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def active_counts(session: Session, user_ids: Iterable[int]) -> dict[int, int]:
    """Return how many assigned/in-progress/on-hold work orders each user holds."""
    ids = list(user_ids)
    counts = {i: 0 for i in ids}
    if not ids:
        return counts
    rows = session.execute(
        select(WorkOrder.assignee_id, func.count())
        .where(WorkOrder.assignee_id.in_(ids), WorkOrder.status.in_(ACTIVE_STATUSES))
        .group_by(WorkOrder.assignee_id)
    )
    for user_id, n in rows:
        if user_id is not None:  # always: IN (...) never matches NULL; narrows the type
            counts[int(user_id)] = int(n)
    return counts


def staff(
    session: Session,
    *,
    role: str = "technician",
    organization_id: int | None = None,
    organization_kind: str | None = None,
) -> list[User]:
    """Return active users of a role, optionally of one organization or kind of organization."""
    q = (
        select(User)
        .options(selectinload(User.communities), selectinload(User.organization))
        .where(User.role == role, User.active.is_(True))
    )
    if organization_id is not None:
        q = q.where(User.organization_id == organization_id)
    if organization_kind is not None:
        q = q.join(Organization, Organization.id == User.organization_id).where(
            Organization.kind == organization_kind
        )
    return list(session.execute(q.order_by(User.username)).scalars())


def users_by_names(session: Session, names: Iterable[str]) -> dict[str, User]:
    wanted = sorted(set(names))
    out: dict[str, User] = {}
    for i in range(0, len(wanted), 500):
        rows = session.execute(select(User).where(User.username.in_(wanted[i : i + 500])))
        out.update({u.username: u for u in rows.scalars()})
    return out


def user_by_id(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def existing_numbers(session: Session, numbers: Iterable[str]) -> set[str]:
    wanted = sorted(set(numbers))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        found.update(
            session.execute(
                select(WorkOrder.number).where(WorkOrder.number.in_(wanted[i : i + 500]))
            ).scalars()
        )
    return found


def communities_by_name(session: Session) -> dict[str, Community]:
    return {c.name: c for c in session.execute(select(Community)).scalars()}


def device(session: Session, device_id: int) -> Device | None:
    return session.get(Device, device_id)


def device_health(session: Session, device_id: int) -> str:
    state = session.get(DeviceState, device_id)
    return state.health if state is not None else "unknown"


def alarm(session: Session, alarm_id: int) -> Alarm | None:
    return session.get(Alarm, alarm_id)


def alarm_for_handover(session: Session, alarm_id: int) -> Alarm | None:
    """The alarm, with its device's row and its own locked until the transaction ends.

    Hand-overs of one device run one at a time: a second one (another poller, a retry)
    waits here, then reads the alarm afresh and finds the work order the first one raised or
    linked (PostgreSQL: a transaction-scoped advisory lock per device, then the alarm's row
    FOR UPDATE; SQLite's write transactions run one at a time).
    """
    device_id = session.execute(
        select(Alarm.device_id).where(Alarm.id == alarm_id)
    ).scalar_one_or_none()
    if device_id is None:
        return None
    if session.get_bind().dialect.name == "postgresql":
        # a lock of the device's own, not of its row: the poller role may not update devices,
        # and a row lock needs that right
        session.execute(
            text("SELECT pg_advisory_xact_lock(:space, :device)"),
            {"space": HANDOVER_LOCK, "device": device_id},
        )
    return locked(session, Alarm, alarm_id)


def alarms_of(session: Session, work_order_id: int) -> list[Alarm]:
    return list(
        session.execute(
            select(Alarm).where(Alarm.work_order_id == work_order_id).order_by(Alarm.opened_at)
        ).scalars()
    )


def open_alarms_of(session: Session, work_order_id: int) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(Alarm)
            .where(Alarm.work_order_id == work_order_id, Alarm.cleared_at.is_(None))
        ).scalar_one()
    )


def part(session: Session, work_order_id: int, name: str) -> WorkOrderPart | None:
    return session.execute(
        select(WorkOrderPart).where(
            WorkOrderPart.work_order_id == work_order_id, WorkOrderPart.name == name
        )
    ).scalar_one_or_none()


# -- preventive plans ----------------------------------------------------------------------


def active_plans(session: Session) -> list[PreventivePlan]:
    return list(
        session.execute(
            select(PreventivePlan)
            .where(PreventivePlan.active.is_(True))
            .order_by(PreventivePlan.id)
        ).scalars()
    )


def plan_devices(session: Session, plan: PreventivePlan) -> list[Device]:
    q = select(Device).where(Device.status != "retired")
    if plan.device_id is not None:
        q = q.where(Device.id == plan.device_id)
    elif plan.category_code is not None:
        q = q.where(Device.category_code == plan.category_code)
    return list(session.execute(q.order_by(Device.asset_tag)).scalars())


def run_exists(session: Session, plan_id: int, device_id: int, due_on: date) -> bool:
    return (
        session.execute(
            select(PreventiveRun.id).where(
                PreventiveRun.plan_id == plan_id,
                PreventiveRun.device_id == device_id,
                PreventiveRun.due_on == due_on,
            )
        ).first()
        is not None
    )


def claim_run(session: Session, plan_id: int, device_id: int, due_on: date) -> PreventiveRun | None:
    """Insert the (plan, device, due date) row, or return None when it exists already.

    The unique constraint decides: two consoles running the plans at once both try, one
    inserts, the other's savepoint is rolled back (on PostgreSQL it waits for the first to
    commit) and it generates nothing.
    """
    run = PreventiveRun(plan_id=plan_id, device_id=device_id, due_on=due_on)
    try:
        with session.begin_nested():
            session.add(run)
            session.flush()
    except IntegrityError:
        return None
    return run


def preventive_orders_titled(
    session: Session, title: str
) -> list[tuple[int, int | None, datetime]]:
    """(id, device id, created) of the preventive work orders with this exact title."""
    rows = session.execute(
        select(WorkOrder.id, WorkOrder.device_id, WorkOrder.created_at)
        .where(WorkOrder.source == "preventive", WorkOrder.title == title)
        .order_by(WorkOrder.created_at)
    ).all()
    return [(int(i), d, c) for i, d, c in rows]


def all_plans(session: Session) -> list[tuple[PreventivePlan, str | None]]:
    """Every plan with its device's asset tag (None for a category plan), by name."""
    rows = session.execute(
        select(PreventivePlan, Device.asset_tag)
        .outerjoin(Device, Device.id == PreventivePlan.device_id)
        .order_by(PreventivePlan.name, PreventivePlan.id)
    ).all()
    return [(p, tag) for p, tag in rows]


def plan_by_id(session: Session, plan_id: int) -> PreventivePlan | None:
    return session.get(PreventivePlan, plan_id)


def plan_run_stats(session: Session) -> dict[int, tuple[date, int]]:
    """Per plan: its latest due date generated and how many work orders it generated (a run
    without a work order, a due date its history covers, is not one)."""
    rows = session.execute(
        select(
            PreventiveRun.plan_id,
            func.max(PreventiveRun.due_on),
            func.count(PreventiveRun.work_order_id),
        ).group_by(PreventiveRun.plan_id)
    ).all()
    return {int(p): (d, int(n)) for p, d, n in rows}


# -- bulk loading (history import, benchmarks) ----------------------------------------------


def insert_work_orders(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert work-order rows in bulk (each dict has the columns); return their ids in order."""
    if not rows:
        return []
    for r in rows:
        r.setdefault("version", 1)
    result = session.scalars(
        insert(WorkOrder).returning(WorkOrder.id, sort_by_parameter_order=True), rows
    )
    return [int(i) for i in result]


def insert_events(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert work-order event rows in bulk."""
    if rows:
        session.execute(insert(WorkOrderEvent), rows)


def community_liaisons(session: Session, community_id: int) -> list[User]:
    """The active liaisons of a community: those scoped to it, and those scoped to none (all)."""
    scoped = select(user_communities.c.user_id).where(
        user_communities.c.community_id == community_id
    )
    anywhere = select(user_communities.c.user_id)
    q = select(User).where(
        User.active.is_(True),
        User.role == "liaison",
        or_(User.id.in_(scoped), User.id.not_in(anywhere)),
    )
    return list(session.execute(q.order_by(User.username)).scalars())


def close_events(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    contract_id: int | None = None,
    reason_codes: Sequence[str] | None = None,
) -> list[tuple[WorkOrder, WorkOrderEvent]]:
    """Close events in [start, end) with their work orders, oldest first."""
    q = (
        select(WorkOrder, WorkOrderEvent)
        .join(WorkOrderEvent, WorkOrderEvent.work_order_id == WorkOrder.id)
        .where(
            WorkOrderEvent.kind == "closed",
            WorkOrderEvent.at >= start,
            WorkOrderEvent.at < end,
        )
    )
    if contract_id is not None:
        q = q.where(WorkOrder.contract_id == contract_id)
    if reason_codes is not None:
        q = q.where(WorkOrderEvent.reason_code.in_(list(reason_codes)))
    rows = session.execute(q.order_by(WorkOrderEvent.at, WorkOrder.number))
    return [(wo, ev) for wo, ev in rows]


def awaiting_verification(
    session: Session, community_ids: Sequence[int] | None = None
) -> dict[int, int]:
    """Resolved work orders (waiting for the liaison's verification) per community id."""
    q = select(WorkOrder.community_id, func.count()).where(
        WorkOrder.status == Status.RESOLVED.value
    )
    q = in_communities(q, WorkOrder.community_id, community_ids)
    rows = session.execute(q.group_by(WorkOrder.community_id))
    return {int(cid): int(n) for cid, n in rows}
