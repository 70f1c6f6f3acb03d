"""The window builds a page when it is first opened, not all thirteen at start-up (each costs
the GUI thread tens to hundreds of milliseconds of widget work)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt


def test_only_the_opened_pages_are_built(window_for: Any) -> None:
    w = window_for("wang.jianguo")
    first = w.current_key()
    assert list(w.pages.built) == [first]
    keys = [w.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.sidebar.count())]
    assert set(keys) <= set(w.pages) and "audit" not in w.pages  # a manager's pages
    other = next(k for k in keys if k != first)
    w.sidebar.setCurrentRow(keys.index(other))
    assert w.current_key() == other
    assert set(w.pages.built) == {first, other}
    assert w.stack.currentWidget() is w.pages[other]
    # a language switch rebuilds: the built pages are dropped, the shown one built again
    w.rebuild()
    assert list(w.pages.built) == [other]


def test_a_page_outside_the_sidebar_is_built_when_asked_for(window_for: Any) -> None:
    w = window_for("admin")
    assert "device_detail" not in w.pages.built
    w.open_page("device_detail", {"tag": "HB-GATE-001"})
    assert w.current_key() == "device_detail"
    w.open_page("nonexistent")  # an unknown key opens the dashboard
    assert w.current_key() == "dashboard"
