"""``ops-console plans add|list|edit|pause|resume|run-due``: as a manager, refused for a
technician, bad input named, and run-due twice generating each order once."""

from __future__ import annotations

import json

import pytest

from ops_console.cli import main
from tests.unit.services.workorders_world import PASSWORD, build


@pytest.fixture
def url(services, tmp_path, db_path, monkeypatch):
    build(services, tmp_path)
    monkeypatch.setenv("OPS_CONSOLE_USER", "mgr")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", PASSWORD)
    return f"sqlite:///{db_path}"


def test_plans_from_the_command_line(url, monkeypatch, capsys):
    assert (
        main(
            [
                "plans",
                "add",
                "月度巡检：人脸门禁",
                "--category",
                "access_gate",
                "--monthly-day",
                "1",
                "--starts",
                "2026-10-01",
                "--checklist",
                "1. 人脸\\n2. 手动通道",
                "--db",
                url,
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("plan 1 '月度巡检：人脸门禁' (active): access_gate, monthly on day 1")
    args = ["plans", "run-due", "--today", "2026-11-02", "--format", "json", "--db", url]
    assert main(args) == 0
    assert len(json.loads(capsys.readouterr().out)["generated"]) == 2
    assert main(args) == 0  # again: each due date is generated once
    assert json.loads(capsys.readouterr().out) == {"generated": []}
    assert main(["plans", "pause", "1", "--db", url]) == 0
    assert "(paused)" in capsys.readouterr().out
    assert main(["plans", "edit", "1", "--every-days", "7", "--db", url]) == 0
    assert "every 7 days" in capsys.readouterr().out
    assert main(["plans", "list", "--format", "json", "--db", url]) == 0
    [plan] = json.loads(capsys.readouterr().out)
    assert (plan["active"], plan["every_days"], plan["generated"]) == (False, 7, 2)
    assert plan["checklist"] == "1. 人脸\n2. 手动通道"


def test_bad_plans_and_roles(url, monkeypatch, capsys):
    bad = ["plans", "add", "x", "--device", "NOPE-1", "--every-days", "7", "--db", url]
    assert main(bad) == 2
    assert "no device with asset tag 'NOPE-1'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["plans", "add", "x", "--device", "HB-GATE-001", "--every-days", "0", "--db", url])
    assert "--every-days" in capsys.readouterr().err
    monkeypatch.setenv("OPS_CONSOLE_USER", "tech1")
    ok = ["plans", "add", "x", "--device", "HB-GATE-001", "--every-days", "7", "--db", url]
    assert main(ok) == 1
    assert "may not edit preventive maintenance plans" in capsys.readouterr().err
