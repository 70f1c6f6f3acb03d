"""The resident notice: one page in large print for a community's notice board (适老化).

What the MIIT guidance on ageing-friendly design asks of print: body text of at least 18 pt,
line spacing of at least 1.3, text contrast of at least 4.5:1. It says when (with the weekday
and 上午/下午/凌晨), where (the building or gate in words), what we do and what residents will
notice in plain words (templates per reason and device category, notice_text.py), whether the
wristbands' SOS calls are affected, and the community office's phone number. It carries no
operator's name: it is a poster. A message too long for one page is refused rather than
shrunk below what elderly residents can read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ..domain.errors import NotFound, ValidationError
from ..services.accounts import CommunityInfo
from . import notice_text as words
from .api import ReportBody, ReportContext
from .masking import scrub
from .output import CsvTable
from .template import CONTENT_WIDTH, MARGIN_BOTTOM, MARGIN_TOP, PAGE, para

BODY_SIZES = (22, 20, 18)  # tried in turn; never below 18 pt
MIN_BODY_PT = 18
LINE_SPACING = 1.6  # leading ÷ font size; the guidance asks at least 1.3
# the frame's room: reportlab's frame pads 6 pt on every side
FRAME_WIDTH = CONTENT_WIDTH - 12
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM - 12
# every text colour on its background meets 4.5:1 (tests measure these pairs)
INK = colors.HexColor("#000000")
TITLE_INK = colors.HexColor("#0B2545")
ALERT_INK = colors.HexColor("#8B1A1A")
PAPER = colors.HexColor("#FFFFFF")
BOX_PAPER = colors.HexColor("#FFF8E1")
TEXT_ON = ((INK, PAPER), (TITLE_INK, PAPER), (ALERT_INK, PAPER), (INK, BOX_PAPER))


@dataclass(frozen=True)
class Window:
    """The maintenance window the notice announces: its time, reason and place."""

    starts_at: datetime
    ends_at: datetime
    reason: str
    category: str | None  # None: the whole community
    zone: str | None
    location: str | None


def _next_window(ctx: ReportContext) -> Window | None:
    """Return the community's next maintenance window that has not ended, with the device's
    category and place for a device's window; None when there is none."""
    if ctx.community is None:
        return None
    now = ctx.services.clock.now()
    windows = [
        w
        for w in ctx.services.monitoring.list_maintenance_windows(ctx.actor)
        if w.community == ctx.community.name and w.ends_at > now
    ]
    if not windows:
        return None
    w = min(windows, key=lambda w: w.starts_at)
    category = zone = location = None
    if w.asset_tag:
        try:
            device = ctx.services.inventory.get(ctx.actor, w.asset_tag)
        except NotFound:
            device = None
        if device is not None:
            category, zone, location = device.category, device.zone, device.location
    return Window(w.starts_at, w.ends_at, w.reason or "", category, zone, location)


def _has_wristbands(ctx: ReportContext, community: str) -> bool:
    return bool(
        ctx.services.inventory.list_devices(
            ctx.actor,
            community=community,
            category="wristband_gateway",
            status="in_service",
            limit=1,
        )
    )


def _styles(font: str, body: int) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "n_body",
        fontName=font,
        fontSize=body,
        leading=body * LINE_SPACING,
        wordWrap="CJK",
        textColor=INK,
    )
    return {
        "title": ParagraphStyle(
            "n_title",
            parent=base,
            fontSize=body * 1.7,
            leading=body * 1.7 * 1.35,
            alignment=TA_CENTER,
            textColor=TITLE_INK,
        ),
        "body": base,
        "first": ParagraphStyle("n_first", parent=base, firstLineIndent=body * 2),
        "box": ParagraphStyle("n_box", parent=base, fontSize=body + 2, leading=(body + 2) * 1.5),
        "sos": ParagraphStyle("n_sos", parent=base, textColor=ALERT_INK),
        "phone": ParagraphStyle(
            "n_phone", parent=base, fontSize=body + 4, leading=(body + 4) * 1.4
        ),
        "sign": ParagraphStyle("n_sign", parent=base, alignment=TA_RIGHT),
    }


@dataclass(frozen=True)
class Words:
    """Everything the poster says, in the reader's language."""

    title: str
    paragraphs: tuple[str, ...]
    when: str
    where: str
    sos: str
    phone: str
    signature: str
    dated: str


def _story(ctx: ReportContext, w: Words, body: int) -> list[Flowable]:
    m = ctx.m
    s = _styles(ctx.styles.font, body)
    sep = "：" if m.zh else ": "
    box = Table(
        [
            [para(f"{m('notice.when')}{sep}{w.when}", s["box"])],
            [para(f"{m('notice.where')}{sep}{w.where}", s["box"])],
        ],
        colWidths=[FRAME_WIDTH],
    )
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, TITLE_INK),
                ("BACKGROUND", (0, 0), (-1, -1), BOX_PAPER),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story: list[Flowable] = [
        para(w.title, s["title"]),
        Spacer(1, 5 * mm),
        para(m("notice.greeting"), s["body"]),
    ]
    story += [para(chunk, s["first"]) for chunk in w.paragraphs]
    story += [
        Spacer(1, 4 * mm),
        box,
        Spacer(1, 4 * mm),
        para(w.sos, s["sos"]),
        Spacer(1, 3 * mm),
        para(w.phone, s["phone"]),
        Spacer(1, 8 * mm),
        para(w.signature, s["sign"]),
        para(w.dated, s["sign"]),
    ]
    return story


def _height(story: list[Flowable]) -> float:
    total = 0.0
    for f in story:
        _, h = f.wrap(FRAME_WIDTH, FRAME_HEIGHT)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _words(ctx: ReportContext, c: CommunityInfo, opts: dict[str, Any], phone: str) -> Words:
    m, zh = ctx.m, ctx.m.zh
    name = c.name if zh or not c.name_en else c.name_en
    t = words.templates()
    window = _next_window(ctx)
    reason = opts.get("reason") or words.reason_of(window.reason if window else "")
    if reason not in t.reasons:
        raise ValidationError(m("notice.bad_reason", reason=reason, known=", ".join(t.reasons)))
    category = window.category if window is not None else None
    effect = t.categories.get(category or words.COMMUNITY_WIDE, t.categories[words.COMMUNITY_WIDE])
    if opts.get("message"):
        paragraphs = tuple(p.strip() for p in scrub(opts["message"]).splitlines() if p.strip())
    else:
        paragraphs = (f"{t.reasons[reason].text(zh)}{'' if zh else ' '}{effect.text(zh)}",)
    if opts.get("when"):
        when = scrub(opts["when"])
    elif window is not None:
        when = words.when_words(
            window.starts_at.astimezone(ctx.tz), window.ends_at.astimezone(ctx.tz), zh
        )
    else:
        first = datetime.combine(ctx.request.date_from, time(), ctx.tz)
        last = datetime.combine(ctx.request.date_to, time(), ctx.tz)
        when = words.days_words(first, last, zh)
    device = t.name(category, zh) if category is not None else None
    where = (
        scrub(opts["where"])
        if opts.get("where")
        else words.place_words(
            name, window.zone if window else None, window.location if window else None, device, zh
        )
    )
    sos = m(
        "notice.sos_affected"
        if words.sos_affected(category, _has_wristbands(ctx, c.name))
        else "notice.sos_fine",
        phone=phone,
    )
    return Words(
        title=scrub(opts.get("title") or m("notice.default_title")),
        paragraphs=paragraphs,
        when=when,
        where=where,
        sos=sos,
        phone=m("notice.call", phone=phone),
        signature=m("notice.signature", community=name),
        dated=f"{ctx.now.year}年{ctx.now.month}月{ctx.now.day}日"
        if zh
        else f"{ctx.now.day} {ctx.now:%B %Y}",
    )


def build(ctx: ReportContext) -> ReportBody:
    """Build the resident notice."""
    m = ctx.m
    community = ctx.community
    if community is None:
        raise ValidationError(m("notice.needs_community"))
    phone = community.phone
    if not phone:
        raise ValidationError(m("notice.needs_phone", community=community.name))
    w = _words(ctx, community, dict(ctx.request.options), phone)
    for size in BODY_SIZES:
        story = _story(ctx, w, size)
        if _height(story) <= FRAME_HEIGHT:
            break
    else:
        limit = 140 if m.zh else 360
        raise ValidationError(m("notice.too_long", n=limit))
    ctx.progress(1.0)
    headers = m.headings("notice.col", "title", "when", "where", "message", "sos", "phone")
    return ReportBody(
        story,
        tables=[
            CsvTable(
                m("title.notice"),
                headers,
                [(w.title, w.when, w.where, "\n".join(w.paragraphs), w.sos, phone)],
            )
        ],
        figures={
            "title": w.title,
            "when": w.when,
            "where": w.where,
            "sos": w.sos,
            "phone": phone,
            "body_pt": size,
            "leading": size * LINE_SPACING,
        },
        own_title=True,
        poster=w.signature,
    )
