"""The SLA page: per contract, compliance this month and last, at-risk list, breaches and penalty."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QStackedWidget, QTreeWidget, QTreeWidgetItem

from ..context import UiContext
from ..i18n import RISK, STATUS, N, label, tr
from ..models.workorders import countdown
from ..widgets import EmptyState, PageHeader, Tile, show_error
from ..widgets import label as make_label
from .base import Page


def month_bounds(today: date, back: int = 0) -> tuple[date, date]:
    first = today.replace(day=1)
    for _ in range(back):
        first = (first - timedelta(days=1)).replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first, min(nxt - timedelta(days=1), today) if back == 0 else nxt - timedelta(days=1)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.1f}%"


class SlaPage(Page):
    key = "sla"
    title = N("SLA")
    icon_name = "sla"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.outer.addWidget(
            PageHeader(
                tr(self.title),
                tr("Compliance per contract in business time, at-risk work and penalties."),
            )
        )
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
        self.outer.addWidget(make_label(tr("Open work orders at risk or breached"), "subtitle"))
        self.risk = QTreeWidget()
        self.risk.setRootIsDecorated(False)
        self.risk.setAccessibleName(tr("Work orders at risk"))
        self.risk.setHeaderLabels(
            [
                tr("Number"),
                tr("Priority"),
                tr("Status"),
                tr("Title"),
                tr("Risk"),
                tr("Resolution SLA"),
            ]
        )
        self.risk.itemActivated.connect(
            lambda it: ctx.events.open_page.emit("workorders", {"number": it.text(0)})
        )
        self.risk_empty = EmptyState(
            tr("Nothing at risk"), tr("Every open work order is within its SLA."), "sla"
        )
        self.risk_stack = QStackedWidget()
        self.risk_stack.addWidget(self.risk)
        self.risk_stack.addWidget(self.risk_empty)
        self.outer.addWidget(self.risk_stack, 1)
        self.outer.addWidget(make_label(tr("Breaches this month"), "subtitle"))
        self.breaches = QTreeWidget()
        self.breaches.setRootIsDecorated(False)
        self.breaches.setAccessibleName(tr("Breaches"))
        self.breaches.setHeaderLabels(
            [tr("Number"), tr("Priority"), tr("Minutes late"), tr("Penalty (¥)")]
        )
        self.outer.addWidget(self.breaches, 1)
        for tree in (self.risk, self.breaches):
            tree.setColumnWidth(0, 140)
            tree.setAlternatingRowColors(True)
            tree.setStyleSheet("QTreeWidget::item { padding: 4px 2px; }")
        for col, width in enumerate((140, 70, 100, 360, 100, 140)):
            self.risk.setColumnWidth(col, width)
        self.contract.currentIndexChanged.connect(lambda _i: self.load_contract())
        self.risk_filter: str | None = None

    def apply_filters(self, filters: dict[str, Any]) -> None:
        self.risk_filter = filters.get("risk")
        self.refresh()

    def refresh(self) -> None:
        try:
            contracts = self.ctx.services.contracts.list(self.ctx.actor)
        except Exception as exc:
            show_error(self, exc)
            return
        self.contract.blockSignals(True)
        current = self.contract.currentData()
        self.contract.clear()
        for c in contracts:
            self.contract.addItem(f"{c.code} {getattr(c, 'name', '')}".strip(), c.code)
        self.contract.setCurrentIndex(max(0, self.contract.findData(current)))
        self.contract.blockSignals(False)
        self.load_contract()

    def load_contract(self) -> None:
        code = self.contract.currentData()
        services, actor = self.ctx.services, self.ctx.actor
        now = services.clock.now()

        def load(_c: Any) -> Any:
            today = now.date()
            this = services.sla.report(actor, code, *month_bounds(today)) if code else None
            last = services.sla.report(actor, code, *month_bounds(today, 1)) if code else None
            return this, last, services.sla.status(actor), now

        self.ctx.runner.run(
            load, success=self._loaded, failure=lambda e: show_error(self, e), name="sla"
        )

    def _loaded(self, data: Any) -> None:
        this, last, clocks, now = data
        if this is not None:
            self.tiles["this"].set_value(_pct(this.totals.resolution_compliance))
            self.tiles["last"].set_value(_pct(last.totals.resolution_compliance))
            self.tiles["breaches"].set_value(str(this.totals.breaches))
            self.tiles["penalty"].set_value(f"¥{this.totals.penalty:,.0f}")
            self.breaches.clear()
            for r in this.rows:
                if r.resolution_breached:
                    self.breaches.addTopLevelItem(
                        QTreeWidgetItem(
                            [r.number, r.priority, f"{r.minutes_late:.0f}", f"{r.penalty:,.2f}"]
                        )
                    )
        self.risk.clear()
        wanted = {self.risk_filter} if self.risk_filter else {"at_risk", "breached"}
        for c in clocks:
            if c.risk in wanted:
                text, _left, _r = countdown(c.resolution, now)
                self.risk.addTopLevelItem(
                    QTreeWidgetItem(
                        [
                            c.number,
                            c.priority,
                            label(STATUS, c.status),
                            c.title,
                            label(RISK, c.risk),
                            text,
                        ]
                    )
                )
        self.risk_stack.setCurrentWidget(
            self.risk if self.risk.topLevelItemCount() else self.risk_empty
        )
