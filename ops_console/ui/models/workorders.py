"""The work-order list with live SLA countdown columns (targeted dataChanged each tick)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from .. import style
from ..i18n import STATUS, N, label, tr
from ..widgets import aware, local
from .roles import OBJECT_ROLE, SORT_ROLE

NUMBER, PRIORITY, STATUS_COL, TITLE, COMMUNITY, ASSIGNEE, RESPONSE, RESOLUTION, CREATED = range(9)
HEADERS = (
    N("Number"),
    N("Priority"),
    N("Status"),
    N("Title"),
    N("Community"),
    N("Assignee"),
    N("Response SLA"),
    N("Resolution SLA"),
    N("Created"),
)
RISK_COLOURS = {"breached": style.BAD, "at_risk": style.WARN, "ok": style.OK}
RISK_BG = {"breached": style.BAD_BG, "at_risk": style.WARN_BG, "ok": style.OK_BG}


def countdown(view: Any, now: datetime) -> tuple[str, float, str]:
    """A clock as text, sort value (minutes left) and risk: ``2h 05m left``, ``late 1h``."""
    if view is None:
        return "", float("inf"), ""
    if view.state == "not_started":
        return "", float("inf"), ""
    if view.state == "stopped":
        if view.breached:
            return (
                tr("missed by {t}").format(t=_dur(view.minutes - view.target_minutes)),
                1e9,
                "breached",
            )
        return tr("met"), float("inf"), "ok"
    risk = "breached" if view.breached else "at_risk" if view.at_risk else "ok"
    if view.deadline is None:
        left = view.target_minutes - view.minutes
        text = (
            tr("paused, {t} left").format(t=_dur(left))
            if left >= 0
            else tr("late {t}").format(t=_dur(-left))
        )
        return text, left, risk
    left = (aware(view.deadline) - now).total_seconds() / 60  # type: ignore[operator]
    if left >= 0 and not view.breached:
        return tr("{t} left").format(t=_dur(left)), left, risk
    late = max(-left, view.minutes - view.target_minutes)
    return tr("late {t}").format(t=_dur(late)), -late, "breached"


def _dur(minutes: float) -> str:
    m = int(abs(minutes))
    d, rest = divmod(m, 1440)
    h, mm = divmod(rest, 60)
    if d:
        return tr("{d}d {h}h").format(d=d, h=h)
    if h:
        return tr("{h}h {m}m").format(h=h, m=f"{mm:02d}")
    return tr("{m}m").format(m=mm)


class WorkOrderTableModel(QAbstractTableModel):
    """Work orders with their SLA clocks (``clocks`` from the SLA service, by number)."""

    def __init__(self, communities: dict[int, str] | None = None) -> None:
        super().__init__()
        self.rows: list[Any] = []
        self.clocks: dict[str, Any] = {}
        self.communities = communities or {}
        self.now: datetime | None = None

    def set_rows(self, rows: list[Any], clocks: dict[str, Any], now: datetime) -> None:
        self.beginResetModel()
        self.rows = rows
        self.clocks = clocks
        self.now = now
        self.endResetModel()

    def tick(self, now: datetime) -> None:
        """Move the countdowns on: only the two SLA columns change."""
        self.now = now
        if self.rows:
            self.dataChanged.emit(
                self.index(0, RESPONSE),
                self.index(len(self.rows) - 1, RESOLUTION),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, SORT_ROLE],
            )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[section])
        return None

    def clock_cell(self, number: str, col: int) -> tuple[str, float, str]:
        clock = self.clocks.get(number)
        if clock is None or self.now is None:
            return "", float("inf"), ""
        return countdown(clock.response if col == RESPONSE else clock.resolution, self.now)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        w = self.rows[index.row()]
        col = index.column()
        if role == OBJECT_ROLE:
            return w
        if col in (RESPONSE, RESOLUTION) and role in (
            Qt.ItemDataRole.DisplayRole,
            SORT_ROLE,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            text, left, risk = self.clock_cell(w.number, col)
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            if role == SORT_ROLE:
                return left
            if not risk:
                return None
            return QBrush(
                RISK_COLOURS[risk] if role == Qt.ItemDataRole.ForegroundRole else RISK_BG[risk]
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                w.number,
                w.priority,
                label(STATUS, w.status),
                w.title,
                self.communities.get(w.community_id, str(w.community_id)),
                w.assignee or "",
                "",
                "",
                local(w.created_at),
            )[col]
        if role == SORT_ROLE:
            return (
                w.number,
                w.priority,
                w.status,
                w.title,
                w.community_id,
                w.assignee or "",
                0,
                0,
                aware(w.created_at),
            )[col]
        return None
