"""The SLA page: per contract, compliance this month and last, at-risk list, breaches and penalty."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
)

from ...domain.clock import DEFAULT_TIMEZONE
from .. import style
from ..context import UiContext
from ..i18n import STATUS, label, tr
from ..models.workorders import RISK_COLOURS
from ..sla_text import clock_text, clock_tooltip, duration
from ..tasks import side_by_side
from ..widgets import EmptyState, Tile
from ..widgets import label as make_label
from ..workorder_text import words
from .base import Page, list_tree, or_empty

if TYPE_CHECKING:
    from ...services.container import Services
    from ...services.context import Actor
    from ...services.sla import ContractInfo
    from ...services.sla.service import OpenClock, SlaReport

    # this month's reports, last month's, the open clocks
    _Loaded = tuple[list[SlaReport], list[SlaReport], list[OpenClock]]


def month_bounds(today: date, back: int = 0) -> tuple[date, date]:
    """The whole calendar month ``back`` months before ``today``'s: its first and last day
    (what a monthly statement covers; a running month is judged as of now by the service)."""
    first = today.replace(day=1)
    for _ in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, nxt - timedelta(days=1)


def contract_today(now: datetime, timezone: str) -> date:
    """Today's date in the contract's time zone (the statement's months are local)."""
    return now.astimezone(ZoneInfo(timezone)).date()


@dataclass(frozen=True)
class MonthFigures:
    """One month's figures of one contract's statement, or of several added up.

    Attributes:
        count: work orders in the population.
        breaches: resolution breaches.
        compliance: share within the resolution target (None when no work order).
        penalty: the capped penalty charged.
    """

    count: int
    breaches: int
    compliance: float | None
    penalty: Decimal


def month_figures(reports: Sequence[Any]) -> MonthFigures:
    """The figures of ``SlaService.report`` results: one report's own, or their sums (the
    compliance of several contracts over their pooled populations)."""
    if len(reports) == 1:
        t = reports[0].totals
        return MonthFigures(t.count, t.breaches, t.resolution_compliance, t.penalty)
    count = sum(r.totals.count for r in reports)
    breaches = sum(r.totals.breaches for r in reports)
    penalty = sum((r.totals.penalty for r in reports), Decimal(0))
    return MonthFigures(count, breaches, (count - breaches) / count if count else None, penalty)


def figures(
    services: Services,
    actor: Actor,
    code: str,
    zones: dict[str, str],
    clocks: list[OpenClock] | None = None,
) -> _Loaded:
    """This month's and last month's report of the contract ``code`` (every contract when
    empty) over the same whole months as the statement (report sla), and its open clocks
    unless given (runs in the background).

    Each report and the clocks are read side by side, each in a transaction of its own: over
    a remote database the longest sets the time (about twelve round trips), not their sum.
    """
    wanted = []
    for c in [code] if code else list(zones):
        today = contract_today(services.clock.now(), zones.get(c, DEFAULT_TIMEZONE))
        wanted += [(c, *month_bounds(today)), (c, *month_bounds(today, 1))]
    calls: list[Callable[[], Any]] = [
        functools.partial(services.sla.report, actor, *w) for w in wanted
    ]
    if clocks is None:
        calls.append(lambda: services.sla.status(actor, contract=code or None))
    read = side_by_side(*calls)
    reports: list[SlaReport] = read[: len(wanted)]
    return reports[0::2], reports[1::2], read[len(wanted)] if clocks is None else clocks


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.1f}%"


class SlaPage(Page):
    key = "sla"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.add_header(tr("Compliance per contract in business time, at-risk work and penalties."))
        row = QHBoxLayout()
        self.contract = QComboBox()
        self.contract.setAccessibleName(tr("Contract"))
        row.addWidget(make_label(tr("Contract:")))
        row.addWidget(self.contract)
        row.addStretch(1)
        self.outer.addLayout(row)
        tiles = QHBoxLayout()
        self.tiles = {
            k: Tile(t)
            for k, t in (
                ("this", tr("Resolution compliance this month")),
                ("last", tr("Resolution compliance last month")),
                ("breaches", tr("Breaches this month")),
                ("penalty", tr("Penalty this month (capped)")),
            )
        }
        for t in self.tiles.values():
            tiles.addWidget(t)
        self.outer.addLayout(tiles)
        number, priority = "WO-2026-000000", "P1"
        # the widest a clock's text gets (late by up to 999 h, paused for up to 99 h)
        clock = (
            tr("late {t}").format(t=duration(999 * 60 + 59)),
            tr("paused, late {t}").format(t=duration(99 * 60 + 59)),
            tr("paused, {t} left").format(t=duration(99 * 60 + 59)),
        )
        self.risk = self._listing(
            tr("Open work orders at risk or breached"),
            tr("Work orders at risk"),
            [
                (tr("Number"), number),
                (tr("Priority"), priority),
                (tr("Status"), label(STATUS, "in_progress")),
                (tr("Title"), ""),
                (tr("Response (business time)"), clock),
                (tr("Resolution (business time)"), clock),
            ],
        )
        self.risk.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.risk.itemActivated.connect(
            lambda it: ctx.events.open_page.emit("workorders", {"number": it.text(0)})
        )
        self.risk_empty = EmptyState(
            tr("Nothing at risk"), tr("Every open work order is within its SLA."), "sla"
        )
        self.risk_stack = or_empty(self.risk, self.risk_empty)
        self.outer.addWidget(self.risk_stack, 1)
        self.breaches = self._listing(
            tr("Breaches this month"),
            tr("Breaches"),
            [
                (tr("Number"), number),
                (tr("Priority"), priority),
                (tr("Late (business time)"), duration(999 * 60)),
                (tr("Business minutes late"), "99,999.9"),
                (tr("Charged this month (¥)"), "99,999.00"),
            ],
        )
        self.outer.addWidget(self.breaches, 1)
        self.contract.currentIndexChanged.connect(lambda _i: self.load_contract())
        self.risk_filter: str | None = None
        self.timezones: dict[str, str] = {}

    def _listing(
        self, subtitle: str, name: str, columns: Sequence[tuple[str, str | tuple[str, ...]]]
    ) -> QTreeWidget:
        """A striped list under its ``subtitle`` (added to the page), its columns given as
        (header, sample): each as wide as its header and its widest sample text (one text, or
        the texts it may take)."""
        self.outer.addWidget(make_label(subtitle, "subtitle"))
        tree = list_tree(name, [head for head, _sample in columns])
        tree.setAlternatingRowColors(True)
        tree.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        tree.header().setStretchLastSection(False)
        fm = tree.fontMetrics()
        for col, (head, sample) in enumerate(columns):
            texts = (head, sample) if isinstance(sample, str) else (head, *sample)
            tree.setColumnWidth(col, max(fm.horizontalAdvance(t) for t in texts) + 28)
        return tree

    def apply_filters(self, filters: dict[str, Any]) -> None:
        self.risk_filter = filters.get("risk")
        self.refresh()

    def refresh(self) -> None:
        """Read the contracts and the chosen one's figures in one background task (the
        figures in one transaction): on a remote database each costs round trips."""
        services, actor = self.ctx.services, self.ctx.actor
        # the contract shown: the one chosen, else every contract (one alone when there is
        # one); from the dashboard's tiles, which count every contract, every contract
        chosen = "" if self.risk_filter else self.contract.currentData()

        def load() -> tuple[list[ContractInfo], str, _Loaded]:
            # the open clocks of the contract most likely shown, beside the contracts
            guess = chosen or None
            contracts, clocks = side_by_side(
                lambda: services.contracts.list(actor),
                lambda: services.sla.status(actor, contract=guess),
            )
            codes = [c.code for c in contracts]
            code = chosen if chosen in codes else ("" if len(codes) != 1 else codes[0])
            zones = {c.code: c.timezone for c in contracts}
            known = clocks if (code or None) == guess else None
            return contracts, code, figures(services, actor, code, zones, known)

        self.in_background("sla", load, self._contracts)

    def _contracts(self, data: tuple[list[ContractInfo], str, _Loaded]) -> None:
        contracts, code, loaded = data
        self.contract.blockSignals(True)
        self.contract.clear()
        self.timezones = {c.code: c.timezone for c in contracts}
        if len(contracts) > 1:
            self.contract.addItem(tr("All contracts"), "")
        for c in contracts:
            self.contract.addItem(f"{c.code} {getattr(c, 'name', '')}".strip(), c.code)
        self.contract.setCurrentIndex(max(0, self.contract.findData(code)))
        self.contract.blockSignals(False)
        self._loaded(loaded)

    def load_contract(self) -> None:
        """Another contract chosen: its figures, in the background."""
        code = self.contract.currentData() or ""
        services, actor, zones = self.ctx.services, self.ctx.actor, dict(self.timezones)
        self.in_background("sla", lambda: figures(services, actor, code, zones), self._loaded)

    def _loaded(self, data: _Loaded) -> None:
        this, last, clocks = data
        self.breaches.clear()
        now, before = month_figures(this), month_figures(last)
        self.tiles["this"].set_value(_pct(now.compliance))
        self.tiles["last"].set_value(_pct(before.compliance))
        self.tiles["breaches"].set_value(str(now.breaches) if this else "–")
        self.tiles["penalty"].set_value(f"¥{now.penalty:,.2f}" if this else "–")
        for report in this:
            for r in report.rows:
                if r.resolution_breached:
                    item = QTreeWidgetItem(
                        [
                            r.number,
                            r.priority,
                            duration(r.minutes_late),
                            f"{r.minutes_late:,.1f}",
                            f"{r.penalty:,.2f}",
                        ]
                    )
                    for col in (2, 3, 4):
                        item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
                    self.breaches.addTopLevelItem(item)
        self.risk.clear()
        wanted = {self.risk_filter} if self.risk_filter else {"at_risk", "breached"}
        for c in clocks:
            if c.risk not in wanted:
                continue
            item = QTreeWidgetItem(
                [c.number, c.priority, label(STATUS, c.status), words(c.title), "", ""]
            )
            for col, view in ((4, c.response), (5, c.resolution)):
                text, _left, risk = clock_text(view)
                item.setText(col, text)
                item.setToolTip(col, clock_tooltip(view))
                if risk in ("at_risk", "breached"):
                    item.setForeground(col, QBrush(style.fg(RISK_COLOURS[risk])))
            self.risk.addTopLevelItem(item)
        self.risk_stack.setCurrentWidget(
            self.risk if self.risk.topLevelItemCount() else self.risk_empty
        )
