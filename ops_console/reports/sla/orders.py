"""The statement's lists: each charged work order, the orders closed without the liaison's
verification, and the pause ledger."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ...services.sla import Statement
from ..api import ReportContext
from ..output import CsvTable
from ..template import (
    CONTENT_WIDTH,
    data_table,
    heading,
    para,
)
from .words import mins, money, reason_text


def orders(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    headers = m.headings(
        "st.col",
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


def unverified(ctx: ReportContext, st: Statement) -> list[Flowable]:
    """The short list of closes without the liaison (managers' overrides), or a line saying none."""
    m, sty = ctx.m, ctx.styles
    out = heading(m("st.unverified"), sty)
    out.append(para(m("st.unverified_note"), sty.small))
    out.append(Spacer(1, 1.5 * mm))
    if not st.unverified:
        out.append(para(m("st.no_unverified"), sty.body))
        return out
    headers = m.headings("st.col", "number", "title", "closed_at", "closed_by", "override_reason")
    rows = [
        (
            u.number,
            f"{u.community} · {m.msg(u.title)}" if u.community else m.msg(u.title),
            ctx.local(u.closed_at, "%m-%d %H:%M"),
            person_text(u.closed_by),
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


def person_text(who: str | None) -> str:
    """A person in a narrow cell: the name, the login on the next line ("李强\n(li.qiang)")."""
    return (who or "").replace(" (", "\n(", 1)


def pauses(ctx: ReportContext, st: Statement) -> tuple[list[Flowable], CsvTable]:
    """The pause ledger: the statement's section and its CSV table."""
    m, sty = ctx.m, ctx.styles
    title = m("sla.pauses")
    headers = m.headings(
        "st.col",
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
    out = heading(title, sty)
    out.append(para(m("st.pauses_note"), sty.small))
    out.append(Spacer(1, 1.5 * mm))
    if rows:
        out.append(
            data_table(
                headers,
                [(r[0], r[1], person_text(r[2]), person_text(r[3]), *r[4:]) for r in rows],
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
    return out, CsvTable(title, headers, rows)
