"""The statement's binding parts: its number and standing, the settlement, what changed since
it was issued, the parties, the method appendix and the signatures."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from ...domain.money import rmb_capitals
from ...services.sla import Party, Statement
from ..api import ReportContext
from ..tables import Columns, Section
from ..template import (
    CONTENT_WIDTH,
    SEAL_SIZE,
    SignParty,
    heading,
    para,
    signature_blocks,
)
from .words import money, state_lines

PARTIES = Columns("st.col", ("role", "party", "representative"), widths=(38, None, 38), wrap=(1,))


def identity(ctx: ReportContext, st: Statement) -> list[Flowable]:
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


def settlement(ctx: ReportContext, st: Statement) -> list[Flowable]:
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
    from ..template import GRID, NAVY, ZEBRA

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


def parties(ctx: ReportContext, st: Statement) -> list[SignParty]:
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


def parties_section(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    rows = []
    for sp in parties(ctx, st):
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
        sp = parties(ctx, st)[2]
        rows.append((sp.role, sp.name, sp.representative or "—"))
    return Section(m, m("st.parties"), PARTIES, rows).story(sty)


def differences(ctx: ReportContext, st: Statement) -> list[Flowable]:
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


def method(ctx: ReportContext) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    out: list[Flowable] = heading(m("sla.method"), sty)
    tz_name = getattr(ctx.tz, "key", str(ctx.tz))
    for line in m("sla.method.items", tz=tz_name).split("\n"):
        out.append(para(line, sty.body))
        out.append(Spacer(1, 1.2 * mm))
    return out


def signoff(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    # the heading, its note and the three blocks stay on one page
    out: list[Flowable] = [CondPageBreak(SEAL_SIZE + 80 * mm), para(m("sla.signoff"), sty.h1)]
    out.append(para(m("st.signoff_note", number=st.number or m("st.no_number")), sty.small))
    out.append(Spacer(1, 2 * mm))
    out.append(
        signature_blocks(
            parties(ctx, st),
            sty,
            representative=m("st.representative"),
            sign=m("st.sign"),
            seal=m("st.seal"),
            date_line=m("st.date_line"),
        )
    )
    return out
