"""The passphrase dialog: no OS keyring here, so secrets go to a file encrypted with a passphrase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from ...domain.errors import OpsError
from ..i18n import tr
from ..widgets import icon, label

if TYPE_CHECKING:
    from ...secrets import SecretStore

MIN_LENGTH = 8


class PassphraseDialog(QDialog):
    """Say that there is no OS keyring and ask for the encrypted store's passphrase.

    The first time (no store file yet) the passphrase is chosen and typed twice; later it
    must open the existing file, else it is refused and nothing changes. "Not now" goes on
    without secrets: the Settings page keeps saying so, and saving a resident's contact or a
    credential is refused with the same message.

    Attributes:
        where: where secrets are kept once accepted, else "".
    """

    def __init__(self, store: SecretStore, path: str, *, first_time: bool) -> None:
        super().__init__()
        self.store = store
        self.first_time = first_time
        self.where = ""
        self.setWindowTitle(tr("Secrets — Ops Console"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
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
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(tr("Passphrase"))
        form.addRow(tr("&Passphrase:"), self.passphrase)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(tr("Passphrase again"))
        if first_time:
            form.addRow(tr("&Again:"), self.again)
        layout.addLayout(form)
        self.error = label("", "error", wrap=True)
        self.error.setAccessibleName(tr("Passphrase problem"))
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(
            tr("Use the encrypted file"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setProperty("role", "primary")
        self.ok.setDefault(True)
        buttons.addButton(tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.passphrase.textChanged.connect(self._update)
        self.again.textChanged.connect(self._update)
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
        if not self.is_valid():
            return
        try:
            self.where = self.store.unlock(self.passphrase.text())
        except OpsError:
            self.passphrase.clear()  # clears the problem line too: the refusal goes after
            self.error.setText(tr("This passphrase does not open the encrypted file."))
            self.passphrase.setFocus()
            return
        self.accept()
