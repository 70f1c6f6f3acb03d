"""A stand-in for an OS keyring shared by processes: one file per entry, slow to answer.

Like Secret Service or the Keychain, each entry is written atomically on its own and
nothing orders a read and a later write of different processes; the pauses widen the
window in which they interleave. Selected with ``PYTHON_KEYRING_BACKEND``.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import keyring.backend


class SlowFileKeyring(keyring.backend.KeyringBackend):
    """Entries as files under ``$SLOW_KEYRING_FILE``; ranks as a real keyring."""

    priority = 5

    def _path(self, service: str, username: str) -> Path:
        folder = Path(os.environ["SLOW_KEYRING_FILE"])
        folder.mkdir(parents=True, exist_ok=True)
        return folder / hashlib.sha256(f"{service}\0{username}".encode()).hexdigest()

    def get_password(self, service: str, username: str) -> str | None:
        time.sleep(0.05)
        path = self._path(service, username)
        return path.read_text("utf-8") if path.exists() else None

    def set_password(self, service: str, username: str, password: str) -> None:
        time.sleep(0.05)
        path = self._path(service, username)
        tmp = path.with_name(f"{path.name}.{os.getpid()}")
        tmp.write_text(password, "utf-8")
        tmp.replace(path)

    def delete_password(self, service: str, username: str) -> None:
        self._path(service, username).unlink()
