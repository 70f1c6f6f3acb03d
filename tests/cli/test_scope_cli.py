"""Contracts follow community scope (issue #11 item 3), and a refusal names the community.

On a copy of the demo: li.hong is a manager scoped to 湖滨; ZJ-2026 covers 张江 and 科技园.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ops_console.cli import main
from ops_console.demo.loader import demo_dir


@pytest.fixture
def demo(demo_db_template, tmp_path) -> Path:
    path = tmp_path / "demo.db"
    path.write_bytes(demo_db_template.read_bytes())
    return path


def as_user(monkeypatch, user: str) -> None:
    monkeypatch.setenv("OPS_CONSOLE_USER", user)
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "demo1234")


def contract_state(db: Path) -> tuple[object, ...]:
    con = sqlite3.connect(db)
    try:
        return (
            con.execute("SELECT code, monthly_fee, penalty_cap_ratio FROM contracts").fetchall(),
            con.execute("SELECT count(*) FROM sla_policies").fetchone(),
            con.execute("SELECT count(*) FROM contract_communities").fetchone(),
            con.execute("SELECT count(*) FROM audit_entries").fetchone(),
        )
    finally:
        con.close()


def zj_text(**changes: str) -> str:
    text = (demo_dir() / "contracts" / "ZJ-2026.toml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_manager_of_hubin_cannot_rewrite_zhangjiang_contract(demo, tmp_path):
    """The issue's case as a process: fee 1 and no penalties, imported by li.hong."""
    cheap = tmp_path / "ZJ-2026.toml"
    cheap.write_text(
        zj_text(**{"monthly_fee = 150000": "monthly_fee = 1"}).replace(
            "penalty_per_breach = 500", "penalty_per_breach = 0"
        ),
        encoding="utf-8",
    )
    before = contract_state(demo)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(OPS_CONSOLE_USER="li.hong", OPS_CONSOLE_PASSWORD="demo1234")
    p = subprocess.run(
        [sys.executable, "-m", "ops_console", "contracts", "import", str(cheap),
         "--db", f"sqlite:///{demo}"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert p.returncode == 1, p.stdout
    assert "li.hong is not assigned to community 张江" in p.stderr
    assert contract_state(demo) == before


def test_manager_of_hubin_cannot_create_a_contract_for_zhangjiang(
    demo, tmp_path, monkeypatch, capsys
):
    new = tmp_path / "ZJ-NEW.toml"
    new.write_text(
        zj_text(**{'code = "ZJ-2026"': 'code = "ZJ-NEW"'}),
        encoding="utf-8",
    )
    before = contract_state(demo)
    as_user(monkeypatch, "li.hong")
    assert main(["contracts", "import", str(new), "--db", f"sqlite:///{demo}"]) == 1
    assert "li.hong is not assigned to community 张江" in capsys.readouterr().err
    assert contract_state(demo) == before
    # ...nor take 张江's contract over by naming only 湖滨 in it
    takeover = tmp_path / "ZJ-2026.toml"
    takeover.write_text(
        zj_text(
            **{
                '["张江", "科技园"]': '["湖滨"]',
                '"张江" = { name = "张江社区居民委员会", representative = "刘洋" }\n': "",
                '"科技园" = { name = "科技园社区工作站", representative = "黄丽" }\n': "",
            }
        ),
        encoding="utf-8",
    )
    assert main(["contracts", "import", str(takeover), "--db", f"sqlite:///{demo}"]) == 1
    assert "not assigned to community 张江" in capsys.readouterr().err
    assert contract_state(demo) == before


def test_a_manager_of_every_community_may_import_it(demo, tmp_path, monkeypatch, capsys):
    changed = tmp_path / "ZJ-2026.toml"
    changed.write_text(zj_text(**{"monthly_fee = 150000": "monthly_fee = 160000"}), "utf-8")
    as_user(monkeypatch, "wang.jianguo")
    assert main(["contracts", "import", str(changed), "--db", f"sqlite:///{demo}"]) == 0
    assert "contract ZJ-2026 updated" in capsys.readouterr().out


def test_contract_reads_follow_scope(demo, tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{demo}"
    as_user(monkeypatch, "li.hong")
    assert main(["contracts", "list", "--format", "json", "--db", url]) == 0
    assert '"ZJ-2026"' not in capsys.readouterr().out
    code = main(["sla", "report", "--contract", "ZJ-2026", "--from", "2026-11-01",
                 "--to", "2026-11-30", "--db", url])  # fmt: skip
    assert code == 2 and 'no contract with code "ZJ-2026"' in capsys.readouterr().err
    code = main(["report", "sla", "--contract", "ZJ-2026", "--from", "2026-11-01",
                 "--to", "2026-11-30", "--out", str(tmp_path / "zj.pdf"), "--db", url])  # fmt: skip
    assert code in (1, 2) and "ZJ-2026" in capsys.readouterr().err
    assert not (tmp_path / "zj.pdf").exists()


def test_refusals_name_the_community_not_its_id(demo, monkeypatch, capsys):
    """Item 11: 'not assigned to community 2' showed an internal id."""
    as_user(monkeypatch, "chen.jing")  # liaison of 湖滨
    con = sqlite3.connect(demo)
    (tag,) = con.execute(
        "SELECT d.asset_tag FROM devices d JOIN communities c ON c.id = d.community_id "
        "WHERE c.name = '张江' LIMIT 1"
    ).fetchone()
    con.close()
    code = main(["workorders", "new", "--title", "坏了", "--priority", "P3", "--device", tag,
                 "--db", f"sqlite:///{demo}"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "chen.jing is not assigned to community 张江" in err, err
