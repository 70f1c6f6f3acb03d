"""A shared installation's PostgreSQL enforces the people's roles and the audit trail.

Every person signs in as their own login role (SCRAM); what a role may not do is refused by
the database itself, whether it comes from the console or from psql (here: psycopg).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.domain.errors import AuthenticationFailed, PermissionDenied
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from tests.integration.postgres import SCRAM_HBA, find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

CLOCK = FixedClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))


@pytest.fixture(scope="module")
def owner_url() -> Iterator[str]:
    with postgres_server(hba=SCRAM_HBA) as url:
        owner = Database(url)
        migrate.upgrade(owner)
        services = Services(owner, CLOCK)
        services.accounts.add_first_admin("root", "rootpass1")
        owner.dispose()
        yield url


def seat_url(owner_url: str) -> str:
    """The URL a seat is configured with: host and database, no user, no password."""
    u = make_url(owner_url)
    return URL.create(
        u.drivername, host=u.host, port=u.port, database=u.database
    ).render_as_string()


def seat(owner_url: str, user: str, password: str) -> Services:
    db = Database(seat_url(owner_url)).for_person(user, password)
    db.check()
    return Services(db, CLOCK)


def psql(owner_url: str, user: str, password: str) -> psycopg.Connection:
    """Connect as a person with the plain driver, as psql would, bypassing the console."""
    u = make_url(owner_url)
    return psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=user, password=password, autocommit=True
    )


def refused(conn: psycopg.Connection, sql: str, params: tuple[object, ...] = ()) -> str:
    """Run ``sql`` and return the database's refusal (the test fails if it is allowed)."""
    with pytest.raises(psycopg.Error) as caught:
        conn.execute(sql, params)
    return str(caught.value)


@pytest.fixture(scope="module")
def people(owner_url: str) -> Iterator[dict[str, Services]]:
    """An admin's seat adds the people; each signs in on a seat of their own."""
    root = seat(owner_url, "root", "rootpass1")
    admin = root.accounts.authenticate("root", "rootpass1")
    root.accounts.add_community(admin, "湖滨", zones=["1幢"])
    root.accounts.add_community(admin, "张江")
    for name, role, scope in (
        ("li.na", "liaison", ["湖滨"]),
        ("wang.gong", "technician", None),
        ("zhao.shen", "auditor", None),
        ("qian.jing", "manager", None),
        ("sun.admin", "admin", None),
    ):
        root.accounts.add_user(admin, name, "demo12345", role, communities=scope)
    out = {"root": root}
    for name in ("li.na", "wang.gong", "zhao.shen", "qian.jing", "sun.admin"):
        out[name] = seat(owner_url, name, "demo12345")
    yield out
    for services in out.values():
        services.db.dispose()


def test_each_person_has_a_login_role_in_their_roles_group(owner_url, people):
    with psql(owner_url, "root", "rootpass1") as conn:
        rows = conn.execute(
            "SELECT u.rolname, g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = "
            "m.roleid JOIN pg_roles u ON u.oid = m.member WHERE g.rolname LIKE 'ops\\_%' "
            "ORDER BY 1"
        ).fetchall()
        assert rows == [
            ("li.na", "ops_liaison"),
            ("qian.jing", "ops_manager"),
            ("root", "ops_admin"),
            ("sun.admin", "ops_admin"),
            ("wang.gong", "ops_technician"),
            ("zhao.shen", "ops_auditor"),
        ]
        # SCRAM, and no superuser or role-creating power for anyone
        assert conn.execute(
            "SELECT bool_or(rolsuper OR rolcreaterole OR rolcreatedb) FROM pg_roles "
            "WHERE rolname IN ('root', 'li.na', 'wang.gong')"
        ).fetchone() == (False,)
    actor = people["li.na"].accounts.authenticate("li.na", "demo12345")
    assert (actor.username, actor.role) == ("li.na", "liaison")


def test_a_wrong_password_is_refused_by_the_server(owner_url, people):
    with pytest.raises(AuthenticationFailed, match="wrong user name or password"):
        Database(seat_url(owner_url)).for_person("li.na", "not-her-password").check()
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psql(owner_url, "li.na", "not-her-password")
    # a seat signed in as one person cannot authenticate as another
    with pytest.raises(AuthenticationFailed):
        people["li.na"].accounts.authenticate("root", "rootpass1")


def test_what_no_role_may_do_is_refused_by_the_database(owner_url, people):
    for name in ("li.na", "wang.gong", "zhao.shen", "qian.jing", "sun.admin", "root"):
        with psql(owner_url, name, "rootpass1" if name == "root" else "demo12345") as conn:
            assert "permission denied" in refused(conn, "SELECT password_hash FROM users")
            assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 6
            for sql in (
                "UPDATE audit_entries SET actor = 'x'",
                "DELETE FROM audit_entries",
                "INSERT INTO audit_entries (id, at, actor, action, entity, prev_hash, hash) "
                "VALUES (999, now(), 'x', 'x', 'x', 'x', 'x')",
                "UPDATE audit_head SET last_id = 1",
                "TRUNCATE audit_entries",
            ):
                assert "permission denied" in refused(conn, sql), (name, sql)
            # creating login roles is reserved to the checked functions
            assert "permission denied" in refused(conn, "CREATE ROLE intruder LOGIN")


def test_only_an_admin_manages_login_roles_and_never_a_non_console_role(owner_url, people):
    with psql(owner_url, "qian.jing", "demo12345") as conn:
        assert "permission denied" in refused(
            conn, "SELECT ops_login_create('x.y', 'SCRAM-SHA-256$4096:x', 'admin')"
        )
        assert "only an administrator" in refused(
            conn, "SELECT ops_login_set_password('li.na', 'SCRAM-SHA-256$4096:x', 'h')"
        )
    with psql(owner_url, "sun.admin", "demo12345") as conn:
        # the owner is a role of the server, not a console login: out of an admin's reach
        assert "not a console login" in refused(
            conn, "SELECT ops_login_set_password('ops', 'SCRAM-SHA-256$4096:x', 'h')"
        )
        assert "not a console login" in refused(conn, "SELECT ops_login_set_role('ops', 'admin')")
        # a password in clear is never accepted (it would reach the server's logs)
        assert "never in clear" in refused(
            conn, "SELECT ops_login_set_password('li.na', 'plain-text-1', 'h')"
        )
    admin = people["root"].accounts.authenticate("root", "rootpass1")
    manager = people["qian.jing"].accounts.authenticate("qian.jing", "demo12345")
    with pytest.raises(PermissionDenied):
        people["qian.jing"].accounts.add_user(manager, "x.y", "demo12345", "admin")
    # the service says no first; the database would too
    with pytest.raises(PermissionDenied, match="permission denied for function"):
        from ops_console.db import pg_security

        with people["qian.jing"].db.write() as s:
            pg_security.create_login(s, "x.y", "demo12345", "admin")
    assert admin.role == "admin"


def test_role_disable_and_password_changes_keep_the_login_role_in_step(owner_url, people):
    root = people["root"]
    admin = root.accounts.authenticate("root", "rootpass1")
    root.accounts.add_user(admin, "zhou.tmp", "demo12345", "technician")
    root.accounts.set_role(admin, "zhou.tmp", "manager")
    with psql(owner_url, "zhou.tmp", "demo12345") as conn:
        assert conn.execute(
            "SELECT pg_has_role('ops_manager', 'MEMBER'), pg_has_role('ops_technician', 'MEMBER')"
        ).fetchone() == (True, False)
    root.accounts.set_active(admin, "zhou.tmp", False)
    with pytest.raises(AuthenticationFailed, match="wrong user name or password"):
        Database(seat_url(owner_url)).for_person("zhou.tmp", "demo12345").check()
    root.accounts.set_active(admin, "zhou.tmp", True)
    zhou = seat(owner_url, "zhou.tmp", "demo12345")
    me = zhou.accounts.authenticate("zhou.tmp", "demo12345")
    zhou.accounts.set_password(me, "zhou.tmp", "new-secret-9")  # one's own password
    with pytest.raises(AuthenticationFailed):
        Database(seat_url(owner_url)).for_person("zhou.tmp", "demo12345").check()
    seat(owner_url, "zhou.tmp", "new-secret-9").db.dispose()
    zhou.db.dispose()
    actions = [
        (e.actor, e.action, e.db_role)
        for e in root.audit.page(admin, limit=20)
        if e.entity == "user" and e.action.startswith("user.")
    ]
    assert ("zhou.tmp", "user.password", "zhou.tmp") in actions
    assert ("root", "user.disable", "root") in actions
    assert ("root", "user.role", "root") in actions


def test_changes_through_psql_are_audited_naming_the_login_role(owner_url, people):
    with psql(owner_url, "sun.admin", "demo12345") as conn:
        conn.execute("UPDATE communities SET address = '西湖区' WHERE name = '湖滨'")
    with psql(owner_url, "root", "rootpass1") as conn:
        row = conn.execute(
            "SELECT actor, action, entity, db_role, after_json FROM audit_entries "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row[:4] == ("sun.admin", "db.update", "communities", "sun.admin")
    assert "西湖区" in row[4]
    # one entry per change, not two: a console change carries only the service's entry
    root = people["root"]
    admin = root.accounts.authenticate("root", "rootpass1")
    before = root.audit.verify().entries
    root.accounts.add_community(admin, "科技园")
    assert root.audit.verify().entries == before + 1


def test_the_chain_stays_whole_with_concurrent_writers(owner_url, people):
    errors: list[BaseException] = []

    def console(name: str, password: str) -> None:
        try:
            services = seat(owner_url, name, password)
            me = services.accounts.authenticate(name, password)
            for i in range(6):
                services.accounts.add_community(me, f"{name}-{i}")
            services.db.dispose()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def shell() -> None:
        try:
            with psql(owner_url, "sun.admin", "demo12345") as conn:
                for i in range(6):
                    conn.execute(
                        "UPDATE communities SET address = %s WHERE name = '张江'", (str(i),)
                    )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=console, args=("root", "rootpass1")),
        threading.Thread(target=console, args=("sun.admin", "demo12345")),
        threading.Thread(target=shell),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = people["zhao.shen"].audit.verify()  # the auditor verifies
    assert result.ok, result.problem
    with psql(owner_url, "zhao.shen", "demo12345") as conn:
        counts = dict(
            conn.execute(
                "SELECT db_role, count(*) FROM audit_entries WHERE action IN "
                "('community.create', 'db.update') AND entity_id IS NOT NULL GROUP BY db_role"
            ).fetchall()
        )
    assert counts["root"] >= 6 and counts["sun.admin"] >= 12
    # an edit of history, even by the owner, is refused by the trigger
    with psql(owner_url, "root", "rootpass1") as conn:
        assert "permission denied" in refused(conn, "UPDATE audit_entries SET actor = 'x'")
    owner = psycopg.connect(make_url(owner_url).set(drivername="postgresql").render_as_string())
    with owner:
        assert "never changed" in refused(owner, "UPDATE audit_entries SET actor = 'x'")


def test_a_seat_never_migrates(owner_url, people):
    assert migrate.current_revision(people["li.na"].db) == migrate.head_revision()
    with psql(owner_url, "li.na", "demo12345") as conn:
        assert "permission denied" in refused(conn, "CREATE TABLE t (x int)")
        assert "permission denied" in refused(conn, "DELETE FROM alembic_version")


def test_sign_in_with_the_owner_role_is_not_a_seat(owner_url):
    # the owner's URL names its user: it is the migrating/installing connection, not a seat
    assert not Database(owner_url).needs_person
    assert Database(seat_url(owner_url)).needs_person
    assert SYSTEM.username


def test_the_cli_on_a_seat_signs_in_as_the_person(owner_url, people, tmp_path):
    def cli(password: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        env.update(
            OPS_CONSOLE_HOME=str(tmp_path),
            OPS_CONSOLE_DB=seat_url(owner_url),
            OPS_CONSOLE_USER="li.na",
            OPS_CONSOLE_PASSWORD=password,
            PYTHONPATH=str(Path(__file__).resolve().parents[2]),
        )
        return subprocess.run(
            [sys.executable, "-m", "ops_console", *args],
            input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip

    wrong = cli("wrong-one-1", "users", "list")
    assert wrong.returncode == 1 and "wrong user name or password" in wrong.stderr
    ok = cli("demo12345", "users", "list", "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert '"username": "li.na"' in ok.stdout
    # a liaison asking for an admin's step: refused
    other = cli("demo12345", "users", "passwd", "root", "--password-stdin", stdin="another-1\n")
    assert other.returncode == 1 and "may not manage users" in other.stderr


def test_the_sign_in_dialog_on_a_seat_connects_as_the_person(owner_url, people, qtbot):
    from ops_console.ui.dialogs.login import LoginDialog

    services = Services(Database(seat_url(owner_url)), CLOCK)
    dialog = LoginDialog(services, database=services.db.display_url)
    qtbot.addWidget(dialog)
    dialog.username.setText("wang.gong")
    dialog.password.setText("not-it-123")
    dialog.try_sign_in()
    assert dialog.actor is None and "wrong user name or password" in dialog.error.text()
    dialog.password.setText("demo12345")
    dialog.try_sign_in()
    assert dialog.actor is not None and dialog.actor.role == "technician"
    assert dialog.services.db.person == "wang.gong"
    with dialog.services.db.read() as s:
        from sqlalchemy import text

        assert s.execute(text("SELECT session_user")).scalar() == "wang.gong"
    dialog.services.db.dispose()


def test_changing_a_persons_communities_changes_what_the_database_shows_them(owner_url, people):
    root = people["root"]
    admin = root.accounts.authenticate("root", "rootpass1")
    ids = {c.name: c.id for c in root.accounts.list_communities(admin)}
    with psql(owner_url, "li.na", "demo12345") as conn:
        assert conn.execute("SELECT ops_my_communities()").fetchone()[0] == [ids["湖滨"]]
    root.accounts.set_communities(admin, "li.na", ["张江"])
    try:
        with psql(owner_url, "li.na", "demo12345") as conn:
            assert conn.execute("SELECT ops_my_communities()").fetchone()[0] == [ids["张江"]]
            names = [r[0] for r in conn.execute("SELECT name FROM communities").fetchall()]
            assert names == ["张江"]
        # the person's own seat may not widen their reach
        liaison = people["li.na"].accounts.authenticate("li.na", "demo12345")
        with pytest.raises(PermissionDenied):
            people["li.na"].accounts.set_communities(liaison, "li.na", [])
        with psql(owner_url, "li.na", "demo12345") as conn:
            assert "permission denied" in refused(conn, "DELETE FROM user_communities")
    finally:
        root.accounts.set_communities(admin, "li.na", ["湖滨"])
