"""The main window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from ..services.container import Services


class MainWindow(QMainWindow):
    """The console's main window (pages are added by the UI work)."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(f"Ops Console — {services.db.display_url}")
        self.setCentralWidget(QLabel(f"Ops Console\n{services.db.display_url}"))
        self.resize(1200, 800)
