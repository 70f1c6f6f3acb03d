"""The resident notice: one page in large print for a community's notice board (适老化).

Plain words, body text of at least 16 pt with generous spacing, the time in a box.
It must fit on one page: a message too long for that is refused rather than shrunk
below a size elderly residents can read.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ..domain.errors import ValidationError
from .api import ReportBody, ReportContext, _optional
from .masking import scrub
from .output import CsvTable
from .template import CONTENT_WIDTH, MARGIN_BOTTOM, MARGIN_TOP, NAVY, PAGE, para

BODY_SIZES = (20, 18, 16)  # tried in turn; never below 16 pt
MIN_BODY_PT = 16
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM - 4  # the frame's padding


def _next_window(ctx: ReportContext) -> tuple[datetime, datetime, str] | None:
    """Return the community's next maintenance window (start, end, reason) that has not
    ended, from the monitoring service; None when there is none (or no such service)."""
    monitoring = _optional(ctx.services, "monitoring")
    lister = getattr(monitoring, "list_maintenance_windows", None)
    if lister is None or ctx.community is None:
        return None
    now = ctx.services.clock.now()
    windows = [
        w
        for w in lister(ctx.actor)
        if getattr(w, "community", None) == ctx.community.name and w.ends_at > now
    ]
    if not windows:
        return None
    w = min(windows, key=lambda w: w.starts_at)
    return w.starts_at, w.ends_at, getattr(w, "reason", "") or ""


def _day(day: date, zh: bool) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if zh else f"{day.day} {day:%B %Y}"


def _styles(font: str, body: int) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "n_body", fontName=font, fontSize=body, leading=body * 1.75, wordWrap="CJK"
    )
    return {
        "title": ParagraphStyle(
            "n_title",
            parent=base,
            fontSize=body * 1.8,
            leading=body * 2.4,
            alignment=TA_CENTER,
            textColor=NAVY,
        ),
        "body": base,
        "first": ParagraphStyle("n_first", parent=base, firstLineIndent=body * 2),
        "box": ParagraphStyle("n_box", parent=base, fontSize=body + 2, leading=(body + 2) * 1.6),
        "sign": ParagraphStyle("n_sign", parent=base, alignment=TA_RIGHT),
    }


def _story(
    ctx: ReportContext, title: str, message: str, when: str, where: str, body: int
) -> list[Flowable]:
    m = ctx.m
    s = _styles(ctx.styles.font, body)
    sep = "：" if m.zh else ": "
    box = Table(
        [
            [para(f"{m('notice.when')}{sep}{when}", s["box"])],
            [para(f"{m('notice.where')}{sep}{where}", s["box"])],
        ],
        colWidths=[CONTENT_WIDTH],
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, NAVY),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FFF8E1")),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    community = ctx.community.name if m.zh or not ctx.community.name_en else ctx.community.name_en
    story: list[Flowable] = [
        para(title, s["title"]),
        Spacer(1, 6 * mm),
        para(m("notice.greeting"), s["body"]),
    ]
    for chunk in [p.strip() for p in message.splitlines() if p.strip()]:
        story.append(para(chunk, s["first"]))
    story += [
        Spacer(1, 5 * mm),
        box,
        Spacer(1, 6 * mm),
        para(f"{m('notice.contact')}{sep}{m('notice.contact_text')}", s["body"]),
        Spacer(1, 10 * mm),
        para(m("notice.signature", community=community), s["sign"]),
        para(ctx.now.strftime("%Y年%m月%d日" if m.zh else "%d %B %Y"), s["sign"]),
    ]
    return story


def _height(story: list[Flowable]) -> float:
    total = 0.0
    for f in story:
        _, h = f.wrap(CONTENT_WIDTH, FRAME_HEIGHT)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def build(ctx: ReportContext) -> ReportBody:
    """Build the resident notice."""
    m = ctx.m
    if ctx.community is None:
        raise ValidationError(m("notice.needs_community"))
    opts: dict[str, Any] = dict(ctx.request.options)
    window = _next_window(ctx)
    title = scrub(opts.get("title") or m("notice.default_title"))
    message = scrub(opts.get("message") or m("notice.default_message"))
    if window is not None and not opts.get("when"):
        start, end, reason = window
        when = m("notice.when_default", start=ctx.local(start), end=ctx.local(end))
        if reason and not opts.get("message"):
            message = f"{message}\n{m('notice.reason')}{scrub(reason)}"
    else:
        when = opts.get("when") or m(
            "notice.when_default",
            start=_day(ctx.request.date_from, m.zh),
            end=_day(ctx.request.date_to, m.zh),
        )
    c = ctx.community
    where = opts.get("where") or (c.name if m.zh or not c.name_en else f"{c.name_en} ({c.name})")
    for size in BODY_SIZES:
        story = _story(ctx, title, message, scrub(when), scrub(where), size)
        if _height(story) <= FRAME_HEIGHT:
            break
    else:
        limit = 180 if m.zh else 450
        raise ValidationError(m("notice.too_long", n=limit))
    ctx.progress(1.0)
    return ReportBody(
        story,
        tables=[
            CsvTable(
                m("title.notice"),
                ["title", "when", "where", "message"],
                [(title, when, where, message)],
            )
        ],
        figures={"title": title, "when": when, "where": where, "body_pt": size},
        own_title=True,
    )
