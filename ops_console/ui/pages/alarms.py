"""The Alarms page: open and recent alarms, acknowledge, jump to the linked work order."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidgetItem

from .. import style
from ..alarm_text import AlarmTexts
from ..context import UiContext
from ..i18n import SEVERITY, label, tr
from ..operations import Operation
from ..widgets import EmptyState, local
from .base import Page, header_button, list_tree, or_empty

if TYPE_CHECKING:
    from ...services.monitoring import AlarmInfo

SEVERITY_COLOUR = {"critical": "bad", "compliance": "bad", "warning": "warn"}
MESSAGE, WORK_ORDER = 4, 5
# least widths of the columns beside the message, which takes the rest and elides; a column
# is widened to its header (and the severity column to its longest label)
CLEARED = 6
WIDTHS = {0: 124, 1: 56, 2: 250, 3: 64, WORK_ORDER: 150, CLEARED: 124, 7: 72}


class AlarmsPage(Page):
    key = "alarms"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.ack_button = header_button(
            tr("&Acknowledge"), self.acknowledge, visible=ctx.actor.can("alarm.ack")
        )
        self.wo_button = header_button(tr("Open &work order"), self.open_workorder)
        self.add_header(
            tr("An alarm opens after repeated failed polls and clears after good ones."),
            self.ack_button,
            self.wo_button,
        )
        self.open_only_row(tr("Open alarms only"))
        self.tree = list_tree(
            tr("Alarms"),
            [
                tr("Opened"),
                tr("Severity"),
                tr("Device"),
                tr("Community"),
                tr("Message"),
                tr("Work order"),
                tr("Cleared"),
                tr("Acknowledged"),
            ],
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        columns = self.tree.header()
        columns.setStretchLastSection(False)
        columns.setMinimumSectionSize(48)
        fm = self.tree.fontMetrics()
        heads = self.tree.headerItem()
        for col, w in WIDTHS.items():
            texts = [heads.text(col)]
            if col == 1:
                texts += [label(SEVERITY, s) for s in SEVERITY]
            need = max(fm.horizontalAdvance(t) for t in texts) + 24
            columns.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(col, max(w, need))
        columns.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 5px 2px; }")
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self.open_workorder())
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.empty = EmptyState(
            tr("No alarms — all devices healthy"),
            tr("Alarms appear here when a device keeps failing its polls."),
            "alarms",
        )
        self.stack = or_empty(self.tree, self.empty)
        self.outer.addWidget(self.stack, 1)
        self.rows: list[Any] = []
        self.severity: str | None = None
        self.texts = AlarmTexts()
        self._update_buttons()
        self.connect_event(ctx.events.alarms_changed, self._alarms_arrived)

    def _alarms_arrived(self) -> None:
        if self._activated:
            self.refresh()

    def apply_filters(self, filters: dict[str, Any]) -> None:
        self.severity = filters.get("severity")
        self.refresh()

    def refresh(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor
        open_only = self.open_only.isChecked()
        # open alarms have no clearing time: the column would only take the message's room
        self.tree.setColumnHidden(CLEARED, open_only)
        self.in_background(
            "alarms",
            lambda: services.monitoring.list_alarms(actor, open_only=open_only, limit=2000),
            self._loaded,
        )

    def _loaded(self, rows: list[Any]) -> None:
        if self.severity:
            rows = [a for a in rows if a.severity == self.severity]
        self.rows = rows
        self.tree.clear()
        self.texts = AlarmTexts()  # the language may change
        for a in rows:
            self.tree.addTopLevelItem(self._item(a))
        self.stack.setCurrentWidget(self.tree if rows else self.empty)
        self._update_buttons()

    def _item(self, a: AlarmInfo) -> QTreeWidgetItem:
        device = f"{a.asset_tag} {a.device_name}"
        message = self.texts.message(a, device=False)
        handover = self.texts.handover(a)
        item = QTreeWidgetItem(
            [
                local(a.opened_at),
                label(SEVERITY, a.severity),
                device,
                a.community,
                message,
                handover,
                local(a.cleared_at),
                a.acknowledged_by or "",
            ]
        )
        item.setData(0, 256, a.id)
        item.setToolTip(2, device)
        item.setToolTip(MESSAGE, self.texts.message(a))
        item.setToolTip(WORK_ORDER, self.texts.handover(a, detail=True))
        colour = SEVERITY_COLOUR.get(a.severity)
        if colour is not None and a.cleared_at is None:
            item.setForeground(1, QBrush(style.fg(colour)))
        if a.work_order_number is None and a.handover_status == "failed":
            item.setForeground(WORK_ORDER, QBrush(style.fg("bad")))
        return item

    def _update_buttons(self) -> None:
        a = self.selected()
        self.wo_button.setEnabled(a is not None and a.work_order_number is not None)
        self.ack_button.setEnabled(a is not None and a.acknowledged_at is None)

    def selected(self) -> Any:
        item = self.tree.currentItem()
        if item is None:
            return None
        aid = item.data(0, 256)
        return next((a for a in self.rows if a.id == aid), None)

    def acknowledge(self) -> Operation[AlarmInfo] | None:
        """Acknowledge the selected alarm in the background; its row shows the result."""
        a = self.selected()
        if a is None:
            return None
        monitoring, actor, alarm_id = self.ctx.services.monitoring, self.ctx.actor, a.id
        op = (
            Operation(self, lambda: monitoring.acknowledge(actor, alarm_id), runner=self.ctx.runner)
            .busy(self.ack_button)
            .success(self._acknowledged)
        )
        op.run()
        return op

    def _acknowledged(self, a: AlarmInfo) -> None:
        """Show the acknowledged alarm in its row, without reloading the list."""
        i = next((i for i, r in enumerate(self.rows) if r.id == a.id), None)
        if i is None:
            return
        self.rows[i] = a
        current = self.tree.currentItem() is self.tree.topLevelItem(i)
        self.tree.takeTopLevelItem(i)
        item = self._item(a)
        self.tree.insertTopLevelItem(i, item)
        if current:
            self.tree.setCurrentItem(item)
        self._update_buttons()

    def open_workorder(self) -> None:
        """Open the selected alarm's work order (double-click, or "Open work order")."""
        a = self.selected()
        if a is None or a.work_order_number is None:
            return
        self.ctx.events.open_page.emit("workorders", {"number": a.work_order_number})
