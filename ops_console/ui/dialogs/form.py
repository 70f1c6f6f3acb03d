"""A small form dialog: fields, validation shown inline, a service call on OK.

Every dialog of the console opens with ``open()`` and reports through ``finished``;
``is_valid()`` says whether OK may be pressed. A Conflict error closes the form and
hands over to the conflict dialog.
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
from ..widgets import label as make_label

W = TypeVar("W", bound=QWidget)


class FormDialog(QDialog):
    """Fields in a form; ``check`` returns problems; ``submit`` does the work.

    Attributes:
        result_value: what ``submit`` returned, once accepted.
        conflict: the Conflict error when someone else saved first.
    """

    def __init__(
        self,
        title: str,
        intro: str = "",
        ok_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.result_value: Any = None
        self.conflict: Conflict | None = None
        self.check: Callable[[], list[str]] = lambda: []
        self.submit: Callable[[], Any] = lambda: None
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

    def validate(self, *_: Any) -> None:
        problems = self.check()
        self.problems.setText("\n".join(problems))
        self.ok.setEnabled(not problems)

    def do_submit(self) -> None:
        if not self.is_valid():
            return
        try:
            self.result_value = self.submit()
        except Conflict as exc:
            self.conflict = exc
            self.reject()
            return
        except OpsError as exc:
            self.problems.setText(error_text(exc))
            return
        self.accept()
