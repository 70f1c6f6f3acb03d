"""The statement's lists: each charged work order, the orders closed without the liaison's
verification, and the pause ledger."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from ...services.sla import Statement
from ..api import ReportContext
from ..output import CsvTable
from ..tables import Columns, Section
from ..template import (
    para,
)
from .words import mins, money, reason_text

ORDERS = Columns(
    "st.col",
    (
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
    ),
    widths=(23, None, 8, 16, 16, 11, 11, 15, 15, 14, 14),
    numeric=range(5, 11),
    wrap=(1,),
    font_size=6.8,
)
UNVERIFIED = Columns(
    "st.col",
    ("number", "title", "closed_at", "closed_by", "override_reason"),
    widths=(25, None, 20, 20, None),
    rest_shares=(0.45, 0.55),
    wrap=(1, 3, 4),
    font_size=7,
)
# 164 mm wide, not the page's 174: the reason column was given what 150 mm leave
PAUSES = Columns(
    "st.col",
    ("number", "reason", "held_by", "resumed_by", "from", "to", "business", "wall", "clock"),
    widths=(23, 24, 16, 16, 17, 17, 14, 14, 23),
    numeric=(6, 7),
    wrap=(1, 2, 3, 8),
    font_size=6.8,
)


def orders(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
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
    out = Section(m, m("st.orders"), ORDERS, rows).story(
        sty, notes=[para(m("st.orders_note"), sty.small)], gap=1.5 * mm, empty=m("sla.no_breaches")
    )
    table = out[-1]
    if isinstance(table, Table):
        # the carried-over line runs across the table (a long table's one-line rows draw it
        # over the empty cells after it)
        table.setStyle(TableStyle([("SPAN", (0, i), (-1, i)) for i in carried_rows]))
    return out


def unverified(ctx: ReportContext, st: Statement) -> list[Flowable]:
    """The short list of closes without the liaison (managers' overrides), or a line saying none."""
    m, sty = ctx.m, ctx.styles
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
    return Section(m, m("st.unverified"), UNVERIFIED, rows).story(
        sty,
        notes=[para(m("st.unverified_note"), sty.small)],
        gap=1.5 * mm,
        empty=m("st.no_unverified"),
    )


def person_text(who: str | None) -> str:
    """A person in a narrow cell: the name, the login on the next line ("李强\n(li.qiang)")."""
    return (who or "").replace(" (", "\n(", 1)


def pauses(ctx: ReportContext, st: Statement) -> tuple[list[Flowable], CsvTable]:
    """The pause ledger: the statement's section and its CSV table."""
    m, sty = ctx.m, ctx.styles
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
    section = Section(m, m("sla.pauses"), PAUSES, rows)
    out = section.story(
        sty,
        notes=[para(m("st.pauses_note"), sty.small)],
        gap=1.5 * mm,
        empty=m("sla.no_pauses"),
        rows=[(r[0], r[1], person_text(r[2]), person_text(r[3]), *r[4:]) for r in rows],
    )
    return out, section.csv()
