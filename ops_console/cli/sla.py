"""Subcommands for the SLA: reports, pause ledgers, running clocks, issued statements."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # types only: the CLI imports services lazily
    from ..services.container import Services
    from ..services.context import Actor
    from ..services.sla import ClockView, OpenClock
    from ..services.sla.statement import IssuedStatement

from .common import (
    FORMAT,
    LOCAL,
    Columns,
    Commands,
    arg,
    iso_date,
    lists,
    period,
    print_json,
    print_rows,
    print_table,
    signed,
)

COMMANDS = Commands()
SLA = COMMANDS.group("sla", "SLA reports and running clocks")
# --contract CODE --from D1 --to D2, as the SLA report and pause ledger take them
CONTRACT_PERIOD = (
    arg("--contract", required=True, metavar="CODE", help="the contract, by its code"),
    *period(iso_date),
)


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


@SLA.command(
    "report",
    help="a contract's SLA figures over a period",
    description="--from D1 --to D2 means D1 00:00 up to D2 + 1 day 00:00 in the contract's "
    "time zone. Minutes are business time. Each breach is charged once: a work order late "
    "before the period is charged here only for the penalty its lateness added in the "
    "period (penalty = penalty_to_date - penalty_before); a period still running is "
    "judged as of now.",
    args=[FORMAT, *CONTRACT_PERIOD],
)
@signed
def cmd_sla_report(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    report = services.sla.report(actor, args.contract, args.date_from, args.date_to)
    if args.format == "json":
        print_json(report.to_json())
        return
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


@SLA.command(
    "pauses",
    help="a contract's pause ledger over a period: each hold, who, how long, "
    "whether it stopped the clock",
    description="Each hold that overlaps the period: its business minutes inside the "
    "period (never past its end or past now) and, apart, its wall-clock minutes. A hold "
    "whose reason the contract does not list in [pause] stops_clock kept the clocks "
    "running.",
    args=[FORMAT, *CONTRACT_PERIOD],
)
@signed
def cmd_sla_pauses(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    rows = services.sla.pause_ledger(actor, args.contract, args.date_from, args.date_to)
    contract = services.sla.contract(actor, args.contract)
    tz = ZoneInfo(contract.timezone) if contract else LOCAL

    def local(instant: datetime) -> str:
        return instant.astimezone(tz).strftime("%Y-%m-%d %H:%M")

    print_rows(
        args,
        rows,
        (
            ("number", lambda p: p.number),
            ("reason", lambda p: p.reason_code or ""),
            ("held by", lambda p: p.held_by or ""),
            ("resumed by", lambda p: p.resumed_by or ""),
            ("from", lambda p: local(p.held_at)),
            ("to", lambda p: local(p.resumed_at) if p.resumed_at else "(still on hold)"),
            ("business min", lambda p: _fmt(p.business_minutes)),
            ("wall min", lambda p: _fmt(p.wall_minutes)),
            ("clock", lambda p: "paused" if p.pauses_clock else "kept running"),
        ),
    )


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


CLOCK_COLUMNS: Columns[OpenClock] = (
    ("number", lambda r: r.number),
    ("risk", lambda r: r.risk),
    ("prio", lambda r: r.priority),
    ("status", lambda r: r.status),
    ("assignee", lambda r: r.assignee or ""),
    ("response", lambda r: _clock_cell(r.response)),
    ("resolution", lambda r: _clock_cell(r.resolution)),
    (
        "deadline",
        lambda r: (
            r.resolution.deadline.isoformat(timespec="minutes") if r.resolution.deadline else ""
        ),
    ),
)


@SLA.command(
    "status",
    help="open work orders with their running clocks",
    description="Each clock as used/target business minutes, then the business minutes "
    "left or late and whether it runs, is paused (on hold) or stopped; the deadline is "
    "the instant the resolution target is (or was) reached. The same figures as the "
    "work-order list, the SLA page and the SLA report.",
    args=[FORMAT, arg("--contract", metavar="CODE", help="only this contract's work orders")],
)
@signed
def cmd_sla_status(args: argparse.Namespace, services: Services, actor: Actor) -> None:
    rows = services.sla.status(actor, contract=args.contract)
    if args.format != "json":
        print("business minutes: used/target, then left or late")
    print_rows(args, rows, CLOCK_COLUMNS)


STATEMENT_COLUMNS: Columns[IssuedStatement] = (
    ("number", lambda r: r.number),
    ("contract", lambda r: r.contract),
    ("month", lambda r: f"{r.year}-{r.month:02d}"),
    ("rev", lambda r: r.revision),
    ("replaces", lambda r: r.replaces or ""),
    ("payable", lambda r: r.figures.get("payable") or ""),
    ("issued", lambda r: r.issued_at.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M")),
    ("by", lambda r: r.issued_by),
    ("sha256", lambda r: r.sha256[:16]),
)


@SLA.command(
    "statements",
    help="the issued SLA statements (结算单), newest first",
    description="Every statement issued with 'report sla --issue': its number, month, "
    "revision and the one it replaces, the payable, who issued it and when, and the SHA-256 "
    "of its figures.",
    args=[FORMAT, arg("--contract", metavar="CODE", help="one contract's statements")],
)
@lists(STATEMENT_COLUMNS)
def cmd_statements(
    args: argparse.Namespace, services: Services, actor: Actor
) -> list[IssuedStatement]:
    return services.statements.list_issued(actor, args.contract)
