"""Start the desktop console: application, database, sign-in, main window."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from ..db.engine import Database
from ..domain.errors import OpsError
from ..paths import default_db_url
from ..services.container import Services
from .main_window import MainWindow


def run(args: argparse.Namespace) -> int:
    """Open the console on the database named by --db; return the exit status."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Ops Console")
    app.setOrganizationName("ops-console")
    try:
        db = Database(getattr(args, "db", None) or default_db_url())
        db.check()
        if not db.has_schema():
            raise OpsError(f"the database {db.display_url} is empty: run 'ops-console init --demo'")
        services = Services(db)
    except OpsError as exc:
        QMessageBox.critical(None, "Ops Console", str(exc))
        return 1
    window = MainWindow(services)
    window.show()
    return app.exec()
