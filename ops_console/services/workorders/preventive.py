"""Preventive maintenance plans: every N days per device category or device, generating work
orders with source ``preventive`` when due, never twice for the same due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ...db import Session
from ...db.models import PreventivePlan, PreventiveRun
from ...db.repos import inventory as inventory_repo
from ...db.repos import workorders as repo
from ...domain import lifecycle
from ...domain.errors import NotFound, Problem, ValidationError
from .. import audit
from ..context import Actor
from ..training import local_today
from .base import WorkOrderBase
from .core import KINDS, new_order


@dataclass(frozen=True)
class PlanInfo:
    id: int
    name: str
    category: str | None
    device: str | None
    every_days: int
    kind: str
    priority: str
    starts_on: date
    active: bool


def _info(p: PreventivePlan, device_tag: str | None) -> PlanInfo:
    return PlanInfo(
        p.id,
        p.name,
        p.category_code,
        device_tag,
        p.every_days,
        p.kind,
        p.priority,
        p.starts_on,
        p.active,
    )


def create_plan(
    s: Session,
    actor: Actor,
    now: datetime,
    name: str,
    *,
    every_days: int,
    starts_on: date,
    category: str | None,
    device: str | None,
    kind: str,
    priority: str,
) -> PlanInfo:
    problems: list[Problem] = []
    if not name.strip():
        problems.append(Problem.of("name: missing"))
    if every_days <= 0:
        problems.append(Problem.of("every_days: must be a positive number of days"))
    if (category is None) == (device is None):
        problems.append(Problem.of("name either a device category or one device"))
    if kind not in KINDS:
        problems.append(Problem.of("kind: one of {kinds}", kinds=list(KINDS)))
    if priority not in lifecycle.PRIORITIES:
        problems.append(
            Problem.of("priority: one of {priorities}", priorities=list(lifecycle.PRIORITIES))
        )
    if category is not None and category not in {c.code for c in inventory_repo.categories(s)}:
        problems.append(Problem.of("category: unknown category {category!r}", category=category))
    if len(problems) == 1:
        raise ValidationError.of_problem(problems[0])
    if problems:
        raise ValidationError.of("cannot create the plan", problems=problems)
    device_id = None
    if device is not None:
        d = inventory_repo.device_by_tag(s, device)
        if d is None:
            raise NotFound.of("no device with asset tag {device!r}", device=device)
        device_id = d.id
    plan = PreventivePlan(
        name=name.strip(),
        category_code=category,
        device_id=device_id,
        every_days=every_days,
        kind=kind,
        priority=priority,
        starts_on=starts_on,
        active=True,
    )
    s.add(plan)
    s.flush()
    audit.record(
        s,
        at=now,
        actor=actor.username,
        action="plan.create",
        entity="preventive_plan",
        entity_id=plan.id,
        after={"name": plan.name, "category": category, "device": device, "every_days": every_days},
    )
    return _info(plan, device)


def due_date(plan: PreventivePlan, today: date) -> date | None:
    """Return the latest due date on or before ``today`` (None before the plan starts)."""
    if today < plan.starts_on:
        return None
    periods = (today - plan.starts_on).days // plan.every_days
    return plan.starts_on + timedelta(days=periods * plan.every_days)


def run_plans(s: Session, actor: Actor, now: datetime, today: date) -> list[str]:
    """Generate the work orders now due; return their numbers.

    Only the latest due date of each device counts (a missed one is not caught up), and a
    (plan, device, due date) is generated once: the PreventiveRun row's uniqueness holds
    even when two consoles run plans at once.
    """
    numbers = []
    for plan in repo.active_plans(s):
        due = due_date(plan, today)
        if due is None:
            continue
        for device in repo.plan_devices(s, plan):
            if not actor.sees_community(device.community_id):
                continue
            if repo.run_exists(s, plan.id, device.id, due):
                continue
            wo = new_order(
                s,
                at=now,
                actor=actor.username,
                title=f"{plan.name}: {device.name}"[:200],
                priority=plan.priority,
                source="preventive",
                kind=plan.kind,
                device=device,
                community_id=device.community_id,
                note=f"plan {plan.id}, due {due.isoformat()}",
            )
            s.add(
                PreventiveRun(plan_id=plan.id, device_id=device.id, due_on=due, work_order_id=wo.id)
            )
            s.flush()
            numbers.append(wo.number)
    return numbers


class PlanCalls(WorkOrderBase):
    """Preventive plans, part of the work-order service (the scheduler runs them)."""

    def create_plan(
        self,
        actor: Actor,
        name: str,
        *,
        every_days: int,
        starts_on: date,
        category: str | None = None,
        device: str | None = None,
        kind: str = "inspection",
        priority: str = "P4",
    ) -> PlanInfo:
        """Plan preventive work every N days for a device category or one device."""
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

    def run_preventive(self, actor: Actor, today: date | None = None) -> list[str]:
        """Generate the preventive work orders now due (never twice for one due date)."""
        actor.require("plan.write")
        now = self.clock.now()
        with self.db.write() as s:
            return run_plans(s, actor, now, today or local_today(now))
