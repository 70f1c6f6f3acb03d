"""Import a contract file with a preview: the import itself is run and rolled back in the
background (``ContractsService.preview_file``), so the preview says exactly what the import
will create or change, and a bad file shows the same lines ``contracts import`` prints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ...services.sla import ContractPreview
from ...services.sla.contracts import ContractImportResult
from ..context import UiContext
from ..i18n import N, error_text, tr
from ..tasks import Task
from .form import FormDialog

FIELDS = {
    "name": N("name"),
    "firm": N("firm"),
    "communities": N("communities"),
    "starts_on": N("start"),
    "ends_on": N("end"),
    "monthly_fee": N("monthly fee"),
    "penalty_cap_ratio": N("penalty cap (× the fee)"),
    "timezone": N("time zone"),
    "parties": N("parties"),
    "availability": N("availability term"),
}


def preview_lines(p: ContractPreview) -> list[str]:
    """The preview in words, one line each, in the reader's language."""
    r = p.result
    if r.created:
        lines = [tr("Contract {code} will be created.").format(code=r.code)]
    elif r.changed or r.new_policy:
        lines = [tr("Contract {code} will be updated.").format(code=r.code)]
    else:
        return [
            tr("Contract {code} is unchanged: importing it changes nothing.").format(code=r.code)
        ]
    if p.new_firm:
        lines.append(tr("New firm: {firm} (added as an organization).").format(firm=p.new_firm))
    if p.changes:
        lines.append(tr("Contract fields:") if r.created else tr("Changes:"))
        for key, before, after in p.changes:
            field = tr(FIELDS[key]) if key in FIELDS else key
            if r.created or not before:
                lines.append(f"  {field}: {after}")
            else:
                lines.append(f"  {field}: {before} → {after}")
    if r.new_policy:
        lines.append(tr("New SLA policy version {v}:").format(v=r.policy_version))
        for t in p.terms:
            lines.append(
                "  "
                + tr(
                    "{key}: respond within {response} min, resolve within {resolution} min "
                    "({calendar}); {breach} per breach, {hour} per hour late"
                ).format(
                    key=t.key,
                    response=t.response_minutes,
                    resolution=t.resolution_minutes,
                    calendar=t.calendar,
                    breach=f"{t.penalty_per_breach:,}",
                    hour=f"{t.penalty_per_hour:,}",
                )
            )
    else:
        lines.append(tr("SLA policy version {v} stays in force.").format(v=r.policy_version))
    return lines


class ContractImportDialog(FormDialog):
    """Choose a contract.toml, read its preview, import it.

    Attributes:
        preview: the file's preview, once read without a problem.
        result_value: the ContractImportResult, once imported.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            tr("Import a contract"),
            tr(
                "A contract file (TOML, see the README) creates or updates the contract, its "
                "calendar and its SLA policy; changed terms make a new policy version."
            ),
            tr("&Import"),
            parent,
            runner=ctx.runner,
        )
        self.ctx = ctx
        self.preview: ContractPreview | None = None
        self._problem = ""
        self._reading: Task | None = None
        self._busy = False
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit()
        self.path.setPlaceholderText("HB-2026.toml")
        self.path.editingFinished.connect(self.read_preview)
        self.path.textEdited.connect(self._edited)
        browse = QPushButton(tr("&Choose…"))
        browse.clicked.connect(self._browse)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        caption = QLabel(tr("&File:"))
        caption.setBuddy(self.path)
        self.path.setAccessibleName(tr("File"))
        self.form.addRow(caption, row)
        self.shown = QPlainTextEdit()
        self.shown.setReadOnly(True)
        self.shown.setMinimumHeight(220)
        self.shown.setAccessibleName(tr("Preview"))
        self.form.addRow(QLabel(tr("Preview:")), self.shown)
        self.setMinimumWidth(640)
        self.check = self._check
        self.submit = self._submit
        self.validate()

    def _browse(self) -> None:
        dialog = QFileDialog(self, tr("Choose a contract file"), "", tr("Contract files (*.toml)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.choose)
        dialog.open()

    def choose(self, path: str) -> None:
        """Take this file and read its preview."""
        self.path.setText(path)
        self.read_preview()

    def _edited(self, _text: str) -> None:
        # another file named: what was shown belongs to the last one
        self.preview, self._problem, self._busy = None, "", False
        self.shown.setPlainText("")
        self.validate()

    def read_preview(self) -> None:
        """Run the import and roll it back, in the background; show what it would do."""
        text = self.path.text().strip()
        self.preview, self._problem = None, ""
        if self._reading is not None:
            self._reading.cancel()  # a preview of a file no longer chosen is dropped
        if not text:
            self.shown.setPlainText("")
            self.validate()
            return
        self.shown.setPlainText(tr("Reading…"))
        self._busy = True
        self.validate()
        contracts, actor, path = self.ctx.services.contracts, self.ctx.actor, Path(text)
        self._reading = self.runner.run(
            lambda _c: contracts.preview_file(actor, path),
            success=self._previewed,
            failure=self._refused_file,
            name="contract-preview",
        )

    def _previewed(self, preview: ContractPreview) -> None:
        self.preview, self._busy = preview, False
        self.shown.setPlainText("\n".join(preview_lines(preview)))
        self.validate()

    def _refused_file(self, exc: Exception) -> None:
        self._problem, self._busy = error_text(exc), False
        self.shown.setPlainText("")
        self.validate()

    def _check(self) -> list[str]:
        if not self.path.text().strip():
            return [tr("Choose a contract file.")]
        if self._problem:
            return [self._problem]
        if self.preview is None:
            if self._busy:
                return [tr("Reading the file…")]
            return [tr("Press Enter to see what importing the file will change.")]
        return []

    def _submit(self) -> Callable[[], ContractImportResult]:
        contracts, actor, path = (
            self.ctx.services.contracts,
            self.ctx.actor,
            Path(self.path.text().strip()),
        )
        return lambda: contracts.import_file(actor, path)
