"""The one module that touches keyring: SNMP credentials and the field-encryption key.

Secrets never go into the database, a log, an export or a report. They live in the
operating system's keyring (Secret Service, macOS Keychain, Windows Credential
Locker), found by keyring's own resolution. A headless server has none: there, and
only when a passphrase is given (``OPS_CONSOLE_KEYRING_PASSPHRASE``, or typed into the
console's passphrase dialog), secrets go to an encrypted file in the data folder
(Fernet, key derived from the passphrase with scrypt). Without either, storing or
reading a secret fails with a message that says exactly this; nothing falls back to
plain text.

The stores of this module implement :class:`SecretBackend`, an interface of our own:
none of them subclasses ``keyring.backend.KeyringBackend``, because keyring registers
every such subclass and would then offer (or chain) them as if they were an OS keyring.
"""

from __future__ import annotations

import abc
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
INSTALLATION_KEY_NAME = "installation-key"  # a shared installation's, on enrolled hosts
HOST_KEY_NAME = "host-enrolment-key"  # this host's X25519 key, to receive the one above
POLLER_LOGIN_NAME = "poller-login"  # a poller host's own PostgreSQL login (enroll --poller)
SIGNING_KEY_NAME = "audit-archive-signing-key"
SNMP_PREFIX = "snmp:"

LOCK_TIMEOUT_S = 60  # a writer holds the lock for well under a second

_lock = threading.RLock()
_warned = False
_chosen: SecretBackend | None = None  # set by use_backend (tests, benchmarks, a dialog)


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


class SecretBackend(abc.ABC):
    """Where secrets are kept: our own small interface, never registered with keyring.

    Attributes:
        is_os_keyring: True only for the operating system's keyring.
    """

    is_os_keyring = False

    @property
    def name(self) -> str:
        """The backend's class, for the settings page."""
        return f"{type(self).__module__}.{type(self).__name__}"

    @abc.abstractmethod
    def get_password(self, service: str, username: str) -> str | None:
        """Return the secret, or None when there is none."""

    @abc.abstractmethod
    def set_password(self, service: str, username: str, password: str) -> None:
        """Store the secret."""

    @abc.abstractmethod
    def delete_password(self, service: str, username: str) -> None:
        """Remove the secret; raise keyring's PasswordDeleteError when there is none."""

    @abc.abstractmethod
    def describe(self, key: str | None = None, value: str | None = None) -> str:
        """Say where the secrets are kept, for people."""


class OsKeyring(SecretBackend):
    """The operating system's keyring, as keyring resolved it.

    Attributes:
        backend: keyring's backend (for a chain, the chainer).
    """

    is_os_keyring = True

    def __init__(self, backend: keyring.backend.KeyringBackend) -> None:
        self.backend = backend

    @property
    def name(self) -> str:
        return f"{type(self.backend).__module__}.{type(self.backend).__name__}"

    def get_password(self, service: str, username: str) -> str | None:
        return self.backend.get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.backend.set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self.backend.delete_password(service, username)

    def describe(self, key: str | None = None, value: str | None = None) -> str:
        """Name the OS keyring; for a chain, the member that holds ``key``."""
        holder = self.backend
        members = getattr(holder, "backends", None)
        if isinstance(members, list) and members:
            holder = members[0]
            if key is not None:
                for member in members:
                    with contextlib.suppress(Exception):  # a member may refuse to be asked
                        if member.get_password(SERVICE, key) == value:
                            holder = member
                            break
        return f"OS keyring ({type(holder).__name__})"


class EncryptedFileStore(SecretBackend):
    """A secret store in one encrypted JSON file, for machines without an OS keyring.

    The whole file is one Fernet token; the key comes from a passphrase through
    scrypt with a per-file salt stored beside the token. Every change reads, changes
    and rewrites the file under a lock file beside it, so processes writing at once
    all keep their entries; the rewrite is durable before ``set_password`` returns.

    Attributes:
        path: the store's file.
        lock: the lock file that orders writers (``secrets.enc.lock``).
    """

    def __init__(
        self, path: Path | None = None, passphrase: str | None = None, source: str | None = None
    ) -> None:
        self.path = path or data_dir() / "secrets.enc"
        self.lock = _process_lock(self.path.with_name(self.path.name + ".lock"))
        self._passphrase = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV)
        self._derived: dict[bytes, Fernet] = {}  # scrypt is slow on purpose: once per salt
        self.passphrase_source = source or (PASSPHRASE_ENV if passphrase is None else "the caller")

    def check_passphrase(self) -> None:
        """Open the file (when there is one) to prove the passphrase; raise if it is wrong."""
        self._load()

    def describe(self, key: str | None = None, value: str | None = None) -> str:
        return f"encrypted file {self.path} (passphrase from {self.passphrase_source})"

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
                f"cannot open the encrypted secret store {self.path}: "
                f"wrong passphrase (from {self.passphrase_source})"
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
    """What the settings page and the start-up warning say about where secrets live.

    Attributes:
        backend_name: the class that keeps the secrets ("none" when nothing can).
        is_secure: secrets are protected (an OS keyring, or a file encrypted under a passphrase).
        usable: secrets can be stored and read now.
        message: one sentence for people.
        os_keyring: the operating system's keyring keeps them (never said of our own stores).
        found: what keyring's own resolution found on this machine.
    """

    backend_name: str
    is_secure: bool
    usable: bool
    message: str
    os_keyring: bool = False
    found: str = ""


def _os_backend_usable(backend: keyring.backend.KeyringBackend) -> bool:
    from keyring.backends import fail

    if isinstance(backend, fail.Keyring):
        return False
    try:
        return float(backend.priority) >= 1  # chainer/null/plaintext backends rank below 1
    except Exception:  # a backend whose priority check raises is not usable
        return False


def _class_name(obj: object) -> str:
    return f"{type(obj).__module__}.{type(obj).__name__}"


class SecretStore:
    """Reads and writes the product's secrets; says clearly where they go.

    Attributes:
        backend: the store in use, or None when none is usable.
        found: what keyring's resolution found (a class name), for the status.
    """

    def __init__(self, backend: SecretBackend | None = None) -> None:
        self.found = ""
        self.backend = backend if backend is not None else self._choose()

    def _choose(self) -> SecretBackend | None:
        global _warned
        if _chosen is not None:
            return _chosen
        current = keyring.get_keyring()
        self.found = _class_name(current)
        if _os_backend_usable(current):
            return OsKeyring(current)
        path = data_dir() / "secrets.enc"
        if os.environ.get(PASSPHRASE_ENV):
            if not _warned:
                log.warning(
                    "no usable OS keyring (keyring found %s); secrets are kept in the "
                    "encrypted file %s (passphrase from %s)",
                    self.found,
                    path,
                    PASSPHRASE_ENV,
                )
                _warned = True
            return EncryptedFileStore(path)
        if not _warned:
            log.warning(
                "no usable OS keyring (keyring found %s) and %s is not set: secrets cannot "
                "be stored",
                self.found,
                PASSPHRASE_ENV,
            )
            _warned = True
        return None

    def status(self) -> KeyringStatus:
        """Describe the store for people: an OS keyring only when keyring really found one."""
        backend = self.backend
        if backend is None:
            return KeyringStatus(
                "none",
                False,
                False,
                "No OS keyring is available on this machine"
                + (f" (keyring found only {self.found})" if self.found else "")
                + f". Set {PASSPHRASE_ENV}, or enter a passphrase when the console asks, "
                "to keep secrets in an encrypted file in the data folder.",
                found=self.found,
            )
        if isinstance(backend, EncryptedFileStore):
            return KeyringStatus(
                backend.name,
                True,
                True,
                "No OS keyring is available on this machine"
                + (f" (keyring found only {self.found})" if self.found else "")
                + f": secrets are kept in the {backend.describe()}.",
                found=self.found,
            )
        return KeyringStatus(
            backend.name,
            True,
            True,
            backend.describe(),
            os_keyring=backend.is_os_keyring,
            found=self.found,
        )

    def store_file(self) -> Path:
        """The encrypted file a passphrase opens (whether or not it exists yet)."""
        return data_dir() / "secrets.enc"

    def needs_passphrase(self) -> bool:
        """True when there is no OS keyring and no passphrase yet: the console must ask."""
        return self.backend is None

    def unlock(self, passphrase: str, *, source: str = "the console's passphrase dialog") -> str:
        """Use the encrypted file store with ``passphrase``; return where secrets now go.

        Raises:
            ValidationError: a new file's passphrase is shorter than 8 characters.
            SecretStoreUnavailable: the file exists and this passphrase does not open it.
        """
        store = EncryptedFileStore(data_dir() / "secrets.enc", passphrase, source)
        if not store.path.exists() and len(passphrase) < 8:
            raise ValidationError("the passphrase must have at least 8 characters")
        with _lock:
            store.check_passphrase()  # a wrong passphrase is refused before it is used
            self.backend = store
        return store.describe()

    def _require(self) -> SecretBackend:
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
                        f"the keyring ({backend.describe()}) did not keep the secret {key!r}"
                    )
            except keyring.errors.KeyringError as exc:
                raise SecretStoreUnavailable(
                    f"the keyring refused to store a secret: {exc}"
                ) from exc
            except filelock.Timeout as exc:
                raise _locked(exc) from exc
            return backend.describe(key, value)

    @contextlib.contextmanager
    def _creating(self) -> Iterator[None]:
        """Hold the lock that makes creating a key happen once across processes."""
        backend = self._require()
        lock = (
            backend.lock
            if isinstance(backend, EncryptedFileStore)
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
        self.check_snmp_fields(name, fields)
        return self._set(SNMP_PREFIX + name, json.dumps(fields))

    @staticmethod
    def check_snmp_fields(name: str, fields: dict[str, str]) -> None:
        """Refuse a bad credential name or an unknown field (ValidationError)."""
        if not name or len(name) > 100 or any(c.isspace() for c in name):
            raise ValidationError(f"credential name {name!r}: use 1-100 characters without spaces")
        allowed = {"community", "user", "auth_proto", "auth_key", "priv_proto", "priv_key"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValidationError(f"credential {name}: unknown fields {sorted(unknown)}")

    def get_snmp_credential(self, name: str) -> dict[str, str] | None:
        """Return the stored credential's fields, or None when there is none by that name."""
        raw = self._get(SNMP_PREFIX + name)
        return None if raw is None else dict(json.loads(raw))

    # a shared installation's key and this host's enrolment key -----------------------
    def installation_key(self) -> bytes | None:
        """Return the installation key this host holds (an enrolled host), or None."""
        raw = self._get(INSTALLATION_KEY_NAME)
        return None if raw is None else base64.b64decode(raw)

    def set_installation_key(self, key: bytes) -> str:
        return self._set(INSTALLATION_KEY_NAME, base64.b64encode(key).decode("ascii"))

    def host_private_key(self) -> str | None:
        """This host's X25519 private key (base64) for receiving the installation key."""
        return self._get(HOST_KEY_NAME)

    def set_host_private_key(self, private_b64: str) -> str:
        return self._set(HOST_KEY_NAME, private_b64)

    def poller_login(self) -> tuple[str, str] | None:
        """This host's poller login role and its password (``enroll --poller``), if any."""
        raw = self._get(POLLER_LOGIN_NAME)
        if not raw:
            return None
        data = json.loads(raw)
        return str(data["user"]), str(data["password"])

    def set_poller_login(self, user: str, password: str) -> str:
        return self._set(POLLER_LOGIN_NAME, json.dumps({"user": user, "password": password}))

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


class MemoryKeyring(SecretBackend):
    """An in-memory store for tests and benchmarks (chosen only with ``use_backend``)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)

    def describe(self, key: str | None = None, value: str | None = None) -> str:
        return f"test keyring ({type(self).__name__}, in memory)"


def use_backend(backend: SecretBackend | keyring.backend.KeyringBackend | None) -> None:
    """Choose where this process keeps secrets (tests and benchmarks).

    One of our stores is used as it is; a keyring backend becomes keyring's choice (as if
    keyring had resolved it) and the store is then picked as on any machine; None goes
    back to keyring's own resolution.
    """
    global _chosen
    if isinstance(backend, keyring.backend.KeyringBackend):
        keyring.set_keyring(backend)
        _chosen = None
    else:
        _chosen = backend
