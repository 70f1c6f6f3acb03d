"""TLS to the shared database: a seat with sslmode=verify-full (a CA of the test's own, the
server's certificate for 127.0.0.1) reaches it encrypted and says so; a plain connection says it
is not encrypted (pg_stat_ssl, as the status bar shows it)."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy.engine import URL, make_url

from ops_console.db import migrate
from ops_console.db.engine import Database
from tests.integration.postgres import SCRAM_HBA, find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]


def _certificate(
    subject: str, key, issuer_key, issuer: x509.Name | None, ca: bool
) -> x509.Certificate:  # type: ignore[no-untyped-def]
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer or name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("ops test CA", ca_key, ca_key, None, True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _certificate("127.0.0.1", key, ca_key, ca.subject, False)
    root = tmp_path_factory.mktemp("tls") / "root.crt"
    root.write_bytes(_pem(ca))
    files = {
        "server.crt": _pem(cert),
        "server.key": key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        ),
    }
    with postgres_server(hba=SCRAM_HBA, files=files, options="-c ssl=on") as url:
        db = Database(url)
        migrate.upgrade(db)
        db.dispose()
        yield url, root


def test_a_verify_full_seat_is_encrypted_and_says_so(tls):
    url, root = tls
    u = make_url(url)
    seat = URL.create(
        u.drivername,
        username="ops",
        host=u.host,
        port=u.port,
        database=u.database,
        query={"sslmode": "verify-full", "sslrootcert": str(root)},
    )
    db = Database(seat)
    db.check()
    assert db.transport() in ("TLSv1.3", "TLSv1.2")
    db.dispose()
    plain = Database(make_url(url).update_query_dict({"sslmode": "disable"}))
    assert plain.transport() == ""
    plain.dispose()
    assert Database("sqlite:///:memory:").transport() is None


def test_verify_full_refuses_a_server_it_cannot_verify(tls, tmp_path):
    url, _ = tls
    other = tmp_path / "other.crt"
    key = ec.generate_private_key(ec.SECP256R1())
    other.write_bytes(_pem(_certificate("another CA", key, key, None, True)))
    u = make_url(url)
    seat = u.update_query_dict({"sslmode": "verify-full", "sslrootcert": str(other)})
    with pytest.raises(Exception, match="certificate verify failed"):
        Database(seat).check()


def test_the_status_bar_says_whether_the_connection_is_encrypted(tls, qtbot, tmp_path):
    from ops_console.services.container import Services
    from ops_console.ui import widgets
    from ops_console.ui.context import UiContext
    from ops_console.ui.events import AppEvents
    from ops_console.ui.i18n import set_language
    from ops_console.ui.main_window import MainWindow
    from ops_console.ui.settings import open_settings
    from ops_console.ui.tasks import SyncRunner

    widgets.NO_POPUPS["on"] = True
    url, root = tls
    owner = Services(Database(url))
    owner.inventory.sync_categories()
    if not owner.accounts.has_users():
        owner.accounts.add_first_admin("root", "rootpass1")
    owner.db.dispose()
    u = make_url(url)
    texts = {}
    for mode, query in (
        ("tls", {"sslmode": "verify-full", "sslrootcert": str(root)}),
        ("plain", {"sslmode": "disable"}),
    ):
        seat = URL.create(u.drivername, host=u.host, port=u.port, database=u.database, query=query)
        services = Services(Database(seat)).signed_in_as("root", "rootpass1")
        actor = services.accounts.authenticate("root", "rootpass1")
        for lang in ("en", "zh_CN"):
            set_language(lang)
            window = MainWindow(
                UiContext(services, actor, SyncRunner(), AppEvents(), open_settings())
            )
            qtbot.addWidget(window)
            texts[mode, lang] = window.tls_label.text()
            window.statusBar().grab().save(str(tmp_path / f"status-{mode}-{lang}.png"))
            window.close()
        set_language("en")
        services.db.dispose()
    assert "encrypted (TLSv1." in texts["tls", "en"]
    assert "NOT encrypted" in texts["plain", "en"]
    assert "已加密" in texts["tls", "zh_CN"] and "未加密" in texts["plain", "zh_CN"]
