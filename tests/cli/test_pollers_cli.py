"""`poller run` refuses bad input with one line; `pollers list` shows the registry."""

from __future__ import annotations

import io
import json
import sys

from ops_console.cli import main
from ops_console.db.engine import Database
from ops_console.services.pollers import PollerScope, PollersService


def _init(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'ops.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("rootpass1\n"))
    assert main(["init", "--db", url, "--admin", "root", "--password-stdin"]) == 0
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    assert main(["communities", "add", "湖滨", "--db", url]) == 0
    return url


def test_poller_run_refuses_bad_input(tmp_path, monkeypatch, capsys):
    url = _init(tmp_path, monkeypatch)
    capsys.readouterr()
    assert main(["--db", url, "poller", "run", "--name", "p", "--communities", "无此小区"]) == 2
    assert "no community or zone named '无此小区'" in capsys.readouterr().err
    args = ["--db", url, "poller", "run", "--name", "p", "--failover", "8", "--heartbeat", "5"]
    assert main(args) == 2
    assert "--failover must be more than two heartbeats" in capsys.readouterr().err


def test_pollers_list(tmp_path, monkeypatch, capsys, clock):
    url = _init(tmp_path, monkeypatch)
    db = Database(url)
    reg = PollersService(db, clock)
    reg.heartbeat(reg.register("湖滨-1", "host-a", 7, PollerScope(("湖滨",))))
    db.dispose()
    capsys.readouterr()
    assert main(["--db", url, "pollers", "list", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert [(p["name"], p["host"], p["scope"], p["devices"]) for p in got] == [
        ("湖滨-1", "host-a", "湖滨", 0)
    ]
    # the registry's clock is fixed in the past: for the command it has been silent since
    assert got[0]["state"] == "dead"
    assert main(["--db", url, "pollers", "list"]) == 0
    out = capsys.readouterr().out
    assert "湖滨-1" in out and "poller 湖滨-1 stopped" in out
