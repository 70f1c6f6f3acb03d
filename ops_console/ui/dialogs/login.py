"""The sign-in dialog: user name and password, lockout messages, the demo hint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ...domain.errors import OpsError
from ...services.context import Actor
from ..i18n import error_text, tr
from ..widgets import icon, label

if TYPE_CHECKING:
    from ...services.container import Services


class LoginDialog(QDialog):
    """Ask for a user name and password and authenticate through the accounts service.

    Attributes:
        actor: the signed-in user once accepted, else None.
        services: the services to use from then on: on a seat of a shared installation,
            over the connection made as the person who signed in.
    """

    def __init__(self, services: Services, *, demo: bool = False, database: str = "") -> None:
        super().__init__()
        self.services = services
        self.actor: Actor | None = None
        self.setWindowTitle(tr("Sign in — Ops Console"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        heading = label(tr("Sign in to Ops Console"), "title")
        layout.addWidget(heading)
        if database:
            layout.addWidget(label(tr("Database: {db}").format(db=database), "muted", wrap=True))
        form = QFormLayout()
        form.setSpacing(8)
        self.username = QLineEdit()
        self.username.setAccessibleName(tr("User name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("Password"))
        form.addRow(tr("&User name:"), self.username)
        form.addRow(tr("&Password:"), self.password)
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label_item is None or field_item is None:
                continue
            row_label, field = label_item.widget(), field_item.widget()
            if isinstance(row_label, QLabel) and field is not None:
                row_label.setBuddy(field)
        layout.addLayout(form)
        self.error = label("", "error", wrap=True)
        self.error.setAccessibleName(tr("Sign-in problem"))
        self.error.hide()
        layout.addWidget(self.error)
        self.hint = label(
            tr(
                "Demo data is loaded: sign in as admin / admin1234, or as a demo user "
                "(for example wang.jianguo, chen.jing or zhang.wei) with demo1234."
            ),
            "muted",
            wrap=True,
        )
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.setVisible(demo)
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setProperty("role", "primary")
        self.ok.setDefault(True)
        buttons.addButton(tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.username.textChanged.connect(self._update)
        self.password.textChanged.connect(self._update)
        self._update()
        self.username.setFocus()

    def is_valid(self) -> bool:
        return bool(self.username.text().strip() and self.password.text())

    def _update(self) -> None:
        self.ok.setEnabled(self.is_valid())

    def try_sign_in(self) -> None:
        if not self.is_valid():
            return
        username, password = self.username.text().strip(), self.password.text()
        services = self.services
        try:
            if services.db.needs_person:
                # a seat: connect as the person's own login role; the server checks the
                # password (SCRAM) and the console keeps only this connection
                services = services.signed_in_as(username, password)
            self.actor = services.accounts.authenticate(username, password)
        except OpsError as exc:
            if services is not self.services:
                services.db.dispose()
            self.error.setText(error_text(exc))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        self.services = services
        self.accept()
