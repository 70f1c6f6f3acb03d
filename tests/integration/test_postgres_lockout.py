"""Lockout in a shared installation: five wrong passwords lock the person's login role for 15
minutes, enforced by the server; an admin unlocks it; the lock runs out (the database's clock,
ops_now(), moved by the test)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.domain.errors import AuthenticationFailed
from ops_console.services.container import Services
from tests.integration.postgres import SCRAM_HBA, find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

CLOCK = FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with postgres_server(hba=SCRAM_HBA) as owner_url:
        owner = Database(owner_url)
        migrate.upgrade(owner)
        services = Services(owner, CLOCK)
        services.accounts.add_first_admin("root", "rootpass1")
        services.accounts.add_user(services.accounts.actor("root"), "li.na", "demo12345", "liaison")
        owner.dispose()
        yield owner_url


def seat(url: str) -> Services:
    u = make_url(url)
    return Services(Database(URL.create(u.drivername, host=u.host, port=u.port,
                                        database=u.database)), CLOCK)  # fmt: skip


def sign_in(url: str, password: str) -> None:
    services = seat(url).signed_in_as("li.na", password)
    try:
        services.accounts.authenticate("li.na", password)
    finally:
        services.db.dispose()


def owner_sql(url: str, sql: str) -> list[tuple[object, ...]]:
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="ops") as conn:
        cur = conn.execute(sql)
        rows = cur.fetchall() if cur.description else []
        conn.commit()
        return rows


def fail_five_times(url: str) -> list[str]:
    messages = []
    for _ in range(5):
        with pytest.raises(AuthenticationFailed) as caught:
            sign_in(url, "wrong-password")
        messages.append(str(caught.value))
    return messages


def psql_refusal(url: str, password: str) -> str:
    u = make_url(url)
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="li.na",
                        password=password).close()  # fmt: skip
    return str(caught.value)


def test_five_failures_lock_an_admin_unlocks_the_lock_runs_out(url):
    sign_in(url, "demo12345")
    messages = fail_five_times(url)
    assert messages[:4] == ["wrong user name or password"] * 4
    assert messages[4] == "account li.na is now locked for 15 minutes after 5 failed sign-ins"
    # the server itself refuses the right password now, to the console and to psql
    with pytest.raises(AuthenticationFailed, match="try again in 15 minutes"):
        sign_in(url, "demo12345")
    assert "not permitted to log in" in psql_refusal(url, "demo12345")

    # an admin unlocks (audited); the right password works again
    root = seat(url).signed_in_as("root", "rootpass1")
    admin = root.accounts.authenticate("root", "rootpass1")
    assert root.accounts.unlock(admin, "li.na") is True
    sign_in(url, "demo12345")

    # a success starts the count again: four wrong, one right, four wrong is no lock
    for _ in range(4):
        with pytest.raises(AuthenticationFailed, match="wrong user name"):
            sign_in(url, "wrong-password")
    sign_in(url, "demo12345")
    fail_five_times(url)
    owner_sql(
        url,
        "CREATE OR REPLACE FUNCTION ops_now() RETURNS timestamptz LANGUAGE sql STABLE "
        "AS $$ SELECT now() + interval '11 minutes' $$",
    )
    with pytest.raises(AuthenticationFailed, match="try again in 4 minutes"):
        sign_in(url, "demo12345")
    owner_sql(
        url,
        "CREATE OR REPLACE FUNCTION ops_now() RETURNS timestamptz LANGUAGE sql STABLE "
        "AS $$ SELECT now() + interval '16 minutes' $$",
    )
    sign_in(url, "demo12345")  # the lock ran out: the role logs in again
    actions = [
        (r[0], r[1])
        for r in owner_sql(
            url, "SELECT action, db_role FROM audit_entries WHERE entity = 'user' ORDER BY id"
        )
    ]
    assert actions[-4:] == [
        ("user.locked", "ops_signin"),
        ("user.unlock", "root"),
        ("user.locked", "ops_signin"),
        ("user.lock_expired", "ops_signin"),
    ]
    assert root.audit.verify().ok
    root.db.dispose()


def test_ops_signin_may_only_report_failures(url):
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="ops_signin",
                         autocommit=True) as conn:  # fmt: skip
        for sql in (
            "SELECT username FROM users",
            "SELECT * FROM audit_entries",
            "SELECT ops_sign_in_ok()",
            "SELECT ops_login_set_active('li.na', true)",
        ):
            with pytest.raises(psycopg.Error, match="permission denied"):
                conn.execute(sql)
