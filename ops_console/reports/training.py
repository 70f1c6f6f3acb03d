"""The training report: the staff × course matrix and who must renew within 30 days."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from .api import ReportBody, ReportContext
from .output import CsvTable
from .template import (
    CONTENT_WIDTH,
    GRID,
    NAVY,
    TABLE_STYLE,
    data_table,
    figures_block,
    heading,
    para,
)

RENEW_DAYS = 30
SYMBOL = {"valid": "✓", "expiring": "△", "expired": "✘", "missing": "—"}
FILL = {
    "valid": colors.HexColor("#E6F2E6"),
    "expiring": colors.HexColor("#FFF1D6"),
    "expired": colors.HexColor("#F9DCDC"),
    "missing": colors.white,
}
MANDATORY_GAP = colors.HexColor("#B03A2E")


def as_of(ctx: ReportContext) -> date:
    """The day the statuses are read on: the period's last day, or today if that is later."""
    return min(ctx.request.date_to, ctx.now.date())


def _staff_in_scope(ctx: ReportContext) -> set[str] | None:
    names = ctx.community_names
    if names is None:
        return None
    return {
        u.username
        for u in ctx.services.accounts.list_users(ctx.actor)
        if not u.communities or set(u.communities) & set(names)
    }


def build(ctx: ReportContext) -> ReportBody:
    """Build the training report."""
    m, st = ctx.m, ctx.styles
    day = as_of(ctx)
    matrix = ctx.services.training.matrix(ctx.actor, today=day)
    expiring = ctx.services.training.expiring(ctx.actor, RENEW_DAYS, today=day)
    ctx.progress(0.6)
    scope = _staff_in_scope(ctx)
    rows = [r for r in matrix.rows if scope is None or r.username in scope]
    renew = [e for e in expiring if scope is None or e.username in scope]
    courses = matrix.courses
    counts = {k: 0 for k in SYMBOL}
    for r in rows:
        for c in r.cells:
            counts[c.status] = counts.get(c.status, 0) + 1

    story: list[Flowable] = [
        para(m("training.as_of", day=day.isoformat()), st.label),
        Spacer(1, 2 * mm),
        figures_block(
            [
                (m(f"status.{k}"), str(counts[k]))
                for k in ("valid", "expiring", "expired", "missing")
            ]
            + [(m("training.renew"), str(len(renew)))],
            st,
            columns=5,
        ),
    ]
    story += heading(m("training.matrix"), st)
    story.append(para(m("training.legend"), st.small))
    story.append(Spacer(1, 2 * mm))
    if rows:
        story.append(_matrix_table(ctx, rows, courses))
        story.append(Spacer(1, 2 * mm))
        story.append(
            para(
                "　".join(f"{c.code} {c.title}" for c in courses)
                if m.zh
                else "; ".join(f"{c.code} {c.title}" for c in courses),
                st.small,
            )
        )
    else:
        story.append(para(m("training.no_staff"), st.body))

    story += heading(m("training.renew"), st)
    renew_headers = [
        m("training.col.staff"),
        m("training.col.course"),
        m("training.col.expires"),
        m("training.col.days"),
        m("training.col.certificate"),
    ]
    renew_rows = [
        (
            f"{e.display_name} ({e.username})",
            f"{e.course} {e.course_title}",
            e.expires_on.isoformat(),
            e.days_left,
            e.certificate_no or "",
        )
        for e in renew
    ]
    if renew_rows:
        story.append(
            data_table(
                renew_headers,
                renew_rows,
                st,
                widths=[38 * mm, 68 * mm, 24 * mm, 16 * mm, CONTENT_WIDTH - 146 * mm],
                numeric=(3,),
                wrap=(1,),
            )
        )
    else:
        story.append(para(m("training.none_due"), st.body))

    matrix_headers = [m("training.col.staff"), m("training.col.role")] + [c.code for c in courses]

    def cell_text(c: Any) -> str:
        expiry = f" {c.expires_on.isoformat()}" if c.expires_on else ""
        return f"{c.status}{expiry}" + (" (mandatory)" if c.mandatory else "")

    matrix_csv = [
        (f"{r.display_name} ({r.username})", r.role, *(cell_text(c) for c in r.cells)) for r in rows
    ]
    return ReportBody(
        story,
        tables=[
            CsvTable(m("training.matrix"), matrix_headers, matrix_csv),
            CsvTable(m("training.renew"), renew_headers, renew_rows),
        ],
        figures={
            "as_of": day,
            "staff": len(rows),
            "courses": len(courses),
            "counts": counts,
            "renew": [(e.username, e.course, e.expires_on) for e in renew],
        },
    )


def _matrix_table(ctx: ReportContext, rows: list[Any], courses: Any) -> Table:
    m, st = ctx.m, ctx.styles
    name_w, role_w = 30 * mm, 17 * mm
    course_w = (CONTENT_WIDTH - name_w - role_w) / max(1, len(courses))
    head = [para(m("training.col.staff"), st.head_cell), para(m("training.col.role"), st.head_cell)]
    code_style = st.head_cell.clone("code_head", fontSize=6.8, leading=8.5)
    head += [para(c.code, code_style) for c in courses]
    data: list[list[Any]] = [head]
    style: list[Any] = [
        *TABLE_STYLE,
        ("FONT", (0, 1), (-1, -1), st.font, 7.5),
        ("LEADING", (0, 1), (-1, -1), 9.5),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
    ]
    for i, r in enumerate(rows, start=1):
        line: list[Any] = [f"{r.display_name}\n{r.username}", m.get(f"role.{r.role}", r.role)]
        for j, c in enumerate(r.cells, start=2):
            text = SYMBOL.get(c.status, "?")
            if c.expires_on is not None:
                text += f"\n{c.expires_on.isoformat()}"
            line.append(text)
            style.append(("BACKGROUND", (j, i), (j, i), FILL.get(c.status, colors.white)))
            if c.mandatory and c.status in ("missing", "expired"):
                style.append(("TEXTCOLOR", (j, i), (j, i), MANDATORY_GAP))
                style.append(("BOX", (j, i), (j, i), 1.2, MANDATORY_GAP))
        data.append(line)
    style.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY))
    t = Table(
        data, colWidths=[name_w, role_w] + [course_w] * len(courses), repeatRows=1, hAlign="LEFT"
    )
    t.setStyle(TableStyle(style))
    return t
