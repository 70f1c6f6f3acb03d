"""The first-run dialog: where the data lives, the first administrator, demo only if chosen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
)

from ...app import set_up
from ...demo import loader as demo_loader
from ...domain.errors import OpsError
from ...services.setup import SetupResult, admin_problems
from ..db_probe import probe_database
from ..i18n import error_text, problem_text, tr
from ..tasks import TaskControl, TaskRunner
from ..widgets import label
from .form import add_buttons, add_row, on_change, password_field, startup_layout


class FirstRunDialog(QDialog):
    """Set up a new installation, then hand over to the sign-in.

    The database is the embedded SQLite file in the user's data folder (the default) or a
    PostgreSQL URL, tested before use. The set-up runs off the GUI thread; a failure is
    shown in the dialog with every field kept.

    Attributes:
        outcome: what was set up, once accepted; else None.
    """

    def __init__(self, default_url: str, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.default_url = default_url
        self.runner = runner or TaskRunner()
        self.outcome: SetupResult | None = None
        layout = startup_layout(self, tr("Set up Ops Console"), 560, spacing=10)
        layout.addWidget(label(tr("Welcome to Ops Console"), "title"))
        layout.addWidget(
            label(
                tr(
                    "No database is set up yet. Choose where Ops Console keeps its data and "
                    "create the first administrator; you sign in with that account next."
                ),
                wrap=True,
            )
        )
        layout.addWidget(label("<b>" + tr("Database") + "</b>"))
        self.use_sqlite = QRadioButton(tr("Embedded SQLite file (one computer)"))
        self.use_pg = QRadioButton(tr("PostgreSQL server (several people and pollers)"))
        group = QButtonGroup(self)
        group.addButton(self.use_sqlite)
        group.addButton(self.use_pg)
        pg = default_url.startswith("postgresql")
        (self.use_pg if pg else self.use_sqlite).setChecked(True)
        layout.addWidget(self.use_sqlite)
        sqlite_path = default_url.removeprefix("sqlite:///") if not pg else ""
        layout.addWidget(label(tr("File: {path}").format(path=sqlite_path), "muted", wrap=True))
        layout.addWidget(self.use_pg)
        pg_row = QHBoxLayout()
        self.pg_url = QLineEdit(default_url if pg else "")
        self.pg_url.setPlaceholderText("postgresql+psycopg://user:password@host:5432/ops")
        self.pg_url.setAccessibleName(tr("PostgreSQL URL"))
        self.test_button = QPushButton(tr("&Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        pg_row.addWidget(self.pg_url, 1)
        pg_row.addWidget(self.test_button)
        layout.addLayout(pg_row)
        self.db_result = label("", wrap=True)
        self.db_result.setAccessibleName(tr("Connection test result"))
        layout.addWidget(self.db_result)

        layout.addWidget(label("<b>" + tr("First administrator") + "</b>"))
        form = QFormLayout()
        self.username = add_row(form, tr("&User name:"), QLineEdit("admin"), tr("User name"))
        self.password = add_row(form, tr("&Password:"), password_field(0), tr("Password"))
        self.repeat = add_row(form, tr("&Repeat:"), password_field(0), tr("Repeat the password"))
        layout.addLayout(form)
        self.demo = QCheckBox(tr("Also load the demo community (sample data for trying it out)"))
        self.demo.setChecked(False)
        layout.addWidget(self.demo)
        self.problems = label("", "error", wrap=True)
        self.problems.setAccessibleName(tr("Problems"))
        layout.addWidget(self.problems)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.ok = add_buttons(
            layout, tr("Create"), tr("Quit"), self.start_setup, self.reject, default=True
        )
        on_change(self._update, self.username, self.password, self.repeat, self.pg_url, self.use_pg)
        self._busy = False
        self._update()
        self.password.setFocus()

    def database_url(self) -> str:
        """The chosen database: the PostgreSQL URL typed, or the embedded file."""
        if self.use_pg.isChecked():
            return self.pg_url.text().strip()
        return self.default_url if not self.default_url.startswith("postgresql") else ""

    def problem_lines(self) -> list[str]:
        """What stops the set-up, in the console's language (empty: ready)."""
        lines = []
        if self.use_pg.isChecked() and not self.pg_url.text().strip().startswith("postgresql"):
            lines.append(tr("PostgreSQL URL: it starts with postgresql://"))
        problems = admin_problems(
            self.username.text().strip(), self.password.text(), self.repeat.text()
        )
        lines += [problem_text(p) for p in problems]
        return lines

    def is_valid(self) -> bool:
        return not self.problem_lines()

    def _update(self) -> None:
        self.pg_url.setEnabled(self.use_pg.isChecked() and not self._busy)
        self.test_button.setEnabled(self.use_pg.isChecked() and not self._busy)
        typed = bool(self.password.text() or self.repeat.text())
        lines = self.problem_lines()
        # No lecture before the user has typed a password; the button says enough.
        self.problems.setText("\n".join(lines) if typed else "")
        self.ok.setEnabled(not lines and not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.use_sqlite, self.use_pg, self.username, self.password, self.repeat):
            widget.setEnabled(not busy)
        self.demo.setEnabled(not busy)
        self.progress.setVisible(busy)
        self._update()

    def test_connection(self) -> None:
        probe_database(self.runner, self.pg_url.text().strip(), self.db_result.setText)

    def start_setup(self) -> None:
        """Set up the database and the administrator in the background; accept when done."""
        if not self.is_valid() or self._busy:
            self._update()
            return
        url, admin, password = (
            self.database_url(),
            self.username.text().strip(),
            self.password.text(),
        )
        demo = self.demo.isChecked()
        self.progress.setValue(0)
        self._set_busy(True)

        def work(control: TaskControl) -> SetupResult:
            load = demo_loader.load if demo else None
            return set_up(url, admin, password, demo=load, progress=control.progress)

        self.runner.run(
            work,
            success=self._done,
            failure=self._failed,
            progress=lambda f: self.progress.setValue(int(f * 100)),
            name="first run",
        )

    def _done(self, result: SetupResult) -> None:
        self.outcome = result
        self._set_busy(False)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._show_failure(exc)

    def _show_failure(self, exc: Exception) -> None:
        text = error_text(exc) if isinstance(exc, OpsError) else repr(exc)
        self.db_result.setText("✘ " + text)
