"""Issue #11 item 11, from the command line: users unlock, reassigning as --help says, phone
numbers, and contract targets that cannot hold."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from ops_console.cli import main
from ops_console.domain.phone import normalise_phone
from ops_console.services.context import SYSTEM
from tests.unit.services.workorders_world import CONTRACT, PASSWORD, build


@pytest.fixture
def world(services, tmp_path, db_path, monkeypatch):
    a = build(services, tmp_path)
    services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
    monkeypatch.delenv("OPS_CONSOLE_USER", raising=False)
    return {"url": f"sqlite:///{db_path}", "db": db_path, "services": services, **a}


def as_user(monkeypatch, user: str, password: str = PASSWORD) -> None:
    monkeypatch.setenv("OPS_CONSOLE_USER", user)
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", password)


def test_users_unlock_lifts_the_lock_the_message_speaks_of(world, monkeypatch, capsys):
    url = world["url"]
    as_user(monkeypatch, "tech1", "wrong-password")
    for _ in range(5):
        main(["workorders", "list", "--db", url])
    as_user(monkeypatch, "tech1")
    assert main(["workorders", "list", "--db", url]) == 1
    assert "ask an administrator" in capsys.readouterr().err
    # a manager may not unlock; an admin may, audited
    as_user(monkeypatch, "mgr")
    assert main(["users", "unlock", "tech1", "--db", url]) == 1
    assert "mgr (manager) may not manage users" in capsys.readouterr().err
    as_user(monkeypatch, "root", "rootpass1")
    assert main(["users", "unlock", "tech1", "--db", url]) == 0
    assert capsys.readouterr().out.strip() == "user tech1 unlocked"
    as_user(monkeypatch, "tech1")
    assert main(["workorders", "list", "--db", url]) == 0
    con = sqlite3.connect(world["db"])
    [(actor, before)] = con.execute(
        "SELECT actor, before_json FROM audit_entries WHERE action = 'user.unlock'"
    ).fetchall()
    con.close()
    assert actor == "root" and "locked_until" in before
    as_user(monkeypatch, "root", "rootpass1")
    assert main(["users", "unlock", "nobody", "--db", url]) == 2
    assert "no user named 'nobody'" in capsys.readouterr().err


def test_assign_help_says_what_reassigning_does(world, monkeypatch, capsys):
    out = subprocess.run(
        [sys.executable, "-m", "ops_console", "workorders", "assign", "--help"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "(or reassign)" not in out
    assert "reassign one in progress" in " ".join(out.split())
    # as it says: an order in progress is reassigned; one only assigned is refused
    s, url = world["services"], world["url"]
    wo = s.workorders.create(
        world["liaison"], title="门禁不开", priority="P2", source="liaison", device="HB-GATE-001"
    )
    s.workorders.assign(world["mgr"], wo.number, "tech1")
    as_user(monkeypatch, "mgr")
    assert main(["workorders", "assign", wo.number, "tech2", "--db", url]) == 2
    assert "cannot assign" in capsys.readouterr().err
    s.workorders.accept(world["tech1"], wo.number)
    code = main(["workorders", "assign", wo.number, "tech2", "--override-reason", "临时顶班",
                 "--db", url])  # fmt: skip
    assert code == 0
    assert ": assigned (version 4), assigned to tech2" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("13912345678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("+86 139-1234-5678", "+8613912345678"),
        ("010-12345678", "01012345678"),
        ("0571-8888888", "05718888888"),
        ("+86 10 1234 5678", "+861012345678"),
        ("138", None),
        ("12012345678", None),
        ("1391234567８", None),
        ("abc", None),
        ("+1 415 555 0100", None),
    ],
)
def test_phone_numbers(phone, ok):
    assert normalise_phone(phone) == ok


def test_workorders_new_refuses_a_bad_phone(world, monkeypatch, capsys):
    as_user(monkeypatch, "liaison")
    before = sqlite3.connect(world["db"]).execute("SELECT count(*) FROM work_orders").fetchone()
    code = main(["workorders", "new", "--title", "门禁不开", "--priority", "P2", "--device",
                 "HB-GATE-001", "--contact-phone", "12345", "--db", world["url"]])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "contact phone: '12345' is not a mainland mobile" in err, err
    after = sqlite3.connect(world["db"]).execute("SELECT count(*) FROM work_orders").fetchone()
    assert after == before


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            ("penalty_cap_ratio = 0.1", "penalty_cap_ratio = 1.5"),
            "contract.penalty_cap_ratio: 1.5 is above 1",
        ),
        (
            ("response_minutes = 30\nresolution_minutes = 240",
             "response_minutes = 300\nresolution_minutes = 240"),
            "sla.P1: response_minutes (300) is longer than resolution_minutes (240)",
        ),
    ],
)  # fmt: skip
def test_contracts_refuse_targets_that_cannot_hold(
    world, tmp_path, monkeypatch, capsys, change, problem
):
    old, new = change
    assert old in CONTRACT
    path = tmp_path / "c.toml"
    path.write_text(CONTRACT.replace(old, new), encoding="utf-8")
    as_user(monkeypatch, "mgr")
    con = sqlite3.connect(world["db"])
    before = con.execute("SELECT count(*) FROM sla_policies").fetchone()
    code = main(["contracts", "import", str(path), "--db", world["url"]])
    err = capsys.readouterr().err
    assert code == 2 and problem in err, err
    assert con.execute("SELECT count(*) FROM sla_policies").fetchone() == before
    con.close()


def test_a_cap_of_exactly_one_and_equal_targets_are_fine(world, tmp_path, monkeypatch, capsys):
    text = CONTRACT.replace("penalty_cap_ratio = 0.1", "penalty_cap_ratio = 1").replace(
        "response_minutes = 30\nresolution_minutes = 240",
        "response_minutes = 240\nresolution_minutes = 240",
    )
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    as_user(monkeypatch, "mgr")
    assert main(["contracts", "import", str(path), "--db", world["url"]]) == 0, (
        capsys.readouterr().err
    )
