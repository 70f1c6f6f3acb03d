"""Secrets: the keyring, the explicit encrypted-file fallback, and never the database."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from ops_console.domain.errors import SecretStoreUnavailable, ValidationError
from ops_console.secrets import EncryptedFileStore, SecretStore, use_backend
from ops_console.services.formats import HEADER

SECRET = "s3cr3t-Community-9f2"


def test_credentials_round_trip_through_the_keyring(keyring_backend):
    store = SecretStore(keyring_backend)
    store.set_snmp_credential("demo-v3", {"user": "ops", "auth_proto": "SHA", "auth_key": SECRET})
    assert store.get_snmp_credential("demo-v3")["auth_key"] == SECRET
    assert store.get_snmp_credential("missing") is None
    with pytest.raises(ValidationError, match="without spaces"):
        store.set_snmp_credential("bad name", {"community": "x"})
    with pytest.raises(ValidationError, match="unknown fields"):
        store.set_snmp_credential("x", {"password": "x"})


def test_no_secret_reaches_the_database_file(services, admin, db_path, tmp_path):
    services.secrets.set_snmp_credential("demo-v2c", {"community": SECRET})
    key = services.secrets.field_key()
    services.accounts.add_community(admin, "湖滨")
    csv = tmp_path / "d.csv"
    csv.write_text(
        ",".join(HEADER)
        + "\nHB-1,门禁,access_gate,湖滨,,,,,,127.0.0.1,v2c,161,demo-v2c,60,,,high,in_service\n",
        encoding="utf-8",
    )
    services.inventory.import_csv(admin, csv)
    services.db.dispose()  # checkpoint the WAL into the file
    blobs = b"".join(p.read_bytes() for p in db_path.parent.glob("ops.db*"))
    assert b"demo-v2c" in blobs  # the credential's *name* is stored...
    assert SECRET.encode() not in blobs  # ...its value never
    assert key not in blobs


def test_headless_without_passphrase_says_so_clearly(monkeypatch):
    use_backend(fail.Keyring())
    store = SecretStore()
    status = store.status()
    assert not status.usable and "OPS_CONSOLE_KEYRING_PASSPHRASE" in status.message
    with pytest.raises(SecretStoreUnavailable, match="No OS keyring is available"):
        store.set_snmp_credential("x", {"community": "y"})


def test_headless_with_passphrase_uses_an_encrypted_file(monkeypatch, tmp_path):
    use_backend(fail.Keyring())
    monkeypatch.setenv("OPS_CONSOLE_KEYRING_PASSPHRASE", "correct horse battery staple")
    store = SecretStore()
    assert isinstance(store.backend, EncryptedFileStore)
    status = store.status()
    assert "encrypted file" in status.message and "No OS keyring" in status.message
    assert status.usable and not status.os_keyring
    assert status.backend_name == "ops_console.secrets.EncryptedFileStore"
    store.set_snmp_credential("site", {"community": SECRET})
    raw = store.backend.path.read_bytes()
    assert SECRET.encode() not in raw
    assert SecretStore().get_snmp_credential("site") == {"community": SECRET}
    wrong = EncryptedFileStore(store.backend.path, passphrase="wrong")
    with pytest.raises(SecretStoreUnavailable, match="wrong passphrase"):
        wrong.get_password("ops-console", "snmp:site")
    assert keyring.get_keyring().__class__ is fail.Keyring  # nothing chosen silently


def test_the_archive_signing_key_is_made_once_and_stays_in_the_keyring(keyring_backend):
    import base64

    store = SecretStore(keyring_backend)
    with pytest.raises(SecretStoreUnavailable, match="signing key is missing"):
        store.archive_signing_key(create=False)
    key = store.archive_signing_key()
    assert len(key) == 32 and store.archive_signing_key() == key
    stored = keyring_backend.get_password("ops-console", "audit-archive-signing-key")
    assert base64.b64decode(stored) == key
