"""A read-only table of frozen records for the admin pages: columns, texts and tooltips given
as functions, the record itself under OBJECT_ROLE, rows replaced one at a time after a write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from .. import style
from .roles import SORT_ROLE
from .rows import RowsModel

R = TypeVar("R")


class RecordsModel(RowsModel[R]):
    """Records as rows.

    Args:
        columns: header labels, marked with ``N`` (translated when shown).
        text: the cell's text for (record, column).
        tooltip: the cell's tooltip, or None.
        muted: whether a record is shown greyed (a disabled user).
        key: what identifies a record across reloads (``replace`` finds the row by it).
        checkable: which records carry a tick in the first column (none when not given).

    Attributes:
        ticked: the keys of the ticked records.
    """

    def __init__(
        self,
        columns: Sequence[str],
        text: Callable[[R, int], str],
        *,
        tooltip: Callable[[R, int], str | None] = lambda _r, _c: None,
        muted: Callable[[R], bool] = lambda _r: False,
        key: Callable[[R], object] = id,
        checkable: Callable[[R], bool] | None = None,
    ) -> None:
        super().__init__()
        self.headers = tuple(columns)
        self._text = text
        self._tooltip = tooltip
        self._muted = muted
        self._key = key
        self._checkable = checkable
        self.ticked: set[object] = set()

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.ticked = {self._key(r) for r in self.rows if self._key(r) in self.ticked}
        self.endResetModel()

    def key_of(self, record: R) -> object:
        """What identifies ``record`` across reloads."""
        return self._key(record)

    def can_tick(self, record: R) -> bool:
        return self._checkable is not None and self._checkable(record)

    def ticked_rows(self) -> list[R]:
        """The ticked records that may still be ticked, in row order."""
        return [r for r in self.rows if self._key(r) in self.ticked and self.can_tick(r)]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0 and self.can_tick(self.rows[index.row()]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column():
            return False
        record = self.rows[index.row()]
        if not self.can_tick(record):
            return False
        key = self._key(record)
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(key)
        else:
            self.ticked.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def replace(self, record: R) -> int:
        """Show a record the service returned in place of its row (appended if new); return
        its row number."""
        key = self._key(record)
        for i, old in enumerate(self.rows):
            if self._key(old) == key:
                self.rows[i] = record
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.headers) - 1))
                return i
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(record)
        self.endInsertRows()
        return len(self.rows) - 1

    def cell(self, record: R, col: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._text(record, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, col)
        if role == Qt.ItemDataRole.CheckStateRole and col == 0 and self.can_tick(record):
            ticked = self._key(record) in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and self._muted(record):
            return QBrush(style.fg("muted"))
        return None
