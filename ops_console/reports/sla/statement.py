"""The SLA statement of one contract and period: which contract, the statement from the
services, and its sections put together (story, CSV tables, figures)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable

from ...domain.errors import ValidationError
from ...services.sla import Statement
from ..api import ReportBody, ReportContext
from ..tables import csv_table
from . import figures, orders, settlement
from .words import mins, money, number_label


def contract_code(ctx: ReportContext) -> str:
    """Return the contract of the statement: --contract, else the only one in scope."""
    if ctx.contract is not None:
        return str(ctx.contract.code)
    contracts = ctx.services.contracts.list(ctx.actor)
    if ctx.community is not None:
        contracts = [c for c in contracts if ctx.community.name in c.communities]
    if len(contracts) == 1:
        ctx.contract = contracts[0]
        return str(contracts[0].code)
    codes = ", ".join(sorted(c.code for c in contracts)) or "-"
    # the console's Reports page and the command line (--contract) both show this
    raise ValidationError.of(
        "the SLA statement is per contract: choose one of the contracts in scope ({codes})",
        codes=codes,
    )


def build(ctx: ReportContext) -> ReportBody:
    """Build the SLA settlement statement (and issue it with the ``issue`` option)."""
    code = contract_code(ctx)
    req = ctx.request
    issue = req.options.get("issue") == "yes"
    st = ctx.services.statements.statement(ctx.actor, code, req.date_from, req.date_to, issue=issue)
    ctx.check_cancel()
    ctx.progress(0.7)
    return render(ctx, st)


def render(ctx: ReportContext, st: Statement) -> ReportBody:
    m = ctx.m
    story: list[Flowable] = []
    story += settlement.identity(ctx, st)
    story += settlement.settlement(ctx, st)
    story += settlement.differences(ctx, st)
    story += settlement.parties_section(ctx, st)
    story += figures.summary(ctx, st)
    months, month_table = figures.months(ctx, st)
    story += months
    availability, av_table = figures.availability(ctx, st)
    story += availability
    story += figures.rates(ctx, st)
    story += figures.calendar(ctx, st)
    compliance, prio_table = figures.compliance(ctx, st)
    story += compliance
    story += orders.orders(ctx, st)
    story += orders.unverified(ctx, st)
    pauses, pause_table = orders.pauses(ctx, st)
    story += pauses
    story += settlement.method(ctx)
    story += settlement.signoff(ctx, st)

    stamp = "%Y-%m-%d %H:%M:%S"
    order_csv: dict[str, Callable[[Any], Any]] = {
        "number": lambda o: o.number,
        "priority": lambda o: o.priority,
        "status": lambda o: m.code("wo.status", o.status),
        "device": lambda o: o.device_tag or "",
        "location": lambda o: o.location,
        "created_at": lambda o: ctx.local(o.created_at, stamp),
        "resolved_at": lambda o: ctx.local(o.resolved_at, stamp),
        "response_minutes": lambda o: mins(o.response_minutes),
        "resolution_minutes": lambda o: mins(o.resolution_minutes),
        "response_breached": lambda o: m.yes_no(o.response_breached),
        "resolution_breached": lambda o: m.yes_no(o.resolution_breached),
        "minutes_late_before": lambda o: mins(o.minutes_late_before),
        "minutes_late": lambda o: mins(o.minutes_late),
        "penalty_before": lambda o: money(o.penalty_before),
        "penalty": lambda o: money(o.penalty),
        "carried_over": lambda o: m.yes_no(o.carried_over),
    }
    t = st.report.totals
    tables = [
        prio_table,
        month_table,
        csv_table(m, m("csv.orders"), "csv", order_csv, st.report.rows),
        pause_table,
    ]
    if av_table is not None:
        tables.append(av_table)
    return ReportBody(
        story,
        tables=tables,
        figures={
            "count": t.count,
            "response_compliance": t.response_compliance,
            "resolution_compliance": t.resolution_compliance,
            "mtta_minutes": t.mtta_minutes,
            "mttr_minutes": t.mttr_minutes,
            "breaches": t.breaches,
            "penalty": st.penalty,
            "penalty_uncapped": st.penalty_uncapped,
            "payable": st.payable,
            "number": st.number,
            "state": st.state,
            "revision": st.revision,
            "replaces": st.replaces,
            "differences": list(st.differences),
            "sha256": st.sha256,
            "closed_without_verification": [u.number for u in st.unverified],
        },
        page_label=number_label(m, st),
    )
