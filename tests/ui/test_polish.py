"""Layout and wording details seen on the snapshots: brackets in Chinese, combo box widths."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from ops_console.ui import style
from ops_console.ui.i18n import set_language
from ops_console.ui.models.workorders import RESOLUTION, RESPONSE, TITLE
from ops_console.ui.pages.settings import SettingsPage
from ops_console.ui.pages.training import TrainingPage
from ops_console.ui.widgets import WRAP_FLAGS


def test_training_rows_use_full_width_brackets_in_chinese(ctx_for: Any, qtbot: Any) -> None:
    assert set_language("zh_CN")
    page = TrainingPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    heads = [
        page.model.headerData(r, Qt.Orientation.Vertical) for r in range(page.model.rowCount())
    ]
    assert heads and all("（" in h and h.endswith("）") for h in heads)
    assert not any("(" in h or ")" in h for h in heads)
    set_language("en")
    assert page.model.headerData(0, Qt.Orientation.Vertical).endswith(")")


def test_language_combo_is_sized_to_its_content(ctx_for: Any, qtbot: Any) -> None:
    page = SettingsPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    combo = page.language
    assert combo.width() < 300 < page.width()
    assert combo.width() >= combo.sizeHint().width()
    # aligned with the other fields: same left edge as the check boxes under it
    assert (
        abs(
            combo.mapTo(page, combo.rect().topLeft()).x()
            - page.large_font.mapTo(page, page.large_font.rect().topLeft()).x()
        )
        <= 2
    )


def _workorders_window(window_for: Any, qtbot: Any, lang: str) -> Any:
    style.apply(QApplication.instance(), high_contrast=False, large=False)  # as the app runs
    assert set_language(lang)
    w = window_for("admin")
    w.resize(1400, 900)
    w.open_page("workorders")
    page = w.pages["workorders"]
    qtbot.waitExposed(w)
    page.select("WO-2026-000518")  # on hold, with a long hold note in its timeline
    qtbot.wait(150)
    return page


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_workorder_columns_fit_beside_the_detail_panel(
    window_for: Any, qtbot: Any, lang: str
) -> None:
    page = _workorders_window(window_for, qtbot, lang)
    view = page.view
    assert page.info is not None and page.detail.isVisible()
    header = view.horizontalHeader()
    right_edge = header.sectionViewportPosition(RESOLUTION) + header.sectionSize(RESOLUTION)
    assert right_edge <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    assert header.sectionSize(TITLE) >= 60  # the title keeps a readable width
    paused = 0
    for col in (RESPONSE, RESOLUTION):  # today's countdowns are not cut off, paused ones too
        fm = view.fontMetrics()
        for r in range(page.proxy.rowCount()):
            index = page.proxy.index(r, col)
            text = index.data() or ""
            sign = 0  # a paused clock shows the pause sign before its text
            if index.data(Qt.ItemDataRole.DecorationRole) is not None:
                sign, paused = max(view.iconSize().width(), 16) + 4, paused + 1
            assert fm.horizontalAdvance(text) + 8 + sign <= header.sectionSize(col), text
    assert paused  # the demo has orders on hold
    set_language("en")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_timeline_lines_wrap_instead_of_being_clipped(
    window_for: Any, qtbot: Any, lang: str
) -> None:
    page = _workorders_window(window_for, qtbot, lang)
    tl = page.timeline
    width = tl.viewport().width()
    fm = tl.fontMetrics()
    assert not tl.horizontalScrollBar().isVisible()
    longest = max((tl.item(i) for i in range(tl.count())), key=lambda it: len(it.text()))
    assert fm.horizontalAdvance(longest.text()) > width  # the case needs wrapping
    delegate = tl.itemDelegate()
    for i in range(tl.count()):
        item = tl.item(i)
        rect = tl.visualItemRect(item)
        assert rect.width() <= width
        # the text is painted this wide: its wrapped height must fit the row
        needed = fm.boundingRect(
            QRect(0, 0, delegate.text_width(rect.width()), 10_000),
            WRAP_FLAGS,
            item.text(),
        )
        assert needed.width() <= delegate.text_width(rect.width())
        assert rect.height() >= needed.height() + 2 * delegate.PAD, item.text()
    set_language("en")
