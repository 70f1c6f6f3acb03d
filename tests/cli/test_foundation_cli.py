"""The foundation's command line, run in-process as a user would type it."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys

import pytest

from ops_console import __version__
from ops_console.cli import main
from ops_console.services.formats import HEADER


@pytest.fixture
def url(tmp_path, monkeypatch):
    u = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("rootpass1\n"))
    assert main(["init", "--db", u, "--admin", "root", "--password-stdin"]) == 0
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    return u


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.strip() == f"ops-console {__version__}"


def test_init_twice_is_safe(url, capsys):
    code, out, _ = run(capsys, "init", "--db", url)
    assert code == 0 and "up to date" in out


def test_db_option_before_the_subcommand_is_honoured(url, capsys):
    code, out, _ = run(capsys, "--db", url, "communities", "list")
    assert code == 0 and out.strip() == "(none)"


def test_communities_devices_round_trip(url, tmp_path, capsys):
    assert (
        run(capsys, "communities", "add", "湖滨", "--zone", "1幢", "--zone", "北门", "--db", url)[0]
        == 0
    )
    code, out, _ = run(capsys, "communities", "list", "--db", url, "--format", "json")
    assert json.loads(out) == [
        {
            "name": "湖滨",
            "name_en": None,
            "timezone": "Asia/Shanghai",
            "zones": ["1幢", "北门"],
            "phone": None,
        }
    ]
    csv = tmp_path / "d.csv"
    csv.write_text(
        ",".join(HEADER) + "\n"
        "HB-GATE-001,湖滨-1幢-人脸门禁-01,access_gate,湖滨,1幢,,,,,127.10.1.1,v2c,161,demo-v2c,60,,,life_safety,in_service\n",
        encoding="utf-8-sig",
    )
    code, out, _ = run(capsys, "devices", "import", str(csv), "--db", url)
    assert code == 0 and "1 created" in out
    code, out, _ = run(
        capsys, "devices", "list", "--db", url, "--format", "json", "--category", "access_gate"
    )
    rows = json.loads(out)
    assert [r["asset_tag"] for r in rows] == ["HB-GATE-001"] and rows[0]["health"] == "unknown"
    code, out, _ = run(capsys, "devices", "list", "--db", url)
    assert "湖滨-1幢-人脸门禁-01" in out
    exp = tmp_path / "e.csv"
    assert run(capsys, "devices", "export", str(exp), "--db", url)[0] == 0
    code, out, _ = run(capsys, "devices", "import", str(exp), "--db", url)
    assert "0 created, 0 updated, 1 unchanged" in out


def test_bad_csv_exit_2_with_every_line(url, tmp_path, capsys):
    run(capsys, "communities", "add", "湖滨", "--db", url)
    csv = tmp_path / "bad.csv"
    csv.write_text(
        ",".join(HEADER) + "\n"
        "A-1,名,toaster,湖滨,,,,,,127.0.0.1,v2c,161,,60,,,normal,in_service\n"
        "A-2,名,camera,外星,,,,,,127.0.0.1,v2c,161,,60,,,normal,in_service\n",
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "devices", "import", str(csv), "--db", url)
    assert code == 2
    assert "line 2: category: unknown category 'toaster'" in err
    assert "line 3: community: no community named '外星'" in err
    assert "Traceback" not in err


def test_roles_are_enforced_on_the_command_line(url, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("techpass1\n"))
    assert (
        run(
            capsys, "users", "add", "wang", "--role", "technician", "--password-stdin", "--db", url
        )[0]
        == 0
    )
    monkeypatch.setenv("OPS_CONSOLE_USER", "wang")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "techpass1")
    code, _, err = run(capsys, "communities", "add", "X", "--db", url)
    assert code == 1 and "wang (technician) may not add or change communities" in err
    code, out, _ = run(capsys, "users", "list", "--db", url, "--format", "json")
    assert {u["username"] for u in json.loads(out)} == {"root", "wang"}


def test_wrong_password_and_missing_user(url, capsys, monkeypatch):
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "wrong")
    code, _, err = run(capsys, "communities", "add", "X", "--db", url)
    assert code == 1 and err.strip() == "ops-console: wrong user name or password"
    monkeypatch.delenv("OPS_CONSOLE_USER")
    code, _, err = run(capsys, "communities", "add", "X", "--db", url)
    assert code == 1 and "--user NAME" in err


def test_audit_verify_ok_then_broken(url, tmp_path, capsys):
    run(capsys, "communities", "add", "湖滨", "--db", url)
    code, out, _ = run(capsys, "audit", "verify", "--db", url)
    assert code == 0 and out.startswith("audit chain intact: 2 entries")
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    con.execute("UPDATE audit_entries SET actor = 'mallory' WHERE id = 2")
    con.commit()
    con.close()
    code, _, err = run(capsys, "audit", "verify", "--db", url)
    assert code == 1 and "BROKEN at entry 2" in err


def test_backup_is_a_consistent_copy(url, tmp_path, capsys):
    run(capsys, "communities", "add", "湖滨", "--db", url)
    target = tmp_path / "copy.db"
    code, _out, _ = run(capsys, "backup", str(target), "--db", url)
    assert code == 0
    con = sqlite3.connect(target)
    assert con.execute("SELECT name FROM communities").fetchall() == [("湖滨",)]
    con.close()
    code, _, err = run(capsys, "backup", str(tmp_path / "no" / "x.db"), "--db", url)
    assert code == 2 and "folder does not exist" in err
    assert not list((tmp_path).glob("**/*.partial"))


def test_uninitialised_database_and_bad_url(tmp_path, capsys):
    code, _, err = run(capsys, "devices", "list", "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert code == 2 and "run 'ops-console init' first" in err
    code, _, err = run(capsys, "devices", "list", "--db", "nonsense")
    assert code == 2 and "not a database URL" in err
    code, _, err = run(capsys, "devices", "list", "--db", f"sqlite:///{tmp_path / 'no' / 'x.db'}")
    assert code == 1 and "database folder does not exist" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["devices", "list", "--format", "xml"])
    assert e.value.code == 2


def test_console_script_runs_as_a_process(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "ops_console", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "init" in out.stdout and "devices" in out.stdout


def test_audit_archive_and_verify_archive(tmp_path, capsys, monkeypatch, keyring_backend):
    """Entries from 2025 archived through the CLI; the file checked; verify goes on."""
    from datetime import UTC, datetime

    from ops_console.db import migrate
    from ops_console.db.engine import Database
    from ops_console.domain.clock import FixedClock
    from ops_console.services.container import Services
    from ops_console.services.context import SYSTEM

    u = f"sqlite:///{tmp_path / 'old.db'}"
    db = Database(u)
    migrate.upgrade(db)
    old = Services(db, FixedClock(datetime(2025, 1, 10, 2, 0, tzinfo=UTC)))
    old.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
    old.accounts.add_community(old.accounts.actor("root"), "湖滨")
    db.dispose()
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    archive = tmp_path / "audit-2025.jsonl"

    code, _, err = run(capsys, "audit", "archive", "--db", u, "--before", "tomorrow", str(archive))
    assert code == 2 and "--before: 'tomorrow' is not a date" in err
    code, _, err = run(
        capsys, "audit", "archive", "--db", u, "--before", "2026-11-01", str(archive)
    )
    assert code == 2 and "kept at least 180 days" in err and not archive.exists()

    code, out, _ = run(
        capsys, "audit", "archive", "--db", u, "--before", "2025-02-01", str(archive)
    )
    assert code == 0, out
    assert "archived entries 1–2 (2)" in out
    code, out, _ = run(capsys, "audit", "verify", "--db", u)
    assert code == 0 and out.startswith("audit chain intact: 1 entries")
    assert "entries 1–2 are archived" in out
    code, out, _ = run(capsys, "audit", "verify-archive", "--db", u, str(archive))
    assert code == 0 and "archive intact: entries 1–2 (2)" in out
    assert "this database recorded the archive" in out

    archive.write_text(
        archive.read_text(encoding="utf-8").replace("湖滨", "湖北"), encoding="utf-8"
    )
    code, _, err = run(capsys, "audit", "verify-archive", "--db", u, str(archive))
    assert code == 1 and "entry 2 was altered" in err
