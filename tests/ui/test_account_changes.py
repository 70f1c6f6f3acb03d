"""A person disabled or given another role while their console is open: the next write is
refused in words, and after a role change the window goes on with what the new role may do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ops_console.domain.errors import AccountDisabled, RoleChanged
from ops_console.ui.i18n import error_text, set_language
from ops_console.ui.operations import Operation


def _sidebar(w: Any) -> list[str]:
    return [w.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.sidebar.count())]


def _write(w: Any, qtbot: Any) -> tuple[list[object], list[Exception]]:
    """A write of this console (any will do: the check comes before it)."""
    parent = QWidget()
    qtbot.addWidget(parent)
    done: list[object] = []
    failed: list[Exception] = []
    ctx = w.ctx
    actor = ctx.actor
    Operation(
        parent, lambda: ctx.services.accounts.list_communities(actor), runner=ctx.runner
    ).success(done.append).failure(failed.append).run()
    return done, failed


def test_a_disabled_persons_next_write_is_refused_in_words(window_for, demo_services, qtbot):
    w = window_for("zhang.wei")
    done, failed = _write(w, qtbot)
    assert done and not failed
    admin = demo_services.accounts.actor("admin")
    demo_services.accounts.set_active(admin, "zhang.wei", False)
    done, failed = _write(w, qtbot)
    assert not done and isinstance(failed[0], AccountDisabled)
    assert error_text(failed[0]) == "your account zhang.wei was disabled: ask an administrator"
    set_language("zh_CN")
    assert "已被停用" in error_text(failed[0])


def test_a_role_change_takes_effect_at_the_next_write(window_for, demo_services, qtbot):
    w = window_for("zhang.wei")
    assert "audit" not in _sidebar(w)
    admin = demo_services.accounts.actor("admin")
    demo_services.accounts.set_role(admin, "zhang.wei", "auditor")
    done, failed = _write(w, qtbot)
    assert not done and isinstance(failed[0], RoleChanged)
    qtbot.waitUntil(lambda: w.ctx.actor.role == "auditor")
    assert "audit" in _sidebar(w)
    assert "auditor" in w.statusBar().currentMessage().lower()
    done, failed = _write(w, qtbot)  # and the next one goes through as the auditor
    assert done and not failed
