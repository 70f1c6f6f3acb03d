"""The audit log as a lazily fetched table (keyset pages from the audit service)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

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
from .roles import OBJECT_ROLE, SORT_ROLE
from .rows import RowsModel

if TYPE_CHECKING:
    from ...services.audit import AuditService
    from ...services.audit.log import AuditRow
    from ...services.context import Actor

TIME, USER, ACTION, OBJECT, CHANGE = range(5)
HEADERS = (N("Time"), N("User"), N("Action"), N("Object"), N("Change"))
PAGE = 200


class AuditTableModel(RowsModel["AuditRow"]):
    """Audit entries, newest first; fetches the next page when the view scrolls to the end."""

    headers = HEADERS

    def __init__(self, service: AuditService, actor: Actor, names: Names | None = None) -> None:
        super().__init__()
        self.service = service
        self.actor = actor
        self.names = names or Names()
        self._text: dict[int, tuple[str, str, list[str]]] = {}
        self.filters: dict[str, str | None] = {}
        self._more = True

    def reset(self, **filters: str | None) -> None:
        self.beginResetModel()
        self.filters = {k: (v or None) for k, v in filters.items()}
        self.rows = []
        self._text = {}
        self._more = True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        after = self.rows[-1].id if self.rows else None
        page = self.service.page(
            self.actor,
            after_id=after,
            limit=PAGE,
            actor_name=self.filters.get("actor_name"),
            entity=self.filters.get("entity"),
            action=self.filters.get("action"),
        )
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

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        e = self.rows[index.row()]
        col = index.column()
        if role == OBJECT_ROLE:
            return e
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
