"""``report sla --issue`` and ``sla statements`` in-process, over a small world."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tests.cli.test_workorders_cli import HEAD, HISTORY, _clock_at, run, url, write  # noqa: F401
from tests.reports.conftest import pdf_text
from tests.unit.services.workorders_world import CONTRACT


def test_issue_list_and_reprint(url, tmp_path, capsys, monkeypatch):  # noqa: F811
    contract = write(tmp_path, "c.toml", CONTRACT)
    assert run(capsys, "contracts", "import", contract, "--db", url)[0] == 0
    events = write(tmp_path, "events.csv", "\n".join([HEAD, *HISTORY]) + "\n")
    assert run(capsys, "workorders", "import", events, "--db", url)[0] == 0
    args = ("report", "sla", "--contract", "HB-2026", "--from", "2026-11-01", "--to", "2026-11-30")
    out_pdf = str(tmp_path / "s.pdf")

    _clock_at(monkeypatch, datetime(2026, 11, 29, 11, 0, tzinfo=UTC))
    code, _, err = run(capsys, *args, "--issue", "--out", out_pdf, "--db", url)
    assert code == 2 and "2026-11 has not ended yet" in err

    _clock_at(monkeypatch, datetime(2026, 12, 5, 2, 0, tzinfo=UTC))
    code, out, err = run(capsys, *args, "--lang", "zh_CN", "--out", out_pdf, "--db", url)
    assert code == 0, err
    assert "draft: not issued (would be HB-2026-202611-01)" in out
    # a contract without [parties]: the statement says which party it does not name
    text = pdf_text(tmp_path / "s.pdf")
    assert "西湖智维科技有限公司（简称；合同未列全称）" in text
    assert text.count("合同未列明") >= 2  # the community office and the street office
    assert "柒万玖仟叁佰元整" in text  # 80,000 − 700
    code, out, err = run(capsys, *args, "--issue", "--out", out_pdf, "--db", url)
    assert code == 0, err
    assert "statement HB-2026-202611-01 issued" in out
    code, out, _ = run(capsys, *args, "--lang", "en", "--out", out_pdf, "--db", url)
    assert "matches issued statement HB-2026-202611-01 (revision 1)" in out

    code, out, _ = run(capsys, "sla", "statements", "--db", url)
    assert code == 0 and "HB-2026-202611-01" in out and "2026-11" in out
    code, out, _ = run(capsys, "sla", "statements", "--format", "json", "--db", url)
    rows = json.loads(out)
    assert [(r["number"], r["revision"], r["replaces"]) for r in rows] == [
        ("HB-2026-202611-01", 1, None)
    ]
    assert rows[0]["payable"] == "79300.00" and len(rows[0]["sha256"]) == 64
    code, _, err = run(capsys, "sla", "statements", "--contract", "NOPE", "--db", url)
    assert code != 0 and "NOPE" in err
