"""The passphrase dialog: no OS keyring here, so secrets go to a file encrypted with a passphrase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFormLayout

from ...domain.errors import OpsError
from ..i18n import tr
from ..operations import Operation
from ..tasks import SyncRunner, TaskRunner
from ..widgets import label
from .form import add_buttons, add_row, on_change, password_field, startup_layout

if TYPE_CHECKING:
    from ...secrets import SecretStore

MIN_LENGTH = 8


class PassphraseDialog(QDialog):
    """Say that there is no OS keyring and ask for the encrypted store's passphrase.

    The first time (no store file yet) the passphrase is chosen and typed twice; later it
    must open the existing file, else it is refused and nothing changes. "Not now" goes on
    without secrets: the Settings page keeps saying so, and saving a resident's contact or a
    credential is refused with the same message.

    The passphrase is checked in the background (scrypt is slow on purpose: a tenth of a
    second or more), the button disabled and "Checking…" shown meanwhile.

    Attributes:
        where: where secrets are kept once accepted, else "".
        unlocking: the check under way or last run, else None.
    """

    def __init__(
        self,
        store: SecretStore,
        path: str,
        *,
        first_time: bool,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.first_time = first_time
        self.runner = runner or SyncRunner()
        self.unlocking: Operation[str] | None = None
        self.where = ""
        layout = startup_layout(self, tr("Secrets — Ops Console"), 480, spacing=12)
        layout.addWidget(label(tr("No OS keyring on this machine"), "title"))
        found = store.status().found
        intro = tr(
            "The console found no usable operating-system keyring{found}. It keeps SNMP "
            "credentials and the key of residents' contacts in a file encrypted with a "
            "passphrase: {path}"
        ).format(found=f" ({found})" if found else "", path=path)
        layout.addWidget(label(intro, wrap=True))
        if first_time:
            hint = tr("Choose a passphrase of at least 8 characters and keep it safe.")
        else:
            hint = tr("Enter the passphrase that opens this file.")
        layout.addWidget(label(hint, "muted", wrap=True))
        form = QFormLayout()
        self.passphrase = add_row(form, tr("&Passphrase:"), password_field(0), tr("Passphrase"))
        self.again = password_field(0)  # typed only the first time
        if first_time:
            add_row(form, tr("&Again:"), self.again, tr("Passphrase again"))
        layout.addLayout(form)
        self.error = label("", "error", wrap=True)
        self.error.setAccessibleName(tr("Passphrase problem"))
        layout.addWidget(self.error)
        self.ok = add_buttons(
            layout,
            tr("Use the encrypted file"),
            tr("Not now"),
            self.try_unlock,
            self.reject,
            default=True,
        )
        on_change(self._update, self.passphrase, self.again)
        self._update()
        self.passphrase.setFocus()

    def problem(self) -> str:
        """What is wrong with the input, or "" when OK may be pressed."""
        text = self.passphrase.text()
        if not text:
            return ""
        if self.first_time and len(text) < MIN_LENGTH:
            return tr("The passphrase must have at least 8 characters.")
        if self.first_time and self.again.text() and self.again.text() != text:
            return tr("The two passphrases differ.")
        return ""

    def is_valid(self) -> bool:
        text = self.passphrase.text()
        if not text or self.problem():
            return False
        return not self.first_time or self.again.text() == text

    def _update(self) -> None:
        self.error.setText(self.problem())
        self.ok.setEnabled(self.is_valid())

    def try_unlock(self) -> None:
        """Open the encrypted file with the passphrase, in the background."""
        if not self.is_valid() or (self.unlocking is not None and self.unlocking.running):
            return
        store, passphrase = self.store, self.passphrase.text()
        self.unlocking = (
            Operation(self, lambda: store.unlock(passphrase), runner=self.runner, name="unlock")
            .busy(self.ok, self.passphrase, self.again)
            .on_busy(lambda busy: self.error.setText(tr("Checking…") if busy else ""))
            .success(self._unlocked)
            .failure(self._refused)
        )
        self.unlocking.run()

    def _unlocked(self, where: str) -> None:
        self.where = where
        self.accept()

    def _refused(self, exc: Exception) -> None:
        if not isinstance(exc, OpsError):  # the file unreadable, the disk full: say what
            self.error.setText(
                tr("Something went wrong: {error}").format(error=f"{type(exc).__name__}: {exc}")
            )
            return
        self.passphrase.clear()  # clears the problem line too: the refusal goes after
        self.error.setText(tr("This passphrase does not open the encrypted file."))
        self.passphrase.setFocus()
