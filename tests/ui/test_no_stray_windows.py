"""Building the window and its pages never shows a widget as a window of its own.

A widget made visible before it has a parent is, for that moment, a top-level window: it
flashes on the desktop and takes the activation, and so the keyboard focus, from the main
window (opening Work orders left the search field without its focus)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from ops_console.ui.main_window import MainWindow

from .conftest import make_ctx


class _WindowsShown(QObject):
    """Records every widget shown as a window, but main windows."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not isinstance(watched, QMainWindow)
        ):
            text = watched.text() if hasattr(watched, "text") else watched.objectName()
            self.shown.append(f"{type(watched).__name__} {text!r}")
        return False


@pytest.mark.parametrize("username", ["admin", "wang.jianguo"])
def test_opening_every_page_shows_no_widget_as_a_window(
    demo_services: Any, qtbot: Any, username: str
) -> None:
    app = QApplication.instance()
    assert app is not None
    spy = _WindowsShown()
    app.installEventFilter(spy)
    try:
        window = MainWindow(make_ctx(demo_services, username))
        qtbot.addWidget(window)
        window.show()
        for key in list(window.pages):
            window.open_page(key, {"tag": "HB-GATE-001"} if key == "device_detail" else None)
            assert window.current_key() == key
    finally:
        app.removeEventFilter(spy)
    assert spy.shown == []
