"""``workorders verify`` and ``reopen --reason`` as the liaison, ``close --override-reason`` as a
manager; the statement PDF lists the override."""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime

import pytest

from ops_console.cli import main
from tests.cli.test_workorders_cli import HEAD, _clock_at, run, url, write  # noqa: F401
from tests.reports.conftest import pdf_text
from tests.unit.services.workorders_world import CONTRACT

RESOLVED = [
    f"WO-2026-00000{i},{row}"
    for i in (1, 2)
    for row in (
        "created,2026-11-02T09:00:00+08:00,老王,,P2,HB-CAM-001,湖滨,摄像头离线,source=resident_phone",
        "assigned,2026-11-02T09:05:00+08:00,root,tech1,,,,,",
        "accepted,2026-11-02T09:30:00+08:00,tech1,,,,,,",
        "resolved,2026-11-03T10:00:00+08:00,tech1,,,,,,更换电源",
    )
]


def _user(name: str, role: str, u: str, monkeypatch, *community: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("password1\n"))
    extra = [x for c in community for x in ("--community", c)]
    assert main(["users", "add", name, "--role", role, *extra, "--password-stdin", "--db", u]) == 0


def _as(monkeypatch, name: str) -> None:
    monkeypatch.setenv("OPS_CONSOLE_USER", name)
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "password1")


def test_verify_reopen_and_override(url, tmp_path, capsys, monkeypatch):  # noqa: F811
    _user("lia", "liaison", url, monkeypatch, "湖滨")
    _user("boss", "manager", url, monkeypatch)
    assert (
        run(capsys, "contracts", "import", write(tmp_path, "c.toml", CONTRACT), "--db", url)[0] == 0
    )
    events = write(tmp_path, "events.csv", "\n".join([HEAD, *RESOLVED]) + "\n")
    assert run(capsys, "workorders", "import", events, "--db", url)[0] == 0
    _clock_at(monkeypatch, datetime(2026, 11, 5, 2, 0, tzinfo=UTC))

    _as(monkeypatch, "lia")
    code, _, err = run(capsys, "workorders", "verify", "WO-2026-000001", "--db", url)
    assert code == 2 and "verification note is required" in err
    with pytest.raises(SystemExit) as stop:  # argparse: --reason is required
        main(["workorders", "reopen", "WO-2026-000001", "--db", url])
    assert stop.value.code == 2 and "--reason" in capsys.readouterr().err
    code, out, err = run(
        capsys, "workorders", "reopen", "WO-2026-000001", "--reason", "仍然离线", "--db", url
    )
    assert code == 0 and "in_progress" in out, err
    code, out, err = run(
        capsys, "workorders", "verify", "WO-2026-000002", "--note", "画面已恢复", "--signed-off",
        "--db", url,
    )  # fmt: skip
    assert code == 0 and "WO-2026-000002: closed" in out, err

    _as(monkeypatch, "boss")
    code, out, _ = run(capsys, "workorders", "show", "WO-2026-000002", "--db", url)
    assert "verified_signed_off" in out or "画面已恢复" in out
    # WO-1 again resolved; the manager closes without the liaison: an override with a reason
    _as(monkeypatch, "tech1")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "password1")
    assert run(capsys, "workorders", "resolve", "WO-2026-000001", "--db", url)[0] == 0
    _as(monkeypatch, "boss")
    code, _, err = run(capsys, "workorders", "close", "WO-2026-000001", "--note", "x", "--db", url)
    assert code == 2 and "override and needs a written reason" in err
    code, out, err = run(
        capsys, "workorders", "close", "WO-2026-000001", "--override-reason", "联络员出差，居民确认",
        "--db", url,
    )  # fmt: skip
    assert code == 0 and "closed" in out, err
    pdf = tmp_path / "s.pdf"
    code, _, err = run(
        capsys, "report", "sla", "--contract", "HB-2026", "--from", "2026-11-01", "--to",
        "2026-11-30", "--lang", "en", "--out", str(pdf), "--db", url,
    )  # fmt: skip
    assert code == 0, err
    text = pdf_text(pdf).replace("\n", " ")
    assert "Closed without the liaison's verification" in text
    assert "WO-2026-000001" in text and "联络员出差，居民确认" in text and "boss" in text
