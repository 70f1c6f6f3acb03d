"""The Plans page's table: one preventive plan per row (name, target, schedule, next due…)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from ...services.workorders import PlanInfo
from .. import style
from ..i18n import KINDS, N, label, tr
from .roles import SORT_ROLE
from .rows import RowsModel

COLUMNS = (
    N("Plan"),
    N("Applies to"),
    N("Schedule"),
    N("Kind"),
    N("Priority"),
    N("State"),
    N("Next due"),
    N("Last generated"),
    N("Orders"),
)
NAME, TARGET, SCHEDULE, KIND, PRIORITY, STATE, NEXT, LAST, ORDERS = range(len(COLUMNS))


def schedule_text(p: PlanInfo) -> str:
    """ "every 7 days" or "monthly on day 1", in the reader's language."""
    if p.every_days is not None:
        return tr("every {n} days").format(n=p.every_days)
    return tr("monthly on day {day}").format(day=p.day_of_month)


class PlansModel(RowsModel[PlanInfo]):
    """Plans as rows; ``category_name`` turns a category code into its name."""

    headers = COLUMNS

    def __init__(self, category_name: Callable[[str], str]) -> None:
        super().__init__()
        self.category_name = category_name

    def _text(self, p: PlanInfo, col: int) -> str:
        if col == NAME:
            return p.name
        if col == TARGET:
            if p.device:
                return p.device
            return tr("{category} (all)").format(category=self.category_name(p.category or ""))
        if col == SCHEDULE:
            return schedule_text(p)
        if col == KIND:
            return label(KINDS, p.kind)
        if col == PRIORITY:
            return p.priority
        if col == STATE:
            return tr("active") if p.active else tr("paused")
        if col == NEXT:
            return p.next_due.isoformat() if p.next_due and p.active else "—"
        if col == LAST:
            return p.last_due.isoformat() if p.last_due else "—"
        return str(p.generated)

    def cell(self, p: PlanInfo, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(p, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == NAME and p.checklist:
            return p.checklist
        if role == Qt.ItemDataRole.ForegroundRole and col == STATE and not p.active:
            return QBrush(style.fg("warn"))
        if role == SORT_ROLE:
            native: dict[int, Any] = {NEXT: p.next_due, LAST: p.last_due, ORDERS: p.generated}
            return native.get(col, self._text(p, col))
        return None
