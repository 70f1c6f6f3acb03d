"""The work-order list with live SLA countdown columns (targeted dataChanged on each refresh).

The clocks are the SLA service's readings (``SlaService.status``), replaced wholesale when
the page reads them again; a resolved or closed order shows its stopped clocks
(``SlaService.final_clocks``: met, or missed by how much) instead of a blank cell. This
model only formats them (:mod:`..sla_text`).

Like the device table, filtering and sorting happen in the model in bulk over precomputed
keys (a per-row ``filterAcceptsRow`` callback costs ~3 µs a row: 300 ms a keystroke at
100,000 work orders); the proxy only keeps Qt's interface.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from ...domain.lifecycle import OPEN_STATUSES, Status
from .. import style
from ..i18n import STATUS, N, label, tr
from ..sla_text import clock_text, clock_tooltip, paused_icon, sort_value
from ..widgets import local
from ..workorder_text import words
from .bulk import BulkProxy, BulkTableModel
from .roles import SORT_ROLE

if TYPE_CHECKING:
    from ...services.sla import OpenClock
    from ...services.workorders.views import WorkOrderRow

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
# traffic-light role of each SLA risk, coloured by the current theme
RISK_COLOURS = {"breached": "bad", "at_risk": "warn", "ok": "ok"}


INF = float("inf")
# a status sorts where it stands in the lifecycle (the order of domain.lifecycle.Status)
STATUS_ORDER = {status.value: i for i, status in enumerate(Status)}


class WorkOrderTableModel(BulkTableModel["WorkOrderRow"]):
    """Work orders with their SLA clocks (``clocks``: the SLA service's ``OpenClock`` by
    number; the model formats them and computes nothing).

    Shows the rows the current filter accepts, in the current order. Filters: ``mine``
    (assignee user name), ``status`` (a status, ``open``, or ``awaiting``: resolved, waiting
    for the liaison's verification), ``priority``,
    ``community_id``, ``source``, ``number`` (exact) and ``text`` (number, title, device,
    assignee's login or name; substring, case-insensitive).
    """

    headers = HEADERS

    def __init__(self, communities: dict[int, str] | None = None) -> None:
        super().__init__((RESOLUTION, Qt.SortOrder.AscendingOrder))
        self.clocks: dict[str, OpenClock] = {}
        self.final: dict[str, OpenClock] = {}  # the stopped clocks of resolved and closed orders
        self.communities = communities or {}
        self._open: list[bool] = []
        self._where: dict[str, int] = {}

    # loading ----------------------------------------------------------------------
    def set_rows(
        self,
        rows: Sequence[WorkOrderRow],
        clocks: dict[str, OpenClock],
        final: dict[str, OpenClock] | None = None,
    ) -> None:
        self.clocks = clocks
        if final is not None:
            self.final = final
        self._load(rows)

    def _index(self) -> None:
        self._keys = [
            f"{w.number}\t{words(w.title)}\t{w.device or ''}\t{w.assignee or ''}\t{w.assignee_name or ''}".lower()
            for w in self.rows
        ]
        self._cols = {
            name: [getattr(w, name) for w in self.rows]
            for name in ("number", "status", "priority", "community_id", "source", "assignee")
        }
        self._open = [w.status in OPEN_STATUSES for w in self.rows]
        self._where = {w.number: i for i, w in enumerate(self.rows)}

    def update_row(self, row: WorkOrderRow, clock: OpenClock | None) -> None:
        """Show one work order as a write returned it (a new one is added), with its clock:
        a running one, or the stopped one of a resolved or closed order (None: no clock).

        Only that row changes when it keeps its place in the order and the filter; otherwise
        the rows are sorted and filtered again (what Qt's dynamic sorting would do).
        """
        number = row.number
        self.clocks.pop(number, None)
        self.final.pop(number, None)
        if clock is not None:
            stopped = row.status in (Status.RESOLVED, Status.CLOSED)
            (self.final if stopped else self.clocks)[number] = clock
        i = self._where.get(number)
        if i is None:  # a new work order: the row count changes, which a layout change may not
            self._load([*self.rows, row])
            return
        column = self._sort[0]
        key = self._sort_key(column)
        old_key = key(self.rows[i])
        was_shown = bool(self._filtered([i], self._filter))
        self.rows[i] = row
        self._index_one(i)
        if key(row) == old_key and bool(self._filtered([i], self._filter)) == was_shown:
            shown = self.row_of(number)
            if shown is not None:
                self.dataChanged.emit(
                    self.index(shown, 0), self.index(shown, len(self.headers) - 1)
                )
            return
        self._relayout()

    def _index_one(self, i: int) -> None:
        w = self.rows[i]
        self._keys[i] = (
            f"{w.number}\t{words(w.title)}\t{w.device or ''}\t{w.assignee or ''}".lower()
        )
        for name, col in self._cols.items():
            col[i] = getattr(w, name)
        self._open[i] = w.status in OPEN_STATUSES

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        self._index()
        self._order = self._sorted()
        self._view = self._filtered(self._order, self._filter)
        self.layoutChanged.emit()

    def row_of(self, number: str) -> int | None:
        """The shown row of a work order (None when filtered out or not loaded)."""
        i = self._where.get(number)
        if i is None:
            return None
        try:
            return self._view.index(i)
        except ValueError:
            return None

    def set_clocks(self, clocks: dict[str, OpenClock]) -> None:
        """Show fresh clock readings: only the two SLA columns change (the order stays)."""
        self.clocks = clocks
        if self._view:
            self.dataChanged.emit(
                self.index(0, RESPONSE),
                self.index(len(self._view) - 1, RESOLUTION),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.DecorationRole,
                    Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.BackgroundRole,
                    SORT_ROLE,
                ],
            )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section in (RESPONSE, RESOLUTION)
        ):
            return tr("Business time left or late, on the contract's working calendar")
        return super().headerData(section, orientation, role)

    # sorting and filtering in bulk ---------------------------------------------------
    def _sort_key(self, column: int) -> Callable[[Any], Any]:
        if column in (RESPONSE, RESOLUTION):
            clocks, final = self.clocks, self.final

            def clock_key(w: WorkOrderRow) -> float:
                c = clocks.get(w.number) or final.get(w.number)
                if c is None:
                    return INF
                return sort_value(c.response if column == RESPONSE else c.resolution)

            return clock_key
        names = self.communities
        return {
            NUMBER: lambda w: w.number,
            PRIORITY: lambda w: w.priority,
            STATUS_COL: lambda w: STATUS_ORDER.get(w.status, 9),
            TITLE: lambda w: words(w.title),
            COMMUNITY: lambda w: names.get(w.community_id, ""),
            ASSIGNEE: lambda w: w.assignee_shown,
            CREATED: lambda w: w.created_at,
        }[column]

    def _filtered(self, indices: list[int], f: dict[str, Any]) -> list[int]:
        cols = self._cols
        out = indices
        status = f.get("status")
        if status == "awaiting":  # the verification queue: resolved, waiting for the liaison
            status = "resolved"
        if status == "open":
            is_open = self._open
            out = [i for i in out if is_open[i]]
        elif status:
            col = cols["status"]
            out = [i for i in out if col[i] == status]
        if f.get("mine"):
            me, col = f["mine"], cols["assignee"]
            out = [i for i in out if col[i] == me]
        out = self._narrowed(out, f, ("number", "priority", "community_id", "source"))
        return out if out is not indices else list(indices)

    def clock_view(self, number: str, col: int) -> Any:
        """The service's reading of a work order's response or resolution clock, or None."""
        clock = self.clocks.get(number) or self.final.get(number)
        if clock is None:
            return None
        return clock.response if col == RESPONSE else clock.resolution

    def clock_cell(self, number: str, col: int) -> tuple[str, float, str]:
        """(text, sort value, risk) of a clock cell (a paused clock shows the pause icon)."""
        return clock_text(self.clock_view(number, col), say_paused=False)

    def cell(self, w: WorkOrderRow, col: int, role: int) -> Any:
        if col in (RESPONSE, RESOLUTION) and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.DecorationRole,
            SORT_ROLE,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
        ):
            if role == Qt.ItemDataRole.ToolTipRole:
                return clock_tooltip(self.clock_view(w.number, col)) or None
            if role == Qt.ItemDataRole.DecorationRole:
                view = self.clock_view(w.number, col)
                return paused_icon() if view is not None and view.state == "paused" else None
            text, left, risk = self.clock_cell(w.number, col)
            if role == Qt.ItemDataRole.DisplayRole:
                return text or None
            if role == SORT_ROLE:
                return left
            if not risk:
                return None
            light = RISK_COLOURS[risk]
            return QBrush(
                style.fg(light) if role == Qt.ItemDataRole.ForegroundRole else style.bg(light)
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                w.number,
                w.priority,
                label(STATUS, w.status),
                words(w.title),
                self.communities.get(w.community_id, str(w.community_id)),
                w.assignee_shown,
                "",
                "",
                local(w.created_at),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == TITLE:
            return words(w.title)
        if role == Qt.ItemDataRole.ToolTipRole and col == ASSIGNEE and w.assignee:
            return tr("Login: {login}").format(login=w.assignee)
        if role == SORT_ROLE:
            return self._sort_key(col)(w)
        return None


class WorkOrderProxy(BulkProxy[WorkOrderTableModel]):
    """The view's model: Qt's proxy interface; the model sorts and filters in bulk. Each
    ``set_filter`` replaces every filter."""

    source_type = WorkOrderTableModel

    def __init__(self, source: WorkOrderTableModel | None = None) -> None:
        super().__init__(source)
        self.setSortRole(SORT_ROLE)
        self.f: dict[str, Any] = {}

    def set_filter(self, **f: Any) -> None:
        self.f = {k: v for k, v in f.items() if v}
        self.source().set_filter(**self.f)
