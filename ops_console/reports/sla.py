"""The SLA settlement statement (结算单): every figure comes from ``services.sla.statement``.

This module only arranges what the services computed: the statement's number and revision,
the settlement (fee, penalties, cap, payable, in Chinese capitals), the parties in full, the
rates and the calendar, each charged work order, the pause ledger, availability, the method
appendix and the signature blocks. No clock or penalty is recomputed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from ..domain.errors import ValidationError
from ..domain.money import rmb_capitals
from ..services.sla import Party, Statement
from .api import ReportBody, ReportContext
from .i18n import Messages
from .output import CsvTable
from .template import (
    CONTENT_WIDTH,
    SEAL_SIZE,
    SignParty,
    bar_chart,
    data_table,
    figures_block,
    heading,
    line_chart,
    para,
    signature_blocks,
)

CENT = Decimal("0.01")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REASONS = ("waiting_parts", "resident_not_home", "access_denied", "authority_approval", "weather")


def money(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).quantize(CENT, ROUND_HALF_UP):,}"


def pct(value: float | None, places: int = 1) -> str:
    if value is None:
        return "—"
    q = Decimal(1).scaleb(-places)
    return f"{Decimal(str(value * 100)).quantize(q, ROUND_HALF_UP)}%"


def mins(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


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


# -- words --------------------------------------------------------------------------------


def reason_text(m: Messages, code: str | None) -> str:
    """A hold reason in words (``other: text`` keeps its text)."""
    if not code:
        return ""
    head, _, rest = code.partition(":")
    words = m.get(f"reason.{head.strip()}", head)
    return (
        f"{words}：{rest.strip()}"
        if rest.strip() and m.zh
        else (f"{words}: {rest.strip()}" if rest.strip() else words)
    )


def number_label(m: Messages, st: Statement) -> str:
    """The number as every page prints it, with the printout's standing."""
    if st.number is None:
        return m("st.no_number")
    if st.state in ("issued", "revision", "matches"):
        return m("st.number_page", number=st.number)
    return m("st.number_draft", number=st.number)


def state_lines(m: Messages, ctx: ReportContext, st: Statement) -> list[str]:
    at = ctx.local(st.issued_at) if st.issued_at else ""
    if st.state == "none":
        return [m("st.state.none")]
    if st.state == "draft":
        return [m("st.state.draft", number=st.number)]
    if st.state == "issued":
        return [m("st.state.issued", number=st.number, at=at, by=st.issued_by)]
    if st.state == "revision":
        return [
            m("st.state.revision", revision=st.revision, replaces=st.replaces),
            m("st.state.issued", number=st.number, at=at, by=st.issued_by),
        ]
    if st.state == "matches":
        out = [
            m("st.state.matches", number=st.number, revision=st.revision, at=at, by=st.issued_by)
        ]
        if st.replaces:
            out.append(m("st.state.revision", revision=st.revision, replaces=st.replaces))
        return out
    return [m("st.state.differs", replaces=st.replaces, n=len(st.differences))]


# -- sections -------------------------------------------------------------------------------


def _identity(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    sep = "：" if m.zh else ": "
    number = st.number or ""
    if st.state in ("draft", "differs"):  # not (yet) the number of an issued statement
        number = m("st.draft_number", number=number)
    out: list[Flowable] = [
        para(f"{m('st.number')}{sep}{number}", sty.h1)
        if st.number
        else para(m("st.no_number"), sty.h1)
    ]
    for line in state_lines(m, ctx, st):
        out.append(para(line, sty.body))
    return out


def _settlement(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    c = st.contract
    ratio = Decimal(c.penalty_cap_ratio).normalize()
    sla_part = sum((x.sla for x in st.months), Decimal(0))
    av_part = sum((x.availability for x in st.months), Decimal(0))
    cap_total = sum((x.cap for x in st.months), Decimal(0))
    rows: list[tuple[str, str]] = [
        (m("st.fee"), money(st.fee) if st.fee is not None else m("st.fee_partial")),
        (m("st.sla_penalty"), money(sla_part)),
    ]
    if c.availability:
        rows.append((m("st.availability_penalty"), money(av_part)))
    rows += [
        (m("st.penalty_uncapped"), money(st.penalty_uncapped)),
        (m("st.cap", ratio=f"{ratio:f}"), money(cap_total)),
        (m("st.penalty_capped"), money(st.penalty)),
    ]
    out: list[Flowable] = heading(m("st.settlement"), sty)
    table_rows: list[list[Any]] = [[para(k, sty.body), para(v, sty.cell_right)] for k, v in rows]
    payable = money(st.payable) if st.payable is not None else m("st.payable_partial")
    table_rows.append([para(m("st.payable"), sty.h2), para(payable, sty.figure)])
    if m.zh and st.payable is not None:
        table_rows.append(
            [para("人民币（大写）", sty.body), para(rmb_capitals(st.payable), sty.h2)]
        )
    t = Table(table_rows, colWidths=[CONTENT_WIDTH * 0.55, CONTENT_WIDTH * 0.45], hAlign="LEFT")
    from .template import GRID, NAVY, ZEBRA

    t.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, NAVY),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, len(rows)), (-1, -1), ZEBRA),
                ("LINEABOVE", (0, len(rows)), (-1, len(rows)), 1.0, NAVY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    out.append(t)
    out.append(Spacer(1, 1.5 * mm))
    out.append(para(m("st.payable_rule"), sty.small))
    return out


def _parties(ctx: ReportContext, st: Statement) -> list[SignParty]:
    m = ctx.m
    p = st.contract.parties
    unnamed = m("st.not_named")

    def party(role: str, x: Party | None, fallback: str) -> SignParty:
        if x is None:
            return SignParty(role, fallback, "")
        return SignParty(role, x.name, x.representative or "")

    communities = [p.community(n) for n in st.contract.communities]
    if len(communities) == 1:
        community = party(m("sla.party.community"), communities[0], unnamed)
    else:
        names = [
            x.name if x else f"{n}（{unnamed}）"
            for n, x in zip(st.contract.communities, communities, strict=True)
        ]
        reps = [x.representative for x in communities if x and x.representative]
        community = SignParty(
            m("sla.party.community"),
            "；".join(names) if m.zh else "; ".join(names),
            "、".join(reps),
        )
    return [
        party(
            m("sla.party.firm"),
            p.firm,
            m("st.short_name", name=st.contract.firm),
        ),
        community,
        party(m("sla.party.subdistrict"), p.street_office, unnamed),
    ]


def _parties_section(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    rows = []
    for sp in _parties(ctx, st):
        rows.append((sp.role, sp.name, sp.representative or "—"))
    # each community's organization on its own line when the contract covers several
    if len(st.contract.communities) > 1:
        rows = [rows[0]]
        for name in st.contract.communities:
            x = st.contract.parties.community(name)
            rows.append(
                (
                    f"{m('sla.party.community')} · {name}",
                    x.name if x else m("st.not_named"),
                    (x.representative or "—") if x else "—",
                )
            )
        sp = _parties(ctx, st)[2]
        rows.append((sp.role, sp.name, sp.representative or "—"))
    out = heading(m("st.parties"), sty)
    out.append(
        data_table(
            [m("st.col.role"), m("st.col.party"), m("st.col.representative")],
            rows,
            sty,
            widths=[38 * mm, CONTENT_WIDTH - 76 * mm, 38 * mm],
            wrap=(1,),
        )
    )
    return out


def _rates(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    out = heading(m("st.rates"), sty)
    tz = ctx.tz
    for p in st.policies:
        if len(st.policies) > 1:
            out.append(
                para(
                    m(
                        "st.policy_version",
                        version=p.version,
                        since=ctx.local(p.effective_from),
                        tz=getattr(tz, "key", str(tz)),
                    ),
                    sty.h2,
                )
            )
        rows = [
            (
                m.get(f"st.term.{t.key}", t.key),
                f"{t.response_minutes:,}",
                f"{t.resolution_minutes:,}",
                m("st.always") if t.calendar == "24x7" else t.calendar,
                money(t.penalty_per_breach),
                money(t.penalty_per_hour),
                f"{t.warning_ratio:g}",
            )
            for t in p.terms
        ]
        out.append(
            data_table(
                [
                    m(f"st.col.{k}")
                    for k in (
                        "term",
                        "response",
                        "resolution",
                        "calendar",
                        "per_breach",
                        "per_hour",
                        "warning",
                    )
                ],
                rows,
                sty,
                widths=[
                    22 * mm,
                    24 * mm,
                    24 * mm,
                    34 * mm,
                    24 * mm,
                    26 * mm,
                    CONTENT_WIDTH - 154 * mm,
                ],
                numeric=(1, 2, 4, 5, 6),
            )
        )
        stops = p.stops_clock
        if stops is None:
            text = m("st.stops_all")
        else:
            words = [reason_text(m, r) for r in stops] or [m("none")]
            running = [reason_text(m, r) for r in (*REASONS, "other") if r not in stops]
            text = m(
                "st.stops_some",
                stops=("、" if m.zh else ", ").join(words),
                running=("、" if m.zh else ", ").join(running) or m("none"),
            )
        out.append(Spacer(1, 1.5 * mm))
        out.append(para(text, sty.body))
    if not st.policies:
        out.append(para(m("st.no_policy"), sty.body))
    return out


def _calendar(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    out = heading(m("st.calendar"), sty)
    out.append(para(m("st.calendar_intro", tz=getattr(ctx.tz, "key", str(ctx.tz))), sty.body))
    for cal in st.calendars:
        out.append(para(cal.name, sty.h2))
        hours = cal.hours or {}
        row = [("、" if m.zh else ", ").join(hours.get(d, [])) or m("st.day_off") for d in WEEKDAYS]
        out.append(
            data_table(
                [m(f"st.wd.{d}") for d in WEEKDAYS],
                [row],
                sty,
                wrap=range(7),
                font_size=7.5,
            )
        )
        sep = "、" if m.zh else ", "
        holidays = sep.join(d.isoformat() for d in cal.holidays) or m("none")
        makeup = sep.join(
            m("st.makeup_day", day=d.isoformat(), weekday=m(f"st.wd.{w}")) for d, w in cal.makeup
        ) or m("none")
        out.append(Spacer(1, 1.5 * mm))
        out.append(para(m("st.holidays", days=holidays), sty.body))
        out.append(para(m("st.makeup", days=makeup), sty.body))
    if not st.calendars:
        out.append(para(m("st.only_24x7"), sty.body))
    return out


def _summary(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    t = st.report.totals
    out = heading(m("sla.summary"), sty)
    out.append(
        figures_block(
            [
                (m("sla.population"), str(t.count)),
                (m("sla.response_compliance"), pct(t.response_compliance)),
                (m("sla.resolution_compliance"), pct(t.resolution_compliance)),
                (m("sla.breaches"), str(t.breaches)),
                (
                    m("sla.mtta"),
                    f"{mins(t.mtta_minutes)} {m('minutes')}",
                    m("sla.wall", wall=mins(t.mtta_wall_minutes)),
                ),
                (
                    m("sla.mttr"),
                    f"{mins(t.mttr_minutes)} {m('minutes')}",
                    m("sla.wall", wall=mins(t.mttr_wall_minutes)),
                ),
                (m("sla.penalty"), money(st.penalty)),
                (m("sla.penalty_uncapped"), money(st.penalty_uncapped)),
            ],
            sty,
            columns=4,
        )
    )
    if not t.count:
        out.append(Spacer(1, 3 * mm))
        out.append(para(m("no_work_orders"), sty.h2))
    return out


def _by_priority(st: Statement) -> list[tuple[Any, ...]]:
    groups: dict[str, list[Any]] = {}
    for o in st.report.rows:
        groups.setdefault(o.priority, []).append(o)
    rows = []
    for prio in sorted(groups):
        g = groups[prio]
        n = len(g)
        resp_ok = sum(1 for o in g if not o.response_breached)
        res_ok = sum(1 for o in g if not o.resolution_breached)
        rows.append(
            (
                prio,
                n,
                f"{g[0].response_target_minutes or 0:g}",
                pct(resp_ok / n),
                f"{g[0].resolution_target_minutes or 0:g}",
                pct(res_ok / n),
                mins(sum(o.response_minutes for o in g) / n),
                mins(sum(o.resolution_minutes for o in g) / n),
                n - res_ok,
            )
        )
    return rows


def _weeks(ctx: ReportContext, rows: Iterable[Any]) -> list[tuple[str, int, float | None]]:
    """Weekly (Monday-based, local time) counts and resolution compliance of the population."""
    start_day = ctx.start.date()
    first_monday = start_day - timedelta(days=start_day.weekday())
    last_day = (ctx.end - timedelta(seconds=1)).date()
    n_weeks = (last_day - first_monday).days // 7 + 1
    counts = [[0, 0] for _ in range(n_weeks)]
    for o in rows:
        when = o.resolved_at or (ctx.end - timedelta(seconds=1))
        i = (when.astimezone(ctx.tz).date() - first_monday).days // 7
        if 0 <= i < n_weeks:
            counts[i][0] += 1
            counts[i][1] += 0 if o.resolution_breached else 1
    return [
        (f"{first_monday + timedelta(days=7 * i):%m-%d}", n, ok / n * 100 if n else None)
        for i, (n, ok) in enumerate(counts)
    ]


def _compliance(ctx: ReportContext, st: Statement, prio_headers: list[str]) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    out = heading(m("sla.by_priority"), sty)
    rows = _by_priority(st)
    if rows:
        out.append(data_table(prio_headers, rows, sty, numeric=range(1, 9), font_size=8))
    else:
        out.append(para(m("no_work_orders"), sty.body))
    weeks = _weeks(ctx, st.report.rows)
    if weeks and st.report.totals.count:
        out += heading(m("sla.trend"), sty)
        half = CONTENT_WIDTH / 2 - 3 * mm
        labels = [w[0] for w in weeks]
        charts = Table(
            [
                [
                    line_chart(
                        labels,
                        [(m("sla.resolution_compliance"), [w[2] for w in weeks])],
                        title=m("sla.trend_compliance"),
                        font=sty.font,
                        value_max=100,
                        width=half,
                    ),
                    bar_chart(
                        labels,
                        [(m("sla.col.count"), [float(w[1]) for w in weeks])],
                        title=m("sla.trend_count"),
                        font=sty.font,
                        width=half,
                    ),
                ]
            ],
            colWidths=[CONTENT_WIDTH / 2] * 2,
        )
        charts.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out.append(charts)
    return out


def _months(
    ctx: ReportContext, st: Statement
) -> tuple[list[Flowable], list[str], list[tuple[Any, ...]]]:
    m, sty = ctx.m, ctx.styles
    headers = [
        m(f"st.col.{k}") for k in ("month", "sla", "availability", "uncapped", "cap", "capped")
    ]
    rows: list[tuple[Any, ...]] = [
        (
            f"{x.year}-{x.month:02d}",
            money(x.sla),
            money(x.availability),
            money(x.uncapped),
            money(x.cap),
            money(x.capped),
        )
        for x in st.months
    ]
    rows.append(
        (
            m("total"),
            money(sum((x.sla for x in st.months), Decimal(0))),
            money(sum((x.availability for x in st.months), Decimal(0))),
            money(st.penalty_uncapped),
            "",
            money(st.penalty),
        )
    )
    out = heading(m("sla.months"), sty)
    c = st.contract
    cap = Decimal(c.monthly_fee) * Decimal(c.penalty_cap_ratio)
    out.append(
        para(
            m(
                "sla.cap_rule",
                fee=money(c.monthly_fee),
                ratio=f"{Decimal(c.penalty_cap_ratio).normalize():f}",
                cap=money(cap),
            ),
            sty.body,
        )
    )
    out.append(Spacer(1, 2 * mm))
    out.append(data_table(headers, rows, sty, numeric=range(1, 6), total_row=True))
    return out, headers, rows


def _availability(
    ctx: ReportContext, st: Statement
) -> tuple[list[Flowable], list[str], list[tuple[Any, ...]]]:
    m, sty = ctx.m, ctx.styles
    headers = [
        m(f"st.col.{k}")
        for k in (
            "month",
            "scope",
            "devices",
            "av",
            "target",
            "known_h",
            "unknown_h",
            "steps",
            "av_penalty",
        )
    ]
    rows = [
        (
            f"{a.year}-{a.month:02d}",
            m("st.all_devices") if a.scope == "all" else m.get(f"category.{a.scope}", a.scope),
            a.devices,
            pct(a.availability, 3),
            pct(float(a.target), 3),
            f"{a.known_s / 3600:,.1f}",
            f"{a.unknown_s / 3600:,.1f}",
            a.steps,
            money(a.penalty),
        )
        for a in st.availability
    ]
    if not st.contract.availability:
        return [], headers, rows
    out = heading(m("st.availability"), sty)
    out.append(para(m("st.availability_rule"), sty.body))
    out.append(Spacer(1, 2 * mm))
    out.append(
        data_table(
            headers,
            rows,
            sty,
            widths=[
                16 * mm,
                34 * mm,
                13 * mm,
                20 * mm,
                18 * mm,
                20 * mm,
                20 * mm,
                13 * mm,
                CONTENT_WIDTH - 154 * mm,
            ],
            numeric=range(2, 9),
            font_size=7.5,
        )
    )
    return out, headers, rows


def _orders(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    headers = [
        m(f"st.col.{k}")
        for k in (
            "number",
            "device",
            "priority",
            "created",
            "resolved",
            "response_min",
            "resolution_min",
            "late_before",
            "late_now",
            "charged_before",
            "charged_now",
        )
    ]
    rows: list[tuple[Any, ...]] = []
    carried_rows: list[int] = []
    listed = [r for r in st.report.rows if r.resolution_breached or r.penalty]
    carried = m("st.carried_over")
    for r in listed:
        tag = r.device_tag
        device = f"{tag} {r.device_name or ''}".strip() if tag else r.location
        rows.append(
            (
                r.number,
                device,
                r.priority,
                ctx.local(r.created_at, "%m-%d %H:%M"),
                ctx.local(r.resolved_at, "%m-%d %H:%M") if r.resolved_at else m("st.open"),
                mins(r.response_minutes),
                mins(r.resolution_minutes),
                mins(r.minutes_late_before),
                mins(r.minutes_late),
                money(r.penalty_before),
                money(r.penalty),
            )
        )
        if r.carried_over:
            carried_rows.append(len(rows) + 1)  # + 1: the header row
            rows.append((f"↳ {carried}", "", "", "", "", "", "", "", "", "", ""))
    out = heading(m("st.orders"), sty)
    out.append(para(m("st.orders_note"), sty.small))
    out.append(Spacer(1, 1.5 * mm))
    if rows:
        table = data_table(
            headers,
            rows,
            sty,
            widths=[
                23 * mm,
                CONTENT_WIDTH - 143 * mm,
                8 * mm,
                16 * mm,
                16 * mm,
                11 * mm,
                11 * mm,
                15 * mm,
                15 * mm,
                14 * mm,
                14 * mm,
            ],
            numeric=range(5, 11),
            wrap=(1,),
            font_size=6.8,
        )
        if isinstance(table, Table):
            # the carried-over line runs across the table (a long table's one-line rows draw
            # it over the empty cells after it)
            table.setStyle(TableStyle([("SPAN", (0, i), (-1, i)) for i in carried_rows]))
        out.append(table)
    else:
        out.append(para(m("sla.no_breaches"), sty.body))
    return out


def _unverified(ctx: ReportContext, st: Statement) -> list[Flowable]:
    """The short list of closes without the liaison (managers' overrides), or a line saying none."""
    m, sty = ctx.m, ctx.styles
    out = heading(m("st.unverified"), sty)
    out.append(para(m("st.unverified_note"), sty.small))
    out.append(Spacer(1, 1.5 * mm))
    if not st.unverified:
        out.append(para(m("st.no_unverified"), sty.body))
        return out
    headers = [
        m(f"st.col.{k}") for k in ("number", "title", "closed_at", "closed_by", "override_reason")
    ]
    rows = [
        (
            u.number,
            f"{u.community} · {m.msg(u.title)}" if u.community else m.msg(u.title),
            ctx.local(u.closed_at, "%m-%d %H:%M"),
            _person(u.closed_by),
            u.reason,
        )
        for u in st.unverified
    ]
    out.append(
        data_table(
            headers,
            rows,
            sty,
            widths=[
                25 * mm,
                (CONTENT_WIDTH - 65 * mm) * 0.45,
                20 * mm,
                20 * mm,
                (CONTENT_WIDTH - 65 * mm) * 0.55,
            ],
            wrap=(1, 3, 4),
            font_size=7,
        )
    )
    return out


def _person(who: str | None) -> str:
    """A person in a narrow cell: the name, the login on the next line ("李强\n(li.qiang)")."""
    return (who or "").replace(" (", "\n(", 1)


def _pauses(
    ctx: ReportContext, st: Statement
) -> tuple[list[Flowable], list[str], list[tuple[Any, ...]]]:
    m, sty = ctx.m, ctx.styles
    headers = [
        m(f"st.col.{k}")
        for k in (
            "number",
            "reason",
            "held_by",
            "resumed_by",
            "from",
            "to",
            "business",
            "wall",
            "clock",
        )
    ]
    rows = []
    for p in st.pauses:
        reason = reason_text(m, p.reason_code)
        if p.note and p.note != p.reason_code:
            reason = f"{reason}（{p.note}）" if m.zh else f"{reason} ({p.note})"
        rows.append(
            (
                p.number,
                reason,
                p.held_by or "",
                p.resumed_by or "",
                ctx.local(p.held_at, "%m-%d %H:%M"),
                ctx.local(p.resumed_at, "%m-%d %H:%M") if p.resumed_at else m("st.still_held"),
                mins(p.business_minutes),
                mins(p.wall_minutes),
                m("st.paused") if p.pauses_clock else m("st.kept_running"),
            )
        )
    out = heading(m("sla.pauses"), sty)
    out.append(para(m("st.pauses_note"), sty.small))
    out.append(Spacer(1, 1.5 * mm))
    if rows:
        out.append(
            data_table(
                headers,
                [(r[0], r[1], _person(r[2]), _person(r[3]), *r[4:]) for r in rows],
                sty,
                widths=[
                    23 * mm,
                    CONTENT_WIDTH - 150 * mm,
                    16 * mm,
                    16 * mm,
                    17 * mm,
                    17 * mm,
                    14 * mm,
                    14 * mm,
                    23 * mm,
                ],
                numeric=(6, 7),
                wrap=(1, 2, 3, 8),
                font_size=6.8,
            )
        )
    else:
        out.append(para(m("sla.no_pauses"), sty.body))
    return out, headers, rows


def _differences(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    if not st.differences:
        return []
    title = (
        m("st.differences_revision", replaces=st.replaces)
        if st.state == "revision"
        else m("st.differences_draft", replaces=st.replaces)
    )
    out = heading(title, sty)
    for line in st.differences:
        # a total's name in words ("payable: 76750.00 → 75650.00"); work orders and months
        # keep their number and month
        key, sep, rest = line.partition(": ")
        words = m.get(f"st.diff.{key}", "") if sep else ""
        out.append(
            para(
                f"• {words}（{key}）：{rest}"
                if words and m.zh
                else (f"• {words} ({key}): {rest}" if words else f"• {line}"),
                sty.body,
            )
        )
    return out


def _method(ctx: ReportContext) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    out: list[Flowable] = heading(m("sla.method"), sty)
    tz_name = getattr(ctx.tz, "key", str(ctx.tz))
    for line in m("sla.method.items", tz=tz_name).split("\n"):
        out.append(para(line, sty.body))
        out.append(Spacer(1, 1.2 * mm))
    return out


def _signoff(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    # the heading, its note and the three blocks stay on one page
    out: list[Flowable] = [CondPageBreak(SEAL_SIZE + 80 * mm), para(m("sla.signoff"), sty.h1)]
    out.append(para(m("st.signoff_note", number=st.number or m("st.no_number")), sty.small))
    out.append(Spacer(1, 2 * mm))
    out.append(
        signature_blocks(
            _parties(ctx, st),
            sty,
            representative=m("st.representative"),
            sign=m("st.sign"),
            seal=m("st.seal"),
            date_line=m("st.date_line"),
        )
    )
    return out


def render(ctx: ReportContext, st: Statement) -> ReportBody:
    m = ctx.m
    story: list[Flowable] = []
    story += _identity(ctx, st)
    story += _settlement(ctx, st)
    story += _differences(ctx, st)
    story += _parties_section(ctx, st)
    story += _summary(ctx, st)
    months, month_headers, month_rows = _months(ctx, st)
    story += months
    availability, av_headers, av_rows = _availability(ctx, st)
    story += availability
    story += _rates(ctx, st)
    story += _calendar(ctx, st)
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
    story += _compliance(ctx, st, prio_headers)
    story += _orders(ctx, st)
    story += _unverified(ctx, st)
    pauses, pause_headers, pause_rows = _pauses(ctx, st)
    story += pauses
    story += _method(ctx)
    story += _signoff(ctx, st)

    order_headers = [
        m(f"csv.{k}")
        for k in (
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
    ]
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
        CsvTable(m("sla.by_priority"), prio_headers, _by_priority(st)),
        CsvTable(m("sla.months"), month_headers, month_rows),
        CsvTable(m("csv.orders"), order_headers, order_rows),
        CsvTable(m("sla.pauses"), pause_headers, pause_rows),
    ]
    if av_rows:
        tables.append(CsvTable(m("st.availability"), av_headers, av_rows))
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
