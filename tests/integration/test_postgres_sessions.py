"""Disabling a person ends their open sessions: the database ends them, and their seat says
"your account was disabled" at its next action; a role change takes effect at the next action."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.domain.errors import AccountDisabled, PermissionDenied, RoleChanged
from ops_console.services.container import Services
from tests.integration.postgres import SCRAM_HBA, find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

CLOCK = FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
PASSWORD = "demo12345"


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with postgres_server(hba=SCRAM_HBA) as owner_url:
        owner = Database(owner_url)
        migrate.upgrade(owner)
        services = Services(owner, CLOCK)
        services.accounts.add_first_admin("root", "rootpass1")
        admin = services.accounts.actor("root")
        services.accounts.add_community(admin, "湖滨")
        for name, role in (("li.na", "liaison"), ("wang.gong", "technician"), ("sun", "admin")):
            services.accounts.add_user(admin, name, PASSWORD, role)
        owner.dispose()
        yield owner_url


def seat(url: str, user: str, password: str = PASSWORD) -> Services:
    u = make_url(url)
    bare = URL.create(u.drivername, host=u.host, port=u.port, database=u.database)
    return Services(Database(bare.render_as_string()), CLOCK).signed_in_as(user, password)


def sessions_of(url: str, user: str) -> int:
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, dbname=u.database, user="ops") as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = %s", (user,)
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_disabling_a_person_ends_their_sessions_and_their_seat_says_so(url):
    root = seat(url, "root", "rootpass1")
    admin = root.accounts.authenticate("root", "rootpass1")
    li = seat(url, "li.na")
    me = li.accounts.authenticate("li.na", PASSWORD)
    li.accounts.list_communities(me)  # a pooled connection stays open
    with as_person(url, "li.na") as shell:
        assert sessions_of(url, "li.na") == 2  # the seat's and psql's
        root.accounts.set_active(admin, "li.na", False)
        assert sessions_of(url, "li.na") == 0
        with pytest.raises(psycopg.OperationalError):
            shell.execute("SELECT 1")
    # the seat's next action: the words, not the driver's error
    with pytest.raises(AccountDisabled, match=r"your account li\.na was disabled"):
        li.accounts.list_communities(me)
    with pytest.raises(AccountDisabled, match="was disabled"):
        li.accounts.confirm(me)
    li.db.dispose()
    root.accounts.set_active(admin, "li.na", True)
    again = seat(url, "li.na")
    assert again.accounts.confirm(me) == me
    again.db.dispose()
    root.db.dispose()


def test_only_an_admin_ends_sessions_and_only_of_console_logins(url):
    for user, sql, words in (
        ("wang.gong", "SELECT ops_login_end_sessions('root')", "permission denied"),
        ("li.na", "SELECT ops_login_end_sessions('root')", "permission denied"),
        ("sun", "SELECT ops_login_end_sessions('ops')", "not a console login"),
    ):
        with as_person(url, user) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege) as e:
            conn.execute(sql)
        assert words in str(e.value), user


def as_person(url: str, user: str) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=user, password=PASSWORD, autocommit=True
    )


def test_a_role_change_takes_effect_at_the_next_action(url):
    root = seat(url, "root", "rootpass1")
    admin = root.accounts.authenticate("root", "rootpass1")
    wang = seat(url, "wang.gong")
    me = wang.accounts.authenticate("wang.gong", PASSWORD)
    with pytest.raises(PermissionDenied):
        wang.accounts.add_community(me, "西溪")
    root.accounts.set_role(admin, "wang.gong", "admin")
    with pytest.raises(RoleChanged, match="changed to admin") as changed:
        wang.accounts.confirm(me)
    now = changed.value.actor
    assert now.role == "admin"
    wang.accounts.add_community(now, "西溪")  # the database agrees at once (its group)
    root.accounts.set_role(admin, "wang.gong", "technician")
    wang.db.dispose()
    root.db.dispose()
