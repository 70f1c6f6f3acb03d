"""The Reports page: pick a report, period and scope; generate in the background; preview,
save and print."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import OpsError
from .. import style
from ..context import UiContext
from ..i18n import N, current_language, error_text, tr
from ..pdf_render import render_pages
from ..printing import PrintFailed, PrintJob, print_pages
from ..tasks import Task, TaskControl
from ..widgets import EmptyState, show_error, show_info
from ..widgets import label as make_label
from .base import Page, clear_layout

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from ...reports.api import ReportRequest, ReportResult

REPORTS = {
    "sla": N("SLA compliance and penalties"),
    "maintenance": N("Maintenance work"),
    "availability": N("Device availability"),
    "training": N("Training matrix"),
    "audit": N("Audit log"),
}


class _SaveFailed(Exception):
    """Copying a report to where the person chose failed (the reason as the system says it)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path, self.reason = path, reason


class ReportsPage(Page):
    key = "reports"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.add_header(
            tr("PDF reports for the sub-district and the firm; generated in the background.")
        )
        row = QHBoxLayout()
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setMinimumContentsLength(30)
        for code, text in REPORTS.items():
            self.kind.addItem(tr(text), code)
        today = ctx.services.clock.now().date()
        self.date_from = QDateEdit(QDate(today.year, today.month, 1))
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day))
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.scope = QComboBox()
        self.scope.addItem(tr("Every community I see"), ("", ""))
        self._scopes_asked = False  # the communities and contracts are read on the first show
        self.lang = QComboBox()
        self.lang.addItem("简体中文", "zh_CN")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(0 if current_language() == "zh_CN" else 1)
        for text, w in (
            (tr("&Report:"), self.kind),
            (tr("&From:"), self.date_from),
            (tr("&To:"), self.date_to),
            (tr("&Scope:"), self.scope),
            (tr("&Language:"), self.lang),
        ):
            lab = QLabel(text)
            lab.setBuddy(w)
            w.setAccessibleName(text.replace("&", "").rstrip(":："))
            form.addRow(lab, w)
        self.photos = QCheckBox(tr("With before/after &photos"))
        self.photos.setToolTip(tr("Thumbnails of the photos attached to each work order"))
        form.addRow("", self.photos)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        row.addLayout(form)
        buttons = QVBoxLayout()
        self.generate_button = QPushButton(tr("&Generate"))
        self.generate_button.setProperty("role", "primary")
        self.cancel_button = QPushButton(tr("Cancel"))
        self.save_button = QPushButton(tr("&Save PDF…"))
        self.print_button = QPushButton(tr("&Print…"))
        for b in (self.generate_button, self.cancel_button, self.save_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        row.addLayout(buttons)
        row.addStretch(1)
        self.outer.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Report progress"))
        self.status = make_label("", "muted", wrap=True)
        self.outer.addWidget(self.progress)
        self.outer.addWidget(self.status)
        self.preview = QScrollArea()
        self.preview.setWidgetResizable(True)
        self.preview.setAccessibleName(tr("Report preview"))
        self.pages_box = QWidget()
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.addWidget(
            EmptyState(tr("No report yet"), tr("Choose a report and press Generate."), "reports")
        )
        self.preview.setWidget(self.pages_box)
        self.outer.addWidget(self.preview, 1)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button.clicked.connect(self.cancel)
        self.save_button.clicked.connect(self.choose_save)
        self.print_button.clicked.connect(self.print_report)
        self.task: Task | None = None
        self.result: ReportResult | None = None
        self.page_images: list[Path] = []
        # a print running in the background: its job, its task, and its printer (kept alive
        # until the task ends)
        self.print_job: PrintJob | None = None
        self.print_task: Task | None = None
        self.printer: QPrinter | None = None
        # each report's temporary folder (its PDF and preview pages) -> the task generating it,
        # None once it ended; removed when a new report replaces it (one still being written
        # by a cancelled generation, when that ends) and when the page or its window closes
        self.folders: dict[Path, Task | None] = {}
        self._closed = False
        self._watched: QObject | None = None  # the window whose closing is watched
        folders = self.folders
        self.destroyed.connect(lambda *_: _remove(folders, list(folders)))
        self._set_busy(False)

    def _kind_changed(self) -> None:
        self.photos.setVisible(self.kind.currentData() == "maintenance")

    def refresh(self) -> None:
        """Read the scopes (communities, contracts) in the background, on the first show."""
        if self._scopes_asked:
            return
        self._scopes_asked = True
        services, actor = self.ctx.services, self.ctx.actor

        def load(_c: TaskControl) -> tuple[list[str], list[str]]:
            communities = [c.name for c in services.accounts.list_communities(actor)]
            try:
                contracts = [c.code for c in services.contracts.list(actor)]
            except OpsError:  # a role that may not read contracts still reports by community
                contracts = []
            return communities, contracts

        self.ctx.runner.run(load, success=self._scopes, name="report scopes")

    def _scopes(self, found: tuple[list[str], list[str]]) -> None:
        communities, contracts = found
        for c in communities:
            self.scope.addItem(tr("Community {name}").format(name=c), ("community", c))
        for code in contracts:
            self.scope.addItem(tr("Contract {code}").format(code=code), ("contract", code))

    def _set_busy(self, busy: bool) -> None:
        printing = self.print_job is not None
        # a new report while printing would delete the pages being printed
        self.generate_button.setEnabled(not busy and not printing)
        self.cancel_button.setEnabled(busy or printing)
        self.save_button.setEnabled(not busy and self.result is not None)
        self.print_button.setEnabled(not busy and not printing and self.result is not None)

    def _folder(self) -> Path:
        """A new report's temporary folder; the previous reports' go (but those still being
        written to, by a cancelled generation: when it ends)."""
        self._closed = False
        _remove(self.folders, [f for f, task in self.folders.items() if task is None])
        folder = Path(tempfile.mkdtemp(prefix="ops-report-"))
        self.folders[folder] = None
        return folder

    def _generated(self, folder: Path) -> None:
        """A generation ended: its folder goes unless it holds the report shown."""
        if self._closed or self.result is None or self.result.path.parent != folder:
            _remove(self.folders, [folder])
        else:
            self.folders[folder] = None

    def discard_files(self) -> None:
        """Remove every temporary folder: the page or its window closes. A generation still
        running is cancelled, a print is cancelled after its page; a file they hold open
        (Windows cannot delete those) is removed again once they end."""
        self._closed = True
        if self.task is not None:
            self.task.cancel()
        self.cancel_print()
        _remove(self.folders, list(self.folders))

    def showEvent(self, event: QShowEvent) -> None:
        window = self.window()
        if window is not self and window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Close:
            self.discard_files()
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.discard_files()
        super().closeEvent(event)

    def request(self) -> ReportRequest:
        from ...reports.api import ReportRequest

        def d(w: QDateEdit) -> date:
            q = w.date()
            return date(q.year(), q.month(), q.day())

        kind, value = self.scope.currentData()
        return ReportRequest(
            kind=self.kind.currentData(),
            date_from=d(self.date_from),
            date_to=d(self.date_to),
            community=value if kind == "community" else None,
            contract=value if kind == "contract" else None,
            lang=self.lang.currentData(),
            options=(
                {"photos": "yes"}
                if self.kind.currentData() == "maintenance" and self.photos.isChecked()
                else {}
            ),
        )

    def generate(self) -> None:
        from ...reports.api import build_report

        req = self.request()
        folder = self._folder()
        out = folder / f"{req.kind}-{req.date_from}-{req.date_to}.pdf"
        services, actor = self.ctx.services, self.ctx.actor
        self.result = None
        self.page_images = []
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status.setText(tr("Generating…"))
        self._set_busy(True)

        def work(control: TaskControl) -> tuple[ReportResult, list[Path], list[QImage]]:
            result = build_report(
                services, actor, req, out, progress=control.progress, cancelled=control.cancelled
            )
            pngs_dir = out.with_suffix("")
            shutil.rmtree(pngs_dir, ignore_errors=True)
            pngs_dir.mkdir()
            pngs = render_pages(result.path, pngs_dir)
            # the pages decoded here too: the GUI thread only turns them into pixmaps
            return result, pngs, [QImage(str(png)) for png in pngs]

        self.task = self.ctx.runner.run(
            work,
            success=self._done,
            failure=self._failed,
            progress=lambda f: self.progress.setValue(int(f * 100)),
            name="report",
        )
        task = self.task
        if task.finished:  # a runner that ran it inline
            self._generated(folder)
        else:
            self.folders[folder] = task
            task.done.connect(lambda: self._generated(folder))

    def cancel(self) -> None:
        if self.print_job is not None:
            self.cancel_print()
            return
        if self.task is not None:
            self.task.cancel()
        self.status.setText(tr("Cancelled; nothing was written."))
        self._set_busy(False)

    def _done(self, data: tuple[ReportResult, list[Path], list[QImage]]) -> None:
        result, self.page_images, images = data
        self.result = result
        self.progress.setValue(100)
        self.status.setText(
            tr("{pages} pages ready.").format(pages=result.pages)
            + (
                ""
                if self.page_images
                else " " + tr("(No preview: poppler's pdftoppm is not installed.)")
            )
        )
        clear_layout(self.pages_layout)
        for image in images:
            lab = QLabel()
            lab.setPixmap(QPixmap.fromImage(image))
            # a printed page stays white on paper, whatever the theme
            lab.setStyleSheet(f"border: 1px solid {style.current().border}; background: white;")
            self.pages_layout.addWidget(lab)
        self._set_busy(False)

    def _failed(self, exc: Exception) -> None:
        self.progress.setValue(0)
        self.status.setText(error_text(exc))
        self._set_busy(False)
        show_error(self, exc)

    def choose_save(self) -> None:
        if self.result is None:
            return
        dialog = QFileDialog(
            self, tr("Save report"), self.result.path.name, tr("PDF files (*.pdf)")
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda p: self.save_to(Path(p)))
        dialog.open()

    def save_to(self, path: Path) -> Task | None:
        """Copy the report in the background (a slow disk or a network folder must not
        freeze the window), then say where it went, or why it could not."""
        if self.result is None:  # a new report started meanwhile: nothing ready to save
            return None
        source = self.result.path

        def copy(_c: TaskControl) -> Path:
            try:
                shutil.copyfile(source, path)
            except OSError as exc:
                raise _SaveFailed(path, exc.strerror or str(exc)) from exc
            return path

        return self.ctx.runner.run(
            copy, success=self._saved, failure=self._save_failed, name="save report"
        )

    def _saved(self, path: Path) -> None:
        show_info(self, tr("Saved {path}.").format(path=path))

    def _save_failed(self, exc: Exception) -> None:
        if isinstance(exc, _SaveFailed):
            show_error(
                self, tr("Cannot save {path}: {error}").format(path=exc.path, error=exc.reason)
            )
        else:
            show_error(self, exc)

    def print_report(self) -> QPrintDialog:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        # QPrintDialog's binding offers only open(receiver, member): dialog.open() raises
        # TypeError, so call QDialog's (window-modal, non-blocking)
        QDialog.open(dialog)
        return dialog

    def print_to(self, printer: QPrinter) -> Task | None:
        """Print the report's PDF, one page per sheet, drawn at the printer's resolution (up
        to 300 dpi) and scaled to the page, in the background: "Printing page N of M"
        meanwhile, then what happened (printed, cancelled, failed)."""
        if self.print_job is not None or self.result is None:
            return None
        pdf = self.result.path
        job = self.print_job = PrintJob(total=self.result.pages)
        self.printer = printer
        self.progress.setRange(0, job.total)
        self.progress.setValue(0)
        self.status.setText(self._printing_text(1))
        self._set_busy(False)
        task = self.ctx.runner.run(
            lambda control: print_pages(printer, pdf, job, control),
            failure=self._print_failed,
            progress=self._print_progress,
            name="print report",
        )
        # every end (printed, cancelled, failed) is read from the job once the task is over:
        # a cancelled task's result reaches no success callback
        task.done.connect(self._print_ended)
        if job.outcome is None and self.print_job is job:
            self.print_task = task
        else:  # a runner that ran it inline: over already
            self._print_ended()
        return task

    def _printing_text(self, page: int) -> str:
        total = self.print_job.total if self.print_job is not None else 0
        return tr("Printing page {page} of {total}…").format(page=page, total=total)

    def _print_progress(self, fraction: float) -> None:
        job = self.print_job
        if job is None or self.print_task is None or self.print_task.control.cancelled():
            return
        page = min(job.total, round(fraction * job.total) + 1)
        self.progress.setValue(page - 1)
        self.status.setText(self._printing_text(page))

    def cancel_print(self) -> None:
        """Stop after the page being printed; the printer's job is withdrawn."""
        if self.print_task is None:
            return
        self.print_task.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(tr("Stopping after the page being printed…"))

    def _print_failed(self, exc: Exception) -> None:
        """Not a printer's refusal (those end in the job) but an unexpected error."""
        self.status.setText(tr("Printing failed: {error}").format(error=error_text(exc)))
        self._print_ended()

    def _print_ended(self) -> None:
        job = self.print_job
        if job is None:
            return
        self.print_job = self.print_task = self.printer = None
        if self._closed:
            self.discard_files()
        args = {"printed": job.printed, "total": job.total}
        if job.outcome == "printed":
            self.progress.setValue(job.total)
            self.status.setText(tr("Printed {total} pages.").format(**args))
        elif job.outcome == "aborted":
            self.status.setText(
                tr(
                    "Printing cancelled after {printed} of {total} pages; the job was withdrawn."
                ).format(**args)
            )
        elif job.outcome == "removed":
            self.status.setText(
                tr(
                    "Printing cancelled after {printed} of {total} pages; the unfinished file "
                    "was deleted."
                ).format(**args)
            )
        elif job.outcome == "sent":
            self.status.setText(
                tr(
                    "Printing cancelled after {printed} of {total} pages; this printer cannot "
                    "withdraw a job, so those pages may still print."
                ).format(**args)
            )
        elif job.outcome == "failed" and job.error is not None:
            self.status.setText(self._failure_text(job.error, job.total))
        self._set_busy(False)

    @staticmethod
    def _failure_text(exc: PrintFailed, total: int) -> str:
        if not exc.page:
            return tr("Printing failed, nothing was printed: cannot open {printer}.").format(
                printer=exc.target
            )
        if exc.unreadable is not None:
            reason = tr("the page cannot be read ({path}); generate the report again").format(
                path=exc.unreadable
            )
        else:
            reason = tr("{printer} refused it").format(printer=exc.target)
        return tr("Printing failed at page {page} of {total}: {reason}.").format(
            page=exc.page, total=total, reason=reason
        )


def _remove(folders: dict[Path, Task | None], which: list[Path]) -> None:
    for folder in which:
        shutil.rmtree(folder, ignore_errors=True)
        folders.pop(folder, None)
