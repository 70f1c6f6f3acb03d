"""Subcommands for contracts, work orders, SLA and training."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..domain.bounds import DAYS_MAX, ID_MAX, MINUTES_MAX, check_year
from ..domain.errors import ValidationError
from ..domain.text import escape_controls

if TYPE_CHECKING:  # types only: the CLI imports services lazily
    from ..services.sla import ClockView, ContractInfo, Party, PolicyInfo

from .common import (
    Subparsers,
    add_db_option,
    add_format_option,
    add_user_option,
    bounded_int,
    open_services,
    pad,
    print_json,
    print_table,
    sign_in,
)

LOCAL = ZoneInfo("Asia/Shanghai")


def _date(text: str) -> date:
    try:
        return check_year(date.fromisoformat(text), "date")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _common(p: argparse.ArgumentParser, *, fmt: bool = False) -> None:
    add_db_option(p)
    add_user_option(p)
    if fmt:
        add_format_option(p)


def _contract_period(a: argparse.ArgumentParser) -> None:
    """--contract CODE --from D1 --to D2, as the SLA commands take them."""
    a.add_argument("--contract", required=True, metavar="CODE")
    a.add_argument("--from", dest="date_from", required=True, type=_date, metavar="YYYY-MM-DD")
    a.add_argument("--to", dest="date_to", required=True, type=_date, metavar="YYYY-MM-DD")


def register(sub: Subparsers) -> None:
    p = sub.add_parser("contracts", help="contracts and their SLA policies")
    csub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = csub.add_parser(
        "import",
        help="create or update a contract, its calendar and SLA policy from TOML",
        description="Import a contract file. Changed SLA terms create a new policy version "
        "(work orders keep the version they were created under); an unchanged file creates nothing. "
        "Every community the contract covers (now and in the file) must be one of yours.",
    )
    _common(a)
    a.add_argument("file", metavar="FILE.toml", type=Path)
    a.set_defaults(handler=cmd_contracts_import)
    a = csub.add_parser("list", help="list contracts")
    _common(a, fmt=True)
    a.set_defaults(handler=cmd_contracts_list)
    a = csub.add_parser(
        "show",
        help="one contract in full: parties, fee, availability term, SLA policy versions",
        description="Show a contract as its statement names it: the parties in full (or that "
        "the contract names none), the monthly fee and cap, the availability term and every "
        "SLA policy version with its terms per priority.",
    )
    _common(a, fmt=True)
    a.add_argument("code", metavar="CODE")
    a.set_defaults(handler=cmd_contracts_show)

    p = sub.add_parser("workorders", help="work orders: live work and history import")
    wsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = wsub.add_parser(
        "import",
        help="load work-order history from an events CSV (all or nothing)",
        description="Header: number,event,at,actor,assignee,priority,asset_tag,community,title,note. "
        "Every bad row is reported as 'line N: problem' and nothing is written.",
    )
    _common(a)
    a.add_argument("file", metavar="events.csv", type=Path)
    a.set_defaults(handler=cmd_import)

    a = wsub.add_parser("new", help="raise a work order")
    _common(a, fmt=True)
    a.add_argument("--title", required=True)
    a.add_argument("--priority", required=True, choices=("P1", "P2", "P3", "P4"))
    a.add_argument(
        "--source",
        default="liaison",
        choices=("liaison", "resident_phone", "resident_walk_in", "resident_app"),
    )
    a.add_argument("--kind", default="repair", choices=("repair", "inspection", "cleaning"))
    a.add_argument("--device", metavar="ASSET_TAG")
    a.add_argument("--community", metavar="NAME")
    a.add_argument("--description")
    a.add_argument("--contact-name", metavar="NAME", help="the resident's name (stored encrypted)")
    a.add_argument("--contact-phone", metavar="PHONE", help="the resident's phone (encrypted)")
    a.set_defaults(handler=cmd_new)

    def action(name: str, helptext: str, *extra: tuple[tuple[str, ...], dict[str, Any]]) -> None:
        a = wsub.add_parser(name, help=helptext, description=helptext[0].upper() + helptext[1:])
        _common(a, fmt=True)
        a.add_argument("number", metavar="WO-YYYY-NNNNNN")
        a.add_argument(
            "--version",
            type=bounded_int(0, ID_MAX),
            metavar="N",
            help="the version you read; refused as a conflict if someone saved since",
        )
        for flags, kwargs in extra:
            a.add_argument(*flags, **kwargs)
        a.set_defaults(handler=cmd_action, verb=name)

    note = (("--note",), {"help": "a note stored with the step"})
    action(
        "assign",
        "assign a new work order to a technician, or reassign one in progress (it goes back "
        "to assigned); as DOMAIN.md's lifecycle says, an order assigned but not yet accepted "
        "is not reassigned",
        (("assignee",), {"metavar": "USER", "nargs": "?"}),
        (
            ("--auto",),
            {
                "action": "store_true",
                "help": "pick the certified technician with the fewest open orders",
            },
        ),
        (
            ("--override-reason",),
            {"metavar": "TEXT", "help": "assign an uncertified technician (managers; audited)"},
        ),
        note,
    )
    action("accept", "accept an assigned work order", note)
    action(
        "hold",
        "put on hold with a reason code",
        (
            ("reason",),
            {
                "metavar": "CODE[:TEXT]",
                "help": "waiting_parts, resident_not_home, access_denied, authority_approval, weather, other: text",
            },
        ),
    )
    action("resume", "end a hold", note)
    action(
        "resolve",
        "record the fix with its cause, parts and labour (one step: if refused, nothing is kept)",
        (("--cause",), {"metavar": "CODE"}),
        (("--resolution",), {"metavar": "CODE"}),
        (("--labour-minutes",), {"type": bounded_int(0, MINUTES_MAX), "metavar": "N"}),
        (
            ("--part",),
            {
                "action": "append",
                "default": [],
                "metavar": "NAME:QTY:UNIT_COST",
                "help": "a part used; repeat",
            },
        ),
        note,
    )
    action(
        "reopen",
        "the fix did not hold: back to in progress, with a reason (the liaison, or a manager)",
        (
            ("--reason", "--note"),
            {"dest": "reason", "required": True, "metavar": "TEXT", "help": "why it is reopened"},
        ),
    )
    verify_note = (
        ("--note",),
        {"metavar": "TEXT", "help": "the verification note: what was checked, with whom"},
    )
    signed_off = (
        ("--signed-off",),
        {"action": "store_true", "help": "the resident signed the work off"},
    )
    action(
        "verify",
        "the liaison of the order's community verifies a resolved work order and closes it "
        "(where the community has no liaison, a manager verifies)",
        verify_note,
        signed_off,
    )
    action(
        "close",
        "close a resolved work order: as verify, or, by a manager without the liaison, an "
        "override with --override-reason (audited, listed on the SLA statement)",
        verify_note,
        signed_off,
        (
            ("--override-reason",),
            {"metavar": "TEXT", "help": "a manager's written reason to close without the liaison"},
        ),
    )
    action("cancel", "cancel a new work order", (("--reason",), {"required": True}))
    action("show", "show a work order and its history")

    a = wsub.add_parser("list", help="list work orders")
    _common(a, fmt=True)
    a.add_argument("--status")
    a.add_argument("--open", action="store_true", help="only open ones")
    a.add_argument("--community", metavar="NAME")
    a.add_argument("--assignee", metavar="USER")
    a.add_argument("--limit", type=bounded_int(1, 1_000_000), default=200)
    a.set_defaults(handler=cmd_list)

    p = sub.add_parser("sla", help="SLA reports and running clocks")
    ssub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = ssub.add_parser(
        "report",
        help="a contract's SLA figures over a period",
        description="--from D1 --to D2 means D1 00:00 up to D2 + 1 day 00:00 in the contract's "
        "time zone. Minutes are business time. Each breach is charged once: a work order late "
        "before the period is charged here only for the penalty its lateness added in the "
        "period (penalty = penalty_to_date - penalty_before); a period still running is "
        "judged as of now.",
    )
    _common(a, fmt=True)
    _contract_period(a)
    a.set_defaults(handler=cmd_sla_report)
    a = ssub.add_parser(
        "pauses",
        help="a contract's pause ledger over a period: each hold, who, how long, "
        "whether it stopped the clock",
        description="Each hold that overlaps the period: its business minutes inside the "
        "period (never past its end or past now) and, apart, its wall-clock minutes. A hold "
        "whose reason the contract does not list in [pause] stops_clock kept the clocks "
        "running.",
    )
    _common(a, fmt=True)
    _contract_period(a)
    a.set_defaults(handler=cmd_sla_pauses)
    a = ssub.add_parser(
        "status",
        help="open work orders with their running clocks",
        description="Each clock as used/target business minutes, then the business minutes "
        "left or late and whether it runs, is paused (on hold) or stopped; the deadline is "
        "the instant the resolution target is (or was) reached. The same figures as the "
        "work-order list, the SLA page and the SLA report.",
    )
    _common(a, fmt=True)
    a.add_argument("--contract", metavar="CODE", help="only this contract's work orders")
    a.set_defaults(handler=cmd_sla_status)
    a = ssub.add_parser(
        "statements",
        help="the issued SLA statements (结算单), newest first",
        description="Every statement issued with 'report sla --issue': its number, month, "
        "revision and the one it replaces, the payable, who issued it and when, and the SHA-256 "
        "of its figures.",
    )
    _common(a, fmt=True)
    a.add_argument("--contract", metavar="CODE", help="one contract's statements")
    a.set_defaults(handler=cmd_statements)

    p = sub.add_parser("training", help="staff training and certificates")
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = tsub.add_parser("matrix", help="staff × courses: valid, expiring, expired, missing")
    _common(a, fmt=True)
    a.set_defaults(handler=cmd_training_matrix)
    a = tsub.add_parser("expiring", help="certificates expiring in the next N days")
    _common(a, fmt=True)
    a.add_argument("--days", type=bounded_int(0, DAYS_MAX), default=30, help="0 to 3660")
    a.set_defaults(handler=cmd_training_expiring)
    a = tsub.add_parser("import-courses", help="create or update courses from CSV")
    _common(a)
    a.add_argument("file", metavar="courses.csv", type=Path)
    a.set_defaults(handler=cmd_training_courses)
    a = tsub.add_parser("import", help="load training records from CSV")
    _common(a)
    a.add_argument("file", metavar="training.csv", type=Path)
    a.set_defaults(handler=cmd_training_records)


# -- contracts -------------------------------------------------------------------------------


def cmd_contracts_import(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    r = services.contracts.import_file(actor, args.file)
    what = "created" if r.created else "updated" if r.changed else "unchanged"
    policy = (
        f"new SLA policy version {r.policy_version}"
        if r.new_policy
        else f"SLA policy version {r.policy_version} unchanged"
    )
    print(f"contract {r.code} {what}; {policy}")
    return 0


def cmd_contracts_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    rows = services.contracts.list(actor)
    if args.format == "json":
        print_json([_contract_summary(c) for c in rows])
    else:
        print_table(
            ("code", "name", "firm", "communities", "period", "policy"),
            [
                (
                    c.code,
                    c.name,
                    c.firm,
                    "、".join(c.communities),
                    f"{c.starts_on}..{c.ends_on}",
                    f"v{c.policy_version}",
                )
                for c in rows
            ],
        )
    return 0


def _contract_summary(c: ContractInfo) -> dict[str, Any]:
    """A contract as ``contracts list --format json`` prints it."""
    return {
        "code": c.code,
        "name": c.name,
        "firm": c.firm,
        "communities": list(c.communities),
        "start": c.starts_on.isoformat(),
        "end": c.ends_on.isoformat(),
        "policy_version": c.policy_version,
        # the hold reasons that stop the clock; null: every reason does
        "stops_clock": None if c.stops_clock is None else list(c.stops_clock),
    }


def _contract_json(c: ContractInfo, policies: list[PolicyInfo]) -> dict[str, Any]:
    return {
        **_contract_summary(c),
        "monthly_fee": str(c.monthly_fee),
        "penalty_cap_ratio": str(c.penalty_cap_ratio),
        "timezone": c.timezone,
        "parties": c.parties.to_json(),
        "availability": {t.scope: t.to_json() for t in c.availability},
        "policies": [
            {
                "version": p.version,
                "effective_from": p.effective_from.isoformat(),
                "terms": {
                    t.key: {
                        "response_minutes": t.response_minutes,
                        "resolution_minutes": t.resolution_minutes,
                        "calendar": t.calendar,
                        "warning_ratio": t.warning_ratio,
                        "penalty_per_breach": str(t.penalty_per_breach),
                        "penalty_per_hour": str(t.penalty_per_hour),
                    }
                    for t in p.terms
                },
            }
            for p in policies
        ],
    }


def _party_text(party: Party | None) -> str:
    if party is None:
        return "(not named in the contract)"
    if party.representative:
        return f"{party.name} (representative: {party.representative})"
    return str(party.name)


def cmd_statements(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    rows = services.statements.list_issued(actor, args.contract)
    if args.format == "json":
        print_json([r.to_json() for r in rows])
        return 0
    print_table(
        ("number", "contract", "month", "rev", "replaces", "payable", "issued", "by", "sha256"),
        [
            (
                r.number,
                r.contract,
                f"{r.year}-{r.month:02d}",
                r.revision,
                r.replaces or "",
                r.figures.get("payable") or "",
                r.issued_at.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M"),
                r.issued_by,
                r.sha256[:16],
            )
            for r in rows
        ],
    )
    return 0


def cmd_contracts_show(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    c = services.contracts.get(actor, args.code)
    policies = services.contracts.policies(actor, args.code)
    if args.format == "json":
        print_json(_contract_json(c, policies))
        return 0
    lines = [
        f"contract      {c.code}  {c.name}",
        f"period        {c.starts_on} .. {c.ends_on} ({c.timezone})",
        f"monthly fee   {c.monthly_fee:,.2f}; penalties capped at "
        f"{c.penalty_cap_ratio.normalize():f} x the fee per calendar month",
        "parties",
        f"  {pad('firm', 22)} {_party_text(c.parties.firm)}",
    ]
    for name in c.communities:
        lines.append(f"  {pad('community ' + name, 22)} {_party_text(c.parties.community(name))}")
    lines.append(f"  {pad('street office', 22)} {_party_text(c.parties.street_office)}")
    if c.availability:
        lines.append("availability")
        for t in c.availability:
            scope = "all devices" if t.scope == "all" else t.scope
            lines.append(
                f"  {pad(scope, 22)} target {(t.target * 100).normalize():f} %, "
                f"{t.penalty_per_point.normalize():f} per started 0.1 point below"
            )
    else:
        lines.append("availability  (no availability term)")
    print("\n".join(lines))
    for p in policies:
        print(f"SLA policy v{p.version}, in force from {p.effective_from.isoformat()}")
        print_table(
            ("term", "response", "resolution", "calendar", "per breach", "per hour", "warning"),
            [
                (
                    t.key,
                    f"{t.response_minutes} min",
                    f"{t.resolution_minutes} min",
                    t.calendar,
                    f"{t.penalty_per_breach:,}",
                    f"{t.penalty_per_hour:,}",
                    f"{t.warning_ratio:g}",
                )
                for t in p.terms
            ],
        )
    return 0


# -- work orders -----------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    r = services.workorders.import_csv(actor, args.file)
    print(f"imported {r.events} events: {r.created} work orders created, {r.updated} updated")
    return 0


def _print_order(args: argparse.Namespace, wo: Any) -> None:
    if args.format == "json":
        print_json(wo.to_json())
        return

    def say(line: str) -> None:  # text people typed, shown safely (escapes, not controls)
        print(escape_controls(line))

    say(f"{wo.number}  {wo.status}  {wo.priority}  {wo.kind}  (version {wo.version})")
    say(f"  title:     {wo.title}")
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
    print_table(
        ("#", "at", "event", "actor", "to", "assignee", "reason", "note"),
        [
            (
                e.seq,
                e.at.astimezone(LOCAL).isoformat(timespec="minutes"),
                e.kind,
                e.actor,
                e.to_status,
                e.assignee or "",
                e.reason_code or "",
                (e.note or "") + (f" [override: {e.override_reason}]" if e.override_reason else ""),
            )
            for e in wo.events
        ],
    )


def cmd_new(args: argparse.Namespace) -> int:
    from ..services.workorders import ResidentContact

    services = open_services(args)
    actor = sign_in(services, args)
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
    return 0


def _part(text: str) -> tuple[str, str, str]:
    bits = text.rsplit(":", 2)
    if len(bits) != 3:
        raise ValidationError(f"--part {text!r}: write NAME:QUANTITY:UNIT_COST")
    return bits[0], bits[1], bits[2]


def cmd_action(args: argparse.Namespace) -> int:
    services = open_services(args)
    wos = services.workorders
    verb = args.verb
    if verb == "show":
        actor = sign_in(services, args)
        _print_order(args, wos.get(actor, args.number))
        return 0
    actor = sign_in(services, args)
    n, v = args.number, args.version
    if verb == "assign":
        if args.auto:
            wo = wos.auto_dispatch(actor, n, version=v)
        elif not args.assignee:
            raise ValidationError("assign: name the technician, or use --auto")
        else:
            wo = wos.assign(
                actor,
                n,
                args.assignee,
                version=v,
                override_reason=args.override_reason,
                note=args.note,
            )
    elif verb == "accept":
        wo = wos.accept(actor, n, version=v, note=args.note)
    elif verb == "hold":
        wo = wos.hold(actor, n, args.reason, version=v)
    elif verb == "resume":
        wo = wos.resume(actor, n, version=v, note=args.note)
    elif verb == "resolve":
        wo = wos.resolve(
            actor,
            n,
            cause=args.cause,
            resolution=args.resolution,
            note=args.note,
            labour_minutes=args.labour_minutes,
            parts=[_part(p) for p in args.part],  # one step: a refused resolve records none
            version=v,
        )
    elif verb == "reopen":
        wo = wos.reopen(actor, n, reason=args.reason, version=v)
    elif verb in ("verify", "close"):
        wo = wos.close(
            actor,
            n,
            note=args.note,
            override_reason=getattr(args, "override_reason", None),
            signed_off=args.signed_off,
            version=v,
        )
    else:
        wo = wos.cancel(actor, n, args.reason, version=v)
    if args.format == "json":
        print_json(wo.to_json())
    else:
        print(
            f"{wo.number}: {wo.status} (version {wo.version})"
            + (f", assigned to {wo.assignee}" if wo.assignee else "")
        )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    rows = services.workorders.list(
        actor,
        status=args.status,
        open_only=args.open,
        community=args.community,
        assignee=args.assignee,
        limit=args.limit,
    )
    if args.format == "json":
        print_json([r.to_json() for r in rows])
    else:
        print_table(
            ("number", "status", "prio", "kind", "device", "assignee", "created", "title"),
            [
                (
                    r.number,
                    r.status,
                    r.priority,
                    r.kind,
                    r.device or "",
                    r.assignee or "",
                    r.created_at.astimezone(LOCAL).isoformat(timespec="minutes"),
                    r.title,
                )
                for r in rows
            ],
        )
    return 0


# -- SLA -------------------------------------------------------------------------------------


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def cmd_sla_report(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    report = services.sla.report(actor, args.contract, args.date_from, args.date_to)
    if args.format == "json":
        print_json(report.to_json())
        return 0
    print(
        f"SLA {report.contract} {report.contract_name}: {report.date_from} .. {report.date_to} ({report.timezone})"
    )
    print_table(
        (
            "number",
            "prio",
            "status",
            "response min",
            "resolution min",
            "resp.breach",
            "res.breach",
            "late before",
            "late now",
            "charged before",
            "charged now",
        ),
        [
            (
                r.number + (" *" if r.carried_over else ""),
                r.priority,
                r.status,
                _fmt(r.response_minutes),
                _fmt(r.resolution_minutes),
                "yes" if r.response_breached else "",
                "yes" if r.resolution_breached else "",
                _fmt(r.minutes_late_before) if r.minutes_late_before else "",
                _fmt(r.minutes_late) if r.minutes_late else "",
                r.penalty_before if r.penalty_before else "",
                r.penalty if r.penalty else "",
            )
            for r in report.rows
        ],
    )
    if any(r.carried_over for r in report.rows):
        print("* still open and late: carried over to the next statement")
    t = report.totals

    def pct(x: float | None) -> str:
        return "-" if x is None else f"{x * 100:.1f} %"

    print(
        f"work orders {t.count}, breaches {t.breaches}, response compliance {pct(t.response_compliance)}, "
        f"resolution compliance {pct(t.resolution_compliance)}"
    )
    print(
        f"MTTA {_fmt(t.mtta_minutes)} min (wall {_fmt(t.mtta_wall_minutes)}), "
        f"MTTR {_fmt(t.mttr_minutes)} min (wall {_fmt(t.mttr_wall_minutes)})"
    )
    print(f"penalty {t.penalty} (uncapped {t.penalty_uncapped})")
    return 0


def cmd_sla_pauses(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    rows = services.sla.pause_ledger(actor, args.contract, args.date_from, args.date_to)
    if args.format == "json":
        print_json([p.to_json() for p in rows])
        return 0
    contract = services.sla.contract(actor, args.contract)
    tz = ZoneInfo(contract.timezone) if contract else LOCAL

    def local(instant: datetime) -> str:
        return instant.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    print_table(
        (
            "number",
            "reason",
            "held by",
            "resumed by",
            "from",
            "to",
            "business min",
            "wall min",
            "clock",
        ),
        [
            (
                p.number,
                p.reason_code or "",
                p.held_by or "",
                p.resumed_by or "",
                local(p.held_at),
                local(p.resumed_at) if p.resumed_at else "(still on hold)",
                _fmt(p.business_minutes),
                _fmt(p.wall_minutes),
                "paused" if p.pauses_clock else "kept running",
            )
            for p in rows
        ],
    )
    return 0


def _clock_cell(view: ClockView) -> str:
    """A clock as ``used/target``, then the business minutes left or late, then its state."""
    text = f"{_fmt(view.minutes)}/{view.target_minutes}"
    if view.state == "stopped":
        return text + (f" missed by {_fmt(view.minutes_late)}" if view.breached else " met")
    if view.state == "not_started":
        return text
    text += (
        f" late {_fmt(view.minutes_late)}" if view.breached else f" left {_fmt(view.minutes_left)}"
    )
    return text + (" (paused)" if view.state == "paused" else "")


def cmd_sla_status(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    rows = services.sla.status(actor, contract=args.contract)
    if args.format == "json":
        print_json([r.to_json() for r in rows])
        return 0
    print("business minutes: used/target, then left or late")
    print_table(
        ("number", "risk", "prio", "status", "assignee", "response", "resolution", "deadline"),
        [
            (
                r.number,
                r.risk,
                r.priority,
                r.status,
                r.assignee or "",
                _clock_cell(r.response),
                _clock_cell(r.resolution),
                r.resolution.deadline.isoformat(timespec="minutes")
                if r.resolution.deadline
                else "",
            )
            for r in rows
        ],
    )
    return 0


# -- training --------------------------------------------------------------------------------


def cmd_training_matrix(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    m = services.training.matrix(actor)
    if args.format == "json":
        print_json(
            {
                "today": m.today.isoformat(),
                "courses": [c.code for c in m.courses],
                "staff": [
                    {
                        "username": r.username,
                        "role": r.role,
                        "courses": {
                            c.course: {
                                "status": c.status,
                                "mandatory": c.mandatory,
                                "expires_on": c.expires_on.isoformat() if c.expires_on else None,
                            }
                            for c in r.cells
                        },
                    }
                    for r in m.rows
                ],
            }
        )
        return 0
    marks = {"valid": "valid", "expiring": "EXPIRING", "expired": "EXPIRED", "missing": "-"}
    print_table(
        ("user", "role", *[c.code for c in m.courses]),
        [
            (
                r.username,
                r.role,
                *[
                    (
                        "MISSING*"
                        if c.mandatory and c.status == "missing"
                        else marks[c.status]
                        + ("*" if c.mandatory and c.status != "missing" else "")
                    )
                    for c in r.cells
                ],
            )
            for r in m.rows
        ],
    )
    print(f"(as of {m.today}; * mandatory for the role; EXPIRING = within 30 days)")
    return 0


def cmd_training_expiring(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    rows = services.training.expiring(actor, args.days)
    if args.format == "json":
        print_json(
            [
                {
                    "username": e.username,
                    "course": e.course,
                    "expires_on": e.expires_on.isoformat(),
                    "days_left": e.days_left,
                    "certificate_no": e.certificate_no,
                }
                for e in rows
            ]
        )
        return 0
    print_table(
        ("user", "name", "course", "title", "expires on", "days left", "certificate"),
        [
            (
                e.username,
                e.display_name,
                e.course,
                e.course_title,
                e.expires_on,
                e.days_left,
                e.certificate_no or "",
            )
            for e in rows
        ],
    )
    return 0


def cmd_training_courses(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    r = services.training.import_courses(actor, args.file)
    print(f"courses: {r.created} created, {r.updated} updated, {r.unchanged} unchanged")
    return 0


def cmd_training_records(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = sign_in(services, args)
    r = services.training.import_records(actor, args.file)
    print(f"training records: {r.created} created, {r.updated} updated, {r.unchanged} unchanged")
    return 0
