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
import contextlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import filelock
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

LOCK_TIMEOUT_S = 60  # a writer holds the lock for well under a second

_lock = threading.RLock()
_warned = False


def _process_lock(path: Path) -> filelock.FileLock:
    """Return the lock file that orders writers of one store across processes.

    One lock object per path in a process (``is_singleton``), so a thread that holds it may
    take it again (the field key is created inside the store's own lock).
    """
    return filelock.FileLock(path, timeout=LOCK_TIMEOUT_S, is_singleton=True)


def _write_durably(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: a temporary file, fsync, rename, fsync.

    A reader sees the old file or the new one, never half of one; when this returns, the
    new file survives a power cut.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself
    finally:
        os.close(folder)


class EncryptedFileKeyring(keyring.backend.KeyringBackend):
    """A keyring in one encrypted JSON file, for machines without an OS keyring.

    The whole file is one Fernet token; the key comes from a passphrase through
    scrypt with a per-file salt stored beside the token. Every change reads, changes
    and rewrites the file under a lock file beside it, so processes writing at once
    all keep their entries; the rewrite is durable before ``set_password`` returns.

    Attributes:
        path: the store's file.
        lock: the lock file that orders writers (``secrets.enc.lock``).
    """

    # Below zero: keyring never picks it (nor chains it) by itself; it is chosen only
    # explicitly, by SecretStore when the passphrase is set.
    priority = -1

    def __init__(self, path: Path | None = None, passphrase: str | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self.path = path or data_dir() / "secrets.enc"
        self.lock = _process_lock(self.path.with_name(self.path.name + ".lock"))
        self._passphrase = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV)
        self._derived: dict[bytes, Fernet] = {}  # scrypt is slow on purpose: once per salt

    def _fernet(self, salt: bytes) -> Fernet:
        if not self._passphrase:
            raise SecretStoreUnavailable(f"{PASSPHRASE_ENV} is not set")
        if salt not in self._derived:
            kdf = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1)
            key = base64.urlsafe_b64encode(kdf.derive(self._passphrase.encode()))
            self._derived[salt] = Fernet(key)
        return self._derived[salt]

    def _load(self) -> tuple[Fernet, bytes, dict[str, str]]:
        try:
            blob = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            salt = os.urandom(16)
            return self._fernet(salt), salt, {}
        salt = base64.b64decode(blob["salt"])
        fernet = self._fernet(salt)
        try:
            data = fernet.decrypt(blob["token"].encode())
        except InvalidToken as exc:
            raise SecretStoreUnavailable(
                f"cannot open the encrypted secret store {self.path}: wrong {PASSPHRASE_ENV}"
            ) from exc
        return fernet, salt, json.loads(data)

    def _save(self, fernet: Fernet, salt: bytes, entries: dict[str, str]) -> None:
        token = fernet.encrypt(json.dumps(entries).encode()).decode()
        blob = {"salt": base64.b64encode(salt).decode(), "token": token}
        _write_durably(self.path, json.dumps(blob).encode())

    def get_password(self, service: str, username: str) -> str | None:
        return self._load()[2].get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        with self.lock:
            fernet, salt, entries = self._load()
            entries[f"{service}\x00{username}"] = password
            self._save(fernet, salt, entries)

    def delete_password(self, service: str, username: str) -> None:
        with self.lock:
            fernet, salt, entries = self._load()
            if entries.pop(f"{service}\x00{username}", None) is None:
                raise keyring.errors.PasswordDeleteError(username)
            self._save(fernet, salt, entries)


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
        return KeyringStatus(
            f"{type(backend).__module__}.{type(backend).__name__}",
            True,
            True,
            _describe(backend),
        )

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

    def _set(self, key: str, value: str) -> str:
        """Store ``value`` and read it back; return where it went, for people.

        Returns only once the backend gives the value back, so "stored" is never said of a
        secret that did not reach the store.
        """
        with _lock:
            backend = self._require()
            try:
                backend.set_password(SERVICE, key, value)
                if backend.get_password(SERVICE, key) != value:
                    raise SecretStoreUnavailable(
                        f"the keyring ({_describe(backend)}) did not keep the secret {key!r}"
                    )
            except keyring.errors.KeyringError as exc:
                raise SecretStoreUnavailable(
                    f"the keyring refused to store a secret: {exc}"
                ) from exc
            except filelock.Timeout as exc:
                raise _locked(exc) from exc
            return _describe(backend, key, value)

    @contextlib.contextmanager
    def _creating(self) -> Iterator[None]:
        """Hold the lock that makes creating a key happen once across processes."""
        backend = self._require()
        lock = (
            backend.lock
            if isinstance(backend, EncryptedFileKeyring)
            else _process_lock(data_dir() / "keyring.lock")
        )
        try:
            with _lock, lock:
                yield
        except filelock.Timeout as exc:
            raise _locked(exc) from exc

    def _get_or_create(self, key: str, make: Callable[[], str], missing: str | None) -> str:
        """Return the secret ``key``, creating it with ``make`` once, whoever asks first.

        Two processes asking at once on first use would each make their own key and one
        of them would encrypt with a key that is then overwritten: so the check and the
        creation happen under the store's lock, and the value returned is the one read
        back from the store.
        """
        raw = self._get(key)
        if raw is not None:
            return raw
        if missing is not None:
            raise SecretStoreUnavailable(missing)
        with self._creating():
            raw = self._get(key)  # another process may have made it while we waited
            if raw is None:
                self._set(key, make())
                raw = self._get(key)
        if raw is None:  # pragma: no cover  # _set read it back already
            raise SecretStoreUnavailable(f"the keyring did not keep {key!r}")
        return raw

    # SNMP credentials -------------------------------------------------------------
    def set_snmp_credential(self, name: str, fields: dict[str, str]) -> str:
        """Store an SNMP credential under ``name`` (v1/v2c community, or v3 user and keys).

        Returns:
            where it was stored, for people (the backend that really holds it).
        """
        if not name or len(name) > 100 or any(c.isspace() for c in name):
            raise ValidationError(f"credential name {name!r}: use 1-100 characters without spaces")
        allowed = {"community", "user", "auth_proto", "auth_key", "priv_proto", "priv_key"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(f"credential {name}: unknown fields {sorted(unknown)}")
        return self._set(SNMP_PREFIX + name, json.dumps(fields))

    def get_snmp_credential(self, name: str) -> dict[str, str] | None:
        """Return the stored credential's fields, or None when there is none by that name."""
        raw = self._get(SNMP_PREFIX + name)
        return None if raw is None else dict(json.loads(raw))

    # field encryption -------------------------------------------------------------
    def field_key(self, *, create: bool = True) -> bytes:
        """Return the key that encrypts sensitive fields, creating it once on first use."""
        missing = None if create else "the field-encryption key is missing from the keyring"
        return self._get_or_create(
            FIELD_KEY_NAME, lambda: Fernet.generate_key().decode(), missing
        ).encode()

    # audit archive signing --------------------------------------------------------
    def archive_signing_key(self, *, create: bool = True) -> bytes:
        """Return the Ed25519 private key (32 raw bytes) that signs audit archives.

        Created once on first use; only its public half ever leaves the keyring (in the
        archive's header), so anyone can check a signature and only this installation can
        make one.
        """
        missing = None if create else "the audit-archive signing key is missing from the keyring"
        raw = self._get_or_create(
            SIGNING_KEY_NAME, lambda: base64.b64encode(os.urandom(32)).decode(), missing
        )
        return base64.b64decode(raw)


def _locked(exc: filelock.Timeout) -> SecretStoreUnavailable:
    return SecretStoreUnavailable(
        f"the secret store is locked by another process ({exc.lock_file}) "
        f"for more than {LOCK_TIMEOUT_S} s"
    )


def _describe(
    backend: keyring.backend.KeyringBackend, key: str | None = None, value: str | None = None
) -> str:
    """Say where a backend keeps secrets; for a chain, the member that holds ``key``."""
    if isinstance(backend, EncryptedFileKeyring):
        return f"encrypted file {backend.path} (passphrase from {PASSPHRASE_ENV})"
    members = getattr(backend, "backends", None)
    if isinstance(members, list) and members:
        holder = members[0]
        if key is not None:
            for member in members:
                with contextlib.suppress(Exception):  # a member may refuse to be asked
                    if member.get_password(SERVICE, key) == value:
                        holder = member
                        break
        return _describe(holder)
    if getattr(backend, "is_test_backend", False):
        return f"test keyring ({type(backend).__name__}, in memory)"
    return f"OS keyring ({type(backend).__name__})"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory keyring for tests and throwaway demos (never chosen automatically)."""

    priority = -1  # never picked, nor chained, by keyring itself
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
