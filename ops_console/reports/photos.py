"""The maintenance report's before/after photos (``--photos``): per work order of the period,
the thumbnails kept with it when the photos were attached, before ones first."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from .api import ReportContext
from .template import CONTENT_WIDTH, heading, para

PER_ORDER = 4  # photos printed per work order (the before ones first); the rest are counted
CELL = 40 * mm


def _image(png: bytes) -> Image:
    image = Image(io.BytesIO(png))
    scale = min(CELL / image.imageWidth, CELL / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return image


def photo_section(
    ctx: ReportContext, orders: Sequence[Any]
) -> tuple[list[Flowable], dict[str, Any]]:
    """The section's flowables and figures (``photo_orders``, ``photos`` printed by number)."""
    m, st = ctx.m, ctx.styles
    numbers = [o.number for o in orders if o.status != "cancelled"]
    found = ctx.services.workorders.photos(ctx.actor, numbers)
    story: list[Flowable] = [*heading(m("mnt.photos"), st)]
    story.append(para(m("mnt.photos_explain", n=PER_ORDER), st.small))
    story.append(Spacer(1, 2 * mm))
    printed: dict[str, int] = {}
    by_number = {o.number: o for o in orders}
    for number in sorted(found):
        items = sorted(found[number], key=lambda x: (x[0].kind != "before", x[0].added_at))
        shown = items[:PER_ORDER]
        o = by_number[number]
        where = " · ".join(x for x in (o.device, o.device_name, o.community) if x)
        line = f"{number}  {where}"
        if len(items) > len(shown):
            line += "  " + m("mnt.photos_more", n=len(items) - len(shown))
        cells = [[_image(png) for _info, png in shown]]
        cells.append(
            [
                para(f"{m('mnt.photo.' + info.kind)} · {info.file_name}", st.small)
                for info, _png in shown
            ]
        )
        table = Table(cells, colWidths=[CONTENT_WIDTH / PER_ORDER] * len(shown), hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        story.append(
            KeepTogether([para(line, st.body), Spacer(1, 1 * mm), table, Spacer(1, 3 * mm)])
        )
        printed[number] = len(shown)
    if not printed:
        story.append(para(m("mnt.no_photos"), st.body))
    return story, {"photo_orders": len(printed), "photos": printed}
