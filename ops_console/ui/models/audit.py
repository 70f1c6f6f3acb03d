"""The audit log as a lazily fetched table (keyset pages from the audit service)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..i18n import N, tr
from ..widgets import local
from .roles import OBJECT_ROLE, SORT_ROLE

HEADERS = (N("Time"), N("User"), N("Action"), N("Entity"), N("Id"), N("Change"))
PAGE = 200


class AuditTableModel(QAbstractTableModel):
    """Audit entries, newest first; fetches the next page when the view scrolls to the end."""

    def __init__(self, service: Any, actor: Any) -> None:
        super().__init__()
        self.service = service
        self.actor = actor
        self.filters: dict[str, str | None] = {}
        self.rows: list[Any] = []
        self._more = True

    def reset(self, **filters: str | None) -> None:
        self.beginResetModel()
        self.filters = {k: (v or None) for k, v in filters.items()}
        self.rows = []
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
            return (e.at, e.actor, e.action, e.entity, e.entity_id or "", e.id)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            change = e.after_json or e.before_json or ""
            return (
                local(e.at, "%Y-%m-%d %H:%M:%S"),
                e.actor,
                e.action,
                e.entity,
                e.entity_id or "",
                change[:160],
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return f"before: {e.before_json}\nafter: {e.after_json}\nhash: {e.hash}"
        return None
