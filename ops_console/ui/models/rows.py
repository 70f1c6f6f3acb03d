"""A table of rows under translatable column headers: what the window's list models share
(row and column counts, header labels, the row under OBJECT_ROLE, replacing the rows); each
model says how a row reads in :meth:`HeadedModel.cell`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ..i18n import tr
from .roles import OBJECT_ROLE, SORT_ROLE

Row = TypeVar("Row")


class HeadedModel(QAbstractTableModel, Generic[Row]):
    """A table with one column per header: the column count and the header labels, and the
    row of a cell under OBJECT_ROLE; the rest of a cell is the subclass's :meth:`cell`.

    Attributes:
        headers: the column headers as source strings (``N("…")``), translated when shown.
    """

    headers: Sequence[str] = ()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.headers[section])
        return None

    def row_at(self, row: int) -> Row:
        """The row shown at view row ``row``."""
        raise NotImplementedError

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if role == OBJECT_ROLE:
            return row
        return self.cell(row, index.column(), role)

    def cell(self, row: Row, col: int, role: int) -> Any:
        """What a cell of ``row`` shows under ``role`` (anything but OBJECT_ROLE); None: nothing."""
        return None


class RowsModel(HeadedModel[Row]):
    """Rows of one kind, one column per header.

    Attributes:
        rows: the rows, in the order shown.
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def row_at(self, row: int) -> Row:
        return self.rows[row]


def sorting_proxy(model: HeadedModel[Any], parent: QObject) -> QSortFilterProxyModel:
    """A proxy that sorts ``model`` by its SORT_ROLE values (native dates and numbers)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
