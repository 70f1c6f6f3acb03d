"""The SLA settlement statement (结算单): every figure comes from ``services.sla``.

This module only arranges what the SLA service computed: the totals line, each work
order's clocks and penalty, the monthly cap and the pause ledger. Grouping by priority
and by week counts the service's per-work-order verdicts; no clock is recomputed here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table, TableStyle

from ..domain.errors import ValidationError
from ..domain.sla import display_minutes
from .api import ReportBody, ReportContext
from .output import CsvTable
from .template import (
    CONTENT_WIDTH,
    bar_chart,
    data_table,
    figures_block,
    heading,
    line_chart,
    para,
    signoff_block,
)

CENT = Decimal("0.01")


@dataclass(frozen=True)
class OrderLine:
    """One work order of the population, as the SLA service computed it."""

    number: str
    priority: str
    community: str
    status: str
    created_at: datetime | None
    wall_minutes: float | None
    resolved_at: datetime | None
    response_minutes: float
    resolution_minutes: float
    response_target: float | None
    resolution_target: float | None
    response_breached: bool
    resolution_breached: bool
    minutes_late: float
    penalty: Decimal


@dataclass(frozen=True)
class PauseLine:
    number: str
    reason: str
    held_at: datetime
    resumed_at: datetime | None
    minutes: float | None
    note: str


@dataclass
class SlaData:
    """What the statement prints, gathered from the SLA service."""

    totals: Any
    orders: list[OrderLine]
    pauses: list[PauseLine] = field(default_factory=list)
    months: Sequence[Any] = ()
    targets: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    contract: Any = None


def money(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).quantize(CENT, ROUND_HALF_UP):,}"


def pct(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{Decimal(str(value * 100)).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def mins(value: float | None) -> str:
    return "—" if value is None else f"{display_minutes(value * 60):.1f}"


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
    codes = ", ".join(sorted(c.code for c in contracts)) or "none"
    raise ValidationError(
        f"the SLA statement is per contract: give --contract CODE (contracts in scope: {codes})"
    )


def collect(ctx: ReportContext) -> SlaData:
    """Ask the SLA service for the period's statement and pause ledger, and normalise them."""
    code = contract_code(ctx)
    sla = ctx.services.sla
    req = ctx.request
    report = sla.report(ctx.actor, code, req.date_from, req.date_to)
    ctx.check_cancel()
    ctx.progress(0.5)
    pauses = sla.pause_ledger(ctx.actor, code, req.date_from, req.date_to)
    data = from_service(report)
    data.pauses = [
        PauseLine(
            p.number, p.reason_code or "", p.held_at, p.resumed_at, p.business_minutes, p.note or ""
        )
        for p in pauses
    ]
    data.contract = ctx.contract
    for policy in ctx.services.contracts.policies(ctx.actor, code)[-1:]:
        data.targets = {t.key: (t.response_minutes, t.resolution_minutes) for t in policy.terms}
    return data


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for n in names:
        if isinstance(obj, dict) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return default


def from_service(report: Any) -> SlaData:
    """Map the SLA service's report object onto :class:`SlaData`."""
    orders = [
        OrderLine(
            number=_get(w, "number"),
            priority=_get(w, "priority"),
            community=_get(w, "community", default="") or "",
            status=_get(w, "status", default=""),
            created_at=_get(w, "created_at"),
            wall_minutes=_get(w, "resolution_wall_minutes"),
            resolved_at=_get(w, "resolved_at"),
            response_minutes=float(_get(w, "response_minutes", default=0)),
            resolution_minutes=float(_get(w, "resolution_minutes", default=0)),
            response_target=_get(w, "response_target", "response_target_minutes"),
            resolution_target=_get(w, "resolution_target", "resolution_target_minutes"),
            response_breached=bool(_get(w, "response_breached")),
            resolution_breached=bool(_get(w, "resolution_breached")),
            minutes_late=float(_get(w, "minutes_late", default=0)),
            penalty=Decimal(_get(w, "penalty", default=0)),
        )
        for w in _get(report, "rows", "work_orders", default=())
    ]
    pauses = [
        PauseLine(
            _get(p, "number"),
            _get(p, "reason_code", "reason", default=""),
            _get(p, "held_at", "start"),
            _get(p, "resumed_at", "end"),
            _get(p, "business_minutes", "minutes"),
            _get(p, "note", default="") or "",
        )
        for p in _get(report, "pauses", "pause_ledger", default=())
    ]
    totals = _get(report, "totals")
    return SlaData(
        totals=totals,
        orders=orders,
        pauses=pauses,
        months=_get(totals, "months", default=()) or _get(report, "months", default=()),
        targets=_get(report, "targets", default={}) or {},
        contract=_get(report, "contract"),
    )


def _by_priority(data: SlaData) -> list[tuple[Any, ...]]:
    groups: dict[str, list[OrderLine]] = {}
    for o in data.orders:
        groups.setdefault(o.priority, []).append(o)
    rows = []
    for prio in sorted(groups):
        g = groups[prio]
        n = len(g)
        resp_ok = sum(1 for o in g if not o.response_breached)
        res_ok = sum(1 for o in g if not o.resolution_breached)
        targets = data.targets.get(prio, (g[0].response_target, g[0].resolution_target))
        rows.append(
            (
                prio,
                n,
                "" if targets[0] is None else f"{targets[0]:g}",
                pct(resp_ok / n),
                "" if targets[1] is None else f"{targets[1]:g}",
                pct(res_ok / n),
                mins(sum(o.response_minutes for o in g) / n),
                mins(sum(o.resolution_minutes for o in g) / n),
                n - res_ok,
            )
        )
    return rows


def _weeks(ctx: ReportContext, orders: Iterable[OrderLine]) -> list[tuple[str, int, float | None]]:
    """Weekly (Monday-based, local time) counts and resolution compliance of the population."""
    start_day = ctx.start.date()
    first_monday = start_day - timedelta(days=start_day.weekday())
    last_day = (ctx.end - timedelta(seconds=1)).date()
    weeks: list[tuple[int, int]] = []
    day = first_monday
    while day <= last_day:
        weeks.append((0, 0))
        day += timedelta(days=7)
    counts = [[0, 0] for _ in weeks]
    for o in orders:
        when = o.resolved_at or (ctx.end - timedelta(seconds=1))
        local = when.astimezone(ctx.tz).date()
        i = (local - first_monday).days // 7
        if 0 <= i < len(counts):
            counts[i][0] += 1
            counts[i][1] += 0 if o.resolution_breached else 1
    out = []
    for i, (n, ok) in enumerate(counts):
        monday = first_monday + timedelta(days=7 * i)
        label = f"{monday:%m-%d}"
        out.append((label, n, ok / n * 100 if n else None))
    return out


def _target(data: SlaData, o: OrderLine) -> str:
    target = o.resolution_target
    if target is None and o.priority in data.targets:
        target = data.targets[o.priority][1]
    return "" if target is None else f"{target:g}"


def _parties(ctx: ReportContext, data: SlaData) -> list[str]:
    m = ctx.m
    sep = "：" if m.zh else ": "
    firm = _get(data.contract or ctx.contract, "firm")
    names = ctx.community_names or []
    return [
        m("sla.party.firm") + (f"{sep}{firm}" if firm else ""),
        m("sla.party.community") + (f"{sep}{'、'.join(names)}" if names else ""),
        m("sla.party.subdistrict"),
    ]


def build(ctx: ReportContext) -> ReportBody:
    """Build the SLA settlement statement."""
    data = collect(ctx)
    ctx.progress(0.7)
    return render(ctx, data)


def render(ctx: ReportContext, data: SlaData) -> ReportBody:
    m, st = ctx.m, ctx.styles
    t = data.totals
    story: list[Flowable] = []
    count = _get(t, "count", default=len(data.orders))
    story += heading(m("sla.summary"), st)
    story.append(
        figures_block(
            [
                (m("sla.population"), str(count)),
                (m("sla.response_compliance"), pct(_get(t, "response_compliance"))),
                (m("sla.resolution_compliance"), pct(_get(t, "resolution_compliance"))),
                (
                    m("sla.mtta"),
                    f"{mins(_get(t, 'mtta_minutes'))} {m('minutes')}",
                    m("sla.wall", wall=mins(_get(t, "mtta_wall_minutes"))),
                ),
                (
                    m("sla.mttr"),
                    f"{mins(_get(t, 'mttr_minutes'))} {m('minutes')}",
                    m("sla.wall", wall=mins(_get(t, "mttr_wall_minutes"))),
                ),
                (m("sla.breaches"), str(_get(t, "resolution_breaches", "breaches", default=0))),
                (m("sla.penalty"), money(_get(t, "penalty"))),
                (m("sla.penalty_uncapped"), money(_get(t, "penalty_uncapped"))),
            ],
            st,
            columns=4,
        )
    )
    if not count:
        story.append(Spacer(1, 4 * mm))
        story.append(para(m("no_work_orders"), st.h2))

    prio_headers = [
        m(f"sla.col.{k}")
        for k in (
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
    ]
    prio_rows = _by_priority(data)
    story += heading(m("sla.by_priority"), st)
    if prio_rows:
        story.append(data_table(prio_headers, prio_rows, st, numeric=range(1, 9), font_size=8))
    else:
        story.append(para(m("no_work_orders"), st.body))

    weeks = _weeks(ctx, data.orders)
    if weeks and count:
        story += heading(m("sla.trend"), st)
        half = CONTENT_WIDTH / 2 - 3 * mm
        labels = [w[0] for w in weeks]
        charts = Table(
            [
                [
                    line_chart(
                        labels,
                        [(m("sla.resolution_compliance"), [w[2] for w in weeks])],
                        title=m("sla.trend_compliance"),
                        font=st.font,
                        value_max=100,
                        width=half,
                    ),
                    bar_chart(
                        labels,
                        [(m("sla.col.count"), [float(w[1]) for w in weeks])],
                        title=m("sla.trend_count"),
                        font=st.font,
                        width=half,
                    ),
                ]
            ],
            colWidths=[CONTENT_WIDTH / 2] * 2,
        )
        charts.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(charts)

    month_headers = [m(f"sla.col.{k}") for k in ("month", "uncapped", "cap", "capped")]
    fee = _get(data.contract or ctx.contract, "monthly_fee")
    ratio = _get(data.contract or ctx.contract, "penalty_cap_ratio")
    cap = None if fee is None or ratio is None else Decimal(fee) * Decimal(ratio)
    month_rows = [
        (
            f"{_get(mo, 'year')}-{_get(mo, 'month'):02d}",
            money(_get(mo, "uncapped")),
            money(cap) if cap is not None else "—",
            money(_get(mo, "capped")),
        )
        for mo in data.months
    ]
    month_rows.append(
        (m("total"), money(_get(t, "penalty_uncapped")), "", money(_get(t, "penalty")))
    )
    story += heading(m("sla.months"), st)
    if cap is not None:
        story.append(
            para(m("sla.cap_rule", fee=money(fee), ratio=f"{ratio}", cap=money(cap)), st.body)
        )
        story.append(Spacer(1, 2 * mm))
    story.append(data_table(month_headers, month_rows, st, numeric=(1, 2, 3), total_row=True))

    breach_headers = [
        m(f"sla.col.{k}")
        for k in (
            "number",
            "priority",
            "status",
            "resolved",
            "target",
            "actual",
            "late",
            "penalty",
        )
    ]
    breaches = [o for o in data.orders if o.resolution_breached]

    def breach_rows() -> list[tuple[Any, ...]]:
        return [
            (
                o.number,
                o.priority,
                o.status,
                ctx.local(o.resolved_at) if o.resolved_at else m("sla.open"),
                _target(data, o),
                mins(o.resolution_minutes),
                mins(o.minutes_late),
                money(o.penalty),
            )
            for o in breaches
        ]

    story += heading(m("sla.breach_list"), st)
    rows_b = breach_rows()
    if rows_b:
        w = CONTENT_WIDTH
        story.append(
            data_table(
                breach_headers,
                rows_b,
                st,
                widths=[
                    32 * mm,
                    13 * mm,
                    20 * mm,
                    28 * mm,
                    19 * mm,
                    20 * mm,
                    20 * mm,
                    w - 152 * mm,
                ],
                numeric=(4, 5, 6, 7),
                font_size=7.5,
            )
        )
    else:
        story.append(para(m("sla.no_breaches"), st.body))

    pause_headers = [
        m(f"sla.col.{k}") for k in ("number", "reason", "held", "resumed", "paused_minutes", "note")
    ]
    pause_rows = [
        (
            p.number,
            p.reason,
            ctx.local(p.held_at),
            ctx.local(p.resumed_at) if p.resumed_at else "",
            mins(p.minutes) if p.minutes is not None else "",
            p.note,
        )
        for p in data.pauses
    ]
    story += heading(m("sla.pauses"), st)
    if pause_rows:
        w = CONTENT_WIDTH
        story.append(
            data_table(
                pause_headers,
                pause_rows,
                st,
                widths=[30 * mm, 30 * mm, 26 * mm, 26 * mm, 17 * mm, w - 129 * mm],
                numeric=(4,),
                wrap=(5,),
                font_size=7.5,
            )
        )
    else:
        story.append(para(m("sla.no_pauses"), st.body))

    story += heading(m("sla.signoff"), st)
    story.append(
        signoff_block(
            _parties(ctx, data),
            st,
            m("sign"),
            m("seal"),
            m("dated"),
        )
    )
    story.append(PageBreak())
    story.append(para(m("sla.method"), st.h1))
    tz_name = getattr(ctx.tz, "key", str(ctx.tz))
    for line in m("sla.method.items", tz=tz_name).split("\n"):
        story.append(para(line, st.body))
        story.append(Spacer(1, 1.5 * mm))

    order_headers = [
        "number",
        "priority",
        "community",
        "status",
        "created_at",
        "resolved_at",
        "response_minutes",
        "resolution_minutes",
        "response_breached",
        "resolution_breached",
        "minutes_late",
        "penalty",
    ]
    order_rows = (
        (
            o.number,
            o.priority,
            o.community,
            o.status,
            ctx.local(o.created_at, "%Y-%m-%d %H:%M:%S"),
            ctx.local(o.resolved_at, "%Y-%m-%d %H:%M:%S"),
            mins(o.response_minutes),
            mins(o.resolution_minutes),
            o.response_breached,
            o.resolution_breached,
            mins(o.minutes_late),
            money(o.penalty),
        )
        for o in data.orders
    )
    return ReportBody(
        story,
        tables=[
            CsvTable(m("sla.by_priority"), prio_headers, prio_rows),
            CsvTable(m("sla.months"), month_headers, month_rows),
            CsvTable("work_orders", order_headers, order_rows),
            CsvTable(m("sla.pauses"), pause_headers, pause_rows),
        ],
        figures={
            "count": count,
            "response_compliance": _get(t, "response_compliance"),
            "resolution_compliance": _get(t, "resolution_compliance"),
            "mtta_minutes": _get(t, "mtta_minutes"),
            "mttr_minutes": _get(t, "mttr_minutes"),
            "breaches": len(breaches),
            "penalty": _get(t, "penalty"),
            "penalty_uncapped": _get(t, "penalty_uncapped"),
        },
    )
