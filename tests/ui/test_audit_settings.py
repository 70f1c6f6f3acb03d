"""Audit paging and verification; settings: language switch, large font, database test."""

from __future__ import annotations

from typing import Any

from ops_console.ui.pages.audit import AuditPage
from ops_console.ui.pages.settings import SettingsPage


def test_audit_pages_lazily_and_verifies(ctx_for: Any, qtbot: Any) -> None:
    page = AuditPage(ctx_for("zhou.min"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    total = page.ctx.services.audit.count()
    assert total > 200
    assert page.model.rowCount() == 200
    assert page.model.canFetchMore()
    page.model.fetchMore()
    assert page.model.rowCount() == min(400, total)
    page.entity.setText("device")
    page.refresh()
    assert all(e.entity == "device" for e in page.model.rows)
    page.verify()
    assert "intact" in page.result.text()
    assert page.ctx.services.audit.verify().fingerprint in page.result.text()


def test_large_font_and_contrast(ctx_for: Any, qtbot: Any, qapp: Any) -> None:
    page = SettingsPage(ctx_for("admin"))
    qtbot.addWidget(page)
    before = qapp.font().pointSize()
    page.large_font.setChecked(True)
    assert qapp.font().pointSize() > before
    page.high_contrast.setChecked(True)
    assert "#000000" in qapp.styleSheet()
    page.large_font.setChecked(False)
    page.high_contrast.setChecked(False)


def test_database_connection_test(ctx_for: Any, qtbot: Any, tmp_path: Any) -> None:
    page = SettingsPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.test_connection()
    assert "ready" in page.db_result.text()
    page.use_pg.setChecked(True)
    page.pg_url.setText("postgresql+psycopg://nobody@127.0.0.1:1/none")
    page.test_connection()
    assert page.db_result.text().startswith("✘")
