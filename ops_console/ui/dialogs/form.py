"""A small form dialog: fields, validation shown inline, a service write on OK.

Every dialog of the console opens with ``open()`` and reports through ``finished``;
``is_valid()`` says whether OK may be pressed. OK reads the fields on the GUI thread and runs
the write as an :class:`~..operations.Operation` (in the background; OK disabled and "Saving…"
shown meanwhile). A Conflict error closes the form and hands over to the conflict dialog;
any other error is shown in the form, which stays open with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Conflict, OpsError
from ..i18n import error_text, tr
from ..operations import Operation
from ..tasks import SyncRunner, TaskRunner
from ..widgets import label as make_label

W = TypeVar("W", bound=QWidget)


class FormDialog(QDialog):
    """Fields in a form; ``check`` returns problems; ``submit`` reads the fields and returns
    the write, which runs in the background; ``after`` gets its result on the GUI thread.

    Attributes:
        result_value: what the write returned, once accepted.
        conflict: the Conflict error when someone else saved first.
        saving: the running :class:`~..operations.Operation`, else None.
        conflict_closes: whether a Conflict closes the form (someone else saved the record
            first); a form that adds something keeps it open and says what exists already.
    """

    conflict_closes = True

    def __init__(
        self,
        title: str,
        intro: str = "",
        ok_text: str = "",
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.result_value: Any = None
        self.conflict: Conflict | None = None
        self.saving: Operation[Any] | None = None
        self.runner = runner or SyncRunner()
        self.check: Callable[[], list[str]] = lambda: []
        self.submit: Callable[[], Callable[[], Any]] = lambda: lambda: None
        self.after: Callable[[Any], object] = lambda _result: None
        self.layout_ = QVBoxLayout(self)
        if intro:
            self.layout_.addWidget(make_label(intro, wrap=True))
        self.form = QFormLayout()
        self.form.setSpacing(8)
        self.layout_.addLayout(self.form)
        self.problems = make_label("", "error", wrap=True)
        self.problems.setAccessibleName(tr("Problems"))
        self.layout_.addWidget(self.problems)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(ok_text or tr("OK"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("role", "primary")
        buttons.addButton(tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.do_submit)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)

    def add(self, text: str, widget: W) -> W:
        lab = QLabel(text)
        lab.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":："))
        self.form.addRow(lab, widget)
        for sig in ("textChanged", "currentIndexChanged", "toggled", "valueChanged"):
            if hasattr(widget, sig):
                getattr(widget, sig).connect(self.validate)
        return widget

    def is_valid(self) -> bool:
        return not self.check()

    def validate(self, *_: object) -> None:
        problems = self.check()
        self.problems.setText("\n".join(problems))
        self.ok.setEnabled(not problems)

    def do_submit(self) -> None:
        if not self.is_valid() or (self.saving is not None and self.saving.running):
            return
        try:
            write = self.submit()  # reads the fields, here on the GUI thread
        except OpsError as exc:
            self.problems.setText(error_text(exc))
            return
        self.saving = (
            Operation(self, write, runner=self.runner, name=self.windowTitle())
            .busy(self.ok)
            .on_busy(self._show_saving)
            .success(self._saved)
            .failure(self._refused)
        )
        self.saving.run()

    def _show_saving(self, busy: bool) -> None:
        self.problems.setText(tr("Saving…") if busy else "")

    def _saved(self, result: object) -> None:
        self.result_value = result
        self.after(result)
        self.accept()

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, Conflict) and self.conflict_closes:
            self.conflict = exc
            self.reject()
            return
        if isinstance(exc, OpsError):
            self.problems.setText(error_text(exc))
            return
        self.problems.setText(
            tr("Something went wrong: {error}").format(error=f"{type(exc).__name__}: {exc}")
        )
