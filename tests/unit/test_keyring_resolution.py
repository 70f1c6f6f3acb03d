"""Keyring's own backend resolution, not the memory store conftest installs."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import keyring.backend
import keyring.core
import pytest

import ops_console.secrets as secrets
from ops_console.domain.errors import SecretStoreUnavailable, ValidationError

_STATUS = (
    "import json, dataclasses; from ops_console.secrets import SecretStore; "
    "import keyring.backend as kb; "
    "print(json.dumps({'status': dataclasses.asdict(SecretStore().status()), "
    "'registered': sorted(c.__module__ + '.' + c.__name__ for c in kb.KeyringBackend._classes), "
    "'all': [type(k).__module__ + '.' + type(k).__name__ for k in kb.get_all_keyring()]}))"
)


def _headless(tmp_path, **extra: str) -> dict[str, str]:
    """A headless session: no D-Bus, no keyring configuration, no backend forced."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHON_KEYRING_BACKEND", "OPS_CONSOLE_KEYRING_PASSPHRASE"}
        and not k.startswith("DBUS_")
    }
    env.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "share"),
        OPS_CONSOLE_HOME=str(tmp_path / "ops"),
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}",
        **extra,
    )
    return env


def _resolve(tmp_path, **extra: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _STATUS],
        env=_headless(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout)


def test_a_headless_machine_is_not_said_to_have_an_os_keyring(tmp_path):
    seen = _resolve(tmp_path)
    status = seen["status"]
    assert not status["os_keyring"] and not status["usable"] and not status["is_secure"]
    assert status["backend_name"] == "none"
    assert status["found"] == "keyring.backends.fail.Keyring"
    assert "No OS keyring is available" in status["message"]
    assert "OPS_CONSOLE_KEYRING_PASSPHRASE" in status["message"]
    # keyring never learnt of our stores: it neither offers nor chains them
    assert not [c for c in seen["registered"] if c.startswith("ops_console.")]
    assert not [c for c in seen["all"] if c.startswith("ops_console.")]


def test_with_the_run_sh_passphrase_the_encrypted_file_is_named_not_an_os_keyring(tmp_path):
    status = _resolve(tmp_path, OPS_CONSOLE_KEYRING_PASSPHRASE="ops-console-demo")["status"]
    assert status["usable"] and not status["os_keyring"]
    assert status["backend_name"] == "ops_console.secrets.EncryptedFileStore"
    assert status["message"].startswith("No OS keyring is available on this machine")
    assert "encrypted file" in status["message"]


def test_in_process_resolution_finds_none_of_our_stores(tmp_path, monkeypatch):
    """keyring.core.init_backend() as at start-up, after this module is imported."""
    for k, v in _headless(tmp_path).items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    keyring.core.init_backend()
    secrets.use_backend(None)  # no memory store: what keyring resolves is what is used
    store = secrets.SecretStore()
    assert not any(
        type(k).__module__.startswith("ops_console") for k in keyring.backend.get_all_keyring()
    )
    assert not isinstance(keyring.get_keyring(), secrets.SecretBackend)
    assert store.needs_passphrase() and not store.status().os_keyring
    with pytest.raises(SecretStoreUnavailable, match="No OS keyring is available"):
        store.field_key()
    # the console's passphrase dialog: a short one is refused, then the file store is used
    with pytest.raises(ValidationError, match="at least 8"):
        store.unlock("short")
    where = store.unlock("a good passphrase")
    assert where.startswith("encrypted file") and "passphrase dialog" in where
    key = store.field_key()
    assert not store.status().os_keyring and store.status().usable
    # the next start: a wrong passphrase does not open the file and changes nothing
    again = secrets.SecretStore()
    with pytest.raises(SecretStoreUnavailable, match="wrong passphrase"):
        again.unlock("not the passphrase")
    assert again.needs_passphrase()
    again.unlock("a good passphrase")
    assert again.field_key(create=False) == key


def test_init_demo_on_a_headless_machine_loads_the_demo_and_says_the_credentials_wait(tmp_path):
    """No OS keyring and no passphrase: the demo loads whole (nothing half-written) and the
    one step that needs a secret store says why it was skipped, naming the passphrase."""
    db = tmp_path / "demo.db"
    out = subprocess.run(
        [sys.executable, "-m", "ops_console", "init", "--demo", "--db", f"sqlite:///{db}"],
        env=_headless(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    said = out.stdout + out.stderr
    assert out.returncode == 0, said
    assert "demo credentials: not stored: No OS keyring is available" in said
    assert "OPS_CONSOLE_KEYRING_PASSPHRASE" in said
    # the steps after the skipped one ran: the work orders and plans are there
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM work_orders").fetchone()[0] > 500
        assert conn.execute("SELECT count(*) FROM preventive_plans").fetchone()[0] == 2
