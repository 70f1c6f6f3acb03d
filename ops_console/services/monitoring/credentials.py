"""SNMP credentials: kept in the OS keyring (``secrets.py``), never in the database in clear;
in a shared installation (PostgreSQL) in the database encrypted under the installation key
(``services.installation``); what the poller asks for by name, and how a person stores one
(audited by name and kind only)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ...db.engine import Database
from ...db.repos import accounts as accounts_repo
from ...db.repos import audit as audit_repo
from ...db.repos import inventory as inventory_repo
from ...domain.clock import Clock, SystemClock
from ...domain.errors import ValidationError, term
from ...polling.credentials import SnmpCredential
from .. import audit
from ..context import Actor

if TYPE_CHECKING:
    from ...secrets import SecretStore


def credential_from(
    secrets: SecretStore | None, name: str, db: Database | None = None
) -> SnmpCredential | None:
    """The SNMP credential ``name``: on PostgreSQL from the database (this host must hold the
    installation key), else, and for a name the database does not have, from the keyring."""
    if secrets is None:
        return None
    fields = None
    if db is not None and not db.is_sqlite:
        from ..installation import InstallationSecrets

        fields = InstallationSecrets(db, SystemClock(), secrets).credential(name)
    if fields is None:
        fields = secrets.get_snmp_credential(name)
    if fields is None:
        return None
    return SnmpCredential(
        community=fields.get("community"),
        user=fields.get("user"),
        auth_proto=fields.get("auth_proto"),
        auth_key=fields.get("auth_key"),
        priv_proto=fields.get("priv_proto"),
        priv_key=fields.get("priv_key"),
    )


# what ``SnmpCredential.problem()`` says (polling/credentials.py), marked for translation
CREDENTIAL_PROBLEMS = (
    term("SNMPv3 auth key must be at least 8 characters"),
    term("SNMPv3 privacy needs authentication too"),
    term("SNMPv3 privacy key must be at least 8 characters"),
)
CREDENTIAL_FIELDS = ("community", "user", "auth_proto", "auth_key", "priv_proto", "priv_key")


def set_snmp_credential(
    secrets: SecretStore,
    db: Database,
    actor: Actor,
    name: str,
    credential: SnmpCredential,
    *,
    now: datetime,
    clock: Clock | None = None,
) -> str:
    """Store an SNMP credential; audit its name and kind (never the secret).

    SQLite, and PostgreSQL before an admin created the installation key: in this computer's
    keyring, never in the database. PostgreSQL with an installation key: in the database,
    encrypted under it (``services.installation``), for every enrolled poller.

    Takes the two collaborators it uses, not the whole ``Services`` (which would import this
    module back through ``services.monitoring.service``).

    Returns:
        where the secret was stored (the backend that holds it, read back), for people.

    Raises:
        ValidationError: an unusable credential (short keys, unknown protocols).
    """
    actor.require("credentials.write")
    problem = credential.problem()
    if problem:
        raise ValidationError.of("credential {name}: {problem}", name=name, problem=problem)
    fields = {k: getattr(credential, k) for k in CREDENTIAL_FIELDS}
    fields = {k: (v.upper() if k.endswith("_proto") else v) for k, v in fields.items() if v}
    if not db.is_sqlite:
        from ..installation import InstallationSecrets

        keys = InstallationSecrets(db, clock or SystemClock(), secrets)
        if keys.has_key():
            # a shared installation with its key: in the database under it, for every
            # enrolled poller (this host must be enrolled); audited there. Until an admin
            # creates the key ('ops-console enroll'), this computer's keyring, as before.
            secrets.check_snmp_fields(name, fields)
            kind = "v3" if credential.is_v3 else "community"
            keys.set_credential(actor, name, fields, kind)
            return "the database, encrypted under the installation key"
    where = secrets.set_snmp_credential(name, fields)
    with db.write() as s:
        # what kind it is, never the secret itself
        audit.record(
            s,
            now,
            actor,
            "credential.set",
            "snmp_credential",
            name,
            after={
                "kind": "v3" if credential.is_v3 else "community",
                "user": credential.user,
                "auth_proto": fields.get("auth_proto"),
                "priv_proto": fields.get("priv_proto"),
            },
        )
    return where


@dataclass(frozen=True)
class CredentialStatus:
    """What a person may know about a stored SNMP credential: never the secret.

    Attributes:
        kind: ``community`` (v1/v2c) or ``v3``; None when never stored through the console.
        user: the v3 user name (not a secret), else None.
        set_at: when it was last stored, from the audit trail (None: never).
        set_by: who stored it (their display name; the login for someone since removed).
        devices: devices in service that name it.
    """

    name: str
    kind: str | None
    user: str | None
    set_at: datetime | None
    set_by: str | None
    devices: int


def credential_status(db: Database, actor: Actor) -> list[CredentialStatus]:
    """Every SNMP credential stored or named by a device, with when and by whom it was last
    stored (the audit trail's ``credential.set``), by name."""
    actor.require("credentials.write")
    with db.read() as s:
        stored = audit_repo.latest_per_entity(s, entity="snmp_credential", action="credential.set")
        counts = inventory_repo.credential_counts(s)
        names = {u.username: u.display_name for u in accounts_repo.all_users(s)}
        out = []
        for name in sorted(set(stored) | set(counts)):
            entry = stored.get(name)
            after = json.loads(entry.after_json or "{}") if entry is not None else {}
            out.append(
                CredentialStatus(
                    name,
                    after.get("kind"),
                    after.get("user"),
                    entry.at if entry is not None else None,
                    names.get(entry.actor, entry.actor) if entry is not None else None,
                    counts.get(name, 0),
                )
            )
        return out
