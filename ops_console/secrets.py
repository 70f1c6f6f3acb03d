"""The one module that touches keyring: SNMP credentials and the field-encryption key.

Secrets never go into the database, a log, an export or a report. They live in the
operating system's keyring (Secret Service, macOS Keychain, Windows Credential
Locker). A headless server has none: there, and only when the administrator
chooses it by setting ``OPS_CONSOLE_KEYRING_PASSPHRASE``, secrets go to an
encrypted file in the data folder (Fernet, key derived from the passphrase with
scrypt). Without either, storing or reading a secret fails with a message that
says exactly this; nothing falls back to plain text.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .domain.errors import SecretStoreUnavailable, ValidationError
from .paths import data_dir

log = logging.getLogger(__name__)

SERVICE = "ops-console"
PASSPHRASE_ENV = "OPS_CONSOLE_KEYRING_PASSPHRASE"
FIELD_KEY_NAME = "field-encryption-key"
SIGNING_KEY_NAME = "audit-archive-signing-key"
SNMP_PREFIX = "snmp:"

_lock = threading.RLock()
_warned = False


class EncryptedFileKeyring(keyring.backend.KeyringBackend):
    """A keyring in one encrypted JSON file, for machines without an OS keyring.

    The whole file is one Fernet token; the key comes from a passphrase through
    scrypt with a per-file salt stored beside the token. Writes go through a
    temporary file and a rename, so a crash never leaves half a store.
    """

    priority = 0.5  # never picked automatically over a real keyring

    def __init__(self, path: Path | None = None, passphrase: str | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self.path = path or data_dir() / "secrets.enc"
        self._passphrase = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV)

    def _fernet(self, salt: bytes) -> Fernet:
        if not self._passphrase:
            raise SecretStoreUnavailable(f"{PASSPHRASE_ENV} is not set")
        kdf = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1)
        return Fernet(base64.urlsafe_b64encode(kdf.derive(self._passphrase.encode())))

    def _load(self) -> tuple[bytes, dict[str, str]]:
        if not self.path.exists():
            return os.urandom(16), {}
        blob = json.loads(self.path.read_text("utf-8"))
        salt = base64.b64decode(blob["salt"])
        try:
            data = self._fernet(salt).decrypt(blob["token"].encode())
        except InvalidToken as exc:
            raise SecretStoreUnavailable(
                f"cannot open the encrypted secret store {self.path}: wrong {PASSPHRASE_ENV}"
            ) from exc
        return salt, json.loads(data)

    def _save(self, salt: bytes, entries: dict[str, str]) -> None:
        token = self._fernet(salt).encrypt(json.dumps(entries).encode()).decode()
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps({"salt": base64.b64encode(salt).decode(), "token": token}))
        os.chmod(partial, 0o600)
        partial.replace(self.path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load()[1].get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        salt, entries = self._load()
        entries[f"{service}\x00{username}"] = password
        self._save(salt, entries)

    def delete_password(self, service: str, username: str) -> None:
        salt, entries = self._load()
        if entries.pop(f"{service}\x00{username}", None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._save(salt, entries)


@dataclass(frozen=True)
class KeyringStatus:
    """What the settings page and ``--help`` say about where secrets live."""

    backend_name: str
    is_secure: bool
    usable: bool
    message: str


def _os_backend_usable(backend: keyring.backend.KeyringBackend) -> bool:
    from keyring.backends import fail

    if isinstance(backend, fail.Keyring):
        return False
    try:
        return float(backend.priority) >= 1  # chainer/null/plaintext backends rank below 1
    except Exception:  # a backend whose priority check raises is not usable
        return False


class SecretStore:
    """Reads and writes the product's secrets; says clearly where they go.

    Attributes:
        backend: the keyring backend in use, or None when none is usable.
    """

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self.backend = backend if backend is not None else self._choose()

    @staticmethod
    def _choose() -> keyring.backend.KeyringBackend | None:
        global _warned
        current = keyring.get_keyring()
        if _os_backend_usable(current) or getattr(current, "is_test_backend", False):
            return current
        if os.environ.get(PASSPHRASE_ENV):
            if not _warned:
                log.warning(
                    "no OS keyring found; secrets are kept in the encrypted file %s "
                    "(passphrase from %s)",
                    data_dir() / "secrets.enc",
                    PASSPHRASE_ENV,
                )
                _warned = True
            return EncryptedFileKeyring()
        if not _warned:
            log.warning(
                "no OS keyring found and %s is not set: secrets cannot be stored", PASSPHRASE_ENV
            )
            _warned = True
        return None

    def status(self) -> KeyringStatus:
        """Describe the backend for people."""
        backend = self.backend
        if backend is None:
            return KeyringStatus(
                "none",
                False,
                False,
                "No OS keyring is available. Set OPS_CONSOLE_KEYRING_PASSPHRASE to keep "
                "secrets in an encrypted file in the data folder.",
            )
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        if isinstance(backend, EncryptedFileKeyring):
            return KeyringStatus(
                name,
                True,
                True,
                f"encrypted file {backend.path} (passphrase from {PASSPHRASE_ENV})",
            )
        return KeyringStatus(name, True, True, f"OS keyring ({type(backend).__name__})")

    def _require(self) -> keyring.backend.KeyringBackend:
        if self.backend is None:
            raise SecretStoreUnavailable(self.status().message)
        return self.backend

    def _get(self, key: str) -> str | None:
        with _lock:
            try:
                return self._require().get_password(SERVICE, key)
            except keyring.errors.KeyringError as exc:
                raise SecretStoreUnavailable(
                    f"the keyring refused to read a secret: {exc}"
                ) from exc

    def _set(self, key: str, value: str) -> None:
        with _lock:
            try:
                self._require().set_password(SERVICE, key, value)
            except keyring.errors.KeyringError as exc:
                raise SecretStoreUnavailable(
                    f"the keyring refused to store a secret: {exc}"
                ) from exc

    # SNMP credentials -------------------------------------------------------------
    def set_snmp_credential(self, name: str, fields: dict[str, str]) -> None:
        """Store an SNMP credential under ``name`` (v1/v2c community, or v3 user and keys)."""
        if not name or len(name) > 100 or any(c.isspace() for c in name):
            raise ValidationError(f"credential name {name!r}: use 1-100 characters without spaces")
        allowed = {"community", "user", "auth_proto", "auth_key", "priv_proto", "priv_key"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(f"credential {name}: unknown fields {sorted(unknown)}")
        self._set(SNMP_PREFIX + name, json.dumps(fields))

    def get_snmp_credential(self, name: str) -> dict[str, str] | None:
        """Return the stored credential's fields, or None when there is none by that name."""
        raw = self._get(SNMP_PREFIX + name)
        return None if raw is None else dict(json.loads(raw))

    # field encryption -------------------------------------------------------------
    def field_key(self, *, create: bool = True) -> bytes:
        """Return the key that encrypts sensitive fields, creating it on first use."""
        raw = self._get(FIELD_KEY_NAME)
        if raw is None:
            if not create:
                raise SecretStoreUnavailable("the field-encryption key is missing from the keyring")
            raw = Fernet.generate_key().decode()
            self._set(FIELD_KEY_NAME, raw)
        return raw.encode()

    # audit archive signing --------------------------------------------------------
    def archive_signing_key(self, *, create: bool = True) -> bytes:
        """Return the Ed25519 private key (32 raw bytes) that signs audit archives.

        Created on first use; only its public half ever leaves the keyring (in the archive's
        header), so anyone can check a signature and only this installation can make one.
        """
        raw = self._get(SIGNING_KEY_NAME)
        if raw is None:
            if not create:
                raise SecretStoreUnavailable(
                    "the audit-archive signing key is missing from the keyring"
                )
            raw = base64.b64encode(os.urandom(32)).decode()
            self._set(SIGNING_KEY_NAME, raw)
        return base64.b64decode(raw)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring for tests and throwaway demos (never chosen automatically)."""

    priority = 0.1
    is_test_backend = True

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


def use_backend(backend: keyring.backend.KeyringBackend) -> None:
    """Make ``backend`` the process's keyring (tests, and the --keyring-file option)."""
    keyring.set_keyring(backend)
