"""The base of every page of the main window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractItemModel, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.context import Actor
from ..context import UiContext
from ..i18n import tr
from ..models.roles import OBJECT_ROLE
from ..tasks import Task
from ..widgets import PageHeader, label, show_error
from .index import BY_KEY

T = TypeVar("T")


class Page(QWidget):
    """A page of the main window's stack.

    Attributes:
        key: the page's name in settings and in ``open_page``; its title, icon, place in the
            sidebar and who sees it are in ``ui/pages/index.py`` under that key.
        title: its sidebar label (marked with N, translated when shown).
        icon_name: an SVG in resources/icons.
    """

    key = "page"
    title = "Page"
    icon_name = "dashboard"
    in_sidebar = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        info = BY_KEY.get(cls.key)
        if info is not None:
            cls.title, cls.icon_name, cls.in_sidebar = info.title, info.icon_name, info.in_sidebar

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName(f"page_{self.key}")
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(20, 16, 20, 12)
        self.outer.setSpacing(10)
        self._activated = False

    @classmethod
    def visible_for(cls, actor: Actor) -> bool:
        info = BY_KEY.get(cls.key)
        return info.visible_for(actor) if info is not None else actor.can("read")

    def activate(self, filters: dict[str, Any] | None = None) -> None:
        """Called when the page is shown; load on first show, apply filters if given."""
        if not self._activated:
            self._activated = True
            self.refresh()
        if filters:
            self.apply_filters(filters)

    def add_header(self, subtitle: str = "", *actions: QPushButton) -> PageHeader:
        """Put the page's title over ``subtitle`` at the top, with ``actions`` (made with
        :func:`header_button`) at its right, in that order in the tab order too."""
        self.header = PageHeader(tr(self.title), subtitle)
        for b in actions:
            self.header.action_row.addWidget(b)
        self.outer.addWidget(self.header)
        return self.header

    def button(
        self, text: str, slot: Callable[[], object], *, primary: bool = False
    ) -> QPushButton:
        """One more action at the right of the header (after :meth:`add_header`); it comes
        after what the page holds in the tab order."""
        b = header_button(text, slot, primary=primary)
        self.header.action_row.addWidget(b)
        return b

    def open_only_row(self, text: str) -> QHBoxLayout:
        """A row of filters under the header, starting with ``self.open_only``, a check box
        ``text``, ticked (the page lists open items only), that reloads the page."""
        row = QHBoxLayout()
        self.open_only = QCheckBox(text)
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self.refresh)
        row.addWidget(self.open_only)
        row.addStretch(1)
        self.outer.addLayout(row)
        return row

    def in_background(self, name: str, work: Callable[[], T], then: Callable[[T], object]) -> Task:
        """Run ``work`` (database reads or a write: nothing of the GUI in it) in the pool;
        ``then`` gets its result on the GUI thread; a failure is shown over the page."""
        return self.ctx.runner.run(
            lambda _c: work(), success=then, failure=self.show_failure, name=name
        )

    def show_failure(self, exc: Exception) -> None:
        show_error(self, exc)

    def refresh(self) -> None:
        """Reload the page's data."""

    def apply_filters(self, filters: dict[str, Any]) -> None:
        """Show the page filtered (from a dashboard tile or the global search)."""

    def connect_event(self, signal: SignalInstance, slot: Callable[..., object]) -> None:
        """Connect a long-lived signal to one of this page's methods.

        PySide drops a connection to a bound method when its QObject is destroyed, so a
        rebuilt page (language switch) leaves nothing behind; slots must be bound methods.
        """
        signal.connect(slot)


def header_button(
    text: str, slot: Callable[[], object], *, primary: bool = False, visible: bool = True
) -> QPushButton:
    """A header's button that calls ``slot``; hidden when ``visible`` is False (an action the
    actor may not take)."""
    b = QPushButton(text)
    if primary:
        b.setProperty("role", "primary")
    b.clicked.connect(lambda _checked=False: slot())
    if not visible:
        b.hide()
    return b


def table_view(model: QAbstractItemModel, name: str, *, striped: bool = False) -> QTableView:
    """A table over ``model`` that selects one whole row, without row numbers; ``name`` is
    what a screen reader calls it; ``striped``: a long list, rows in alternating colours and
    one line each."""
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    if striped:
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
    return view


def list_tree(name: str, headers: Sequence[str]) -> QTreeWidget:
    """A flat list of rows (no tree lines) under ``headers``, named ``name`` for screen readers."""
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setRootIsDecorated(False)
    tree.setHeaderLabels(list(headers))
    return tree


def or_empty(content: QWidget, empty: QWidget) -> QStackedWidget:
    """``content`` and, in its place while there is nothing to show, ``empty`` (an
    EmptyState): the caller switches with ``setCurrentWidget``."""
    stack = QStackedWidget()
    stack.addWidget(content)
    stack.addWidget(empty)
    return stack


def value_rows(form: QFormLayout, captions: Sequence[tuple[str, str]]) -> dict[str, QLabel]:
    """One wrapping label a (key, caption) row of ``form``, empty until filled; by key."""
    values: dict[str, QLabel] = {}
    for key, caption in captions:
        values[key] = label("", wrap=True)
        form.addRow(caption, values[key])
    return values


def current_record(view: QAbstractItemView) -> Any:
    """The record (under OBJECT_ROLE) of the view's current row, or None."""
    index = view.currentIndex()
    return index.data(OBJECT_ROLE) if index.isValid() else None


def select_record(view: QTableView, match: Callable[[Any], bool]) -> bool:
    """Select the first row whose record ``match`` accepts; False when none does."""
    model = view.model()
    for row in range(model.rowCount()):
        if match(model.index(row, 0).data(OBJECT_ROLE)):
            view.selectRow(row)
            return True
    return False


def clear_layout(layout: QLayout) -> None:
    """Take every item out of ``layout``, deleting its widgets."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        if (widget := item.widget()) is not None:
            widget.deleteLater()
