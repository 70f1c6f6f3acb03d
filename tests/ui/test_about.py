"""The About box shows the one version source."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from ops_console import __version__
from ops_console.ui.pages.settings import SettingsPage


def test_about_box_shows_the_version(ctx_for: Any, qtbot: Any) -> None:
    page = SettingsPage(ctx_for("admin"))
    qtbot.addWidget(page)
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert f"Ops Console {__version__}" in texts
