"""Subcommands for work orders: raise, act on, list, attach files (cli/attachments.py), and
import history."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from ..domain.bounds import ID_MAX, MINUTES_MAX
from ..domain.errors import ValidationError
from ..domain.messages import render
from ..domain.text import escape_controls
from ..services.container import Services
from ..services.context import Actor
from ..services.workorders import WorkOrderInfo
from . import attachments

if TYPE_CHECKING:
    from ..services.workorders import WorkOrdersService
    from ..services.workorders.views import WorkOrderRow

from .common import (
    COMMUNITY,
    FORMAT,
    LANG,
    PRIORITY,
    WORK_ORDER,
    Arg,
    Columns,
    Commands,
    Handler,
    arg,
    bounded_int,
    lists_in_lang,
    local_minutes,
    message_lang,
    print_json,
    print_table,
    sentence,
    signed,
)

COMMANDS = Commands()
WORKORDERS = COMMANDS.group("workorders", "work orders: live work and history import")


@WORKORDERS.command(
    "import",
    help="load work-order history from an events CSV (all or nothing)",
    description="Header: number,event,at,actor,assignee,priority,asset_tag,community,title,note. "
    "Every bad row is reported as 'line N: problem' and nothing is written.",
    args=[arg("file", metavar="events.csv", type=Path)],
)
@signed
def cmd_import(args: argparse.Namespace, services: Services, actor: Actor) -> str:
    r = services.workorders.import_csv(actor, args.file)
    return f"imported {r.events} events: {r.created} work orders created, {r.updated} updated"


def _print_order(args: argparse.Namespace, wo: WorkOrderInfo) -> None:
    if args.format == "json":
        print_json(wo.to_json())
        return

    def say(line: str) -> None:  # text people typed, shown safely (escapes, not controls)
        print(escape_controls(line))

    lang = message_lang(args)

    say(f"{wo.number}  {wo.status}  {wo.priority}  {wo.kind}  (version {wo.version})")
    say(f"  title:     {render(wo.title, lang)}")
    say(f"  device:    {wo.device or '-'} {wo.device_name or ''}".rstrip())
    say(f"  community: {wo.community}   contract: {wo.contract or '-'}   source: {wo.source}")
    say(f"  assignee:  {wo.assignee or '-'}" + (f"   team: {wo.team}" if wo.team else ""))
    if wo.has_contact:
        shown = f"{wo.contact.name} {wo.contact.phone}" if wo.contact else "(hidden)"
        say(f"  resident:  {shown}")
    if wo.device_recovered_at:
        say(f"  device recovered at {wo.device_recovered_at.isoformat()}")
    if wo.cause_code or wo.resolution_code:
        say(f"  cause: {wo.cause_code or '-'}   resolution: {wo.resolution_code or '-'}")
    if wo.parts or wo.labour_minutes:
        say(f"  labour: {wo.labour_minutes} min   parts: {wo.parts_cost}")
        for part in wo.parts:
            say(f"    {part.name} × {part.quantity} @ {part.unit_cost}")
    for x in wo.attachments:
        say(f"  attached:  #{x.id} {x.kind} {x.file_name} ({x.size} bytes) by {x.added_by}")
    print_table(
        ("#", "at", "event", "actor", "to", "assignee", "reason", "note"),
        [
            (
                e.seq,
                local_minutes(e.at),
                e.kind,
                e.actor,
                e.to_status,
                e.assignee or "",
                e.reason_code or "",
                (render(e.note, lang) if e.note else "")
                + (f" [override: {e.override_reason}]" if e.override_reason else ""),
            )
            for e in wo.events
        ],
    )


@WORKORDERS.command(
    "new",
    help="raise a work order",
    args=[
        FORMAT,
        arg("--title", required=True),
        PRIORITY.but(required=True),
        arg(
            "--source",
            default="liaison",
            choices=("liaison", "resident_phone", "resident_walk_in", "resident_app"),
        ),
        arg("--kind", default="repair", choices=("repair", "inspection", "cleaning")),
        arg("--device", metavar="ASSET_TAG"),
        COMMUNITY,
        arg("--description"),
        arg("--contact-name", metavar="NAME", help="the resident's name (stored encrypted)"),
        arg("--contact-phone", metavar="PHONE", help="the resident's phone (encrypted)"),
    ],
)
@signed
def cmd_new(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    from ..services.workorders import ResidentContact

    contact = None
    if args.contact_name or args.contact_phone:
        contact = ResidentContact(args.contact_name or "", args.contact_phone or "")
    wo = services.workorders.create(
        actor,
        title=args.title,
        priority=args.priority,
        source=args.source,
        kind=args.kind,
        device=args.device,
        community=args.community,
        description=args.description,
        contact=contact,
    )
    _print_order(args, wo)


def _part(text: str) -> tuple[str, str, str]:
    bits = text.rsplit(":", 2)
    if len(bits) != 3:
        raise ValidationError(f"--part {text!r}: write NAME:QUANTITY:UNIT_COST")
    return bits[0], bits[1], bits[2]


VERSION = arg(
    "--version",
    type=bounded_int(0, ID_MAX),
    metavar="N",
    help="the version you read; refused as a conflict if someone saved since",
)
NOTE = arg("--note", help="a note stored with the step")
# a step: the arguments, the orders' service and who acts -> the order after the step
Step: TypeAlias = Callable[[argparse.Namespace, "WorkOrdersService", Actor], WorkOrderInfo]


def _on_order(name: str, helptext: str, *extra: Arg) -> Callable[[Handler], Handler]:
    """Declare ``workorders NAME WO-YYYY-NNNNNN [--version N] ...``, a command on one work
    order (a step, or ``show``)."""
    return WORKORDERS.command(
        name,
        help=helptext,
        description=sentence(helptext),
        args=[FORMAT, WORK_ORDER, VERSION, *extra, LANG],
    )


def _step(name: str, helptext: str, *extra: Arg) -> Callable[[Step], Step]:
    """Declare the step ``name`` (``_on_order``) taken by the decorated function; the order
    after it is printed as JSON or as one line."""

    def declare(step: Step) -> Step:
        @functools.wraps(step)
        def run(args: argparse.Namespace, services: Services, actor: Actor) -> str | None:
            wo = step(args, services.workorders, actor)
            if args.format == "json":
                print_json(wo.to_json())
                return None
            return f"{wo.number}: {wo.status} (version {wo.version})" + (
                f", assigned to {wo.assignee}" if wo.assignee else ""
            )

        _on_order(name, helptext, *extra)(signed(run))
        return step

    return declare


@_step(
    "assign",
    "assign a new work order to a technician, or reassign one in progress (it goes back "
    "to assigned); as DOMAIN.md's lifecycle says, an order assigned but not yet accepted "
    "is not reassigned",
    arg("assignee", metavar="USER", nargs="?"),
    arg(
        "--auto",
        action="store_true",
        help="pick the certified technician with the fewest open orders",
    ),
    arg(
        "--override-reason",
        metavar="TEXT",
        help="assign an uncertified technician (managers; audited)",
    ),
    NOTE,
)
def cmd_assign(args: argparse.Namespace, wos: WorkOrdersService, actor: Actor) -> WorkOrderInfo:
    if args.auto:
        return wos.auto_dispatch(actor, args.number, version=args.version)
    if not args.assignee:
        raise ValidationError("assign: name the technician, or use --auto")
    return wos.assign(
        actor,
        args.number,
        args.assignee,
        version=args.version,
        override_reason=args.override_reason,
        note=args.note,
    )


@_step("accept", "accept an assigned work order", NOTE)
def cmd_accept(args: argparse.Namespace, wos: WorkOrdersService, actor: Actor) -> WorkOrderInfo:
    return wos.accept(actor, args.number, version=args.version, note=args.note)


@_step(
    "hold",
    "put on hold with a reason code",
    arg(
        "reason",
        metavar="CODE[:TEXT]",
        help="waiting_parts, resident_not_home, access_denied, authority_approval, weather, "
        "other: text",
    ),
)
def cmd_hold(args: argparse.Namespace, wos: WorkOrdersService, actor: Actor) -> WorkOrderInfo:
    return wos.hold(actor, args.number, args.reason, version=args.version)


@_step("resume", "end a hold", NOTE)
def cmd_resume(args: argparse.Namespace, wos: WorkOrdersService, actor: Actor) -> WorkOrderInfo:
    return wos.resume(actor, args.number, version=args.version, note=args.note)


@_step(
    "resolve",
    "record the fix with its cause, parts and labour (one step: if refused, nothing is kept)",
    arg("--cause", metavar="CODE"),
    arg("--resolution", metavar="CODE"),
    arg("--labour-minutes", type=bounded_int(0, MINUTES_MAX), metavar="N"),
    arg(
        "--part",
        action="append",
        default=[],
        metavar="NAME:QTY:UNIT_COST",
        help="a part used; repeat",
    ),
    NOTE,
)
def cmd_resolve(args: argparse.Namespace, wos: WorkOrdersService, actor: Actor) -> WorkOrderInfo:
    return wos.resolve(
        actor,
        args.number,
        cause=args.cause,
        resolution=args.resolution,
        note=args.note,
        labour_minutes=args.labour_minutes,
        parts=[_part(p) for p in args.part],  # one step: a refused resolve records none
        version=args.version,
    )


@_step(
    "reopen",
    "the fix did not hold: back to in progress, with a reason (the liaison, or a manager)",
    arg(
        "--reason",
        "--note",
        dest="reason",
        required=True,
        metavar="TEXT",
        help="why it is reopened",
    ),
)
def cmd_reopen(args: argparse.Namespace, wos: WorkOrdersService, actor: Actor) -> WorkOrderInfo:
    return wos.reopen(actor, args.number, reason=args.reason, version=args.version)


VERIFY = (
    arg("--note", metavar="TEXT", help="the verification note: what was checked, with whom"),
    arg("--signed-off", action="store_true", help="the resident signed the work off"),
)


# declared from the bottom up: verify, then close
@_step(
    "close",
    "close a resolved work order: as verify, or, by a manager without the liaison, an "
    "override with --override-reason (audited, listed on the SLA statement)",
    *VERIFY,
    arg(
        "--override-reason",
        metavar="TEXT",
        help="a manager's written reason to close without the liaison",
    ),
)
@_step(
    "verify",
    "the liaison of the order's community verifies a resolved work order and closes it "
    "(where the community has no liaison, a manager verifies)",
    *VERIFY,
)
def cmd_close(args: argparse.Namespace, wos: WorkOrdersService, actor: Actor) -> WorkOrderInfo:
    return wos.close(
        actor,
        args.number,
        note=args.note,
        override_reason=getattr(args, "override_reason", None),  # verify takes none
        signed_off=args.signed_off,
        version=args.version,
    )


@_step("cancel", "cancel a new work order", arg("--reason", required=True))
def cmd_cancel(args: argparse.Namespace, wos: WorkOrdersService, actor: Actor) -> WorkOrderInfo:
    return wos.cancel(actor, args.number, args.reason, version=args.version)


@_on_order("show", "show a work order and its history")
@signed
def cmd_show(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    _print_order(args, services.workorders.get(actor, args.number))


def _order_columns(lang: str) -> Columns[WorkOrderRow]:
    """The work-order list's table, its titles in ``lang``."""
    return (
        ("number", lambda r: r.number),
        ("status", lambda r: r.status),
        ("prio", lambda r: r.priority),
        ("kind", lambda r: r.kind),
        ("device", lambda r: r.device or ""),
        ("assignee", lambda r: r.assignee or ""),
        ("created", lambda r: local_minutes(r.created_at)),
        ("title", lambda r: render(r.title, lang)),
    )


@WORKORDERS.command(
    "list",
    help="list work orders",
    args=[
        FORMAT,
        arg("--status"),
        arg("--open", action="store_true", help="only open ones"),
        COMMUNITY,
        arg("--assignee", metavar="USER"),
        arg("--limit", type=bounded_int(1, 1_000_000), default=200),
        LANG,
    ],
)
@lists_in_lang(_order_columns)
def cmd_list(args: argparse.Namespace, services: Services, actor: Actor) -> list[WorkOrderRow]:
    return services.workorders.list(
        actor,
        status=args.status,
        open_only=args.open,
        community=args.community,
        assignee=args.assignee,
        limit=args.limit,
    )


WORKORDERS.include(attachments.COMMANDS)
