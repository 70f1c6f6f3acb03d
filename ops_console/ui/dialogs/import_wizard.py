"""The device CSV import wizard: choose a file, preview it with every bad line, import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...domain.errors import OpsError
from ...services.formats import HEADER, parse_fields
from ...services.formats.device_csv import read_csv
from ...services.inventory import ImportResult
from .. import style
from ..context import UiContext
from ..i18n import error_text, problem_lines, problem_text, tr
from ..tasks import Task, TaskControl
from ..widgets import label

PREVIEW_ROWS = 200


class _Page(QWizardPage):
    """A step of the wizard: a title over a column; the wizard goes on once ``complete``."""

    def __init__(self, wizard: ImportWizard, title: str) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(title)
        self.column = QVBoxLayout(self)
        self.complete = False

    def set_complete(self, complete: bool) -> None:
        self.complete = complete
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.complete


class _FilePage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard, tr("Choose a device CSV"))
        self.setSubTitle(
            tr("UTF-8, with the header row of the export. Nothing is imported until the last step.")
        )
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setAccessibleName(tr("CSV file"))
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton(tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.column.addLayout(row)
        self.column.addWidget(
            label(tr("Columns: {cols}").format(cols=", ".join(HEADER)), "muted", True)
        )
        self.column.addStretch(1)

    def _browse(self) -> None:
        dialog = QFileDialog(self, tr("Choose a device CSV"), "", tr("CSV files (*.csv)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()

    def isComplete(self) -> bool:
        return Path(self.path.text().strip()).is_file()


class _PreviewPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard, tr("Preview"))
        self.summary = label("", wrap=True)
        self.column.addWidget(self.summary)
        self.table = QTableWidget()
        self.table.setAccessibleName(tr("Preview of the rows"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.column.addWidget(self.table, 2)
        self.column.addWidget(label(tr("Problems (every bad line):"), wrap=True))
        self.problems = QListWidget()
        self.problems.setAccessibleName(tr("Problems"))
        self.column.addWidget(self.problems, 1)

    def initializePage(self) -> None:
        self.w.preview(Path(self.w.file_page.path.text().strip()))


class _ImportPage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard, tr("Import"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Import progress"))
        self.column.addWidget(self.progress)
        self.result = label("", wrap=True)
        self.column.addWidget(self.result)
        self.problems = QListWidget()
        self.problems.setAccessibleName(tr("Problems"))
        self.problems.hide()
        self.column.addWidget(self.problems, 1)

    def initializePage(self) -> None:
        self.w.start_import()


class ImportWizard(QWizard):
    """Import devices from a CSV, all or nothing, in the background.

    Attributes:
        outcome: the ImportResult once imported; ``problems``: every bad line.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: ImportResult | None = None  # not "result": QDialog.result() is the code
        self.problems: list[str] = []
        self._reading: Task | None = None  # the preview's read of the chosen file
        self.setWindowTitle(tr("Import devices"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(820, 560)
        self.setButtonText(QWizard.WizardButton.NextButton, tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Cancel"))
        self.file_page = _FilePage(self)
        self.preview_page = _PreviewPage(self)
        self.import_page = _ImportPage(self)
        for p in (self.file_page, self.preview_page, self.import_page):
            self.addPage(p)

    def set_path(self, path: str | Path) -> None:
        self.file_page.path.setText(str(path))

    def preview(self, path: Path) -> Task:
        """Read and check the file in the background (20,000 rows took 0.6-0.7 s), then show
        its first rows and every bad line; "Reading the file…" meanwhile."""
        page = self.preview_page
        page.problems.clear()
        page.table.setRowCount(0)
        page.summary.setText(tr("Reading the file…"))
        page.set_complete(False)
        if self._reading is not None:
            self._reading.cancel()  # a file no longer chosen: its preview is dropped

        def read(_c: TaskControl) -> tuple[list[tuple[int, dict[str, str]]], list[list[str]]]:
            rows = read_csv(path)
            return rows, [parse_fields(raw, f"line {line}: ")[1] for line, raw in rows]

        self._reading = self.ctx.runner.run(
            read, success=self._previewed, failure=self._unreadable, name="device import preview"
        )
        return self._reading

    def _unreadable(self, exc: Exception) -> None:
        page = self.preview_page
        lines = problem_lines(exc) if isinstance(exc, OpsError) else []
        page.summary.setText(error_text(exc).splitlines()[0])
        page.problems.addItems(lines or [error_text(exc)])
        page.set_complete(False)

    def _previewed(self, found: tuple[list[tuple[int, dict[str, str]]], list[list[str]]]) -> None:
        rows, row_errors = found
        page = self.preview_page
        problems: list[str] = []
        page.table.setColumnCount(len(HEADER) + 1)
        page.table.setHorizontalHeaderLabels([tr("Line"), *HEADER])
        shown = rows[:PREVIEW_ROWS]
        page.table.setRowCount(len(shown))
        for r, ((line, raw), errs) in enumerate(zip(rows, row_errors, strict=True)):
            problems.extend(errs)
            if r < PREVIEW_ROWS:
                page.table.setItem(r, 0, QTableWidgetItem(str(line)))
                for c, col in enumerate(HEADER, start=1):
                    item = QTableWidgetItem(raw.get(col, ""))
                    if any(e.startswith(f"line {line}: {col}:") for e in errs):
                        item.setBackground(style.fg("mark_bg"))
                        item.setToolTip("\n".join(problem_text(e) for e in errs))
                    page.table.setItem(r, c, item)
        page.table.resizeColumnsToContents()
        page.summary.setText(
            tr("{n} rows read; {p} problems found in the file itself.").format(
                n=len(rows), p=len(problems)
            )
            + ("" if len(rows) <= PREVIEW_ROWS else " " + tr("Showing the first 200 rows."))
        )
        self.problems = [problem_text(p) for p in problems]
        page.problems.addItems(self.problems)
        page.set_complete(bool(rows))

    def start_import(self) -> None:
        page = self.import_page
        page.complete = False
        page.progress.setRange(0, 0)  # the service reports no steps: busy indicator
        page.result.setText(tr("Importing…"))
        path = Path(self.file_page.path.text().strip())
        self.ctx.runner.run(
            lambda _c: self.ctx.services.inventory.import_csv(self.ctx.actor, path),
            success=self._imported,
            failure=self._failed,
            name="import devices",
        )

    def _imported(self, result: ImportResult) -> None:
        page = self.import_page
        self.outcome = result
        page.progress.setRange(0, 1)
        page.progress.setValue(1)
        page.result.setText(
            tr("Imported: {c} created, {u} updated, {n} unchanged.").format(
                c=result.created, u=result.updated, n=result.unchanged
            )
        )
        page.set_complete(True)
        self.ctx.events.devices_changed.emit()

    def _failed(self, exc: Exception) -> None:
        page = self.import_page
        page.progress.setRange(0, 1)
        page.progress.setValue(0)
        self.problems = problem_lines(exc)
        page.result.setText(
            tr("Nothing was imported: {n} problems. Fix the file and try again.").format(
                n=len(self.problems)
            )
            if self.problems
            else error_text(exc)
        )
        page.problems.clear()
        page.problems.addItems(self.problems)
        page.problems.setVisible(bool(self.problems))
        page.set_complete(True)
