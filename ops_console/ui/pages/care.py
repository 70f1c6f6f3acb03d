"""The Care page: wristband care alerts (SOS, fall, band removed), open ones first;
acknowledge with a note, close with the outcome. For liaisons and managers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHeaderView,
)

from .. import style
from ..care_text import CARE_KINDS, CARE_STATES, CareNoteDialog, acknowledge_dialog, close_dialog
from ..context import UiContext
from ..i18n import N, label, tr
from ..models.rows import RowsModel
from ..widgets import EmptyState, local
from ..widgets import label as make_label
from .base import Page, current_record, header_button, or_empty, select_record, table_view

STATE, KIND, RAISED, COMMUNITY, BUILDING, LOCATION, BAND, ACK, OUTCOME = range(9)
HEADERS = (
    N("State"),
    N("Kind"),
    N("Raised"),
    N("Community"),
    N("Building"),
    N("Location"),
    N("Band"),
    N("Acknowledged"),
    N("Outcome"),
)
# traffic-light role of each state, coloured by the current theme
STATE_COLOURS = {"new": "bad", "acknowledged": "warn", "closed": "ok"}


class CareTableModel(RowsModel[Any]):
    """Care alerts as the service orders them (open first); the object role gives the view."""

    headers = HEADERS

    def cell(self, c: Any, col: int, role: int) -> Any:
        hidden = tr("(hidden)")
        if role == Qt.ItemDataRole.DisplayRole:
            ack = ""
            if c.acknowledged_at is not None:
                ack = f"{local(c.acknowledged_at, '%m-%d %H:%M')} {c.acknowledged_by_name or ''}"
                if c.note:
                    ack += f" · {c.note}"
            where = c.band_id is not None or c.zone is not None or c.location is not None
            return (
                label(CARE_STATES, c.state),
                label(CARE_KINDS, c.kind),
                local(c.raised_at),
                c.community,
                (c.zone or "") if where else hidden,
                (c.location or "") if where else hidden,
                (c.band_id or "") if where else hidden,
                ack,
                c.outcome or "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col in (ACK, OUTCOME, LOCATION):
            return self.cell(c, col, Qt.ItemDataRole.DisplayRole) or None
        if role == Qt.ItemDataRole.ForegroundRole and col in (STATE, KIND):
            return QBrush(style.fg(STATE_COLOURS[c.state]))
        return None


class CarePage(Page):
    key = "care"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.ack_button = header_button(tr("&Acknowledge…"), self.acknowledge)
        self.close_button = header_button(tr("&Close with outcome…"), self.close_alert)
        self.add_header(
            tr(
                "Wristband SOS, fall and removal alerts of elderly residents: open ones first. "
                "They are people, not devices: never a repair work order."
            ),
            self.ack_button,
            self.close_button,
        )
        row = self.open_only_row(tr("Open alerts only"))
        self.count = make_label("", "muted")
        row.addWidget(self.count)
        self.model = CareTableModel()
        self.view = table_view(self.model, tr("Care alerts"), striped=True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        head = self.view.horizontalHeader()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fm = self.view.fontMetrics()

        def width(*texts: str) -> int:
            return max(fm.horizontalAdvance(t) for t in texts) + 24

        def caption(col: int) -> str:
            return tr(HEADERS[col])

        widths = {
            STATE: width(caption(STATE), *(label(CARE_STATES, k) for k in CARE_STATES)),
            KIND: width(caption(KIND), *(label(CARE_KINDS, k) for k in CARE_KINDS)),
            RAISED: width(caption(RAISED), "2026-12-31 23:59"),
            COMMUNITY: width(caption(COMMUNITY), "科技园社区"),
            BUILDING: width(caption(BUILDING), "地下车库B2"),
            LOCATION: 200,
            BAND: width(caption(BAND), "B-000000"),
            ACK: 240,
        }
        for col, w in widths.items():
            self.view.setColumnWidth(col, w)
        self.empty = EmptyState(
            tr("No open care alerts"), tr("SOS, fall and removal alerts appear here."), "care"
        )
        self.stack = or_empty(self.view, self.empty)
        self.outer.addWidget(self.stack, 1)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.connect_event(ctx.events.care_changed, self.refresh)
        self._enable()

    def refresh(self) -> None:
        services, actor, open_only = self.ctx.services, self.ctx.actor, self.open_only.isChecked()
        self.in_background(
            "care alerts",
            lambda: services.monitoring.care_alerts(actor, open_only=open_only),
            self._loaded,
        )

    def _loaded(self, rows: list[Any]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        open_n = sum(1 for c in rows if c.state != "closed")
        self.count.setText(tr("{n} open").format(n=open_n))
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        if rows:
            ids = [c.id for c in rows]
            self.view.selectRow(ids.index(selected.id) if selected and selected.id in ids else 0)
        self._enable()

    def selected(self) -> Any:
        return current_record(self.view)

    def select(self, care_id: int) -> None:
        select_record(self.view, lambda c: c.id == care_id)

    def _enable(self) -> None:
        c = self.selected()
        self.ack_button.setEnabled(c is not None and c.state == "new")
        self.close_button.setEnabled(c is not None and c.state == "acknowledged")

    def _open(self, dialog: CareNoteDialog) -> CareNoteDialog:
        dialog.open()
        return dialog

    def acknowledge(self) -> CareNoteDialog | None:
        c = self.selected()
        return self._open(acknowledge_dialog(self.ctx, c, self)) if c is not None else None

    def close_alert(self) -> CareNoteDialog | None:
        c = self.selected()
        return self._open(close_dialog(self.ctx, c, self)) if c is not None else None

    def apply_filters(self, filters: dict[str, Any]) -> None:
        if "id" in filters:
            self.select(int(filters["id"]))
