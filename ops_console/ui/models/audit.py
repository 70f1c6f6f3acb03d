"""The audit log as a lazily fetched table (keyset pages from the audit service)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from shiboken6 import isValid

from ..audit_text import (
    Names,
    action_label,
    actor_text,
    change_lines,
    joined,
    object_name,
    raw_text,
)
from ..i18n import N
from ..widgets import local
from .roles import SORT_ROLE
from .rows import RowsModel

if TYPE_CHECKING:
    from ...services.audit import AuditService
    from ...services.audit.log import AuditRow
    from ...services.context import Actor
    from ..tasks import TaskRunner

TIME, USER, ACTION, OBJECT, CHANGE = range(5)
HEADERS = (N("Time"), N("User"), N("Action"), N("Object"), N("Change"))
PAGE = 200


class AuditTableModel(RowsModel["AuditRow"]):
    """Audit entries, newest first; fetches the next page when the view scrolls to the end.

    With a ``runner``, a page is read in the background (a remote database is round trips
    away): no further page is asked for while one is on its way, a page of a query that a
    reset replaced is dropped, and a failed read is emitted as ``failed``.
    """

    headers = HEADERS
    failed = Signal(object)

    def __init__(
        self,
        service: AuditService,
        actor: Actor,
        names: Names | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.actor = actor
        self.names = names or Names()
        self.runner = runner
        self._text: dict[int, tuple[str, str, list[str]]] = {}
        self.filters: dict[str, str | None] = {}
        self._more = True
        self._loading = False
        self._query = 0  # which reset a page on its way belongs to

    def set_names(self, names: Names) -> None:
        """Name the ids with ``names`` (read after the rows) and redraw the rows."""
        self.names = names
        self._text = {}
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(self.headers) - 1)
            )

    def reset(self, **filters: str | None) -> None:
        self.beginResetModel()
        self.filters = {k: (v or None) for k, v in filters.items()}
        self.rows = []
        self._text = {}
        self._more = True
        self._loading = False
        self._query += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def loading(self) -> bool:
        """Whether a page is on its way."""
        return self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more or self._loading:
            return
        after = self.rows[-1].id if self.rows else None
        filters = dict(self.filters)
        service, actor = self.service, self.actor

        def read() -> list[AuditRow]:
            return service.page(
                actor,
                after_id=after,
                limit=PAGE,
                actor_name=filters.get("actor_name"),
                entity=filters.get("entity"),
                action=filters.get("action"),
            )

        if self.runner is None:
            self._add(read())
            return
        query = self._query
        self._loading = True

        def arrived(page: list[AuditRow]) -> None:
            if isValid(self) and query == self._query:
                self._loading = False
                self._add(page)

        def failed(exc: Exception) -> None:
            if isValid(self) and query == self._query:
                self._loading = False
                self._more = False
                self.failed.emit(exc)

        self.runner.run(lambda _c: read(), success=arrived, failure=failed, name="audit-page")

    def _add(self, page: list[AuditRow]) -> None:
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def texts(self, e: AuditRow) -> tuple[str, str, list[str]]:
        """Action label, object name and change lines of an entry (computed once)."""
        t = self._text.get(e.id)
        if t is None:
            t = (action_label(e.action), object_name(e, self.names), change_lines(e, self.names))
            self._text[e.id] = t
        return t

    def cell(self, e: AuditRow, col: int, role: int) -> Any:
        if role == SORT_ROLE:
            return (e.at, e.actor, e.action, e.entity_id or "", e.id)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == TIME:
                return local(e.at, "%Y-%m-%d %H:%M:%S")
            if col == USER:
                return actor_text(e.actor, self.names)
            action, obj, lines = self.texts(e)
            return (action, obj, joined(lines))[col - ACTION]
        if role == Qt.ItemDataRole.ToolTipRole and col in (ACTION, OBJECT, CHANGE):
            _a, _o, lines = self.texts(e)
            return "\n".join([*lines, "", raw_text(e)])
        return None
