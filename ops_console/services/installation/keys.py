"""A shared installation's secrets for pollers: stored in PostgreSQL under the installation key,
which only enrolled hosts hold (in their own keyrings).

- ``enroll``: the first host creates the key; another host asks for it with a key pair of its
  own (the private half stays in its keyring), an admin on an enrolled host approves it (the key
  sealed for that host alone), and the host's next ``enroll`` takes it into its keyring.
- ``set_credential`` / ``credential``: an SNMP credential, envelope-encrypted (``installation.envelope``).
- ``rotate_key``: a new key; every secret re-encrypted and the key re-sealed for every enrolled
  host, in one transaction; the old key then decrypts nothing. An enrolled host picks the new
  key up from its sealed copy on its next use.

SQLite installations keep their credentials in the keyring as before (``secrets.py``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...db.engine import Database
from ...db.models import EnrolledHost, InstallationKey, StoredSecret
from ...db.repos import installation as repo
from ...domain.clock import Clock
from ...domain.errors import NotFound, PermissionDenied, ValidationError
from .. import audit
from ..context import Actor
from . import envelope

if TYPE_CHECKING:
    from ...db import Session
    from ...secrets import SecretStore


@dataclass(frozen=True)
class EnrollResult:
    """What ``enroll`` did: 'created' the key, 'enrolled' (took the approved key), 'requested'
    (waits for an admin's approval), or 'already' enrolled."""

    state: str
    host: str
    key_id: str | None


class NotEnrolled(PermissionDenied):
    """This host does not hold the installation key."""


class InstallationSecrets:
    """The installation key, the stored secrets and the enrolled hosts."""

    def __init__(self, db: Database, clock: Clock, secrets: SecretStore) -> None:
        if db.is_sqlite:
            raise ValidationError(
                "the installation key is for a shared installation (PostgreSQL); on SQLite "
                "the credentials stay in this computer's keyring"
            )
        self.db = db
        self.clock = clock
        self.secrets = secrets

    def has_key(self) -> bool:
        """Whether an admin created the installation key (``enroll`` on the first computer)."""
        with self.db.read() as s:
            return repo.key_row(s) is not None

    # enrolment -------------------------------------------------------------------------
    def enroll(self, actor: Actor, host: str) -> EnrollResult:
        """Enrol this host (an admin's sign-in): see the module's summary."""
        actor.require("credentials.write")
        _check_host(host)
        now = self.clock.now()
        with self.db.write() as s:
            row = repo.key_row(s, lock=True)
            if row is None:  # the first host: the installation's key is born here
                key = envelope.new_key()
                private, public = envelope.host_keypair()
                self.secrets.set_host_private_key(private)
                self.secrets.set_installation_key(key)
                kid = envelope.key_id(key)
                s.add(InstallationKey(id=1, key_id=kid, created_at=now))
                s.add(
                    EnrolledHost(
                        host=host, public_key=public, sealed_key=envelope.seal_for_host(public, key),
                        key_id=kid, requested_at=now, requested_by=actor.username,
                        approved_at=now, approved_by=actor.username,
                    )
                )  # fmt: skip
                self._audit(s, actor, "installation_key.create", host, {"key_id": kid})
                return EnrollResult("created", host, kid)
            local = self.secrets.installation_key()
            if local is not None and envelope.key_id(local) == row.key_id:
                return EnrollResult("already", host, row.key_id)
            if self._current_key(s, host, row) is not None:  # approved: taken into the keyring
                self._audit(s, actor, "host.enrolled", host, {"key_id": row.key_id})
                return EnrollResult("enrolled", host, row.key_id)
            request = s.get(EnrolledHost, host)
            if (
                request is not None
                and request.sealed_key is None
                and self.secrets.host_private_key() is not None
            ):
                return EnrollResult("requested", host, None)  # still waiting for an admin
            # a new request (or one whose approval this computer cannot open: a new key pair)
            private, public = envelope.host_keypair()
            self.secrets.set_host_private_key(private)
            if request is None:
                request = EnrolledHost(host=host)
                s.add(request)
            request.public_key, request.sealed_key, request.key_id = public, None, None
            request.requested_at, request.requested_by = now, actor.username
            request.approved_at = request.approved_by = None
            self._audit(s, actor, "host.enroll_request", host, {"host": host})
            return EnrollResult("requested", host, None)

    def approve(self, actor: Actor, host: str) -> str:
        """Seal the installation key for a host that asked (an admin on an enrolled host)."""
        actor.require("credentials.write")
        now = self.clock.now()
        with self.db.write() as s:
            key, row = self._key(s, lock=True)
            request = s.get(EnrolledHost, host)
            if request is None:
                raise NotFound.of(
                    "no enrolment request from host {host!r}: run 'ops-console enroll' there first",
                    host=host,
                )
            request.sealed_key = envelope.seal_for_host(request.public_key, key)
            request.key_id = row.key_id
            request.approved_at, request.approved_by = now, actor.username
            self._audit(s, actor, "host.enroll_approve", host, {"key_id": row.key_id})
            return row.key_id

    def hosts(self, actor: Actor) -> list[tuple[str, bool, str | None]]:
        """Every host that asked: (host, approved, approved by)."""
        actor.require("credentials.write")
        with self.db.read() as s:
            return [(h.host, h.sealed_key is not None, h.approved_by) for h in repo.all_hosts(s)]

    # secrets -----------------------------------------------------------------------------
    def set_credential(self, actor: Actor, name: str, fields: dict[str, str], kind: str) -> None:
        """Store an SNMP credential encrypted under the installation key (audited: its name and
        kind, never the secret)."""
        actor.require("credentials.write")
        with self.db.write() as s:
            key, row = self._key(s)
            wrapped, ciphertext = envelope.seal(key, name, json.dumps(fields).encode("utf-8"))
            stored = s.get(StoredSecret, name)
            if stored is None:
                stored = StoredSecret(name=name, kind="snmp")
                s.add(stored)
            stored.key_id, stored.wrapped_key, stored.ciphertext = row.key_id, wrapped, ciphertext
            stored.updated_at, stored.updated_by = self.clock.now(), actor.username
            audit.record(
                s,
                self.clock.now(),
                actor,
                "credential.set",
                "snmp_credential",
                name,
                after={"kind": kind, "stored": "database (installation key)"},
            )

    def credential(self, name: str) -> dict[str, str] | None:
        """Return a stored credential's fields, or None when the database has none by that name.

        Raises:
            NotEnrolled: there is one, but this host does not hold the installation key.
        """
        with self.db.read() as s:
            stored = s.get(StoredSecret, name)
            if stored is None:
                return None
            key, _ = self._key(s)
            return dict(
                json.loads(envelope.open_sealed(key, name, stored.wrapped_key, stored.ciphertext))
            )

    def rotate_key(self, actor: Actor) -> tuple[str, int, int]:
        """Replace the installation key: every secret re-encrypted (a new data key each) and the
        key re-sealed for every enrolled host, in one transaction. Return (new key id, secrets,
        hosts)."""
        actor.require("credentials.write")
        now = self.clock.now()
        with self.db.write() as s:
            old, row = self._key(s, lock=True)
            new = envelope.new_key()
            kid = envelope.key_id(new)
            secrets = repo.all_secrets(s)
            for stored in secrets:
                plain = envelope.open_sealed(
                    old, stored.name, stored.wrapped_key, stored.ciphertext
                )
                stored.wrapped_key, stored.ciphertext = envelope.seal(new, stored.name, plain)
                stored.key_id = kid
            hosts = repo.approved_hosts(s)
            for h in hosts:
                h.sealed_key = envelope.seal_for_host(h.public_key, new)
                h.key_id = kid
            before = row.key_id
            row.key_id, row.rotated_at = kid, now
            self._audit(
                s, actor, "installation_key.rotate", None,
                {"key_id": kid, "secrets": len(secrets), "hosts": len(hosts)}, {"key_id": before},
            )  # fmt: skip
            s.flush()
            # this host keeps the new key once the transaction is certain to commit; if the
            # keyring write failed, the host picks it up from its sealed copy on next use
        self.secrets.set_installation_key(new)
        return kid, len(secrets), len(hosts)

    # helpers -----------------------------------------------------------------------------
    def _key(self, s: Session, *, lock: bool = False) -> tuple[bytes, InstallationKey]:
        row = repo.key_row(s, lock=lock)
        if row is None:
            raise NotEnrolled.of(
                "this installation has no installation key yet: an admin runs "
                "'ops-console enroll' on their seat first"
            )
        key = self._current_key(s, None, row)
        if key is None:
            raise NotEnrolled.of(
                "this computer does not hold the installation key: an admin enrols it "
                "('ops-console enroll' here, then 'ops-console enroll --approve HOST' on an "
                "enrolled seat)"
            )
        return key, row

    def _current_key(self, s: Session, host: str | None, row: InstallationKey) -> bytes | None:
        """This host's key if it is the current one; else the current one from this host's
        sealed copy (approved, or re-sealed at a rotation), kept in the keyring."""
        key = self.secrets.installation_key()
        if key is not None and envelope.key_id(key) == row.key_id:
            return key
        private = self.secrets.host_private_key()
        if private is None:
            return None
        for h in repo.approved_hosts(s):
            if (host is None or h.host == host) and h.key_id == row.key_id and h.sealed_key:
                try:
                    candidate = envelope.open_for_host(private, h.sealed_key)
                except envelope.CannotDecrypt:
                    continue  # another host's copy
                if envelope.key_id(candidate) == row.key_id:
                    self.secrets.set_installation_key(candidate)
                    return candidate
        return None

    def _audit(
        self, s: Session, actor: Actor, action: str, host: str | None, after: object,
        before: object = None,
    ) -> None:  # fmt: skip
        audit.record(s, self.clock.now(), actor, action, "installation", host, before=before, after=after)  # fmt: skip


def _check_host(host: str) -> None:
    if not host or len(host) > 100 or any(c.isspace() for c in host):
        raise ValidationError.of("host name {host!r}: 1-100 characters, no spaces", host=host)
