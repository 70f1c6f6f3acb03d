"""The base of every page of the main window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...services.context import Actor
from ..context import UiContext
from .index import BY_KEY


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
