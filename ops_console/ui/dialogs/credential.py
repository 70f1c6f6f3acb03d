"""Store an SNMP credential (v1/v2c community or v3 user) in the secret store, as
``ops-console credentials set`` does: the secrets are typed here, never shown back."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from ...polling.credentials import AUTH_PROTOCOLS, PRIV_PROTOCOLS, SnmpCredential
from ...services.monitoring import set_snmp_credential
from ..context import UiContext
from ..i18n import tr
from .form import ServiceForm, combo, line_edit, password_field


class CredentialDialog(ServiceForm):
    """A credential's name, its kind and its secrets.

    Attributes:
        result_value: where the secret was stored (the backend's words), once saved.
    """

    def __init__(
        self,
        ctx: UiContext,
        names: Sequence[str],
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            tr("Store an SNMP credential"),
            tr(
                "Devices name the credential they are polled with. The secrets go to the "
                "secret store (this computer's keyring, or on a shared installation the "
                "database, encrypted under the installation key) and are never shown again."
            ),
            tr("&Store"),
            parent,
        )
        self.name = self.add(tr("&Name:"), QComboBox())
        self.name.setEditable(True)
        self.name.addItems(list(names))
        self.name.setCurrentText(name)
        typed = self.name.lineEdit()
        assert typed is not None  # an editable combo box has one
        typed.setPlaceholderText("hb-v3")
        typed.setMaxLength(100)
        self.name.editTextChanged.connect(self.validate)
        self.kind = self.add(
            tr("&Kind:"),
            combo([(tr("SNMPv3 user"), "v3"), (tr("Community (SNMP v1/v2c)"), "community")]),
        )
        self.community = self.add(tr("&Community:"), password_field())
        self.user = self.add(tr("v3 &user:"), line_edit(max_length=64))
        none = (tr("none"), None)
        self.auth_proto = self.add(
            tr("&Authentication:"), combo([*((p, p) for p in AUTH_PROTOCOLS), none], "SHA")
        )
        self.auth_key = self.add(tr("Auth &key:"), password_field())
        self.priv_proto = self.add(
            tr("&Privacy:"), combo([*((p, p) for p in PRIV_PROTOCOLS), none], "AES")
        )
        self.priv_key = self.add(tr("Pri&vacy key:"), password_field())
        for box in (self.kind, self.auth_proto, self.priv_proto):
            box.currentIndexChanged.connect(self._enable)
        self._enable()
        self.ready(self._check, self._submit)

    def _enable(self, *_: object) -> None:
        v3 = self.kind.currentData() == "v3"
        self.community.setEnabled(not v3)
        for w in (self.user, self.auth_proto, self.priv_proto):
            w.setEnabled(v3)
        self.auth_key.setEnabled(v3 and self.auth_proto.currentData() is not None)
        self.priv_key.setEnabled(v3 and self.priv_proto.currentData() is not None)

    def credential(self) -> SnmpCredential:
        if self.kind.currentData() != "v3":
            return SnmpCredential(community=self.community.text())
        auth, priv = self.auth_proto.currentData(), self.priv_proto.currentData()
        return SnmpCredential(
            user=self.user.text().strip(),
            auth_proto=auth,
            auth_key=self.auth_key.text() if auth else None,
            priv_proto=priv,
            priv_key=self.priv_key.text() if priv else None,
        )

    def _check(self) -> list[str]:
        problems = []
        if not self.name.currentText().strip():
            problems.append(tr("Name the credential."))
        if self.kind.currentData() == "v3" and not self.user.text().strip():
            problems.append(tr("Enter the v3 user."))
        elif self.kind.currentData() != "v3" and not self.community.text():
            problems.append(tr("Enter the community."))
        return problems

    def _submit(self) -> Callable[[], str]:
        services, actor = self.ctx.services, self.ctx.actor
        name, credential = self.name.currentText().strip(), self.credential()
        return lambda: set_snmp_credential(
            services.secrets, services.db, actor, name, credential, now=services.clock.now()
        )
