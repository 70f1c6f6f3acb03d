"""Residents' contacts on work orders: sensitive, so encrypted at rest and shown only to the roles
that need them.

On SQLite the field key from the secret store encrypts them. In a shared installation
(PostgreSQL) the database seals and opens them itself (``db.pg_contacts``): the key stays in
the database, and ``ops_contact`` hands a contact only to a person who may read it, so no seat
holds a key that opens the contacts of orders it may not read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.fernet import Fernet, InvalidToken

from ...db import Session, pg_contacts, pg_security
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

    def encrypt(self, s: Session, contact: ResidentContact | None) -> str | None:
        """Return the stored form of ``contact`` (sealed by PostgreSQL, or under the field key)."""
        if contact is None:
            return None
        payload = json.dumps({"name": contact.name, "phone": contact.phone}, ensure_ascii=False)
        if pg_security.is_postgres(s):
            return pg_contacts.seal(s, payload)
        return self._cipher().encrypt(payload.encode("utf-8")).decode("ascii")

    def decrypt(self, s: Session, wo: WorkOrder) -> ResidentContact | None:
        """Return the order's contact; on PostgreSQL the database checks the reader's right
        (PermissionDenied when it refuses)."""
        token = wo.resident_contact_enc
        if token and pg_security.is_postgres(s):
            s.flush()  # the function reads the order's row as this transaction has it
            token = pg_contacts.open_contact(s, wo.id)
            if token is not None and token.startswith("{"):
                return _contact(json.loads(token))
        if not token:
            return None
        try:
            return _contact(json.loads(self._cipher().decrypt(token.encode("ascii"))))
        except InvalidToken:
            return ResidentContact("(cannot decrypt: wrong field key)", "")


def _contact(data: dict[str, str]) -> ResidentContact:
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
