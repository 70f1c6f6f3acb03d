"""The availability report: device availability per community and category, the worst
devices and a chart.

Every figure adds up ``services.sla.service.availability``'s per-device seconds (up, degraded, down,
unknown, maintenance) and then divides: availability = (up + degraded) ÷ known time, with
maintenance windows already excluded by the service. Unknown time is printed beside the
figure and never folded into it. No health span is re-read here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..services.sla import DeviceAvailability
from .api import ReportBody, ReportContext
from .tables import Columns, Section
from .template import (
    bar_chart,
    chart_label,
    figures_block,
    heading,
    para,
)

WORST = 10
# the eight figures of a group of devices (see _line), in columns 1-8 of a table by community
# or by category
VALUES = (
    "devices",
    "availability",
    "unknown_share",
    "up",
    "degraded",
    "down",
    "unknown",
    "maintenance",
)
VALUE_MM = (13, 17, 15, 17, 15, 15, 15, 15)
BY_COMMUNITY = Columns(
    "av.col", ("community", *VALUES), widths=(None, *VALUE_MM), numeric=range(1, 9), font_size=8
)
BY_CATEGORY = Columns(
    "av.col",
    ("category", *VALUES),
    widths=(None, *VALUE_MM),
    numeric=range(1, 9),
    wrap=(0,),
    font_size=8,
)
BY_BOTH = Columns(
    "av.col",
    ("community", "category", *VALUES),
    widths=(None, None, *VALUE_MM),
    numeric=range(2, 10),
    wrap=(0, 1),
    font_size=7.5,
)
WORST_DEVICES = Columns(
    "av.col",
    (
        "device",
        "name",
        "category",
        "availability",
        "unknown_share",
        "down",
        "unknown",
        "maintenance",
    ),
    widths=(24, None, 28, 18, 16, 18, 18, 24),
    numeric=(3, 4, 5, 6, 7),
    wrap=(1, 2),
    font_size=8,
)


@dataclass(frozen=True)
class Totals:
    """Seconds summed over some devices; availability divides only after summing."""

    devices: int
    up_s: int
    degraded_s: int
    down_s: int
    unknown_s: int
    maintenance_s: int

    @property
    def known_s(self) -> int:
        return self.up_s + self.degraded_s + self.down_s

    @property
    def availability(self) -> float | None:
        known = self.known_s
        return (self.up_s + self.degraded_s) / known if known else None

    @property
    def unknown_share(self) -> float | None:
        total = self.known_s + self.unknown_s
        return self.unknown_s / total if total else None


def total(rows: Iterable[Any]) -> Totals:
    """Sum the service's per-device figures."""
    n = up = degraded = down = unknown = maintenance = 0
    for r in rows:
        n += 1
        up += r.up_s
        degraded += r.degraded_s
        down += r.down_s
        unknown += r.unknown_s
        maintenance += r.maintenance_s
    return Totals(n, up, degraded, down, unknown, maintenance)


def avail_pct(value: float | None) -> str:
    """Availability as a percentage with 2 decimals (half up); "—" when nothing is known."""
    if value is None:
        return "—"
    return f"{Decimal(str(value * 100)).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def hours(seconds: int) -> str:
    return f"{seconds / 3600:,.1f}"


def unknown_pct(t: Totals | Any) -> str:
    """The share of time unknown, printed beside every availability figure (1 decimal)."""
    total_s = t.up_s + t.degraded_s + t.down_s + t.unknown_s
    if not total_s:
        return "—"
    share = Decimal(t.unknown_s * 100) / Decimal(total_s)
    return f"{share.quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def _line(label: tuple[str, ...], t: Totals) -> tuple[Any, ...]:
    return (
        *label,
        t.devices,
        avail_pct(t.availability),
        unknown_pct(t),
        hours(t.up_s),
        hours(t.degraded_s),
        hours(t.down_s),
        hours(t.unknown_s),
        hours(t.maintenance_s),
    )


def build(ctx: ReportContext) -> ReportBody:
    """Build the availability report."""
    m, st = ctx.m, ctx.styles
    name = ctx.community.name if ctx.community is not None else None
    rows = ctx.services.sla.availability(ctx.actor, ctx.start, ctx.end, community=name)
    # retired devices are in no health figure (as on the dashboard): counted apart
    fleet = ctx.services.inventory.fleet_health(ctx.actor, community=name)
    retired_tags = {
        d.asset_tag
        for d in ctx.services.inventory.list_devices(ctx.actor, community=name, status="retired")
    }
    retired = [r for r in rows if r.asset_tag in retired_tags]
    rows = [r for r in rows if r.asset_tag not in retired_tags]
    ctx.check_cancel()
    ctx.progress(0.5)
    community_of = {c.id: c.name for c in ctx.services.accounts.list_communities(ctx.actor)}
    if ctx.contract is not None:
        covered = set(ctx.contract.communities)
        rows = [r for r in rows if community_of.get(r.community_id) in covered]
    cats = {code: (en, zh) for code, en, zh in ctx.services.inventory.categories()}

    def cat_label(code: str) -> str:
        en, zh = cats.get(code, (code, code))
        return str(zh if m.zh else en)

    def com(r: DeviceAvailability) -> str:
        return str(community_of.get(r.community_id, r.community_id))

    overall = total(rows)
    by_com: dict[str, list[DeviceAvailability]] = {}
    by_cat: dict[str, list[DeviceAvailability]] = {}
    by_both: dict[tuple[str, str], list[DeviceAvailability]] = {}
    for r in rows:
        by_com.setdefault(com(r), []).append(r)
        by_cat.setdefault(r.category, []).append(r)
        by_both.setdefault((com(r), r.category), []).append(r)
    com_totals = {c: total(g) for c, g in sorted(by_com.items())}
    cat_totals = {c: total(g) for c, g in sorted(by_cat.items())}
    both_totals = {k: total(g) for k, g in sorted(by_both.items())}

    story: list[Flowable] = [*heading(m("av.summary"), st)]
    story.append(
        figures_block(
            [
                (
                    m("av.overall"),
                    avail_pct(overall.availability),
                    m("av.overall_unknown", p=unknown_pct(overall)),
                ),
                (
                    m("av.devices"),
                    str(overall.devices),
                    m("av.retired_note", n=len(retired)) if retired else "",
                ),
                (m("av.known"), hours(overall.known_s)),
                (m("av.down"), hours(overall.down_s)),
                (
                    m("av.unknown"),
                    hours(overall.unknown_s),
                    m("av.unknown_note", p=unknown_pct(overall)),
                ),
                (
                    m("av.maintenance"),
                    hours(overall.maintenance_s),
                    m("av.maintenance_note"),
                ),
            ],
            st,
            columns=3,
        )
    )
    story.append(Spacer(1, 2 * mm))
    story.append(para(m("av.method"), st.small))

    com_rows = [_line((c,), t) for c, t in com_totals.items()]
    cat_rows = [_line((cat_label(c),), t) for c, t in cat_totals.items()]
    both_rows = [_line((c, cat_label(k)), t) for (c, k), t in both_totals.items()]
    worst = sorted(
        (r for r in rows if r.availability is not None),
        key=lambda r: (r.availability, -r.down_s, r.asset_tag),
    )[:WORST]
    worst_rows = [
        (
            r.asset_tag,
            r.name,
            cat_label(r.category),
            avail_pct(r.availability),
            unknown_pct(r),
            hours(r.down_s),
            hours(r.unknown_s),
            hours(r.maintenance_s),
        )
        for r in worst
    ]
    by_community = Section(m, m("av.by_community"), BY_COMMUNITY, com_rows)
    by_category = Section(m, m("av.by_category"), BY_CATEGORY, cat_rows)
    by_pair = Section(m, m("av.by_community_category"), BY_BOTH, both_rows)
    worst_section = Section(m, m("av.worst"), WORST_DEVICES, worst_rows)

    if overall.availability is None:
        story.append(Spacer(1, 4 * mm))
        story.append(para(m("av.no_data"), st.h2))
    else:
        total_line = _line((m("total"),), overall)
        # by community, by category: a name, the eight values, and the overall total
        for section in (by_community, by_category):
            story += section.story(st, rows=[*section.rows, total_line], total_row=True)
        story.append(Spacer(1, 3 * mm))
        story.append(_chart(ctx, list(com_totals), list(cat_totals), both_totals))
        story += worst_section.story(st)
        story += by_pair.story(st)

    return ReportBody(
        story,
        tables=[s.csv() for s in (by_community, by_category, by_pair, worst_section)],
        figures={
            "availability": overall.availability,
            "devices": overall.devices,
            "retired": len(retired),
            "fleet_counted": fleet.counted,
            "unknown_share": unknown_pct(overall),
            "known_s": overall.known_s,
            "unknown_s": overall.unknown_s,
            "maintenance_s": overall.maintenance_s,
            "by_community": {c: t.availability for c, t in com_totals.items()},
            "by_category": {c: t.availability for c, t in cat_totals.items()},
            "worst": [(r.asset_tag, r.availability) for r in worst],
        },
    )


def _chart(
    ctx: ReportContext,
    communities: list[str],
    categories: list[str],
    both: dict[tuple[str, str], Totals],
) -> Flowable:
    """Availability (%) per category, one bar per community; the axis is zoomed to the data."""
    m, st = ctx.m, ctx.styles
    values = [t.availability * 100 for t in both.values() if t.availability is not None]
    low = min(values or [100.0])
    floor = max(0.0, min(95.0, math.floor(low) - 1))
    series = [
        (
            c,
            [
                max(floor, (both[(c, k)].availability or 0) * 100) if (c, k) in both else floor
                for k in categories
            ],
        )
        for c in communities
    ]
    names = {code: (zh if m.zh else en) for code, en, zh in ctx.services.inventory.categories()}
    labels = [chart_label(str(names.get(k, k)), len(categories), st.font) for k in categories]
    return bar_chart(
        labels,
        series,
        title=m("av.chart"),
        font=st.font,
        height=62 * mm,
        value_min=floor,
        value_max=100,
        value_format="%g",
    )
