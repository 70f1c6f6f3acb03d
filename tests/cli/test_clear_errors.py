"""Out-of-range input and database or disk faults: one clear line, exit 1 or 2, no traceback.

Each case is one the security review saw end in a traceback (issue 11, item 10).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ops_console.cli import main
from ops_console.db import engine
from tests.cli.test_workorders_cli import url, write  # noqa: F401  # fixtures shared
from tests.unit.services.workorders_world import CONTRACT


def one_line(capsys, *argv) -> tuple[int, str]:
    """Run the command; return its status and its single stderr line (asserting there is one)."""
    code = main(list(argv))
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("ops-console: "), err
    return code, lines[0]


def _contract(**changes: str) -> str:
    text = CONTRACT
    for key, value in changes.items():
        old = next(line for line in text.splitlines() if line.startswith(f"{key} = "))
        text = text.replace(old, f"{key} = {value}", 1)
    return text


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("monthly_fee", "nan", "contract.monthly_fee: nan is not a finite number"),
        ("monthly_fee", "inf", "contract.monthly_fee: inf is not a finite number"),
        ("monthly_fee", "1e308", "contract.monthly_fee: 1e+308 is out of range"),
        ("monthly_fee", "80000.005", "contract.monthly_fee: 80000.005 has more than 2 decimals"),
        (
            "response_minutes",
            "99999999999999999999",
            "sla.P1.response_minutes: 99999999999999999999 is out of range (1 to 527040)",
        ),
        ("penalty_cap_ratio", "-inf", "contract.penalty_cap_ratio: -inf is not a finite number"),
        # found by the property test (tests/cli/test_properties.py): a TypeError before
        ("holidays", "nan", "calendar.holidays: expected a list of dates (YYYY-MM-DD)"),
    ],
)
def test_contract_numbers_out_of_range_are_refused(url, tmp_path, capsys, key, value, says):  # noqa: F811
    path = write(tmp_path, "c.toml", _contract(**{key: value}))
    code, line = one_line(capsys, "contracts", "import", path, "--db", url)
    assert code == 2 and says in line
    code, _ = main(["contracts", "list", "--db", url]), capsys.readouterr()
    assert "HB-2026" not in _[0]  # nothing written


def test_work_order_history_in_year_0001_is_refused(url, tmp_path, capsys):  # noqa: F811
    head = "number,event,at,actor,assignee,priority,asset_tag,community,title,note"
    row = "WO-2026-000001,created,0001-01-01T09:00:00+08:00,老王,,P2,,湖滨,路灯不亮,"
    code, line = one_line(capsys, "workorders", "import", write(tmp_path, "h.csv", f"{head}\n{row}\n"), "--db", url)  # fmt: skip
    assert code == 2 and "0001-01-01T09:00:00+08:00: the year must be between 2000 and 2100" in line


@pytest.mark.parametrize(
    "argv",
    [
        ["sla", "report", "--contract", "HB-2026", "--from", "9999-12-01", "--to", "9999-12-31"],
        ["report", "notice", "--from", "9999-12-01", "--to", "9999-12-31", "--community", "湖滨"],
        ["alarms", "ack", "99999999999999999999999"],
        ["training", "expiring", "--days", "99999999"],
        ["workorders", "list", "--limit", "99999999999999999999999"],
    ],
    ids=["sla-9999", "notice-9999", "ack-huge-id", "training-days", "list-limit"],
)
def test_dates_ids_and_counts_out_of_range_are_refused(url, tmp_path, capsys, argv):  # noqa: F811
    if argv[0] == "report":
        argv = [*argv, "--out", str(tmp_path / "n.pdf")]
    code = None
    try:
        code = main([*argv, "--db", url])
    except SystemExit as exc:  # argparse refuses a bad option value: exit 2, one line
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert "out of range" in err or "the year must be between 2000 and 2100" in err, err
    assert not (tmp_path / "n.pdf").exists()


@pytest.mark.parametrize("cost", ["nan", "inf", "-1", "1e400", "0.001"])
def test_part_cost_must_be_money(url, tmp_path, capsys, cost):  # noqa: F811
    assert main(["contracts", "import", write(tmp_path, "c.toml", CONTRACT), "--db", url]) == 0
    new = ["workorders", "new", "--title", "x", "--priority", "P3", "--source", "resident_phone"]
    assert main([*new, "--community", "湖滨", "--db", url]) == 0
    number = capsys.readouterr().out.split()[0]
    code, line = one_line(
        capsys, "workorders", "resolve", number, "--part", f"fuse:1:{cost}", "--db", url
    )
    assert code == 2 and "part: unit cost" in line
    main(["workorders", "show", number, "--db", url])
    assert "fuse" not in capsys.readouterr().out  # nothing recorded


def test_a_write_lock_held_too_long_says_the_database_is_busy(url, capsys, monkeypatch):  # noqa: F811
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)  # the real wait is 15 s
    holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, line = one_line(capsys, "communities", "add", "西湖", "--db", url)
    finally:
        holder.rollback()
        holder.close()
    assert code == 1 and "the database is busy" in line
    assert main(["communities", "list", "--db", url]) == 0
    assert "西湖" not in capsys.readouterr().out


def _run(argv: list[str], env_url: str) -> subprocess.CompletedProcess[str]:
    import os

    env = dict(os.environ, OPS_CONSOLE_DB=env_url)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return subprocess.run(
        [sys.executable, "-m", "ops_console", *argv], env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def test_an_immutable_database_file_gives_one_line(url):  # noqa: F811
    path = Path(url.removeprefix("sqlite:///"))
    main(["communities", "list", "--db", url])  # checkpoint: the WAL folded into the file
    for extra in path.parent.glob(path.name + "-*"):
        extra.unlink()
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode:
        pytest.skip("chattr +i needs root and a file system that supports it")
    try:
        done = _run(["communities", "add", "西湖"], url)
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "read-only" in lines[0] or "cannot be opened" in lines[0], lines


def test_a_full_disk_during_import_gives_one_line_and_writes_nothing(url, tmp_path):  # noqa: F811
    from ops_console.services.formats import HEADER

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode:
        pytest.skip("mounting a 2 MB tmpfs needs root")
    try:
        source = sqlite3.connect(url.removeprefix("sqlite:///"))
        target = sqlite3.connect(disk / "ops.db")
        source.backup(target)  # a whole copy, the write-ahead log included
        source.close()
        target.close()
        small = f"sqlite:///{disk / 'ops.db'}"
        rows = [
            f"FULL-{i:05d},{'设备' * 40},camera,湖滨,,{'位置' * 60},,,,127.0.0.1,v2c,161,x,60,,,normal,in_service"
            for i in range(6000)
        ]
        csv = tmp_path / "big.csv"
        csv.write_text(",".join(HEADER) + "\n" + "\n".join(rows) + "\n", "utf-8")
        done = _run(["devices", "import", str(csv)], small)
        assert done.returncode == 1, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
        assert "full" in lines[0] or "No space left" in lines[0], lines
        count = sqlite3.connect(disk / "ops.db").execute(
            "SELECT count(*) FROM devices WHERE asset_tag LIKE 'FULL-%'"
        )
        assert count.fetchone()[0] == 0
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
