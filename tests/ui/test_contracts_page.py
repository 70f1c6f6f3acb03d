"""The Contracts page, driven offscreen over the demo: a contract file's preview says what the
import will change and writes nothing; importing it does; a bad file shows the lines
``contracts import`` prints and nothing is written; roles without the right do not see it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ops_console.paths import resources_dir

HB = resources_dir() / "demo" / "contracts" / "HB-2026.toml"


def _page(ctx_for: Any, qtbot: Any, user: str = "admin") -> Any:
    from ops_console.ui.pages.contracts import ContractsPage

    page = ContractsPage(ctx_for(user))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def _audit_count(services: Any) -> int:
    from ops_console.db.models import AuditEntry

    with services.db.read() as s:
        return s.query(AuditEntry).count()


def test_preview_then_import_a_changed_contract(
    ctx_for: Any, qtbot: Any, tmp_path: Path, popups: list[str]
) -> None:
    page = _page(ctx_for, qtbot)
    services, actor = page.ctx.services, page.ctx.actor
    assert [r.code for r in page.model.rows] == ["HB-2026", "ZJ-2026"]
    row = page.model.rows.index(next(r for r in page.model.rows if r.code == "HB-2026"))
    assert page.model.index(row, 4).data() == "2026-01-01 – 2026-12-31"
    changed = tmp_path / "HB-2026.toml"
    text = HB.read_text(encoding="utf-8")
    assert "monthly_fee = 80000" in text and "response_minutes = 30" in text
    changed.write_text(
        text.replace("monthly_fee = 80000", "monthly_fee = 85000").replace(
            "response_minutes = 30", "response_minutes = 20", 1
        ),
        encoding="utf-8",
    )
    entries = _audit_count(services)
    dialog = page.import_contract()
    assert dialog.problems.text() == "Choose a contract file." and not dialog.ok.isEnabled()
    dialog.choose(str(changed))
    shown = dialog.shown.toPlainText().splitlines()
    assert shown[0] == "Contract HB-2026 will be updated."
    assert "  monthly fee: 80000 → 85000" in shown
    assert "New SLA policy version 2:" in shown
    assert any(line.startswith("  P1: respond within 20 min") for line in shown)
    assert dialog.ok.isEnabled()
    # nothing written by the preview
    assert services.contracts.get(actor, "HB-2026").monthly_fee == 80000
    assert _audit_count(services) == entries
    dialog.ok.click()
    assert dialog.result() == 1
    c = services.contracts.get(actor, "HB-2026")
    assert (c.monthly_fee, c.policy_version) == (85000, 2)
    assert popups[-1] == "Contract HB-2026 imported; SLA policy version 2 in force."
    row = next(i for i, r in enumerate(page.model.rows) if r.code == "HB-2026")
    assert page.model.index(row, 5).data() == "v2"
    # the same file again: unchanged, said so
    again = page.import_contract()
    again.choose(str(changed))
    assert again.shown.toPlainText() == (
        "Contract HB-2026 is unchanged: importing it changes nothing."
    )


def test_a_bad_file_shows_the_cli_lines_and_writes_nothing(
    ctx_for: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any, capsys: Any, demo_services: Any
) -> None:
    from ops_console.cli import main

    page = _page(ctx_for, qtbot)
    services, actor = page.ctx.services, page.ctx.actor
    bad = tmp_path / "NEW-1.toml"
    bad.write_text(
        HB.read_text(encoding="utf-8")
        .replace('code = "HB-2026"', 'code = "NEW-1"')
        .replace('communities = ["湖滨"]', 'communities = ["湖滨", "不存在", "也没有"]')
        .replace('mon = ["08:30-12:00", "13:30-18:00"]', 'mon = ["18:00-08:30"]'),
        encoding="utf-8",
    )
    entries = _audit_count(services)
    dialog = page.import_contract()
    dialog.choose(str(bad))
    assert not dialog.ok.isEnabled() and dialog.preview is None
    shown = dialog.problems.text()
    # the very lines the command line prints for the same file
    monkeypatch.setenv("OPS_CONSOLE_USER", "admin")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "admin1234")
    url = services.db.display_url
    assert main(["contracts", "import", str(bad), "--db", url]) == 2
    cli = capsys.readouterr().err.strip().removeprefix("ops-console: ")
    assert shown == cli
    assert "NEW-1.toml" in shown and "calendar.mon[0]" in shown
    dialog.path.setFocus()
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(changed_path := tmp_path / "typed.toml"))
    assert dialog.problems.text() == "Press Enter to see what importing the file will change."
    changed_path.write_text(HB.read_text(encoding="utf-8"), encoding="utf-8")
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert dialog.shown.toPlainText() == (
        "Contract HB-2026 is unchanged: importing it changes nothing."
    )
    dialog.choose(str(tmp_path / "missing.toml"))
    assert dialog.problems.text().endswith("missing.toml: no such file")
    (tmp_path / "latin1.toml").write_bytes("name = 'caf\xe9'".encode("latin-1"))
    dialog.choose(str(tmp_path / "latin1.toml"))
    assert dialog.problems.text() == "latin1.toml: not UTF-8 text"
    assert [c.code for c in services.contracts.list(actor)] == ["HB-2026", "ZJ-2026"]
    assert _audit_count(services) == entries


def test_who_sees_the_page(ctx_for: Any) -> None:
    from ops_console.domain.errors import PermissionDenied
    from ops_console.ui.pages.contracts import ContractsPage

    for login in ("chen.jing", "zhang.wei", "zhou.min"):
        ctx = ctx_for(login)
        assert not ContractsPage.visible_for(ctx.actor)
        with pytest.raises(PermissionDenied):
            ctx.services.contracts.preview_file(ctx.actor, HB)
    assert ContractsPage.visible_for(ctx_for("admin").actor)


def test_the_preview_speaks_chinese(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.i18n import set_language

    set_language("zh_CN")
    page = _page(ctx_for, qtbot)
    dialog = page.import_contract()
    dialog.choose(str(HB))
    assert dialog.shown.toPlainText() == "合同 HB-2026 没有变化：导入不会做任何修改。"
