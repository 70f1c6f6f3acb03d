"""The training report: the mandatory certificates to act on, the staff × course matrix with
each role's mandatory courses marked, and who must renew within 30 days.

Everything is read as of today, as the Training page reads it: days left count from today.
A course nobody's role requires is not "missing" for those who never took it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ..services.training import CourseInfo, MatrixCell, MatrixRow
from .api import ReportBody, ReportContext
from .output import CsvTable
from .tables import Columns, Section
from .template import (
    CONTENT_WIDTH,
    GRID,
    NAVY,
    TABLE_STYLE,
    figures_block,
    heading,
    para,
)

RENEW_DAYS = 30
SYMBOL = {"valid": "✓", "expiring": "△", "expired": "✘", "missing": "—", "not_required": ""}
MANDATORY = "★"
FILL = {
    "valid": colors.HexColor("#E6F2E6"),
    "expiring": colors.HexColor("#FFF1D6"),
    "expired": colors.HexColor("#F9DCDC"),
    "missing": colors.HexColor("#F9DCDC"),
    "not_required": colors.white,
}
MANDATORY_GAP = colors.HexColor("#B03A2E")
STATUSES = ("valid", "expiring", "expired", "missing", "not_required")
ACTIONS = Columns(
    "training.col",
    ("staff", "role", "course", "status", "action"),
    widths=(36, 22, 54, 36, None),
    wrap=range(5),
)
RENEW = Columns(
    "training.col",
    ("staff", "course", "expires", "days", "certificate"),
    widths=(38, 68, 24, 16, None),
    numeric=(3,),
    wrap=(1,),
)


def as_of(ctx: ReportContext) -> date:
    """The day the report reads the certificates on: today, in the report's time zone."""
    return ctx.now.date()


def cell_status(cell: MatrixCell) -> str:
    """A cell's status for the report: a course not held and not mandatory is not required."""
    if cell.status == "missing" and not cell.mandatory:
        return "not_required"
    return str(cell.status)


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
    staff = [r for r in matrix.rows if scope is None or r.username in scope]
    renew = [e for e in expiring if scope is None or e.username in scope]
    courses = matrix.courses
    counts = {k: 0 for k in STATUSES}
    for r in staff:
        for c in r.cells:
            counts[cell_status(c)] += 1
    # people with no mandatory course and no record: a line, not a row of empty cells
    rows = [r for r in staff if any(cell_status(c) != "not_required" for c in r.cells)]
    idle = [r for r in staff if r not in rows]
    role_word = {r.role: m.get(f"role.{r.role}", r.role) for r in staff}
    titles = {c.code: c.title for c in courses}
    actions = [
        (r, c) for r in rows for c in r.cells if c.mandatory and c.status in ("expired", "missing")
    ]

    story: list[Flowable] = [
        para(m("training.as_of", day=day.isoformat()), st.label),
        Spacer(1, 2 * mm),
        figures_block(
            [
                (m("status.valid"), str(counts["valid"])),
                (m("status.expiring"), str(counts["expiring"])),
                (m("status.expired"), str(counts["expired"])),
                (m("training.missing_mandatory"), str(counts["missing"])),
                (m("training.renew"), str(len(renew))),
            ],
            st,
            columns=5,
        ),
    ]

    # the action list: mandatory certificates expired or missing
    action_rows = [
        (
            f"{r.display_name} ({r.username})",
            role_word[r.role],
            f"{c.course} {titles.get(c.course, '')}",
            m("training.expired_on", day=c.expires_on.isoformat())
            if c.status == "expired" and c.expires_on is not None
            else m(f"status.{c.status}"),
            m("training.do.renew") if c.status == "expired" else m("training.do.train"),
        )
        for r, c in actions
    ]
    to_act = Section(m, m("training.actions"), ACTIONS, action_rows)
    story += to_act.story(
        st,
        notes=[para(m("training.actions_note"), st.small)] if action_rows else [],
        empty=m("training.no_actions"),
    )

    story += heading(m("training.matrix"), st)
    story.append(para(m("training.legend", mark=MANDATORY), st.small))
    mandatory_line = _mandatory_line(ctx, courses)
    story.append(para(mandatory_line, st.small))
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
    if idle:
        sep = "、" if m.zh else ", "
        names = sep.join(
            m("training.idle_person", name=r.display_name, login=r.username, role=role_word[r.role])
            for r in idle
        )
        story.append(para(m("training.idle", names=names), st.small))

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
    to_renew = Section(m, m("training.renew"), RENEW, renew_rows)
    story += to_renew.story(
        st,
        notes=[para(m("training.days_from", day=day.isoformat()), st.small)] if renew_rows else [],
        empty=m("training.none_due"),
    )

    matrix_headers = [m("training.col.staff"), m("training.col.role")] + [c.code for c in courses]

    def cell_text(c: MatrixCell) -> str:
        status = cell_status(c)
        text = m(f"status.{status}")
        if c.expires_on is not None and status != "not_required":
            text += f" {c.expires_on.isoformat()}"
        return f"{text} ({m('training.mandatory')})" if c.mandatory else text

    matrix_csv = [
        (f"{r.display_name} ({r.username})", role_word[r.role], *(cell_text(c) for c in r.cells))
        for r in staff
    ]
    return ReportBody(
        story,
        tables=[
            to_act.csv(),
            CsvTable(m("training.matrix"), matrix_headers, matrix_csv),
            to_renew.csv(),
        ],
        figures={
            "as_of": day,
            "staff": len(staff),
            "courses": len(courses),
            "counts": counts,
            "actions": [(r.username, c.course, c.status) for r, c in actions],
            "renew": [(e.username, e.course, e.expires_on, e.days_left) for e in renew],
        },
    )


def _mandatory_line(ctx: ReportContext, courses: Sequence[CourseInfo]) -> str:
    """Which course each role must hold, e.g. "★ mandatory: SAFE-001 for technicians"."""
    m = ctx.m
    sep = "、" if m.zh else ", "
    parts = [
        m(
            "training.mandatory_for",
            course=c.code,
            roles=sep.join(m.get(f"role.{r}", r) for r in c.mandatory_for),
        )
        for c in courses
        if c.mandatory_for
    ]
    if not parts:
        return m("training.no_mandatory")
    return m("training.mandatory_list", mark=MANDATORY, items=("；" if m.zh else "; ").join(parts))


def _matrix_table(
    ctx: ReportContext, rows: list[MatrixRow], courses: Sequence[CourseInfo]
) -> Table:
    m, st = ctx.m, ctx.styles
    name_w, role_w = 30 * mm, 17 * mm
    course_w = (CONTENT_WIDTH - name_w - role_w) / max(1, len(courses))
    head = [para(m("training.col.staff"), st.head_cell), para(m("training.col.role"), st.head_cell)]
    code_style = st.head_cell.clone("code_head", fontSize=6.8, leading=8.5)
    head += [
        para(f"{c.code} {MANDATORY}" if c.mandatory_for else c.code, code_style) for c in courses
    ]
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
            status = cell_status(c)
            text = SYMBOL[status]
            if c.mandatory:
                text = f"{MANDATORY}{text}"
            if c.expires_on is not None and status != "not_required":
                text += f"\n{c.expires_on.isoformat()}"
            line.append(text)
            style.append(("BACKGROUND", (j, i), (j, i), FILL[status]))
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
