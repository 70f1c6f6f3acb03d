"""The work-order history import trusts nothing (issue #11 item 7): every bad row is refused as
``line N: column: problem`` and nothing is written."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from ops_console.cli import main
from tests.unit.services.workorders_world import PASSWORD, build

HEAD = "number,event,at,actor,assignee,priority,asset_tag,community,title,note"
CREATED = "{n},created,2026-11-02T09:00:00+08:00,老王,,P2,HB-CAM-001,湖滨,摄像头离线,source=resident_phone"
ASSIGNED = "{n},assigned,2026-11-02T09:05:00+08:00,{actor},{assignee},,,,,"


@pytest.fixture
def world(services, tmp_path, db_path, monkeypatch):
    build(services, tmp_path)
    monkeypatch.setenv("OPS_CONSOLE_USER", "mgr")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", PASSWORD)
    return db_path


def counts(db) -> tuple[object, ...]:
    con = sqlite3.connect(db)
    try:
        return (
            con.execute("SELECT count(*) FROM work_orders").fetchone(),
            con.execute("SELECT count(*) FROM work_order_events").fetchone(),
            con.execute("SELECT count(*) FROM audit_entries").fetchone(),
        )
    finally:
        con.close()


def history(tmp_path, *rows: str, head: str = HEAD) -> str:
    path = tmp_path / "events.csv"
    path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return str(path)


def refused(world, capsys, path: str) -> str:
    before = counts(world)
    code = main(["workorders", "import", path, "--db", f"sqlite:///{world}"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert counts(world) == before
    return err


def test_a_good_history_still_imports(world, tmp_path, capsys):
    n = "WO-2026-000001"
    path = history(
        tmp_path, CREATED.format(n=n), ASSIGNED.format(n=n, actor="张经理", assignee="tech1")
    )
    assert main(["workorders", "import", path, "--db", f"sqlite:///{world}"]) == 0
    assert "1 work orders created" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("actor", "problem"),
    [
        ("mgr\x1b]0;pwned\x07", "line 3: actor: control character U+001B"),
        ("\u202eregnam", "line 3: actor: bidirectional control U+202E"),
        ("mgr\x00", "line 3: actor: control character U+0000"),
        ("x" * 101, "line 3: actor: longer than 100 characters"),
    ],
)
def test_actor_is_free_text_but_never_control_characters(world, tmp_path, capsys, actor, problem):
    n = "WO-2026-000001"
    err = refused(
        world, capsys,
        history(tmp_path, CREATED.format(n=n), ASSIGNED.format(n=n, actor=actor, assignee="tech1")),
    )  # fmt: skip
    assert problem in err, err


def test_empty_actor_is_refused(world, tmp_path, capsys):
    n = "WO-2026-000001"
    err = refused(
        world, capsys,
        history(tmp_path, CREATED.format(n=n), ASSIGNED.format(n=n, actor=" ", assignee="tech1")),
    )  # fmt: skip
    assert "line 3: actor: missing" in err


@pytest.mark.parametrize(
    ("assignee", "problem"),
    [
        ("liaison", "line 3: assignee: liaison is a liaison; work orders go to technicians"),
        ("aud", "line 3: assignee: aud is a auditor; work orders go to technicians"),
        ("nobody", "line 3: assignee: no user named 'nobody'"),
    ],
)
def test_assignee_must_be_a_technician(world, tmp_path, capsys, assignee, problem):
    n = "WO-2026-000001"
    err = refused(
        world, capsys,
        history(tmp_path, CREATED.format(n=n), ASSIGNED.format(n=n, actor="mgr", assignee=assignee)),
    )  # fmt: skip
    assert problem in err, err


@pytest.mark.parametrize(
    "number",
    ["WO-ABC", "WO-2026--00001", "WO-2026-" + "1" * 20, "WO-２０２６-000001", "wo-2026-000001"],
)
def test_malformed_numbers_are_refused(world, tmp_path, capsys, number):
    err = refused(world, capsys, history(tmp_path, CREATED.format(n=number)))
    assert f"line 2: number: {number!r} is not a work-order number WO-YYYY-NNNNNN" in err, err


def test_extra_columns_are_refused(world, tmp_path, capsys):
    n = "WO-2026-000001"
    err = refused(
        world, capsys, history(tmp_path, CREATED.format(n=n) + ",x", head=HEAD + ",comment")
    )
    assert "line 1: comment: not a column of the history file" in err, err
    err = refused(world, capsys, history(tmp_path, CREATED.format(n=n) + ",surplus,values"))
    assert "line 2: 12 values for 10 columns" in err, err


def test_a_bad_history_as_a_process(world, tmp_path):
    """The issue's file: a liaison as assignee and a malformed number, from the command line."""
    rows = [
        CREATED.format(n="WO-2026-000001"),
        ASSIGNED.format(n="WO-2026-000001", actor="mgr", assignee="liaison"),
        CREATED.format(n="WO-2026--00001"),
    ]
    before = counts(world)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    p = subprocess.run(
        [sys.executable, "-m", "ops_console", "workorders", "import", history(tmp_path, *rows),
         "--db", f"sqlite:///{world}"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "line 3: assignee: liaison is a liaison" in p.stderr
    assert "line 4: number: 'WO-2026--00001' is not a work-order number" in p.stderr
    assert counts(world) == before
