"""The shape the admin pages share: a header with actions over one sortable table of records,
loaded in the background, a selection that survives a reload, writes through Operation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QPushButton

from ..context import UiContext
from ..dialogs.form import FormDialog
from ..models.records import RecordsModel
from ..models.rows import sorting_proxy
from ..operations import Operation
from .base import Page, current_record, select_record, table_view

R = TypeVar("R")
F = TypeVar("F", bound=FormDialog)


class RecordsPage(Page, Generic[R]):
    """An admin page: ``load`` (run in the background) returns the records; subclasses add
    buttons with :meth:`button` and enable them in :meth:`selection_changed`; who sees the
    page at all is in ``ui/pages/index.py``. A record is known across reloads by the model's
    key.
    """

    def __init__(
        self, ctx: UiContext, subtitle: str, model: RecordsModel[R], view_name: str
    ) -> None:
        super().__init__(ctx)
        self.add_header(subtitle)
        self.model = model
        self.proxy = sorting_proxy(self.model, self)
        self.view = table_view(self.proxy, view_name)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed())
        self.outer.addWidget(self.view, 1)

    def load(self) -> Sequence[R]:
        """Read the records (in the pool's thread: no widget here)."""
        raise NotImplementedError

    def refresh(self) -> None:
        self.in_background(self.key, self.load_all, self.loaded)

    def load_all(self) -> Any:
        """What ``loaded`` receives; by default the records alone."""
        return self.load()

    def loaded(self, result: Any) -> None:
        key = self.selected_key()
        self.model.set_rows(result)
        if key is not None:
            self.select_where(lambda r: self.key_of(r) == key)
        self.selection_changed()

    def key_of(self, record: R) -> object:
        return self.model.key_of(record)

    def selected_key(self) -> object:
        r = self.selected()
        return None if r is None else self.key_of(r)

    def selected(self) -> R | None:
        record: R | None = current_record(self.view)
        return record

    def select_where(self, match: Callable[[R], bool]) -> bool:
        return select_record(self.view, match)

    def selection_changed(self) -> None:
        """Enable the actions that need a selected record."""

    def saved(self, record: R) -> None:
        """Show a record a write returned in its row (a new one at the end), selected."""
        self.model.replace(record)
        self.select_where(lambda r: self.key_of(r) == self.key_of(record))
        self.selection_changed()

    def write(self, op: Callable[[], R], *busy: QPushButton) -> Operation[R]:
        """Run a write in the background; show the record it returned in its row."""
        operation = Operation(self, op, runner=self.ctx.runner, name=self.key)
        operation.busy(*busy).success(self.saved).run()
        return operation

    def open_form(self, dialog: F) -> F:
        """Open a form whose write returns a record; once it is accepted, show the record in
        its row, selected."""

        def finished(result: int) -> None:
            if result and dialog.result_value is not None:
                self.saved(dialog.result_value)

        dialog.finished.connect(finished)
        dialog.open()
        return dialog
