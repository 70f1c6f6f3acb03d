"""Secrets written by many processes at once: every write survives, one field key only.

Each child is a real process (the races are between processes, not threads), started
together and released at the same instant by a barrier file, so their reads and writes
of the store overlap.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from keyring.backends import fail

from ops_console.secrets import EncryptedFileStore, SecretStore, use_backend

PARALLEL = 16
ROUNDS = 3
PASSPHRASE = "concurrency-test-passphrase"

# a child: wait for the starting gun, then write one credential and read the field key
CHILD = """
import os, sys, time
from pathlib import Path
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.005)
from ops_console.secrets import SecretStore
store = SecretStore()
store.set_snmp_credential(sys.argv[2], {"community": "secret-" + sys.argv[2]})
print(store.field_key().decode())
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env.update(extra, OPS_CONSOLE_HOME=str(home))
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env


def _race(home: Path, names: list[str], env: dict[str, str]) -> list[str]:
    go = home / f"go-{names[0]}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(go), name],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    time.sleep(1.0)  # let every child import and reach the barrier
    go.touch()
    keys = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        keys.append(out.strip())
    return keys


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_parallel_writers_to_the_encrypted_file_lose_nothing(tmp_path, monkeypatch, round_):
    """16 processes store a credential each and ask for the field key, all at once, first use."""
    env = _env(tmp_path, OPS_CONSOLE_KEYRING_PASSPHRASE=PASSPHRASE)
    names = [f"r{round_}-c{i}" for i in range(PARALLEL)]
    keys = _race(tmp_path, names, env)

    use_backend(fail.Keyring())
    monkeypatch.setenv("OPS_CONSOLE_HOME", str(tmp_path))
    monkeypatch.setenv("OPS_CONSOLE_KEYRING_PASSPHRASE", PASSPHRASE)
    store = SecretStore()
    assert isinstance(store.backend, EncryptedFileStore)
    for name in names:  # every "stored" survived
        assert store.get_snmp_credential(name) == {"community": f"secret-{name}"}, name
    # one field key, the same one every process went on to encrypt with
    assert set(keys) == {store.field_key(create=False).decode()}
    assert not list(tmp_path.glob("data/*.tmp*")), "a temporary file was left behind"


def test_parallel_first_use_of_an_os_keyring_makes_one_field_key(tmp_path):
    """With an OS keyring (here: a file-backed stand-in), the key is created once, under a lock."""
    env = _env(tmp_path, PYTHON_KEYRING_BACKEND="tests.unit.slow_keyring.SlowFileKeyring")
    env["SLOW_KEYRING_FILE"] = str(tmp_path / "os-keyring")
    names = [f"os-c{i}" for i in range(PARALLEL)]
    keys = _race(tmp_path, names, env)
    assert len(set(keys)) == 1


def test_parallel_credentials_set_all_stored_and_named_where(tmp_path, monkeypatch):
    """`credentials set` ×16 at once: each says where it stored, and each one is there."""
    import io

    from ops_console.cli import main

    url = f"sqlite:///{tmp_path / 'ops.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("rootpass1\n"))
    assert main(["init", "--db", url, "--admin", "root", "--password-stdin"]) == 0
    env = _env(
        tmp_path,
        OPS_CONSOLE_KEYRING_PASSPHRASE=PASSPHRASE,
        OPS_CONSOLE_USER="root",
        OPS_CONSOLE_PASSWORD="rootpass1",
    )
    names = [f"cli-{i}" for i in range(PARALLEL // 2)]  # whole CLI processes: 8 are plenty
    command = [sys.executable, "-m", "ops_console", "credentials", "set"]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    procs = [
        subprocess.Popen(
            [*command, name, "--snmp-community-stdin", "--db", url], env=env, text=True, **pipes
        )
        for name in names
    ]
    for name, p in zip(names, procs, strict=True):
        out, err = p.communicate(f"community-{name}\n", timeout=300)
        assert p.returncode == 0, err
        # the backend it really wrote to, not "OS keyring (ChainerBackend)"
        store = tmp_path / "data" / "secrets.enc"
        where = f"encrypted file {store} (passphrase from OPS_CONSOLE_KEYRING_PASSPHRASE)"
        assert out.strip() == f"credential {name} stored in {where}: community", out
    use_backend(fail.Keyring())
    monkeypatch.setenv("OPS_CONSOLE_HOME", str(tmp_path))
    monkeypatch.setenv("OPS_CONSOLE_KEYRING_PASSPHRASE", PASSPHRASE)
    store_ = SecretStore()
    for name in names:
        assert store_.get_snmp_credential(name) == {"community": f"community-{name}"}, name
