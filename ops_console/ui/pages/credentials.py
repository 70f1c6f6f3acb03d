"""The Credentials page (administrators): the SNMP credentials devices are polled with, when
each was stored and by whom (never the secret); store a new one or replace one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...services.monitoring import CredentialStatus, credential_status
from ..audit_text import actor_text
from ..context import UiContext
from ..i18n import N, tr
from ..models.records import RecordsModel
from ..widgets import local, show_info
from .records import RecordsPage

COLUMNS = (N("Credential"), N("Kind"), N("Stored"), N("Devices"))
NAME, KIND, STORED, DEVICES = range(len(COLUMNS))


def _kind(c: CredentialStatus) -> str:
    if c.kind == "v3":
        return tr("SNMPv3 user {user}").format(user=c.user) if c.user else tr("SNMPv3 user")
    if c.kind == "community":
        return tr("Community (SNMP v1/v2c)")
    return ""


def _stored(c: CredentialStatus) -> str:
    if c.set_at is None:
        return tr("not stored through the console")
    return tr("set on {date} by {name}").format(
        date=local(c.set_at), name=actor_text(c.set_by or "")
    )


def _text(c: CredentialStatus, col: int) -> str:
    if col == NAME:
        return c.name
    if col == KIND:
        return _kind(c)
    if col == STORED:
        return _stored(c)
    return str(c.devices)


class CredentialsPage(RecordsPage[CredentialStatus]):
    key = "credentials"

    def __init__(self, ctx: UiContext) -> None:
        model: RecordsModel[CredentialStatus] = RecordsModel(
            COLUMNS, _text, muted=lambda c: c.set_at is None, key=lambda c: c.name
        )
        super().__init__(
            ctx,
            tr(
                "The SNMP credentials devices are polled with. Secrets are entered here and "
                "kept in the secret store; they are never shown again, only when and by whom "
                "each was stored."
            ),
            model,
            tr("SNMP credentials"),
        )
        self.new_button = self.button(tr("&Store credential…"), self.store, primary=True)
        self.replace_button = self.button(tr("&Replace…"), self.replace)
        self.view.doubleClicked.connect(lambda _i: self.replace())
        self.selection_changed()

    def load(self) -> Sequence[CredentialStatus]:
        return credential_status(self.ctx.services.db, self.ctx.actor)

    def selection_changed(self) -> None:
        self.replace_button.setEnabled(self.selected() is not None)

    def _open(self, name: str) -> Any:
        from ..dialogs.credential import CredentialDialog

        names = [c.name for c in self.model.rows]
        dialog = CredentialDialog(self.ctx, names, name, self)

        def finished(result: int) -> None:
            if result and dialog.result_value is not None:
                self.refresh()
                show_info(
                    self,
                    tr("Credential {name} stored in {where}.").format(
                        name=dialog.name.currentText().strip(), where=dialog.result_value
                    ),
                )

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def store(self) -> Any:
        return self._open("")

    def replace(self) -> Any:
        c = self.selected()
        return None if c is None else self._open(c.name)
