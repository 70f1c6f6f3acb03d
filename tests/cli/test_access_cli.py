"""Who may do what from the command line: no implicit identity, no administrator for free.

Run as a person types it: ``ops-console`` in a process of its own, with the user and the
password from the environment (or nothing at all), against a database built beforehand.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ops_console.cli import main


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "OPS_CONSOLE_USER", "OPS_CONSOLE_PASSWORD"))
    }
    env.update(OPS_CONSOLE_HOME=str(home), **extra)
    return env


def cli(home: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ops_console", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(home, **env),
        timeout=120,
        check=False,
    )


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """A database in use: its first administrator 'root' and one community."""
    db = tmp_path / "live.db"
    url = f"sqlite:///{db}"
    p = cli(
        tmp_path, "init", "--db", url, "--admin", "root", "--password-stdin", stdin="rootpass1\n"
    )
    assert p.returncode == 0, p.stderr
    p = cli(
        tmp_path, "communities", "add", "张江", "--db", url,
        OPS_CONSOLE_USER="root", OPS_CONSOLE_PASSWORD="rootpass1",
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    return db


# -- item 1: init ---------------------------------------------------------------------------


def test_init_admin_without_sign_in_is_refused_once_the_database_has_users(live, tmp_path):
    url = f"sqlite:///{live}"
    before = rows(live, "SELECT count(*) FROM audit_entries")
    p = cli(
        tmp_path, "init", "--admin", "evil", "--password-stdin", "--db", url, stdin="X-pass12345!\n"
    )
    assert p.returncode == 1, p.stdout
    assert "already has users" in p.stderr and "--user" in p.stderr
    assert "Traceback" not in p.stderr
    assert rows(live, "SELECT username FROM users") == [("root",)]
    assert rows(live, "SELECT count(*) FROM audit_entries") == before

    # an administrator's sign-in adds one, audited under their name
    p = cli(
        tmp_path, "init", "--admin", "second", "--password-stdin", "--db", url,
        stdin="X-pass12345!\n", OPS_CONSOLE_USER="root", OPS_CONSOLE_PASSWORD="rootpass1",
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert rows(live, "SELECT role FROM users WHERE username = 'second'") == [("admin",)]
    [(actor,)] = rows(
        live,
        "SELECT actor FROM audit_entries WHERE action = 'user.create' ORDER BY id DESC LIMIT 1",
    )
    assert actor == "root"


def test_init_admin_needs_an_administrator_not_any_user(live, tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{live}"
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("techpass1\n"))
    assert (
        main(["users", "add", "wang", "--role", "technician", "--password-stdin", "--db", url]) == 0
    )
    monkeypatch.setenv("OPS_CONSOLE_USER", "wang")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "techpass1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("X-pass12345!\n"))
    capsys.readouterr()
    assert main(["init", "--admin", "evil", "--password-stdin", "--db", url]) == 1
    assert "wang (technician) may not manage users" in capsys.readouterr().err
    assert ("evil",) not in rows(live, "SELECT username FROM users")


def test_first_admin_on_an_empty_database_is_audited_as_the_installation(tmp_path):
    db = tmp_path / "new.db"
    p = cli(tmp_path, "init", "--db", f"sqlite:///{db}", "--admin", "boss", "--password-stdin",
            stdin="bosspass1\n")  # fmt: skip
    assert p.returncode == 0 and "administrator boss created" in p.stdout, p.stderr
    [(actor, after)] = rows(
        db, "SELECT actor, after_json FROM audit_entries WHERE action = 'user.create'"
    )
    assert actor == "system" and '"first_admin": true' in after


def test_init_demo_is_refused_on_a_database_with_other_data(live, tmp_path):
    url = f"sqlite:///{live}"
    count = rows(live, "SELECT count(*) FROM audit_entries")
    p = cli(tmp_path, "init", "--demo", "--db", url)
    assert p.returncode == 2, p.stdout
    assert "holds data other than the demo" in p.stderr and "Traceback" not in p.stderr
    assert rows(live, "SELECT username FROM users") == [("root",)]
    assert rows(live, "SELECT count(*) FROM work_orders") == [(0,)]
    assert rows(live, "SELECT count(*) FROM audit_entries") == count


def test_init_demo_with_a_community_named_like_the_demo_is_still_refused(tmp_path):
    """The demo is recognised by its audit trail, not by a community's name."""
    db = tmp_path / "hb.db"
    url = f"sqlite:///{db}"
    assert cli(tmp_path, "init", "--db", url, "--admin", "root", "--password-stdin",
               stdin="rootpass1\n").returncode == 0  # fmt: skip
    assert cli(tmp_path, "communities", "add", "湖滨", "--db", url,
               OPS_CONSOLE_USER="root", OPS_CONSOLE_PASSWORD="rootpass1").returncode == 0  # fmt: skip
    p = cli(tmp_path, "init", "--demo", "--db", url)
    assert p.returncode == 2 and "holds data other than the demo" in p.stderr
    assert ("admin",) not in rows(db, "SELECT username FROM users")


def test_init_demo_on_the_demo_says_it_is_there(demo_db_template, tmp_path):
    db = tmp_path / "demo.db"
    db.write_bytes(demo_db_template.read_bytes())
    count = rows(db, "SELECT count(*) FROM audit_entries")
    p = cli(tmp_path, "init", "--demo", "--db", f"sqlite:///{db}")
    assert p.returncode == 0, p.stderr
    assert "demo community already loaded" in p.stdout
    assert rows(db, "SELECT count(*) FROM audit_entries") == count


def test_init_demo_and_admin_together_are_refused(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["init", "--demo", "--admin", "a", "--password-stdin", "--db", url]) == 2
    assert "--demo brings its own administrator" in capsys.readouterr().err


# -- item 2: no implicit identity -----------------------------------------------------------

DATA_COMMANDS = [
    ["communities", "list"],
    ["users", "list"],
    ["devices", "list", "--community", "张江"],
    ["devices", "health"],
    ["devices", "export", "{tmp}/out.csv"],
    ["alarms", "list"],
    ["care", "list"],
    ["maintenance", "list"],
    ["contracts", "list"],
    ["workorders", "list"],
    ["workorders", "show", "WO-2026-000001"],
    ["sla", "status"],
    ["sla", "report", "--contract", "ZJ-2026", "--from", "2026-11-01", "--to", "2026-11-30"],
    ["training", "matrix"],
    ["training", "expiring"],
    ["report", "audit", "--from", "2026-11-01", "--to", "2026-11-30", "--out", "{tmp}/a.pdf"],
    ["audit", "verify"],
    ["audit", "verify-archive", "{tmp}/none.jsonl"],
    ["backup", "{tmp}/copy.db"],
    ["poll", "--once"],
    ["poller", "run", "--name", "p1"],
    ["pollers", "list"],
    ["discover", "127.0.0.1/32"],
]


@pytest.mark.parametrize("argv", DATA_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_data_command_needs_a_signed_in_user(argv, live, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("OPS_CONSOLE_USER", raising=False)
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code = main([*args, "--db", f"sqlite:///{live}"])
    err = capsys.readouterr().err
    assert code == 1 and "--user NAME" in err, err
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("live.db")] == []


def test_no_user_reads_nothing_as_a_process(live, tmp_path):
    p = cli(tmp_path, "devices", "list", "--community", "张江", "--format", "json",
            "--db", f"sqlite:///{live}")  # fmt: skip
    assert p.returncode == 1 and p.stdout == "" and "--user NAME" in p.stderr
    # help and version need no database and no user
    assert cli(tmp_path, "devices", "list", "--help").returncode == 0
    assert cli(tmp_path, "--version").returncode == 0


def test_audit_verify_and_backup_need_their_roles(live, tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{live}"
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    for role in ("technician", "auditor"):
        monkeypatch.setattr(sys, "stdin", io.StringIO("password1\n"))
        assert (
            main(["users", "add", role[:4], "--role", role, "--password-stdin", "--db", url]) == 0
        )
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "password1")
    monkeypatch.setenv("OPS_CONSOLE_USER", "tech")
    capsys.readouterr()
    assert main(["audit", "verify", "--db", url]) == 1
    assert "tech (technician) may not read the audit log" in capsys.readouterr().err
    monkeypatch.setenv("OPS_CONSOLE_USER", "audi")
    assert main(["audit", "verify", "--db", url]) == 0
    assert main(["backup", str(tmp_path / "copy.db"), "--db", url]) == 1
    assert "audi (auditor) may not back up the database" in capsys.readouterr().err
    assert not (tmp_path / "copy.db").exists()


def test_poll_once_needs_poller_rights(live, tmp_path, monkeypatch, capsys):
    """Item 11: the poller writes samples, alarms and work orders; an auditor may not run it."""
    url = f"sqlite:///{live}"
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("password1\n"))
    assert main(["users", "add", "audi", "--role", "auditor", "--password-stdin", "--db", url]) == 0
    monkeypatch.setenv("OPS_CONSOLE_USER", "audi")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "password1")
    capsys.readouterr()
    assert main(["poll", "--once", "--db", url]) == 1
    assert "audi (auditor) may not run the poller" in capsys.readouterr().err
    assert rows(live, "SELECT count(*) FROM poller_runs") == [(0,)]
