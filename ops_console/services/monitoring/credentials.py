"""SNMP credentials: kept in the OS keyring (``secrets.py``), never in the database in clear;
in a shared installation (PostgreSQL) in the database encrypted under the installation key
(``services.installation``); what the poller asks for by name, and how a person stores one
(audited by name and kind only)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ...db.engine import Database
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
        audit.record(
            s,
            at=now,
            actor=actor.username,
            action="credential.set",
            entity="snmp_credential",
            entity_id=name,
            # what kind it is, never the secret itself
            after={
                "kind": "v3" if credential.is_v3 else "community",
                "user": credential.user,
                "auth_proto": fields.get("auth_proto"),
                "priv_proto": fields.get("priv_proto"),
            },
        )
    return where
