"""users disable, enable, set-role and passwd from the command line (SQLite; PostgreSQL's login
roles follow in tests/integration/test_postgres_roles.py)."""

from __future__ import annotations

import io
import sqlite3

import pytest

from ops_console.cli import main
from ops_console.services.context import SYSTEM


@pytest.fixture
def url(services, db_path, monkeypatch):
    services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
    services.accounts.add_user(SYSTEM, "tech1", "techpass1", "technician")
    return f"sqlite:///{db_path}"


def as_user(monkeypatch, user: str, password: str) -> None:
    monkeypatch.setenv("OPS_CONSOLE_USER", user)
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", password)


def test_disable_enable_set_role_and_passwd(url, db_path, monkeypatch, capsys):
    as_user(monkeypatch, "root", "rootpass1")
    assert main(["users", "disable", "tech1", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == "user tech1 disabled"
    as_user(monkeypatch, "tech1", "techpass1")
    assert main(["users", "list", "--db", url]) == 1
    assert "wrong user name or password" in capsys.readouterr().err
    as_user(monkeypatch, "root", "rootpass1")
    assert main(["users", "enable", "tech1", "--db", url]) == 0
    assert main(["users", "set-role", "tech1", "manager", "--db", url]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "user tech1 is now manager"
    # everyone sets their own password; the old one stops working
    as_user(monkeypatch, "tech1", "techpass1")
    monkeypatch.setattr("sys.stdin", io.StringIO("new-pass-77\n"))
    assert main(["users", "passwd", "tech1", "--password-stdin", "--db", url]) == 0
    assert main(["users", "list", "--db", url]) == 1
    as_user(monkeypatch, "tech1", "new-pass-77")
    assert main(["users", "list", "--db", url]) == 0
    # ... but not someone else's, and no one disables themselves
    monkeypatch.setattr("sys.stdin", io.StringIO("new-pass-88\n"))
    assert main(["users", "passwd", "root", "--password-stdin", "--db", url]) == 1
    assert "may not manage users" in capsys.readouterr().err
    as_user(monkeypatch, "root", "rootpass1")
    assert main(["users", "disable", "root", "--db", url]) == 1
    assert "you cannot disable yourself" in capsys.readouterr().err
    con = sqlite3.connect(db_path)
    actions = [
        r[0]
        for r in con.execute(
            "SELECT action FROM audit_entries WHERE entity = 'user' ORDER BY id"
        ).fetchall()
    ]
    secrets = con.execute(
        "SELECT count(*) FROM audit_entries WHERE after_json LIKE '%new-pass%'"
    ).fetchone()
    con.close()
    assert actions[-4:] == ["user.disable", "user.enable", "user.role", "user.password"]
    assert secrets == (0,)


def test_add_zone_and_set_communities(url, monkeypatch, capsys):
    as_user(monkeypatch, "root", "rootpass1")
    assert main(["communities", "add", "湖滨", "--zone", "1幢", "--db", url]) == 0
    assert main(["communities", "add", "张江", "--db", url]) == 0
    capsys.readouterr()
    assert main(["communities", "add-zone", "湖滨", "北门", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == "community 湖滨: zone 北门 added (2 zone(s))"
    assert main(["communities", "add-zone", "湖滨", "北门", "--db", url]) == 1
    assert "community 湖滨 already has a zone '北门'" in capsys.readouterr().err
    assert main(["communities", "add-zone", "枫林", "1幢", "--db", url]) == 2
    assert "no community named '枫林'" in capsys.readouterr().err
    assert main(["users", "set-communities", "tech1", "--community", "张江", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == "user tech1: 张江"
    assert main(["users", "set-communities", "tech1", "--all", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == "user tech1: all communities"
    as_user(monkeypatch, "tech1", "techpass1")
    assert main(["communities", "add-zone", "张江", "2幢", "--db", url]) == 1
    assert "may not add or change communities" in capsys.readouterr().err


def test_add_a_user_of_a_new_or_a_known_organization(url, services, monkeypatch, capsys):
    as_user(monkeypatch, "root", "rootpass1")
    admin = services.accounts.actor("root")

    def add(name: str, *org: str) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO("secret-pass-1\n"))
        argv = ["users", "add", name, "--role", "liaison", "--password-stdin", *org]
        return main([*argv, "--db", url])

    # an unknown name without a kind: refused, nothing added
    assert add("liaison1", "--organization", "湖滨社区居民委员会") != 0
    assert "no organization named '湖滨社区居民委员会'" in capsys.readouterr().err
    assert services.accounts.list_organizations(admin) == []
    assert add("liaison1", "--organization", "湖滨社区居民委员会",
               "--organization-kind", "community_office") == 0  # fmt: skip
    assert add("liaison2", "--organization", "湖滨社区居民委员会") == 0  # known now
    orgs = services.accounts.list_organizations(admin)
    assert [(o.name, o.kind) for o in orgs] == [("湖滨社区居民委员会", "community_office")]
    for login in ("liaison1", "liaison2"):
        assert services.accounts.get_user(admin, login).organization == "湖滨社区居民委员会"
