"""Preventive maintenance plans: every N days or monthly on a day, per device category or one
device, generating work orders with source ``preventive`` (the checklist as their description)
when due, never twice for the same due date: the ``preventive_runs`` row is claimed first,
under its unique constraint, and only the console that inserted it creates the order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ...db import Session
from ...db.models import PreventivePlan
from ...db.repos import inventory as inventory_repo
from ...db.repos import workorders as repo
from ...domain import lifecycle
from ...domain.errors import NotFound, Problem, ValidationError
from ...domain.messages import Msg
from ...domain.preventive import MAX_EVERY_DAYS, Schedule
from ...domain.text import check_text
from .. import audit
from ..context import SYSTEM, Actor
from ..formats import JsonFields
from ..training import local_today
from .base import WorkOrderBase
from .core import new_order

PLAN_KINDS = ("inspection", "cleaning")
MAX_CHECKLIST = 4000


@dataclass(frozen=True)
class PlanInfo(JsonFields):
    """A plan as the Plans page, ``plans list`` and the report see it.

    Attributes:
        every_days / day_of_month: the schedule (one of them is None).
        next_due: the first due date after today; ``last_due``: the latest generated one.
        generated: how many work orders the plan generated so far.
    """

    id: int
    name: str
    category: str | None
    device: str | None
    every_days: int | None
    day_of_month: int | None
    kind: str
    priority: str
    starts_on: date
    active: bool
    checklist: str = ""
    next_due: date | None = None
    last_due: date | None = None
    generated: int = 0


@dataclass(frozen=True)
class PlanInput:
    """What a person enters for a plan (new or edited)."""

    name: str
    starts_on: date
    every_days: int | None = None
    day_of_month: int | None = None
    category: str | None = None
    device: str | None = None
    kind: str = "inspection"
    priority: str = "P4"
    checklist: str = ""


def _info(
    p: PreventivePlan, device_tag: str | None, today: date, stats: tuple[date, int] | None
) -> PlanInfo:
    schedule = Schedule(p.starts_on, p.every_days, p.day_of_month)
    return PlanInfo(
        p.id, p.name, p.category_code, device_tag, p.every_days, p.day_of_month, p.kind,
        p.priority, p.starts_on, p.active, p.checklist or "",
        schedule.next_due(today) if schedule.problem() is None else None,
        stats[0] if stats else None, stats[1] if stats else 0,
    )  # fmt: skip


def _check(s: Session, plan: PlanInput, *, new: bool) -> int | None:
    """Every problem of ``plan`` at once (ValidationError); return the device's id, if any."""
    problems: list[Problem] = []
    if not plan.name.strip():
        problems.append(Problem.of("name: missing"))
    elif len(plan.name.strip()) > 200:
        problems.append(Problem.of("name: at most 200 characters"))
    every, day = plan.every_days, plan.day_of_month
    if (every is None) == (day is None):
        problems.append(Problem.of("schedule: either every N days or monthly on a day"))
    elif every is not None and every <= 0:
        problems.append(Problem.of("every_days: must be a positive number of days"))
    elif every is not None and every > MAX_EVERY_DAYS:
        problems.append(Problem.of("every_days: at most {days} days", days=MAX_EVERY_DAYS))
    elif day is not None and not 1 <= day <= 31:
        problems.append(Problem.of("day_of_month: between 1 and 31"))
    if (plan.category is None) == (plan.device is None):
        problems.append(Problem.of("name either a device category or one device"))
    if plan.kind not in PLAN_KINDS:
        problems.append(Problem.of("kind: one of {kinds}", kinds=list(PLAN_KINDS)))
    if plan.priority not in lifecycle.PRIORITIES:
        problems.append(
            Problem.of("priority: one of {priorities}", priorities=list(lifecycle.PRIORITIES))
        )
    if plan.category is not None and plan.category not in {
        c.code for c in inventory_repo.categories(s)
    }:
        problems.append(
            Problem.of("category: unknown category {category!r}", category=plan.category)
        )
    device_id = None
    if plan.device is not None:
        d = inventory_repo.device_by_tag(s, plan.device)
        if d is None:
            problems.append(Problem.of("no device with asset tag {device!r}", device=plan.device))
        else:
            device_id = d.id
    if len(problems) == 1:
        raise ValidationError.of_problem(problems[0])
    if problems and new:
        raise ValidationError.of("cannot create the plan", problems=problems)
    if problems:
        raise ValidationError.of("cannot save the plan", problems=problems)
    check_text(plan.checklist, "checklist", multiline=True, max_length=MAX_CHECKLIST)
    return device_id


def _after(plan: PreventivePlan, device: str | None) -> dict[str, object]:
    return {
        "name": plan.name,
        "category": plan.category_code,
        "device": device,
        "every_days": plan.every_days,
        "day_of_month": plan.day_of_month,
        "kind": plan.kind,
        "priority": plan.priority,
        "starts_on": plan.starts_on.isoformat(),
        "active": plan.active,
        "checklist": plan.checklist,
    }


def _fill(row: PreventivePlan, plan: PlanInput, device_id: int | None, now: datetime) -> None:
    """Set what a person entered on the plan's row (a new one or one they changed)."""
    row.name = plan.name.strip()
    row.category_code = plan.category
    row.device_id = device_id
    row.every_days = plan.every_days
    row.day_of_month = plan.day_of_month
    row.kind = plan.kind
    row.priority = plan.priority
    row.starts_on = plan.starts_on
    row.checklist = plan.checklist.strip()
    row.updated_at = now


def create_plan(s: Session, actor: Actor, now: datetime, plan: PlanInput) -> PreventivePlan:
    row = PreventivePlan(active=True)
    _fill(row, plan, _check(s, plan, new=True), now)
    return audit.created(s, row, now, actor, "plan.create", "preventive_plan", after=_after(row, plan.device))  # fmt: skip


def _plan(s: Session, plan_id: int) -> PreventivePlan:
    row = repo.plan_by_id(s, plan_id)
    if row is None:
        raise NotFound.of("no preventive plan {plan_id}", plan_id=plan_id)
    return row


def _device_tag(s: Session, row: PreventivePlan) -> str | None:
    if row.device_id is None:
        return None
    d = repo.device(s, row.device_id)
    return d.asset_tag if d is not None else None


def update_plan(
    s: Session, actor: Actor, now: datetime, plan_id: int, plan: PlanInput
) -> PreventivePlan:
    row = _plan(s, plan_id)
    before = _after(row, _device_tag(s, row))
    _fill(row, plan, _check(s, plan, new=False), now)
    audit.record(s, now, actor, "plan.update", "preventive_plan", row.id, before=before, after=_after(row, plan.device))  # fmt: skip
    return row


def set_active(s: Session, actor: Actor, now: datetime, plan_id: int, active: bool) -> None:
    row = _plan(s, plan_id)
    if row.active == active:
        return
    row.active = active
    row.updated_at = now
    audit.record(s, now, actor, "plan.resume" if active else "plan.pause", "preventive_plan", row.id, before={"active": not active}, after={"active": active})  # fmt: skip


def run_plans(s: Session, actor: Actor, now: datetime, today: date) -> list[str]:
    """Generate the work orders now due; return their numbers.

    Only the latest due date of each device counts (a missed one is not caught up), and a
    (plan, device, due date) is generated once: its ``preventive_runs`` row is claimed before
    the order is created, so two consoles running the plans at once generate it once.
    """
    numbers = []
    for plan in repo.active_plans(s):
        due = Schedule(plan.starts_on, plan.every_days, plan.day_of_month).latest_due(today)
        if due is None:
            continue
        for device in repo.plan_devices(s, plan):
            if not actor.sees_community(device.community_id):
                continue
            if repo.run_exists(s, plan.id, device.id, due):
                continue
            run = repo.claim_run(s, plan.id, device.id, due)
            if run is None:  # another console generated it a moment ago
                continue
            wo = new_order(
                s,
                at=now,
                actor=actor.username,
                title=Msg("workorder.preventive_title", {"plan": plan.name, "device": device.name}),
                priority=plan.priority,
                source="preventive",
                kind=plan.kind,
                device=device,
                community_id=device.community_id,
                description=plan.checklist or None,
                note=Msg("workorder.preventive_due", {"plan": plan.name, "date": due.isoformat()}),
            )
            run.work_order_id = wo.id
            s.flush()
            numbers.append(wo.number)
    return numbers


def adopt_history(s: Session, plan_id: int, title: str, through: date | None = None) -> int:
    """Link the preventive orders titled ``title`` (imported history, raised before the plan
    was entered) to the plan as its runs, each on the due date its creation fell in.

    With ``through``, the history is taken to reach that day: the latest due date on or
    before it counts as done for every device of the plan (a run without a work order where
    no order of the history covers it), so the first run raises only what falls due after
    it, not a backlog of every device the history did not name.
    """
    plan = _plan(s, plan_id)
    schedule = Schedule(plan.starts_on, plan.every_days, plan.day_of_month)
    linked = 0
    for wo_id, device_id, created in repo.preventive_orders_titled(s, title):
        due = schedule.latest_due(local_today(created))
        if due is None or device_id is None:
            continue
        run = repo.claim_run(s, plan.id, device_id, due)
        if run is not None:
            run.work_order_id = wo_id
            linked += 1
    last = schedule.latest_due(through) if through is not None else None
    if last is not None:
        for device in repo.plan_devices(s, plan):
            repo.claim_run(s, plan.id, device.id, last)
    s.flush()
    return linked


class PlanCalls(WorkOrderBase):
    """Preventive plans, part of the work-order service (the poller runs them when due)."""

    def list_plans(self, actor: Actor) -> list[PlanInfo]:
        """Every plan with its next due date and what it generated, by name."""
        actor.require("read")
        today = local_today(self.clock.now())
        with self.db.read() as s:
            stats = repo.plan_run_stats(s)
            return [_info(p, tag, today, stats.get(p.id)) for p, tag in repo.all_plans(s)]

    def get_plan(self, actor: Actor, plan_id: int) -> PlanInfo:
        for p in self.list_plans(actor):
            if p.id == plan_id:
                return p
        raise NotFound.of("no preventive plan {plan_id}", plan_id=plan_id)

    def create_plan(
        self,
        actor: Actor,
        name: str,
        *,
        starts_on: date,
        every_days: int | None = None,
        day_of_month: int | None = None,
        category: str | None = None,
        device: str | None = None,
        kind: str = "inspection",
        priority: str = "P4",
        checklist: str = "",
    ) -> PlanInfo:
        """Plan preventive work for a device category or one device, every N days or
        monthly on a day (audited)."""
        plan = PlanInput(
            name, starts_on, every_days, day_of_month, category, device, kind, priority, checklist
        )
        return self.save_plan(actor, plan)

    def save_plan(self, actor: Actor, plan: PlanInput, plan_id: int | None = None) -> PlanInfo:
        """Create a plan (``plan_id`` None) or change one: target, schedule, kind, priority,
        checklist (audited)."""
        if plan_id is not None:
            return self.update_plan(actor, plan_id, plan)
        actor.require("plan.write")
        with self.db.write() as s:
            row = create_plan(s, actor, self.clock.now(), plan)
            plan_id = row.id
        return self.get_plan(actor, plan_id)

    def update_plan(self, actor: Actor, plan_id: int, plan: PlanInput) -> PlanInfo:
        """Change a plan's target, schedule, kind, priority or checklist (audited)."""
        actor.require("plan.write")
        with self.db.write() as s:
            update_plan(s, actor, self.clock.now(), plan_id, plan)
        return self.get_plan(actor, plan_id)

    def pause_plan(self, actor: Actor, plan_id: int, *, paused: bool = True) -> PlanInfo:
        """Pause a plan (nothing is generated while paused) or resume it (audited)."""
        actor.require("plan.write")
        with self.db.write() as s:
            set_active(s, actor, self.clock.now(), plan_id, not paused)
        return self.get_plan(actor, plan_id)

    def adopt_history(
        self, actor: Actor, plan_id: int, title: str, *, through: date | None = None
    ) -> int:
        """Link earlier preventive orders titled ``title`` to the plan (imported history);
        with ``through``, the history reaches that day (see :func:`adopt_history`)."""
        actor.require("plan.write")
        with self.db.write() as s:
            return adopt_history(s, plan_id, title, through)

    def run_preventive(self, actor: Actor = SYSTEM, today: date | None = None) -> list[str]:
        """Generate the preventive work orders now due (never twice for one due date)."""
        actor.require("plan.write")
        now = self.clock.now()
        with self.db.write() as s:
            return run_plans(s, actor, now, today or local_today(now))
