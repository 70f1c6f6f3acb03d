"""A small form dialog: fields, validation shown inline, a service write on OK.

Every dialog of the console opens with ``open()`` and reports through ``finished``;
``is_valid()`` says whether OK may be pressed. OK reads the fields on the GUI thread and runs
the write as an :class:`~..operations.Operation` (in the background; OK disabled and "Saving…"
shown meanwhile). A Conflict error closes the form and hands over to the conflict dialog;
any other error is shown in the form, which stays open with what was typed.

Beside it, the pieces the other dialogs are built of: a labelled row, the OK/Cancel buttons,
the frame of the dialogs shown before the main window, drop-downs and fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Conflict, OpsError
from ..i18n import error_text, tr
from ..operations import Operation
from ..tasks import SyncRunner, TaskRunner
from ..widgets import icon
from ..widgets import label as make_label

if TYPE_CHECKING:
    from ..context import UiContext

W = TypeVar("W", bound=QWidget)


def add_row(form: QFormLayout, text: str, widget: W, name: str | None = None) -> W:
    """A labelled row: the label's mnemonic focuses ``widget``, which screen readers announce
    as ``name`` (by default the label's words without "&" and the colon)."""
    lab = QLabel(text)
    lab.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", "").rstrip(":：") if name is None else name)
    form.addRow(lab, widget)
    return widget


CHANGES = ("textChanged", "currentIndexChanged", "toggled", "valueChanged", "dateTimeChanged")


def on_change(slot: Callable[..., object], *widgets: QWidget) -> None:
    """Call ``slot`` whenever one of ``widgets`` changes: typed text, a choice, a tick, a
    number or a date."""
    for widget in widgets:
        for sig in CHANGES:
            if hasattr(widget, sig):
                getattr(widget, sig).connect(slot)


def add_buttons(
    layout: QVBoxLayout,
    ok_text: str,
    cancel_text: str,
    accepted: Callable[[], object],
    rejected: Callable[[], object],
    *,
    primary: bool = True,
    default: bool = False,
) -> QPushButton:
    """The OK and Cancel buttons at the foot of a dialog; returns the OK button."""
    buttons = QDialogButtonBox()
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    if primary:
        ok.setProperty("role", "primary")
    if default:
        ok.setDefault(True)
    buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(accepted)
    buttons.rejected.connect(rejected)
    layout.addWidget(buttons)
    return ok


def startup_layout(dialog: QDialog, title: str, width: int, spacing: int) -> QVBoxLayout:
    """The frame of a dialog shown before the main window (set-up, secrets, sign-in): the
    application's icon and wide margins."""
    dialog.setWindowTitle(title)
    dialog.setWindowIcon(icon("app"))
    dialog.setMinimumWidth(width)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(24, 20, 24, 16)
    layout.setSpacing(spacing)
    return layout


def combo(items: Iterable[tuple[str, object]], current: object = None) -> QComboBox:
    """A drop-down of (text, data) items, on the item whose data is ``current`` if any (else
    the first)."""
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if current is not None:
        box.setCurrentIndex(max(0, box.findData(current)))
    return box


def line_edit(text: str = "", *, max_length: int = 0, placeholder: str = "") -> QLineEdit:
    """A one-line field; ``max_length`` 0 keeps Qt's limit."""
    field = QLineEdit(text)
    if max_length:
        field.setMaxLength(max_length)
    if placeholder:
        field.setPlaceholderText(placeholder)
    return field


def field_text(field: QLineEdit | QPlainTextEdit) -> str:
    """What is typed in a field, without the blanks around it."""
    return (field.text() if isinstance(field, QLineEdit) else field.toPlainText()).strip()


def required(field: QLineEdit | QPlainTextEdit, problem: str) -> Callable[[], list[str]]:
    """A form's check: ``problem`` while ``field`` is blank."""
    return lambda: [] if field_text(field) else [problem]


def password_field(max_length: int = 200) -> QLineEdit:
    """A field for a password or a key: typed in, never shown; ``max_length`` 0 keeps Qt's
    limit."""
    field = line_edit(max_length=max_length)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class DateField(QDateEdit):
    """A day, picked from a calendar and shown as yyyy-MM-dd (on ``value`` if given)."""

    def __init__(self, value: date | None = None) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        if value is not None:
            self.setDate(QDate(value.year, value.month, value.day))

    def day(self) -> date:
        """The day shown."""
        d = self.date()
        return date(d.year(), d.month(), d.day())


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
        self.ok = add_buttons(
            self.layout_, ok_text or tr("OK"), tr("Cancel"), self.do_submit, self.reject
        )

    def add(self, text: str, widget: W) -> W:
        add_row(self.form, text, widget)
        on_change(self.validate, widget)
        return widget

    def ready(
        self,
        check: Callable[[], list[str]] | None = None,
        submit: Callable[[], Callable[[], Any]] | None = None,
    ) -> None:
        """The form is built: take its rules and its write, and show its first problems."""
        if check is not None:
            self.check = check
        if submit is not None:
            self.submit = submit
        self.validate()

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
        self.problems.setText(self.refusal_text(exc))

    def refusal_text(self, exc: Exception) -> str:
        """What the form says when the write is refused (or fails)."""
        if isinstance(exc, OpsError):
            return error_text(exc)
        return tr("Something went wrong: {error}").format(error=f"{type(exc).__name__}: {exc}")


class ServiceForm(FormDialog):
    """A form of the signed-in console: ``ctx`` gives the services, the actor and the task
    runner its write runs on.

    Attributes:
        ctx: the console's UiContext.
    """

    def __init__(
        self,
        ctx: UiContext,
        title: str,
        intro: str = "",
        ok_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, intro, ok_text, parent, runner=ctx.runner)
        self.ctx = ctx
