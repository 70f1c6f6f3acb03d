"""Audit paging and verification; settings: language switch, large font, database test."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt

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
    page.entity.setCurrentIndex(page.entity.findData("device"))  # refreshes on change
    assert page.model.rows and all(e.entity == "device" for e in page.model.rows)
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


def _row_of(page: AuditPage, pred: Any) -> int:
    for r, e in enumerate(page.model.rows):
        if pred(e):
            return r
    raise AssertionError("no such entry")


def test_audit_entries_read_as_words_in_both_languages(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.i18n import set_language
    from ops_console.ui.models.audit import ACTION, CHANGE, OBJECT, USER

    page = AuditPage(ctx_for("zhou.min"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    # the action filter lists human labels and filters by the code behind them
    labels = [page.action.itemText(i) for i in range(page.action.count())]
    assert "Work order put on hold" in labels
    assert not any("." in t for t in labels)
    page.action.setCurrentIndex(page.action.findText("Work order put on hold"))
    rows = page.model.rows
    assert rows and {e.action for e in rows} == {"workorder.hold"}
    m = page.model
    e = rows[0]
    assert m.index(0, ACTION).data() == "Work order put on hold"
    assert m.index(0, OBJECT).data() == f"Work order {e.entity_id}"
    change = m.index(0, CHANGE).data()
    assert "Status: In progress → On hold" in change
    assert "Hold reason: " in change and "{" not in change and "reason_code" not in change
    # the raw record stays available for auditors
    tip = m.index(0, CHANGE).data(Qt.ItemDataRole.ToolTipRole)
    assert e.after_json in tip and e.hash in tip
    page.view.selectRow(0)
    assert e.after_json in page.details.toPlainText()
    assert "Status: In progress → On hold" in page.details.toPlainText()

    # assignments name the technician as the statement does, "李强 (li.qiang)" (not a user id,
    # not the login alone); so do the User column and the entry's details
    page.action.setCurrentIndex(page.action.findData("workorder.assign"))
    line = m.index(0, CHANGE).data()
    users = {u.id: u for u in page.ctx.services.accounts.list_users(page.ctx.actor)}
    assigned = users[json.loads(m.rows[0].after_json)["assignee_id"]]
    assert assigned.display_name != assigned.username
    assert f"Assignee: — → {assigned.display_name} ({assigned.username})" in line, line
    by = next(u for u in users.values() if u.username == m.rows[0].actor)
    assert m.index(0, USER).data() == f"{by.display_name} ({by.username})"
    page.view.selectRow(0)
    assert f"· {by.display_name} ({by.username})" in page.details.toPlainText()
    page.action.setCurrentIndex(page.action.findData("device.create"))
    assert m.index(0, OBJECT).data() == f"Device {m.rows[0].entity_id}"
    assert "Asset tag: " in m.index(0, CHANGE).data()
    page.action.setCurrentIndex(page.action.findData("user.create"))
    user_row = _row_of(page, lambda e: e.entity_id == "1")
    admin = page.ctx.services.accounts.actor("admin")
    assert m.index(user_row, OBJECT).data() == f"User {admin.display_name} (admin)"

    assert set_language("zh_CN")
    zh = AuditPage(ctx_for("zhou.min"))
    qtbot.addWidget(zh)
    zh.activate()
    zh.action.setCurrentIndex(zh.action.findData("workorder.hold"))
    assert zh.model.index(0, ACTION).data() == "工单已挂起"
    assert zh.model.index(0, OBJECT).data().startswith("工单 WO-")
    assert "状态：处理中 → 挂起" in zh.model.index(0, CHANGE).data()
    set_language("en")


def test_verify_chain_reports_a_truncation_the_witness_saw(ctx_for: Any, qtbot: Any) -> None:
    """Cut the newest entries and set the head back: the page says the chain is broken."""
    from ops_console.db.models import AuditEntry, AuditHead
    from ops_console.secrets import SecretStore
    from ops_console.services.audit import witness

    page = AuditPage(ctx_for("zhou.min"))
    qtbot.addWidget(page)
    services = page.ctx.services
    head = services.audit.verify()
    last = head.archived + head.entries
    witness.append_checkpoint(
        services.db, head, SecretStore().archive_signing_key(), services.clock.now()
    )
    with services.db.write() as s:
        s.query(AuditEntry).filter(AuditEntry.id > last - 3).delete()
        kept = s.get(AuditEntry, last - 3)
        row = s.get(AuditHead, 1)
        row.last_id, row.last_hash = kept.id, kept.hash
    assert services.audit.verify().ok  # the chain alone cannot tell
    page.verify()
    text = page.result.text()
    assert f"{last}" in text and "TRUNCATED" in text and "intact" not in text


def test_community_phone_field_saves_and_explains_a_bad_number(
    ctx_for: Any, qtbot: Any, tmp_path: Any
) -> None:
    from ops_console.ui.i18n import set_language

    page = SettingsPage(ctx_for("admin"))
    qtbot.addWidget(page)
    assert "communities" in page.tab_keys()
    page.community.setCurrentIndex(page.community.findText("湖滨"))
    assert page.community_phone.text() == "0571-87000000"  # the demo's
    page.community_phone.setText("0571-87001234")
    page.save_community_phone()
    services, admin = page.ctx.services, page.ctx.actor
    phones = {c.name: c.phone for c in services.accounts.list_communities(admin)}
    assert phones["湖滨"] == "0571-87001234"
    assert "0571-87001234" in page.phone_status.text()
    page.community_phone.setText("8700")
    page.save_community_phone()
    assert "8700" in page.phone_status.text() and "area code" in page.phone_status.text()
    assert {c.name: c.phone for c in services.accounts.list_communities(admin)}["湖滨"] == (
        "0571-87001234"
    )
    # in Chinese too, and the page renders for a look
    set_language("zh_CN")
    try:
        zh = SettingsPage(ctx_for("admin"))
        qtbot.addWidget(zh)
        zh.tabs.setCurrentIndex(zh.tab_keys().index("communities"))
        zh.resize(900, 500)
        zh.community_phone.setText("8700")
        zh.save_community_phone()
        assert "社区电话" in zh.phone_status.text() or "区号" in zh.phone_status.text()
        zh.grab().save(str(tmp_path / "settings-communities-zh_CN.png"))
    finally:
        set_language("en")


def test_technicians_have_no_communities_tab(ctx_for: Any, qtbot: Any) -> None:
    page = SettingsPage(ctx_for("zhang.wei"))
    qtbot.addWidget(page)
    assert "communities" not in page.tab_keys()


def test_people_in_audit_entries_read_as_name_and_login(qapp: Any) -> None:
    """The automatic dispatch stores the assignee's login; the page shows it as a name, and a
    login no longer known (or the console itself) as it is."""
    from ops_console.ui.audit_text import Names, actor_text, value_text

    names = Names(users={7: "li.qiang"}, people={"li.qiang": "李强"})
    assert value_text("assignee", "li.qiang", names) == "李强 (li.qiang)"
    assert value_text("assignee_id", 7, names) == "李强 (li.qiang)"
    assert value_text("assignee_id", 8, names) == "8"
    assert actor_text("li.qiang", names) == "李强 (li.qiang)"
    assert actor_text("gone.user", names) == "gone.user"
    assert actor_text("system", names) == "system"
