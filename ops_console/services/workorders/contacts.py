"""Residents' contacts on work orders: sensitive, so encrypted at rest with the field key from
the secret store, and shown only to the roles that need them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.fernet import Fernet, InvalidToken

from ...db.models import WorkOrder
from ...domain.lifecycle import Role
from ..context import Actor

if TYPE_CHECKING:
    from ...secrets import SecretStore


@dataclass(frozen=True)
class ResidentContact:
    """A resident's contact on a work order (sensitive: encrypted at rest)."""

    name: str
    phone: str


class ContactCipher:
    """Encrypts and decrypts contacts with the field key, read on first use."""

    def __init__(self, secrets: SecretStore | None = None) -> None:
        self.secrets = secrets
        self._fernet: Fernet | None = None

    def _cipher(self) -> Fernet:
        if self._fernet is None:
            if self.secrets is None:
                from ...secrets import SecretStore

                self.secrets = SecretStore()
            self._fernet = Fernet(self.secrets.field_key())
        return self._fernet

    def encrypt(self, contact: ResidentContact | None) -> str | None:
        if contact is None:
            return None
        payload = json.dumps({"name": contact.name, "phone": contact.phone}, ensure_ascii=False)
        return self._cipher().encrypt(payload.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> ResidentContact:
        try:
            data = json.loads(self._cipher().decrypt(token.encode("ascii")))
        except InvalidToken:
            return ResidentContact("(cannot decrypt: wrong field key)", "")
        return ResidentContact(data.get("name", ""), data.get("phone", ""))


def may_see_contact(actor: Actor, wo: WorkOrder) -> bool:
    """Roles with read.contacts see contacts; a technician only on orders assigned to them."""
    if actor.can("read.contacts"):
        return True
    return (
        actor.role == Role.TECHNICIAN
        and wo.assignee_id is not None
        and wo.assignee_id == actor.user_id
    )
