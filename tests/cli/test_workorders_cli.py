"""The work-order, SLA and training commands, run in-process over files like the issue's."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime

import pytest

from ops_console.cli import main
from tests.unit.services.workorders_world import CONTRACT, COURSES, DEVICES, RECORDS

HEAD = "number,event,at,actor,assignee,priority,asset_tag,community,title,note"
HISTORY = [
    "WO-2026-000001,created,2026-11-02T09:00:00+08:00,老王,,P2,HB-CAM-001,湖滨,摄像头离线,source=resident_phone",
    "WO-2026-000001,assigned,2026-11-02T09:05:00+08:00,mgr,tech1,,,,,",
    "WO-2026-000001,accepted,2026-11-02T09:30:00+08:00,tech1,,,,,,",
    "WO-2026-000001,held,2026-11-02T10:00:00+08:00,tech1,,,,,,waiting_parts: 电源",
    "WO-2026-000001,resumed,2026-11-03T09:00:00+08:00,tech1,,,,,,",
    "WO-2026-000001,resolved,2026-11-03T10:00:00+08:00,tech1,,,,,,更换电源",
    "WO-2026-000002,created,2026-11-27T09:00:00+08:00,老王,,P2,,湖滨,路灯不亮,source=resident_app",
    "WO-2026-000002,assigned,2026-11-27T09:05:00+08:00,mgr,tech1,,,,,",
]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(tmp_path, monkeypatch, capsys):
    from ops_console.services.formats import HEADER

    u = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("rootpass1\n"))
    assert main(["init", "--db", u, "--admin", "root", "--password-stdin"]) == 0
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    assert main(["communities", "add", "湖滨", "--zone", "1幢", "--zone", "北门", "--db", u]) == 0
    assert main(["communities", "add", "西溪", "--db", u]) == 0
    devices = tmp_path / "devices.csv"
    devices.write_text(
        "\n".join([",".join(HEADER), *(",".join(r) for r in DEVICES)]) + "\n", "utf-8"
    )
    assert main(["devices", "import", str(devices), "--db", u]) == 0
    for name in ("tech1", "tech2"):
        monkeypatch.setattr(sys, "stdin", io.StringIO("password1\n"))
        assert (
            main(["users", "add", name, "--role", "technician", "--password-stdin", "--db", u]) == 0
        )
    capsys.readouterr()
    return u


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def _clock_at(monkeypatch, when):
    from ops_console.domain.clock import SystemClock

    monkeypatch.setattr(SystemClock, "now", lambda _self: when)


def test_contract_history_and_report(url, tmp_path, capsys, monkeypatch):
    code, out, _ = run(
        capsys, "contracts", "import", write(tmp_path, "contract.toml", CONTRACT), "--db", url
    )
    assert code == 0 and "contract HB-2026 created; new SLA policy version 1" in out
    code, out, _ = run(capsys, "contracts", "import", str(tmp_path / "contract.toml"), "--db", url)
    assert "unchanged" in out
    code, out, err = run(
        capsys,
        "workorders",
        "import",
        write(tmp_path, "events.csv", "\n".join([HEAD, *HISTORY]) + "\n"),
        "--db",
        url,
    )
    assert code == 0, err
    assert "2 work orders created" in out
    # while November runs (Sunday 29th, 19:00 in Shanghai) the open order's clock stops at now:
    # 450 business minutes of its 480, not breached yet, so outside the population
    _clock_at(monkeypatch, datetime(2026, 11, 29, 11, 0, tzinfo=UTC))
    code, out, _ = run(
        capsys, "sla", "report", "--contract", "HB-2026", "--from", "2026-11-01",
        "--to", "2026-11-30", "--format", "json", "--db", url,
    )  # fmt: skip
    running = json.loads(out)["totals"]
    assert (running["count"], running["breaches"], running["penalty"]) == (1, 0, 0)
    # once November is over, the open order is judged at the period's end
    _clock_at(monkeypatch, datetime(2026, 12, 5, 2, 0, tzinfo=UTC))
    code, out, _ = run(
        capsys,
        "sla",
        "report",
        "--contract",
        "HB-2026",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "json",
        "--db",
        url,
    )
    data = json.loads(out)
    assert set(data) == {"contract", "from", "to", "work_orders", "totals"}
    assert data["totals"] == {
        "count": 2,
        "breaches": 1,
        "response_compliance": 0.5,
        "resolution_compliance": 0.5,
        "mtta_minutes": pytest.approx((30 + 930) / 2),
        "mttr_minutes": pytest.approx((120 + 930) / 2),
        "penalty_uncapped": 700,
        "penalty": 700,
    }
    first = data["work_orders"][0]
    assert first == {
        "number": "WO-2026-000001",
        "priority": "P2",
        "status": "resolved",
        "response_minutes": 30.0,
        "resolution_minutes": 120.0,
        "response_breached": False,
        "resolution_breached": False,
        "minutes_late_before": 0.0,
        "minutes_late": 0.0,
        "penalty_before": 0,
        "penalty_to_date": 0,
        "penalty": 0,
        "carried_over": False,
    }
    code, out, _ = run(
        capsys,
        "sla",
        "report",
        "--contract",
        "HB-2026",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--db",
        url,
    )
    assert code == 0 and "penalty 700" in out
    code, out, _ = run(capsys, "workorders", "show", "WO-2026-000001", "--db", url)
    assert "waiting_parts" in out and "老王" in out


def test_live_commands(url, tmp_path, capsys):
    run(capsys, "contracts", "import", write(tmp_path, "contract.toml", CONTRACT), "--db", url)
    code, out, _ = run(
        capsys,
        "workorders",
        "new",
        "--title",
        "门禁不开",
        "--priority",
        "P1",
        "--device",
        "HB-GATE-001",
        "--contact-name",
        "张三",
        "--contact-phone",
        "13800000000",
        "--format",
        "json",
        "--db",
        url,
    )
    wo = json.loads(out)
    assert wo["number"] == "WO-2026-000001" and wo["contact"] == {
        "name": "张三",
        "phone": "13800000000",
    }
    n = wo["number"]
    code, _, err = run(capsys, "workorders", "accept", n, "--db", url)
    assert (
        code == 2
        and err.startswith("ops-console: WO-2026-000001: cannot accept")
        and err.count("\n") == 1
    )
    assert (
        run(capsys, "workorders", "assign", n, "tech1", "--override-reason", "演示", "--db", url)[0]
        == 0
    )
    code, _, err = run(capsys, "workorders", "hold", n, "lunch", "--db", url)
    assert code == 2 and "unknown hold reason" in err
    code, _, err = run(capsys, "workorders", "close", n, "--version", "1", "--db", url)
    assert code == 1 and "changed by someone else" in err
    code, out, _ = run(capsys, "workorders", "list", "--format", "json", "--db", url)
    assert [r["status"] for r in json.loads(out)] == ["assigned"]
    code, out, _ = run(capsys, "sla", "status", "--format", "json", "--db", url)
    assert json.loads(out)[0]["number"] == n


def test_bad_history_names_every_line_and_writes_nothing(url, tmp_path, capsys):
    run(capsys, "contracts", "import", write(tmp_path, "contract.toml", CONTRACT), "--db", url)
    bad = [
        HEAD,
        "WO-2026-000001,created,2026-11-02T09:00:00+08:00,老王,,P2,NOPE-1,湖滨,x,source=liaison",
        "WO-2026-000002,created,2026-11-02T09:00:00,老王,,P2,HB-CAM-001,湖滨,x,source=liaison",
        "WO-2026-000003,created,2026-11-02T09:00:00+08:00,老王,,P2,HB-CAM-001,湖滨,x,source=liaison",
        "WO-2026-000003,accepted,2026-11-02T09:10:00+08:00,tech1,,,,,,",
        "WO-2026-000004,created,2026-11-02T09:00:00+08:00,老王,,P2,HB-CAM-001,湖滨,x,source=liaison",
        "WO-2026-000004,assigned,2026-11-02T09:10:00+08:00,mgr,ghost,,,,,",
    ]
    code, _, err = run(
        capsys,
        "workorders",
        "import",
        write(tmp_path, "events.csv", "\n".join(bad) + "\n"),
        "--db",
        url,
    )
    assert code == 2
    assert "line 2: asset_tag: no device 'NOPE-1'" in err
    assert "line 3: at: '2026-11-02T09:00:00' has no offset" in err
    assert "line 5: WO-2026-000003: cannot accept a work order that is new" in err
    assert "line 7: assignee: no user named 'ghost'" in err
    assert json.loads(run(capsys, "workorders", "list", "--format", "json", "--db", url)[1]) == []


def test_bad_contract_is_one_clear_line(url, tmp_path, capsys):
    code, _, err = run(
        capsys,
        "contracts",
        "import",
        write(
            tmp_path,
            "contract.toml",
            CONTRACT.replace('mon = ["08:30-12:00", "13:30-18:00"]', 'mon = ["18:00-08:30"]'),
        ),
        "--db",
        url,
    )
    assert code == 2
    assert (
        err == 'ops-console: contract.toml: calendar.mon[0]: "18:00-08:30" ends before it starts\n'
    )
    code, _, err = run(
        capsys,
        "sla",
        "report",
        "--contract",
        "NOPE",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--db",
        url,
    )
    assert code == 2 and "no contract" in err


def test_training_commands(url, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("password1\n"))
    main(["users", "add", "liaison", "--role", "liaison", "--password-stdin", "--db", url])
    records = RECORDS.replace("tech1,SAFE-001,2025-11-20", "tech1,SAFE-001,2025-12-01")
    assert (
        run(
            capsys,
            "training",
            "import-courses",
            write(tmp_path, "courses.csv", COURSES),
            "--db",
            url,
        )[0]
        == 0
    )
    assert (
        run(capsys, "training", "import", write(tmp_path, "training.csv", records), "--db", url)[0]
        == 0
    )
    code, out, _ = run(capsys, "training", "matrix", "--format", "json", "--db", url)
    staff = {s["username"]: s["courses"] for s in json.loads(out)["staff"]}
    assert staff["tech2"]["GATE-101"]["status"] == "expired"
    assert staff["tech2"]["SAFE-001"] == {
        "status": "missing",
        "mandatory": True,
        "expires_on": None,
    }
    code, out, _ = run(capsys, "training", "expiring", "--days", "3650", "--db", url)
    assert code == 0 and "GATE-101" in out
