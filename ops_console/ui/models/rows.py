"""A table of rows under translatable column headers: what the window's list models share
(row and column counts, header labels, replacing the rows); each model says how a row reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..i18n import tr

Row = TypeVar("Row")


class HeadedModel(QAbstractTableModel):
    """A table with one column per header: the column count and the header labels.

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


class RowsModel(HeadedModel, Generic[Row]):
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
