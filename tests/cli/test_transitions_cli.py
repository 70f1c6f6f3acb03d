"""A refused work-order step changes nothing, side arguments included (issue #11 item 6).

Each transition is run from the command line with the side arguments it takes (parts,
labour, cause, notes, reasons, override) at a moment it is refused; the work order, its
parts, its history and the audit chain must read exactly as before.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from ops_console.cli import main
from tests.unit.services.workorders_world import PASSWORD, build


@pytest.fixture
def world(services, tmp_path, db_path):
    a = build(services, tmp_path)
    w = services.workorders

    def order(*steps: str) -> str:
        wo = w.create(
            a["liaison"], title="门禁不开", priority="P2", source="resident_phone",
            device="HB-GATE-001",
        )  # fmt: skip
        for step in steps:
            if step == "assign":
                w.assign(a["mgr"], wo.number, "tech1")
            elif step == "accept":
                w.accept(a["tech1"], wo.number)
            elif step == "resolve":
                w.resolve(a["tech1"], wo.number, cause="lock")
        return wo.number

    return {
        "new": order(),
        "in_progress": order("assign", "accept"),
        "resolved": order("assign", "accept", "resolve"),
        "db": db_path,
    }


def state(db_path, number: str) -> tuple[object, ...]:
    """Everything a step could touch: the order's row, its parts, its events, the audit chain."""
    con = sqlite3.connect(db_path)
    try:
        row = con.execute(
            "SELECT id, status, version, assignee_id, cause_code, resolution_code, "
            "resolution_note, labour_minutes, updated_at FROM work_orders WHERE number = ?",
            (number,),
        ).fetchone()
        parts = con.execute(
            "SELECT name, quantity, unit_cost FROM work_order_parts WHERE work_order_id = ?",
            (row[0],),
        ).fetchall()
        events = con.execute(
            "SELECT count(*) FROM work_order_events WHERE work_order_id = ?", (row[0],)
        ).fetchone()
        audit = con.execute("SELECT count(*), max(hash) FROM audit_entries").fetchone()
        return row, parts, events, audit
    finally:
        con.close()


def test_second_resolve_with_a_part_records_nothing(world, tmp_path):
    """The issue's case, as a process: `workorders resolve WO… --part extra:3:7` again."""
    number = world["resolved"]
    before = state(world["db"], number)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(OPS_CONSOLE_USER="tech1", OPS_CONSOLE_PASSWORD=PASSWORD)
    p = subprocess.run(
        [sys.executable, "-m", "ops_console", "workorders", "resolve", number,
         "--part", "extra:3:7", "--db", f"sqlite:///{world['db']}"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert p.returncode == 2, p.stdout
    assert "cannot resolve" in p.stderr and "Traceback" not in p.stderr
    assert state(world["db"], number) == before


# (order, argv after the number, user): each refused by the lifecycle or by a side argument
REFUSED = [
    ("resolved", ["resolve", "--part", "extra:3:7", "--labour-minutes", "30", "--cause", "x",
                  "--resolution", "y", "--note", "again"], "tech1"),
    ("in_progress", ["resolve", "--part", "锁:1:60", "--cause", "lock\x1b[2J"], "tech1"),
    ("in_progress", ["resolve", "--part", "锁:1:60", "--part", "坏:x:1"], "tech1"),
    ("new", ["resolve", "--part", "锁:1:60", "--cause", "lock", "--note", "n"], "mgr"),
    ("resolved", ["assign", "tech2", "--note", "n", "--override-reason", "急"], "mgr"),
    ("new", ["assign", "liaison", "--note", "n"], "mgr"),
    ("new", ["accept", "--note", "n"], "mgr"),
    ("new", ["hold", "waiting_parts: 电磁锁"], "mgr"),
    ("in_progress", ["resume", "--note", "n"], "tech1"),
    ("in_progress", ["reopen", "--note", "n"], "liaison"),
    ("in_progress", ["close", "--note", "n"], "liaison"),
    ("resolved", ["cancel", "--reason", "重复"], "mgr"),
]  # fmt: skip


@pytest.mark.parametrize(("order", "argv", "user"), REFUSED, ids=lambda v: str(v)[:40])
def test_refused_step_with_side_arguments_changes_nothing(
    world, order, argv, user, capsys, monkeypatch
):
    number = world[order]
    before = state(world["db"], number)
    monkeypatch.setenv("OPS_CONSOLE_USER", user)
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", PASSWORD)
    verb, *extra = argv
    code = main(["workorders", verb, number, *extra, "--db", f"sqlite:///{world['db']}"])
    err = capsys.readouterr().err
    assert code in (1, 2) and err.startswith("ops-console: "), err
    assert state(world["db"], number) == before


def test_resolve_with_parts_and_labour_is_one_step(world, capsys, monkeypatch):
    number = world["in_progress"]
    monkeypatch.setenv("OPS_CONSOLE_USER", "tech1")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", PASSWORD)
    before = state(world["db"], number)
    code = main(
        ["workorders", "resolve", number, "--part", "电磁锁:2:60.25", "--part", "螺丝:4:0.5",
         "--labour-minutes", "45", "--cause", "lock", "--db", f"sqlite:///{world['db']}"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    row, parts, events, _audit = state(world["db"], number)
    assert row[1] == "resolved" and row[2] == before[0][2] + 1  # one step, one new version
    assert sorted((n, str(q), str(c)) for n, q, c in parts) == [
        ("电磁锁", "2", "60.25"),
        ("螺丝", "4", "0.5"),
    ]
    assert events[0] == before[2][0] + 1 and row[7] == 45
    con = sqlite3.connect(world["db"])
    actions = [a for (a,) in con.execute("SELECT action FROM audit_entries ORDER BY id")]
    con.close()
    assert actions[-3:] == ["workorder.part", "workorder.part", "workorder.resolve"]
