"""Sign-in, the main window's sidebar by role, search, status bar and remembered settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase

from ops_console.ui.dialogs.login import LoginDialog
from ops_console.ui.main_window import MainWindow


def test_chinese_font_installed(qapp: Any) -> None:
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def test_login_wrong_password_then_lockout(demo_services: Any, qtbot: Any) -> None:
    dialog = LoginDialog(demo_services, demo=True)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.hint.isVisibleTo(dialog)
    assert not dialog.ok.isEnabled()
    qtbot.keyClicks(dialog.username, "zhang.wei")
    for _ in range(5):
        qtbot.keyClicks(dialog.password, "nope")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "locked" in dialog.error.text()
    assert dialog.actor is None
    assert dialog.isVisible()


def test_login_success(demo_services: Any, qtbot: Any) -> None:
    dialog = LoginDialog(demo_services, demo=False)
    qtbot.addWidget(dialog)
    dialog.open()
    assert not dialog.hint.isVisibleTo(dialog)
    dialog.username.setText("admin")
    dialog.password.setText("admin1234")
    with qtbot.waitSignal(dialog.finished):
        dialog.ok.click()
    assert dialog.actor is not None and dialog.actor.role == "admin"


def _sidebar_keys(w: MainWindow) -> list[str]:
    return [w.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.sidebar.count())]


def test_sidebar_is_role_aware(window_for: Any) -> None:
    admin = _sidebar_keys(window_for("admin"))
    tech = _sidebar_keys(window_for("zhang.wei"))
    assert "audit" in admin and "settings" in admin
    assert "audit" not in tech
    assert "devices" in tech and "workorders" in tech
    assert "users" not in window_for("zhang.wei").pages["settings"].tab_keys()
    assert "users" in window_for("admin").pages["settings"].tab_keys()


def test_status_bar_and_search(window_for: Any, qtbot: Any) -> None:
    w = window_for("admin")
    assert "admin" in w.user_label.text() or "系统管理员" in w.user_label.text()
    # the path may be shortened with "…" in the middle on a narrow window: whole in the tip
    assert w.db_label.full_text().endswith("demo.db") and "demo.db" in w.db_label.toolTip()
    assert w.poller_label.text().startswith("Poller")
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    w.search.setText("HB-GATE-001")
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    assert w.current_key() == "devices"
    assert w.pages["devices"].proxy.rowCount() >= 1


def test_remembers_last_page(window_for: Any) -> None:
    w = window_for("admin")
    w.open_page("training")
    w.close()
    w2 = window_for("admin")
    assert w2.current_key() == "training"
