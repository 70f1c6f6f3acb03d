"""Secrets for pollers in a shared installation: an admin enters a v3 credential on their seat;
a poller host enrolled by the admin polls the v3 device (the real snmpd) with it; a seat that
was never enrolled cannot decrypt it; after `secrets rotate-key` both enrolled hosts still work
and the old key decrypts nothing. Each computer has a keyring of its own."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.polling.credentials import SnmpCredential
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.services.formats.device_csv import HEADER
from ops_console.services.installation import InstallationSecrets, NotEnrolled, envelope
from ops_console.services.monitoring.credentials import set_snmp_credential
from ops_console.services.pollers.service import PollerService
from tests.integration.postgres import SCRAM_HBA, find_bin, postgres_server

from .conftest import Snmpd

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.snmpd,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

CLOCK = FixedClock(datetime(2026, 11, 29, 1, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def owner_url(snmpd: Snmpd, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with postgres_server(hba=SCRAM_HBA) as url:
        owner = Database(url)
        migrate.upgrade(owner)
        services = Services(owner, CLOCK, SecretStore(MemoryKeyring()))
        services.inventory.sync_categories()
        services.accounts.add_first_admin("root", "rootpass1")
        root = services.accounts.actor("root")
        services.accounts.add_user(root, "sun.admin", "demo12345", "admin")
        services.accounts.add_community(root, "湖滨")
        csv = tmp_path_factory.mktemp("devices") / "d.csv"
        csv.write_text(
            ",".join(HEADER) + "\nIT-V3-001,v3 手环网关,wristband_gateway,湖滨,,,,,,"
            f"127.20.2.1,v3,{snmpd.port},it-v3,60,,,high,in_service\n",
            encoding="utf-8",
        )
        services.inventory.import_csv(root, csv)
        owner.dispose()
        yield url


def computer(owner_url: str, user: str, password: str) -> Services:
    """A computer of its own (its own keyring) signed in as ``user`` on a seat URL."""
    u = make_url(owner_url)
    seat = URL.create(u.drivername, host=u.host, port=u.port, database=u.database)
    services = Services(Database(seat), CLOCK, SecretStore(MemoryKeyring()))
    return services.signed_in_as(user, password)


def test_an_enrolled_poller_polls_with_what_an_admin_entered_elsewhere(owner_url, snmpd):
    admin_seat = computer(owner_url, "root", "rootpass1")
    poller_host = computer(owner_url, "sun.admin", "demo12345")
    stranger = computer(owner_url, "sun.admin", "demo12345")  # never enrolled
    root = admin_seat.accounts.authenticate("root", "rootpass1")
    sun = poller_host.accounts.authenticate("sun.admin", "demo12345")
    seat_keys = InstallationSecrets(admin_seat.db, CLOCK, admin_seat.secrets)
    poller_keys = InstallationSecrets(poller_host.db, CLOCK, poller_host.secrets)

    # no key yet: nothing can be stored in the database; credentials set keeps using this
    # computer's keyring, as before the installation key existed
    with pytest.raises(NotEnrolled, match="no installation key yet"):
        seat_keys.set_credential(root, "x", {"community": "x"}, "community")
    early = SnmpCredential(community="early-community")
    where = set_snmp_credential(
        admin_seat.secrets, admin_seat.db, root, "it-early", early, now=CLOCK.now(), clock=CLOCK
    )
    assert "installation key" not in where
    assert admin_seat.secrets.get_snmp_credential("it-early") == {"community": "early-community"}
    assert seat_keys.enroll(root, "seat-a").state == "created"
    v3 = SnmpCredential(user=snmpd.v3_user, auth_proto="SHA", auth_key=snmpd.v3_auth,
                        priv_proto="AES", priv_key=snmpd.v3_priv)  # fmt: skip
    where = set_snmp_credential(
        admin_seat.secrets, admin_seat.db, root, "it-v3", v3, now=CLOCK.now(), clock=CLOCK
    )
    assert "installation key" in where
    assert admin_seat.secrets.get_snmp_credential("it-v3") is None  # not in the keyring
    with psycopg.connect(make_url(owner_url).set(drivername="postgresql").render_as_string()) as c:
        stored = c.execute("SELECT wrapped_key || ciphertext FROM stored_secrets").fetchall()
    assert len(stored) == 1
    assert snmpd.v3_auth not in stored[0][0] and snmpd.v3_priv not in stored[0][0]

    # the poller host asks, the admin approves on their seat, the host takes the key
    assert poller_keys.enroll(sun, "poller-b").state == "requested"
    with pytest.raises(NotEnrolled, match="does not hold the installation key"):
        poller_host.monitoring.credential("it-v3")
    seat_keys.approve(root, "poller-b")
    assert poller_keys.enroll(sun, "poller-b").state == "enrolled"
    assert poller_keys.enroll(sun, "poller-b").state == "already"

    def poll(services: Services) -> tuple[int, int]:
        summary = PollerService(services.monitoring, max_in_flight=10).poll_once("湖滨")
        return summary.ok, summary.failed

    assert poll(poller_host) == (1, 0)
    stranger_keys = InstallationSecrets(stranger.db, CLOCK, stranger.secrets)
    with pytest.raises(NotEnrolled):
        stranger.monitoring.credential("it-v3")
    with pytest.raises(NotEnrolled):
        stranger_keys.rotate_key(root)

    # rotate: every secret re-encrypted, the key re-sealed for both hosts, in one transaction
    old_key = admin_seat.secrets.installation_key()
    assert old_key is not None
    _, secrets, hosts = seat_keys.rotate_key(root)
    assert (secrets, hosts) == (1, 2)
    assert admin_seat.monitoring.credential("it-v3") == v3
    assert poll(poller_host) == (1, 0)  # took the new key from its sealed copy
    assert poller_host.secrets.installation_key() == admin_seat.secrets.installation_key()
    with psycopg.connect(make_url(owner_url).set(drivername="postgresql").render_as_string()) as c:
        rows = c.execute("SELECT name, wrapped_key, ciphertext FROM stored_secrets").fetchall()
        sealed = c.execute("SELECT sealed_key FROM enrolled_hosts").fetchall()
    for name, wrapped, ciphertext in rows:
        with pytest.raises(envelope.CannotDecrypt):
            envelope.open_sealed(old_key, name, wrapped, ciphertext)
    for (copy,) in sealed:
        assert base64.b64encode(old_key).decode() not in copy

    # the auditor-free part: who did what is in the chain, naming the login roles
    with psycopg.connect(make_url(owner_url).set(drivername="postgresql").render_as_string()) as c:
        actions = c.execute(
            "SELECT action, db_role FROM audit_entries WHERE entity IN "
            "('installation', 'snmp_credential') ORDER BY id"
        ).fetchall()
    assert actions == [
        ("credential.set", "root"),  # it-early, into the keyring
        ("installation_key.create", "root"),
        ("credential.set", "root"),
        ("host.enroll_request", "sun.admin"),
        ("host.enroll_approve", "root"),
        ("host.enrolled", "sun.admin"),
        ("installation_key.rotate", "root"),
    ]
    for services in (admin_seat, poller_host, stranger):
        services.db.dispose()


def test_only_admins_and_pollers_read_the_stored_secrets(owner_url):
    seat = computer(owner_url, "root", "rootpass1")
    root = seat.accounts.authenticate("root", "rootpass1")
    seat.accounts.add_user(root, "zhao.shen", "demo12345", "auditor")
    seat.accounts.add_user(root, "li.na", "demo12345", "liaison")
    seat.db.dispose()
    u = make_url(owner_url)
    for user in ("zhao.shen", "li.na"):
        with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user=user,
                             password="demo12345", autocommit=True) as conn:  # fmt: skip
            for table in ("stored_secrets", "installation_key", "enrolled_hosts"):
                with pytest.raises(psycopg.Error, match="permission denied"):
                    conn.execute(f"SELECT * FROM {table}")
