"""The SLA statement of one contract and period: which contract, the statement from the
services, and its sections put together (story, CSV tables, figures)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ...domain.errors import ValidationError
from ...services.sla import Statement
from ..api import ReportBody, ReportContext
from ..output import CsvTable
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
    prio_headers = m.headings(
        "sla.col",
        "priority",
        "count",
        "response_target",
        "response_ok",
        "resolution_target",
        "resolution_ok",
        "mtta",
        "mttr",
        "breaches",
    )
    story += figures.compliance(ctx, st, prio_headers)
    story += orders.orders(ctx, st)
    story += orders.unverified(ctx, st)
    pauses, pause_table = orders.pauses(ctx, st)
    story += pauses
    story += settlement.method(ctx)
    story += settlement.signoff(ctx, st)

    order_headers = m.headings(
        "csv",
        "number",
        "priority",
        "status",
        "device",
        "location",
        "created_at",
        "resolved_at",
        "response_minutes",
        "resolution_minutes",
        "response_breached",
        "resolution_breached",
        "minutes_late_before",
        "minutes_late",
        "penalty_before",
        "penalty",
        "carried_over",
    )
    order_rows = (
        (
            o.number,
            o.priority,
            m.code("wo.status", o.status),
            o.device_tag or "",
            o.location,
            ctx.local(o.created_at, "%Y-%m-%d %H:%M:%S"),
            ctx.local(o.resolved_at, "%Y-%m-%d %H:%M:%S"),
            mins(o.response_minutes),
            mins(o.resolution_minutes),
            m.yes_no(o.response_breached),
            m.yes_no(o.resolution_breached),
            mins(o.minutes_late_before),
            mins(o.minutes_late),
            money(o.penalty_before),
            money(o.penalty),
            m.yes_no(o.carried_over),
        )
        for o in st.report.rows
    )
    t = st.report.totals
    tables = [
        CsvTable(m("sla.by_priority"), prio_headers, figures.by_priority(st)),
        month_table,
        CsvTable(m("csv.orders"), order_headers, order_rows),
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
