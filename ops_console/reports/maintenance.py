"""The maintenance report: corrective apart from preventive work, work orders by category,
community and source, the devices that fail most, MTTR, parts and labour, and preventive work
done vs due.

Counts come from ``services.workorders.service.period_summary`` (the work orders created in the
period). MTTR is the SLA service's figure for each contract, never recomputed here; the
wall-clock repair times printed beside it are labelled as such.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.lifecycle import Status
from .api import ReportBody, ReportContext
from .photos import photo_section
from .sla import money, pct
from .tables import Columns, Section, csv_table
from .template import (
    bar_chart,
    chart_label,
    figures_block,
    heading,
    para,
)

TOP_DEVICES = 10
DONE = ("resolved", "closed")
SOURCES = ("alarm", "liaison", "resident_phone", "resident_walk_in", "resident_app", "preventive")

# the tables, their headings under mnt.col
SPLIT = Columns(
    "mnt.col",
    ("work", "count", "resolved", "open", "wall_hours"),
    widths=(40, 26, 26, 26, None),
    numeric=range(1, 5),
    font_size=8,
)
BY_CATEGORY = Columns(
    "mnt.col",
    ("category", "count", "repair", "resolved", "open", "wall_hours"),
    widths=(52, 22, 22, 22, 22, None),
    numeric=range(1, 6),
    wrap=(0,),
    font_size=8,
)
BY_COMMUNITY = Columns(
    "mnt.col",
    ("community", "count", "resolved", "open"),
    widths=(60, 30, 30, 30),
    numeric=range(1, 4),
    font_size=8,
)
BY_SOURCE = Columns(
    "mnt.col", ("source", "count", "share"), widths=(60, 30, 30), numeric=(1, 2), font_size=8
)
COSTS = Columns(
    "mnt.col",
    ("category", "recorded", "parts", "labour"),
    widths=(60, 30, 30, 30),
    numeric=(1, 2, 3),
    wrap=(0,),
    font_size=8,
)
TOP_FAILING = Columns(
    "mnt.col",
    ("rank", "device", "name", "category", "community", "repairs", "last"),
    widths=(8, 26, None, 34, 18, 15, 30),
    numeric=(0, 5),
    wrap=(2, 3, 4),
    font_size=8,
)
MTTR = Columns(
    "mnt.col",
    ("contract", "scope", "population", "mttr", "mttr_wall"),
    widths=(28, 46, 30, 35, None),
    numeric=(2, 3, 4),
    font_size=8,
)
PREVENTIVE = Columns(
    "mnt.col",
    ("category", "due", "done", "not_done", "rate"),
    widths=(50, 25, 25, 25, 25),
    numeric=(1, 2, 3, 4),
    font_size=8,
)


@dataclass(frozen=True)
class ContractMttr:
    """One contract's MTTR as the SLA service computed it (minutes, 1 decimal).

    Attributes:
        scope: the communities its figure covers (all of the contract's, or only the report's).
        whole: the figure is the SLA report's totals line, not a subset of its rows.
    """

    code: str
    scope: str
    count: int
    mttr_minutes: float | None
    mttr_wall_minutes: float | None
    whole: bool


def _hours(minutes: float) -> str:
    return f"{minutes / 60:,.1f}"


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _contracts(ctx: ReportContext) -> list[Any]:
    if ctx.contract is not None:
        return [ctx.contract]
    contracts = ctx.services.contracts.list(ctx.actor)
    if ctx.community is not None:
        contracts = [c for c in contracts if ctx.community.name in c.communities]
    return sorted(contracts, key=lambda c: c.code)


def mttr_by_contract(ctx: ReportContext) -> list[ContractMttr]:
    """Ask the SLA service for each contract's report over the period and take its MTTR.

    With ``--community`` and a contract covering more communities, the figure is the mean of
    the SLA report's per-work-order resolution minutes of that community's work orders.
    """
    m = ctx.m
    out = []
    req = ctx.request
    for contract in _contracts(ctx):
        ctx.check_cancel()
        report = ctx.services.sla.report(ctx.actor, contract.code, req.date_from, req.date_to)
        t = report.totals
        if ctx.community is None or tuple(contract.communities) == (ctx.community.name,):
            out.append(
                ContractMttr(
                    contract.code,
                    m("mnt.scope_all"),
                    t.count,
                    t.mttr_minutes,
                    t.mttr_wall_minutes,
                    True,
                )
            )
            continue
        mine = {
            w.number for w in ctx.services.workorders.list(ctx.actor, community=ctx.community.name)
        }
        rows = [r for r in report.rows if r.number in mine]
        mean = _mean([r.resolution_minutes for r in rows])
        wall = _mean([r.resolution_wall_minutes for r in rows])
        out.append(
            ContractMttr(
                contract.code,
                m("mnt.scope_rows", c=ctx.community.name),
                len(rows),
                None if mean is None else round(mean, 1),
                None if wall is None else round(wall, 1),
                False,
            )
        )
    return out


def _wall_hours(done: Sequence[Any]) -> float | None:
    """Mean wall-clock hours from creation to resolution of resolved work orders."""
    return _mean(
        [(o.resolved_at - o.created_at).total_seconds() / 3600 for o in done if o.resolved_at]
    )


def _mins(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def build(ctx: ReportContext) -> ReportBody:
    """Build the maintenance report."""
    m, st = ctx.m, ctx.styles
    name = ctx.community.name if ctx.community is not None else None
    orders = ctx.services.workorders.period_summary(ctx.actor, ctx.start, ctx.end, community=name)
    if ctx.contract is not None:
        orders = [o for o in orders if o.contract == ctx.contract.code]
    ctx.progress(0.3)
    mttr = mttr_by_contract(ctx)
    ctx.progress(0.7)
    cats = {code: (en, zh) for code, en, zh in ctx.services.inventory.categories()}

    def cat_label(code: str | None) -> str:
        if code is None:
            return m("mnt.no_device")
        en, zh = cats.get(code, (code, code))
        return str(zh if m.zh else en)

    def src_label(code: str) -> str:
        return str(m.get(f"source.{code}", code))

    live = [o for o in orders if o.status != Status.CANCELLED]
    done = [o for o in live if o.status in DONE]
    cancelled = len(orders) - len(live)
    open_n = len(live) - len(done)
    parts = sum((o.parts_cost for o in orders), Decimal(0))
    labour = sum(o.labour_minutes for o in orders)

    # MTTR headline: the one contract's figure, or the contracts' figures weighted by count
    counted = [c for c in mttr if c.mttr_minutes is not None and c.count]
    if len(counted) == 1:
        head_mttr, head_wall = counted[0].mttr_minutes, counted[0].mttr_wall_minutes
    elif counted:
        n = sum(c.count for c in counted)
        head_mttr = round(sum((c.mttr_minutes or 0.0) * c.count for c in counted) / n, 1)
        head_wall = round(sum((c.mttr_wall_minutes or 0) * c.count for c in counted) / n, 1)
    else:
        head_mttr = head_wall = None

    preventive = [o for o in orders if o.source == "preventive" and o.status != Status.CANCELLED]
    prev_done = [o for o in preventive if o.resolved_at is not None and o.resolved_at < ctx.end]

    story: list[Flowable] = [*heading(m("mnt.summary"), st)]
    story.append(
        figures_block(
            [
                (m("mnt.created"), str(len(orders))),
                (m("mnt.resolved"), str(len(done))),
                (m("mnt.open"), str(open_n)),
                (m("mnt.cancelled"), str(cancelled)),
                (
                    m("mnt.mttr"),
                    m("mnt.mttr_value", v=_mins(head_mttr))
                    if head_mttr is not None
                    else ("—" if mttr else m("mnt.mttr_none")),
                    m("mnt.mttr_note", wall=_mins(head_wall)),
                ),
                (m("mnt.parts_cost"), money(parts) if parts else m("mnt.not_recorded")),
                (m("mnt.labour"), _hours(labour) if labour else m("mnt.not_recorded")),
                (m("mnt.preventive"), f"{len(prev_done)} / {len(preventive)}"),
            ],
            st,
            columns=4,
        )
    )
    if not orders:
        story.append(Spacer(1, 4 * mm))
        story.append(para(m("no_work_orders"), st.h2))

    # corrective (alarms, reports) apart from preventive (plans)
    split_rows = []
    split_figures: dict[str, dict[str, Any]] = {}
    for key, label_key in (("corrective", "mnt.corrective"), ("preventive", "mnt.preventive_work")):
        g = [o for o in orders if (o.source == "preventive") == (key == "preventive")]
        g_live = [o for o in g if o.status != "cancelled"]
        g_done = [o for o in g_live if o.status in DONE]
        wall = _wall_hours(g_done)
        g_parts = sum((o.parts_cost for o in g), Decimal(0))
        g_labour = sum(o.labour_minutes for o in g)
        # parts and labour: in the figures; printed in the costs table, only when recorded
        split_rows.append(
            (
                m(label_key), len(g), len(g_done), len(g_live) - len(g_done),
                "—" if wall is None else f"{wall:,.1f}",
            )
        )  # fmt: skip
        split_figures[key] = {
            "created": len(g),
            "resolved": len(g_done),
            "open": len(g_live) - len(g_done),
            "parts_cost": g_parts,
            "labour_minutes": g_labour,
        }
    split = Section(m, m("mnt.split"), SPLIT, split_rows)
    if orders:
        story += split.story(st, notes=[para(m("mnt.split_explain"), st.small)])

    # by category
    by_cat: dict[str | None, list[Any]] = {}
    for o in orders:
        by_cat.setdefault(o.category, []).append(o)
    cat_order = sorted(by_cat, key=lambda c: (-len(by_cat[c]), c or "~"))
    cat_rows = []
    for code in cat_order:
        g = by_cat[code]
        g_live = [o for o in g if o.status != Status.CANCELLED]
        g_done = [o for o in g_live if o.status in DONE]
        wall = _wall_hours(g_done)
        cat_rows.append(
            (
                cat_label(code),
                len(g),
                sum(1 for o in g if o.kind == "repair"),
                len(g_done),
                len(g_live) - len(g_done),
                "—" if wall is None else f"{wall:,.1f}",
            )
        )
    by_category = Section(m, m("mnt.by_category"), BY_CATEGORY, cat_rows)
    if orders:
        cat_total = (
            m("total"),
            len(orders),
            sum(1 for o in orders if o.kind == "repair"),
            len(done),
            open_n,
            "",
        )
        story += by_category.story(st, rows=[*cat_rows, cat_total], total_row=True)
        story.append(Spacer(1, 3 * mm))
        story.append(
            bar_chart(
                [chart_label(cat_label(c), len(cat_order), st.font) for c in cat_order],
                [(m("mnt.col.count"), [float(len(by_cat[c])) for c in cat_order])],
                title=m("mnt.chart_category"),
                font=st.font,
                height=60 * mm,
            )
        )

    # by community
    by_com: dict[str, list[Any]] = {}
    for o in orders:
        by_com.setdefault(o.community, []).append(o)
    com_rows = []
    for com in sorted(by_com):
        g = by_com[com]
        g_live = [o for o in g if o.status != Status.CANCELLED]
        g_done = [o for o in g_live if o.status in DONE]
        com_rows.append(
            (
                com,
                len(g),
                len(g_done),
                len(g_live) - len(g_done),
            )
        )
    # by source
    src_count = Counter(o.source for o in orders)
    src_rows = [
        (src_label(s), src_count[s], pct(src_count[s] / len(orders)))
        for s in [*SOURCES, *sorted(set(src_count) - set(SOURCES))]
        if src_count[s]
    ]
    by_community = Section(m, m("mnt.by_community"), BY_COMMUNITY, com_rows)
    by_source = Section(m, m("mnt.by_source"), BY_SOURCE, src_rows)
    if orders:
        story += by_community.story(st)
        story += by_source.story(st)

    # parts and labour: a table only when something was recorded
    cost_rows = []
    for code in cat_order:
        g = by_cat[code]
        g_parts = sum((o.parts_cost for o in g), Decimal(0))
        g_labour = sum(o.labour_minutes for o in g)
        if g_parts or g_labour:
            recorded = sum(1 for o in g if o.parts_cost or o.labour_minutes)
            cost_rows.append((cat_label(code), recorded, money(g_parts), _hours(g_labour)))
    costs = Section(m, m("mnt.costs"), COSTS, cost_rows)
    recorded = sum(1 for o in orders if o.parts_cost or o.labour_minutes)
    section = costs.story(
        st,
        empty=m("mnt.no_costs"),
        rows=[*cost_rows, (m("total"), recorded, money(parts), _hours(labour))],
        total_row=True,
    )
    if cost_rows:
        section += [Spacer(1, 2 * mm), para(m("mnt.cost_note"), st.small)]
    story.append(KeepTogether(section))

    # top failing devices: repair work orders per device
    repairs: dict[str, list[Any]] = {}
    for o in live:
        if o.kind == "repair" and o.device is not None:
            repairs.setdefault(o.device, []).append(o)
    top = sorted(repairs.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_DEVICES]
    top_rows = [
        (
            i,
            tag,
            g[0].device_name or "",
            cat_label(g[0].category),
            g[0].community,
            len(g),
            ctx.local(max(o.created_at for o in g)),
        )
        for i, (tag, g) in enumerate(top, start=1)
    ]
    top_devices = Section(m, m("mnt.top_devices"), TOP_FAILING, top_rows)
    story += top_devices.story(st, empty=m("mnt.no_failures"))

    # MTTR by contract, from the SLA service
    mttr_rows = [
        (c.code, c.scope, c.count, _mins(c.mttr_minutes), _mins(c.mttr_wall_minutes)) for c in mttr
    ]
    mttr_section = Section(m, m("mnt.mttr_section"), MTTR, mttr_rows)
    story += mttr_section.story(st, empty=m("mnt.mttr_none"))
    story.append(Spacer(1, 2 * mm))
    story.append(para(m("mnt.mttr_explain"), st.small))

    # preventive: done vs due, by category
    prev_by: dict[str | None, list[Any]] = {}
    for o in preventive:
        prev_by.setdefault(o.category, []).append(o)
    done_numbers = {o.number for o in prev_done}
    prev_rows = []
    for code in sorted(prev_by, key=lambda c: c or "~"):
        g = prev_by[code]
        d = sum(1 for o in g if o.number in done_numbers)
        prev_rows.append((cat_label(code), len(g), d, len(g) - d, pct(d / len(g))))
    if prev_rows:
        prev_rows.append(
            (
                m("total"),
                len(preventive),
                len(prev_done),
                len(preventive) - len(prev_done),
                pct(len(prev_done) / len(preventive)),
            )
        )
    prev_section = Section(m, m("mnt.preventive"), PREVENTIVE, prev_rows)
    section = prev_section.story(
        st,
        notes=[para(m("mnt.preventive_explain"), st.small)],
        empty=m("mnt.no_preventive"),
        total_row=True,
    )
    story.append(KeepTogether(section))

    photo_figures: dict[str, Any] = {}
    if ctx.request.options.get("photos") == "yes":
        photos, photo_figures = photo_section(ctx, orders)
        story += photos

    stamp = "%Y-%m-%d %H:%M:%S"
    order_csv: dict[str, Callable[[Any], Any]] = {
        "number": lambda o: o.number,
        "kind": lambda o: m.code("wo.kind", o.kind),
        "source": lambda o: src_label(o.source),
        "status": lambda o: m.code("wo.status", o.status),
        "priority": lambda o: o.priority,
        "device": lambda o: o.device or "",
        "category": lambda o: cat_label(o.category) if o.category else "",
        "community": lambda o: o.community,
        "contract": lambda o: o.contract or "",
        "created_at": lambda o: ctx.local(o.created_at, stamp),
        "resolved_at": lambda o: ctx.local(o.resolved_at, stamp),
        "labour_minutes": lambda o: o.labour_minutes,
        "parts_cost": lambda o: money(o.parts_cost),
    }
    sections = (
        split,
        by_category,
        by_community,
        by_source,
        top_devices,
        mttr_section,
        prev_section,
        costs,
    )
    return ReportBody(
        story,
        tables=[
            *(x.csv() for x in sections),
            csv_table(m, m("csv.orders"), "csv", order_csv, orders),
        ],
        figures={
            "created": len(orders),
            "resolved": len(done),
            "open": open_n,
            "cancelled": cancelled,
            "by_category": {c: len(g) for c, g in by_cat.items()},
            "category_order": cat_order,
            "by_community": {c: len(g) for c, g in by_com.items()},
            "by_source": dict(src_count),
            "top_devices": [(tag, len(g)) for tag, g in top],
            "mttr": {c.code: c.mttr_minutes for c in mttr},
            "mttr_minutes": head_mttr,
            "parts_cost": parts,
            "labour_minutes": labour,
            "corrective": split_figures["corrective"],
            "preventive": split_figures["preventive"],
            "preventive_due": len(preventive),
            "preventive_done": len(prev_done),
            **photo_figures,
        },
    )
