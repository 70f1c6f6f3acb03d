"""Subcommands of preventive maintenance plans: ``plans add|list|edit|pause|resume|run-due``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..domain.bounds import ID_MAX
from .common import (
    Subparsers,
    add_format_option,
    bounded_int,
    command,
    group,
    iso_date,
    print_json,
    print_rows,
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


def _target(p: argparse.ArgumentParser, required: bool) -> None:
    target = p.add_mutually_exclusive_group(required=required)
    target.add_argument("--category", metavar="CODE", help="every device of this category")
    target.add_argument("--device", metavar="TAG", help="one device")
    when = p.add_mutually_exclusive_group(required=required)
    when.add_argument("--every-days", type=bounded_int(1, 3660), metavar="N")
    when.add_argument("--monthly-day", type=bounded_int(1, 31), metavar="D")
    p.add_argument("--starts", type=iso_date, metavar="YYYY-MM-DD", help="first due date (today)")
    p.add_argument("--kind", choices=("inspection", "cleaning"))
    p.add_argument("--priority", choices=("P1", "P2", "P3", "P4"))
    p.add_argument("--checklist", metavar="TEXT", help="the checklist; '\\n' starts a new line")


def register(sub: Subparsers) -> None:
    psub = group(sub, "plans", "preventive maintenance plans")

    add = command(psub, "add", cmd_plans_add, help="plan preventive work", description=_ADD_HELP)
    add.add_argument("name", metavar="NAME")
    _target(add, required=True)

    edit = command(
        psub,
        "edit",
        cmd_plans_edit,
        help="change a plan (only the options given)",
        description=_ADD_HELP,
    )
    edit.add_argument("id", metavar="ID", type=bounded_int(1, ID_MAX))
    edit.add_argument("--name", metavar="NAME")
    _target(edit, required=False)

    lst = command(
        psub, "list", cmd_plans_list, help="every plan: target, schedule, next due, generated"
    )
    add_format_option(lst)

    for name, help_ in (
        ("pause", "pause a plan: nothing is generated while it is paused"),
        ("resume", "resume a paused plan"),
    ):
        p2 = command(psub, name, cmd_plans_pause, help=help_)
        p2.add_argument("id", metavar="ID", type=bounded_int(1, ID_MAX))
        p2.set_defaults(paused=name == "pause")

    run = command(
        psub,
        "run-due",
        cmd_plans_run_due,
        help="generate the work orders now due",
        description="Generate the work order of every active plan's latest due date for each "
        "of its devices, unless generated already (a missed due date is not caught up). The "
        "poller does this by itself; run it from cron where no poller runs.",
    )
    run.add_argument(
        "--today", type=iso_date, metavar="YYYY-MM-DD", help="as if today were this day"
    )
    add_format_option(run)


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


@signed
def cmd_plans_list(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    plans = services.workorders.list_plans(actor)
    print_rows(
        args,
        plans,
        ("id", "name", "target", "schedule", "kind", "priority", "state", "next_due", "generated"),
        lambda p: (
            p.id,
            p.name,
            p.category or p.device,
            schedule_text(p),
            p.kind,
            p.priority,
            "active" if p.active else "paused",
            p.next_due or "",
            p.generated,
        ),
    )


@signed
def cmd_plans_pause(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    return _show(services.workorders.pause_plan(actor, args.id, paused=args.paused))


@signed
def cmd_plans_run_due(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    numbers = services.workorders.run_preventive(actor, args.today)
    if args.format == "json":
        print_json({"generated": numbers})
    else:
        print(f"{len(numbers)} preventive work orders generated" + (":" if numbers else ""))
        for n in numbers:
            print(f"  {n}")
