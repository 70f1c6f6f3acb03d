"""Control characters and bidi overrides (issue #11 item 8): refused in every text field on input,
shown as escapes on output."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys

import pytest

from ops_console.cli import main
from ops_console.domain.text import escape_controls, text_problem
from ops_console.services.formats import HEADER
from tests.unit.services.workorders_world import CONTRACT, PASSWORD, build

ESC = "\x1b]0;pwned\x07"  # an OSC sequence: retitles the terminal
RLO = "\u202e"  # right-to-left override: 'gpj.exe' shows as 'exe.jpg'


@pytest.fixture
def world(services, tmp_path, db_path, monkeypatch):
    a = build(services, tmp_path)
    wo = services.workorders.create(
        a["liaison"], title="门禁不开", priority="P2", source="liaison", device="HB-GATE-001"
    )
    services.workorders.assign(a["mgr"], wo.number, "tech1")
    services.workorders.accept(a["tech1"], wo.number)
    monkeypatch.setenv("OPS_CONSOLE_USER", "mgr")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", PASSWORD)
    return {"db": db_path, "url": f"sqlite:///{db_path}", "wo": wo.number, "tmp": tmp_path}


def audit_count(db) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM audit_entries").fetchone()[0])
    finally:
        con.close()


def _device_csv(tmp, name: str) -> str:
    row = f"HB-X-001,{name},camera,湖滨,1幢,,,,,127.0.0.9,v2c,161,,60,,,normal,in_service"
    path = tmp / "d.csv"
    path.write_text(",".join(HEADER) + "\n" + row + "\n", encoding="utf-8")
    return str(path)


def _courses_csv(tmp, title: str) -> str:
    from tests.unit.services.workorders_world import COURSES

    head, first, *rest = COURSES.strip().splitlines()
    code, _title, *more = first.split(",")
    path = tmp / "courses.csv"
    path.write_text("\n".join([head, ",".join([code, title, *more]), *rest]) + "\n", "utf-8")
    return str(path)


def _contract(tmp, name: str) -> str:
    path = tmp / "c.toml"
    path.write_text(CONTRACT.replace("湖滨社区智能设备运维服务合同", name), encoding="utf-8")
    return str(path)


CASES = [
    ("community name", lambda w: ["communities", "add", f"湖滨{ESC}"], "admin"),
    ("zone", lambda w: ["communities", "add", "新区", "--zone", f"1{RLO}幢"], "admin"),
    ("display name", lambda w: ["users", "add", "x1", "--role", "technician", "--display-name",
                                f"王{ESC}", "--password-stdin"], "admin"),
    ("name", lambda w: ["devices", "import", _device_csv(w["tmp"], f"摄像头{RLO}gpj.exe")], "mgr"),
    ("title", lambda w: ["workorders", "new", "--title", f"坏了{ESC}", "--priority", "P3",
                         "--device", "HB-GATE-001"], "mgr"),
    ("description", lambda w: ["workorders", "new", "--title", "坏了", "--priority", "P3",
                               "--device", "HB-GATE-001", "--description", f"x{RLO}y"], "mgr"),
    ("contact name", lambda w: ["workorders", "new", "--title", "坏了", "--priority", "P3",
                                "--device", "HB-GATE-001", "--contact-name", "张\x00三"], "mgr"),
    ("note", lambda w: ["workorders", "hold", w["wo"], f"other: 等{ESC}"], "mgr"),
    ("note", lambda w: ["workorders", "resume", w["wo"], "--note", "\x9b2J"], "mgr"),
    ("part", lambda w: ["workorders", "resolve", w["wo"], "--part", f"锁{RLO}:1:5"], "mgr"),
    ("cause", lambda w: ["workorders", "resolve", w["wo"], "--cause", f"lock{ESC}"], "mgr"),
    ("reason", lambda w: ["maintenance", "add", "--community", "湖滨", "--from",
                          "2027-01-05T09:00", "--to", "2027-01-05T10:00", "--reason",
                          f"检修{ESC}"], "mgr"),
    ("contract.name", lambda w: ["contracts", "import", _contract(w["tmp"], f"合同{RLO}")], "mgr"),
    ("title", lambda w: ["training", "import-courses", _courses_csv(w["tmp"], f"门禁{ESC}")], "mgr"),
]  # fmt: skip


@pytest.mark.parametrize(("field", "argv", "user"), CASES, ids=[c[0] for c in CASES])
def test_control_characters_are_refused_in_every_text_field(
    world, field, argv, user, capsys, monkeypatch
):
    if user == "admin":
        from ops_console.db.engine import Database
        from ops_console.services.container import Services
        from ops_console.services.context import SYSTEM

        services = Services(Database(world["url"]))
        services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
        monkeypatch.setenv("OPS_CONSOLE_USER", "root")
        monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("password1\n"))
    before = audit_count(world["db"])
    code = main([*argv(world), "--db", world["url"]])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"{field}: " in err and ("control character" in err or "bidirectional control" in err)
    assert "\x1b" not in err and RLO not in err  # the message itself names it, safely
    assert audit_count(world["db"]) == before


def test_line_breaks_stay_allowed_in_multi_line_fields(world, capsys):
    code = main(["workorders", "resume", world["wo"], "--note", "第一行\n第二行\t完", "--db",
                 world["url"]])  # fmt: skip
    assert code == 2 and "cannot resume" in capsys.readouterr().err  # refused by the lifecycle
    assert text_problem("第一行\n第二行", "note", multiline=True) is None
    assert text_problem("第一行\n第二行", "title") is not None


def test_tables_show_control_characters_as_escapes(world):
    """A name that got into the database some other way reaches the terminal escaped."""
    con = sqlite3.connect(world["db"])
    con.execute(
        "UPDATE devices SET name = ? WHERE asset_tag = 'HB-GATE-001'", (f"门禁{ESC}{RLO}gpj.exe",)
    )
    con.commit()
    con.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(OPS_CONSOLE_USER="mgr", OPS_CONSOLE_PASSWORD=PASSWORD)
    out = subprocess.run(
        [sys.executable, "-m", "ops_console", "devices", "list", "--db", world["url"]],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert "\x1b" not in out and "\x07" not in out and RLO not in out
    assert "门禁\\x1b]0;pwned\\x07\\u202egpj.exe" in out
    shown = subprocess.run(
        [sys.executable, "-m", "ops_console", "workorders", "show", world["wo"], "--db",
         world["url"]],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert "\x1b" not in shown and "\\x1b" in shown


def test_escape_controls():
    assert escape_controls("湖滨 1幢") == "湖滨 1幢"
    assert escape_controls("a\x00b\x9bc\u2066d") == "a\\x00b\\x9bc\\u2066d"
