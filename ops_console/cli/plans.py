"""Subcommands of preventive maintenance plans: ``plans add|list|edit|pause|resume|run-due``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import (
    FORMAT,
    ID,
    PRIORITY,
    Arg,
    Columns,
    Commands,
    OneOf,
    arg,
    bounded_int,
    iso_date,
    lists,
    one_of,
    print_json,
    signed,
)

if TYPE_CHECKING:
    from ..services.container import Services
    from ..services.context import Actor
    from ..services.workorders import PlanInfo

_ADD_HELP = (
    "Plan preventive work for every device of a category (--category smart_bin) or one device "
    "(--device TAG), every N days (--every-days 7, counted from --starts) or monthly on a day "
    "(--monthly-day 1; 29-31 mean the last day of shorter months). Each due date generates one "
    "work order per device (source preventive, the checklist as its description), never twice, "
    "when the poller runs or with 'plans run-due'. Needs the plan.write permission (manager, admin)."
)


def _plan_args(required: bool) -> tuple[Arg | OneOf, ...]:
    """What a plan does: its target, schedule and work (required to add one; edit changes only
    those given)."""
    return (
        one_of(
            arg("--category", metavar="CODE", help="every device of this category"),
            arg("--device", metavar="TAG", help="one device"),
            required=required,
        ),
        one_of(
            arg("--every-days", type=bounded_int(1, 3660), metavar="N"),
            arg("--monthly-day", type=bounded_int(1, 31), metavar="D"),
            required=required,
        ),
        arg("--starts", type=iso_date, metavar="YYYY-MM-DD", help="first due date (today)"),
        arg("--kind", choices=("inspection", "cleaning")),
        PRIORITY,
        arg("--checklist", metavar="TEXT", help="the checklist; '\\n' starts a new line"),
    )


COMMANDS = Commands()
PLANS = COMMANDS.group("plans", "preventive maintenance plans")


def schedule_text(p: PlanInfo) -> str:
    return f"every {p.every_days} days" if p.every_days else f"monthly on day {p.day_of_month}"


def _show(p: PlanInfo) -> str:
    state = "active" if p.active else "paused"
    return (
        f"plan {p.id} {p.name!r} ({state}): {p.category or p.device}, {schedule_text(p)}, "
        f"{p.kind} {p.priority}, next due {p.next_due or '-'}"
    )


def _checklist(text: str | None) -> str | None:
    return None if text is None else text.replace("\\n", "\n")


@PLANS.command(
    "add",
    help="plan preventive work",
    description=_ADD_HELP,
    args=[arg("name", metavar="NAME"), *_plan_args(required=True)],
)
@signed
def cmd_plans_add(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    from ..services.training import local_today

    plan = services.workorders.create_plan(
        actor,
        args.name,
        starts_on=args.starts or local_today(services.clock.now()),
        every_days=args.every_days,
        day_of_month=args.monthly_day,
        category=args.category,
        device=args.device,
        kind=args.kind or "inspection",
        priority=args.priority or "P4",
        checklist=_checklist(args.checklist) or "",
    )
    return _show(plan)


@PLANS.command(
    "edit",
    help="change a plan (only the options given)",
    description=_ADD_HELP,
    args=[ID, arg("--name", metavar="NAME"), *_plan_args(required=False)],
)
@signed
def cmd_plans_edit(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    from ..services.workorders import PlanInput

    old = services.workorders.get_plan(actor, args.id)
    target = (
        (args.category, args.device) if args.category or args.device else (old.category, old.device)
    )
    every, day = (
        (args.every_days, args.monthly_day)
        if args.every_days or args.monthly_day
        else (old.every_days, old.day_of_month)
    )
    checklist = _checklist(args.checklist)
    plan = PlanInput(
        args.name if args.name is not None else old.name,
        args.starts or old.starts_on,
        every,
        day,
        target[0],
        target[1],
        args.kind or old.kind,
        args.priority or old.priority,
        checklist if checklist is not None else old.checklist,
    )
    return _show(services.workorders.update_plan(actor, args.id, plan))


PLAN_COLUMNS: Columns[PlanInfo] = (
    ("id", lambda p: p.id),
    ("name", lambda p: p.name),
    ("target", lambda p: p.category or p.device),
    ("schedule", lambda p: schedule_text(p)),
    ("kind", lambda p: p.kind),
    ("priority", lambda p: p.priority),
    ("state", lambda p: "active" if p.active else "paused"),
    ("next_due", lambda p: p.next_due or ""),
    ("generated", lambda p: p.generated),
)


@PLANS.command("list", help="every plan: target, schedule, next due, generated", args=[FORMAT])
@lists(PLAN_COLUMNS)
def cmd_plans_list(args: argparse.Namespace, services: Services, actor: Actor) -> list[PlanInfo]:
    return services.workorders.list_plans(actor)


@PLANS.command("pause", help="pause a plan: nothing is generated while it is paused", args=[ID])
@signed
def cmd_plans_pause(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    return _show(services.workorders.pause_plan(actor, args.id, paused=True))


@PLANS.command("resume", help="resume a paused plan", args=[ID])
@signed
def cmd_plans_resume(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    return _show(services.workorders.pause_plan(actor, args.id, paused=False))


@PLANS.command(
    "run-due",
    help="generate the work orders now due",
    description="Generate the work order of every active plan's latest due date for each "
    "of its devices, unless generated already (a missed due date is not caught up). The "
    "poller does this by itself; run it from cron where no poller runs.",
    args=[
        arg("--today", type=iso_date, metavar="YYYY-MM-DD", help="as if today were this day"),
        FORMAT,
    ],
)
@signed
def cmd_plans_run_due(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    numbers = services.workorders.run_preventive(actor, args.today)
    if args.format == "json":
        print_json({"generated": numbers})
    else:
        print(f"{len(numbers)} preventive work orders generated" + (":" if numbers else ""))
        for n in numbers:
            print(f"  {n}")
