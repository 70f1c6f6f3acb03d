"""Starting the console's application object."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from PySide6.QtWidgets import QApplication

from ops_console.ui.launch import make_app
from ops_console.ui.widgets import PageHeader


def test_make_app_reuses_the_running_qapplication(qapp: Any) -> None:
    assert make_app() is qapp
    assert isinstance(qapp, QApplication) and not qapp.windowIcon().isNull()


def test_make_app_over_a_core_application_says_why_it_cannot() -> None:
    """A QCoreApplication has no setWindowIcon: make_app failed with AttributeError."""
    code = (
        "from PySide6.QtCore import QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "from ops_console.ui.launch import make_app\n"
        "try:\n"
        "    make_app()\n"
        "except RuntimeError as exc:\n"
        "    print('refused:', exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "refused: a QCoreApplication already runs" in out.stdout, out.stderr


def test_page_header_keeps_qwidget_actions(qtbot: Any) -> None:
    header = PageHeader("Title")
    qtbot.addWidget(header)
    assert header.actions() == []  # QWidget.actions(), not the header's button row
    assert header.action_row.count() == 0
