"""The statement's figures: rates and calendar, the summary, compliance by priority and by
week, the months with their cap, and availability."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from ...services.sla import Statement
from ..api import ReportContext
from ..output import CsvTable
from ..tables import Columns, Section
from ..template import (
    CONTENT_WIDTH,
    bar_chart,
    figures_block,
    heading,
    line_chart,
    para,
)
from .words import mins, money, pct, reason_text

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REASONS = ("waiting_parts", "resident_not_home", "access_denied", "authority_approval", "weather")
RATES = Columns(
    "st.col",
    ("term", "response", "resolution", "calendar", "per_breach", "per_hour", "warning"),
    widths=(22, 24, 24, 34, 24, 26, None),
    numeric=(1, 2, 4, 5, 6),
)
WEEK = Columns("st.wd", WEEKDAYS, wrap=range(7), font_size=7.5)
PRIORITIES = Columns(
    "sla.col",
    (
        "priority",
        "count",
        "response_target",
        "response_ok",
        "resolution_target",
        "resolution_ok",
        "mtta",
        "mttr",
        "breaches",
    ),
    numeric=range(1, 9),
    font_size=8,
)
MONTHS = Columns(
    "st.col",
    ("month", "sla", "availability", "uncapped", "cap", "capped"),
    numeric=range(1, 6),
)
AVAILABILITY = Columns(
    "st.col",
    ("month", "scope", "devices", "av", "target", "known_h", "unknown_h", "steps", "av_penalty"),
    widths=(16, 34, 13, 20, 18, 20, 20, 13, None),
    numeric=range(2, 9),
    font_size=7.5,
)


def rates(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    out = heading(m("st.rates"), sty)
    tz = ctx.tz
    for p in st.policies:
        if len(st.policies) > 1:
            out.append(
                para(
                    m(
                        "st.policy_version",
                        version=p.version,
                        since=ctx.local(p.effective_from),
                        tz=getattr(tz, "key", str(tz)),
                    ),
                    sty.h2,
                )
            )
        rows = [
            (
                m.get(f"st.term.{t.key}", t.key),
                f"{t.response_minutes:,}",
                f"{t.resolution_minutes:,}",
                m("st.always") if t.calendar == "24x7" else t.calendar,
                money(t.penalty_per_breach),
                money(t.penalty_per_hour),
                f"{t.warning_ratio:g}",
            )
            for t in p.terms
        ]
        out.append(RATES.table(m, sty, rows))
        stops = p.stops_clock
        if stops is None:
            text = m("st.stops_all")
        else:
            words = [reason_text(m, r) for r in stops] or [m("none")]
            running = [reason_text(m, r) for r in (*REASONS, "other") if r not in stops]
            text = m(
                "st.stops_some",
                stops=("、" if m.zh else ", ").join(words),
                running=("、" if m.zh else ", ").join(running) or m("none"),
            )
        out.append(Spacer(1, 1.5 * mm))
        out.append(para(text, sty.body))
    if not st.policies:
        out.append(para(m("st.no_policy"), sty.body))
    return out


def calendar(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    out = heading(m("st.calendar"), sty)
    out.append(para(m("st.calendar_intro", tz=getattr(ctx.tz, "key", str(ctx.tz))), sty.body))
    for cal in st.calendars:
        out.append(para(cal.name, sty.h2))
        hours = cal.hours or {}
        row = [("、" if m.zh else ", ").join(hours.get(d, [])) or m("st.day_off") for d in WEEKDAYS]
        out.append(WEEK.table(m, sty, [row]))
        sep = "、" if m.zh else ", "
        holidays = sep.join(d.isoformat() for d in cal.holidays) or m("none")
        makeup = sep.join(
            m("st.makeup_day", day=d.isoformat(), weekday=m(f"st.wd.{w}")) for d, w in cal.makeup
        ) or m("none")
        out.append(Spacer(1, 1.5 * mm))
        out.append(para(m("st.holidays", days=holidays), sty.body))
        out.append(para(m("st.makeup", days=makeup), sty.body))
    if not st.calendars:
        out.append(para(m("st.only_24x7"), sty.body))
    return out


def summary(ctx: ReportContext, st: Statement) -> list[Flowable]:
    m, sty = ctx.m, ctx.styles
    t = st.report.totals
    out = heading(m("sla.summary"), sty)
    out.append(
        figures_block(
            [
                (m("sla.population"), str(t.count)),
                (m("sla.response_compliance"), pct(t.response_compliance)),
                (m("sla.resolution_compliance"), pct(t.resolution_compliance)),
                (m("sla.breaches"), str(t.breaches)),
                (
                    m("sla.mtta"),
                    f"{mins(t.mtta_minutes)} {m('minutes')}",
                    m("sla.wall", wall=mins(t.mtta_wall_minutes)),
                ),
                (
                    m("sla.mttr"),
                    f"{mins(t.mttr_minutes)} {m('minutes')}",
                    m("sla.wall", wall=mins(t.mttr_wall_minutes)),
                ),
                (m("sla.penalty"), money(st.penalty)),
                (m("sla.penalty_uncapped"), money(st.penalty_uncapped)),
            ],
            sty,
            columns=4,
        )
    )
    if not t.count:
        out.append(Spacer(1, 3 * mm))
        out.append(para(m("no_work_orders"), sty.h2))
    return out


def by_priority(st: Statement) -> list[tuple[Any, ...]]:
    groups: dict[str, list[Any]] = {}
    for o in st.report.rows:
        groups.setdefault(o.priority, []).append(o)
    rows = []
    for prio in sorted(groups):
        g = groups[prio]
        n = len(g)
        resp_ok = sum(1 for o in g if not o.response_breached)
        res_ok = sum(1 for o in g if not o.resolution_breached)
        rows.append(
            (
                prio,
                n,
                f"{g[0].response_target_minutes or 0:g}",
                pct(resp_ok / n),
                f"{g[0].resolution_target_minutes or 0:g}",
                pct(res_ok / n),
                mins(sum(o.response_minutes for o in g) / n),
                mins(sum(o.resolution_minutes for o in g) / n),
                n - res_ok,
            )
        )
    return rows


def by_week(ctx: ReportContext, rows: Iterable[Any]) -> list[tuple[str, int, float | None]]:
    """Weekly (Monday-based, local time) counts and resolution compliance of the population."""
    start_day = ctx.start.date()
    first_monday = start_day - timedelta(days=start_day.weekday())
    last_day = (ctx.end - timedelta(seconds=1)).date()
    n_weeks = (last_day - first_monday).days // 7 + 1
    counts = [[0, 0] for _ in range(n_weeks)]
    for o in rows:
        when = o.resolved_at or (ctx.end - timedelta(seconds=1))
        i = (when.astimezone(ctx.tz).date() - first_monday).days // 7
        if 0 <= i < n_weeks:
            counts[i][0] += 1
            counts[i][1] += 0 if o.resolution_breached else 1
    return [
        (f"{first_monday + timedelta(days=7 * i):%m-%d}", n, ok / n * 100 if n else None)
        for i, (n, ok) in enumerate(counts)
    ]


def compliance(ctx: ReportContext, st: Statement) -> tuple[list[Flowable], CsvTable]:
    """Compliance by priority and the weekly trend: the statement's section and the CSV table
    of the priorities."""
    m, sty = ctx.m, ctx.styles
    priorities = Section(m, m("sla.by_priority"), PRIORITIES, by_priority(st))
    out = priorities.story(sty, empty=m("no_work_orders"))
    weeks = by_week(ctx, st.report.rows)
    if weeks and st.report.totals.count:
        half = CONTENT_WIDTH / 2 - 3 * mm
        labels = [w[0] for w in weeks]
        charts = Table(
            [
                [
                    line_chart(
                        labels,
                        [(m("sla.resolution_compliance"), [w[2] for w in weeks])],
                        title=m("sla.trend_compliance"),
                        font=sty.font,
                        value_max=100,
                        width=half,
                    ),
                    bar_chart(
                        labels,
                        [(m("sla.col.count"), [float(w[1]) for w in weeks])],
                        title=m("sla.trend_count"),
                        font=sty.font,
                        width=half,
                    ),
                ]
            ],
            colWidths=[CONTENT_WIDTH / 2] * 2,
        )
        charts.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        # the heading goes to the next page with its charts, never alone at a page's foot
        out.append(KeepTogether([*heading(m("sla.trend"), sty), charts]))
    return out, priorities.csv()


def months(ctx: ReportContext, st: Statement) -> tuple[list[Flowable], CsvTable]:
    """The penalty of each month and its cap: the statement's section and its CSV table."""
    m, sty = ctx.m, ctx.styles
    rows: list[tuple[Any, ...]] = [
        (
            f"{x.year}-{x.month:02d}",
            money(x.sla),
            money(x.availability),
            money(x.uncapped),
            money(x.cap),
            money(x.capped),
        )
        for x in st.months
    ]
    rows.append(
        (
            m("total"),
            money(sum((x.sla for x in st.months), Decimal(0))),
            money(sum((x.availability for x in st.months), Decimal(0))),
            money(st.penalty_uncapped),
            "",
            money(st.penalty),
        )
    )
    c = st.contract
    cap = Decimal(c.monthly_fee) * Decimal(c.penalty_cap_ratio)
    rule = m(
        "sla.cap_rule",
        fee=money(c.monthly_fee),
        ratio=f"{Decimal(c.penalty_cap_ratio).normalize():f}",
        cap=money(cap),
    )
    section = Section(m, m("sla.months"), MONTHS, rows)
    return section.story(sty, notes=[para(rule, sty.body)], total_row=True), section.csv()


def availability(ctx: ReportContext, st: Statement) -> tuple[list[Flowable], CsvTable | None]:
    """The availability penalty of each month and scope: the statement's section (when the
    contract has availability terms) and its CSV table (when there are rows)."""
    m, sty = ctx.m, ctx.styles
    rows = [
        (
            f"{a.year}-{a.month:02d}",
            m("st.all_devices") if a.scope == "all" else m.get(f"category.{a.scope}", a.scope),
            a.devices,
            pct(a.availability, 3),
            pct(float(a.target), 3),
            f"{a.known_s / 3600:,.1f}",
            f"{a.unknown_s / 3600:,.1f}",
            a.steps,
            money(a.penalty),
        )
        for a in st.availability
    ]
    section = Section(m, m("st.availability"), AVAILABILITY, rows)
    table = section.csv() if rows else None
    if not st.contract.availability:
        return [], table
    return section.story(sty, notes=[para(m("st.availability_rule"), sty.body)]), table
