"""The sign-in dialog: user name and password, lockout messages, the demo hint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from ...services.context import Actor
from ..i18n import error_text, tr
from ..operations import Operation
from ..tasks import SyncRunner, TaskRunner
from ..widgets import label
from .form import add_buttons, add_row, on_change, password_field, startup_layout

if TYPE_CHECKING:
    from ...services.container import Services


class LoginDialog(QDialog):
    """Ask for a user name and password and authenticate through the accounts service.

    Attributes:
        actor: the signed-in user once accepted, else None.
        services: the services to use from then on: on a seat of a shared installation,
            over the connection made as the person who signed in.
    """

    def __init__(
        self,
        services: Services,
        *,
        demo: bool = False,
        database: str = "",
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.runner = runner or SyncRunner()
        self.signing_in: Operation[tuple[Services, Actor]] | None = None
        self.actor: Actor | None = None
        layout = startup_layout(self, tr("Sign in — Ops Console"), 420, spacing=12)
        layout.addWidget(label(tr("Sign in to Ops Console"), "title"))
        if database:
            layout.addWidget(label(tr("Database: {db}").format(db=database), "muted", wrap=True))
        form = QFormLayout()
        form.setSpacing(8)
        self.username = add_row(form, tr("&User name:"), QLineEdit(), tr("User name"))
        self.password = add_row(form, tr("&Password:"), password_field(0), tr("Password"))
        layout.addLayout(form)
        self.error = label("", "error", wrap=True)
        self.error.setAccessibleName(tr("Sign-in problem"))
        self.error.hide()
        layout.addWidget(self.error)
        # while the password is checked (a slow hash; over a remote database round trips too)
        self.busy = label(tr("Signing in…"), "muted")
        self.busy.hide()
        layout.addWidget(self.busy)
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
        self.ok = add_buttons(
            layout, tr("Sign in"), tr("Quit"), self.try_sign_in, self.reject, default=True
        )
        on_change(self._update, self.username, self.password)
        self._update()
        self.username.setFocus()

    def is_valid(self) -> bool:
        return bool(self.username.text().strip() and self.password.text())

    def _update(self) -> None:
        self.ok.setEnabled(self.is_valid())

    def try_sign_in(self) -> None:
        """Check the password in the background (a slow hash, and a write on failure): the
        fields and the button disabled and "Signing in…" shown meanwhile."""
        if not self.is_valid() or (self.signing_in is not None and self.signing_in.running):
            return
        base, username, password = self.services, self.username.text().strip(), self.password.text()

        def sign_in() -> tuple[Services, Actor]:
            services = base
            try:
                if services.db.needs_person:
                    # a seat: connect as the person's own login role; the server checks the
                    # password (SCRAM) and the console keeps only this connection
                    services = services.signed_in_as(username, password)
                return services, services.accounts.authenticate(username, password)
            except BaseException:
                if services is not base:
                    services.db.dispose()
                raise

        op = (
            Operation(self, sign_in, runner=self.runner, name="sign in")
            .busy(self.ok, self.username, self.password)
            .on_busy(self.busy.setVisible)
            .success(self._signed_in)
            .failure(self._refused)
        )
        self.signing_in = op
        op.run()

    def _signed_in(self, signed_in: tuple[Services, Actor]) -> None:
        self.services, self.actor = signed_in
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.error.setText(error_text(exc))
        self.error.show()
        self.password.clear()
        self.password.setFocus()
