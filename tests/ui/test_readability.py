"""Large text and high contrast, measured on every page as painted (#13 item 3).

High contrast: every text on every page, charts included, at least 4.5:1 (WCAG AA) against
what it is painted on, measured in the window's picture. Large text at 1366×768: no button,
tab or label too small for its text. Both in English and Chinese.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from ops_console.ui import style
from ops_console.ui.i18n import set_language
from ops_console.ui.pages.audit import AuditPage
from ops_console.ui.pages.workorders import WorkOrdersPage

from .readability import clipped, ratio, samples

AA = 4.5
GRAPHICS = 3.0  # WCAG 1.4.11: lines and marks of a chart against its background


@pytest.fixture
def mode(qapp: Any) -> Iterator[Any]:
    """Switch the appearance for one test, back to normal afterwards."""

    def switch(*, high_contrast: bool, large: bool) -> None:
        style.apply(qapp, high_contrast=high_contrast, large=large)

    yield switch
    style.apply(qapp, high_contrast=False, large=False)
    set_language("en")


def every_page(window: Any, qtbot: Any) -> Iterator[str]:
    """Open each page as a person would (the detail panels filled in); yield its key."""
    tag = window.ctx.services.inventory.list_devices(window.ctx.actor, limit=1)[0].asset_tag
    for key in list(window.pages):
        window.open_page(key, {"tag": tag} if key == "device_detail" else None)
        page = window.pages[key]
        if isinstance(page, WorkOrdersPage | AuditPage):
            page.view.selectRow(0)
        qtbot.wait(130)  # wrapped rows lay out on a short timer
        yield key


def test_every_colour_pair_of_the_high_contrast_theme_meets_aa() -> None:
    theme = style.HIGH_CONTRAST
    c = theme.colour
    pairs = [(fg, bg) for fg, bg in style.text_pairs(theme)]
    assert len(pairs) > 30
    low = [
        f"{fg} on {bg}: {ratio(c(fg), c(bg)):.2f}" for fg, bg in pairs if ratio(c(fg), c(bg)) < AA
    ]
    assert not low
    for series in theme.chart_series:
        assert ratio(QColor(series), c("panel")) >= GRAPHICS, series


def test_the_normal_theme_meets_aa_too() -> None:
    theme = style.NORMAL
    c = theme.colour
    low = [
        f"{fg} on {bg}: {ratio(c(fg), c(bg)):.2f}"
        for fg, bg in style.text_pairs(theme)
        if ratio(c(fg), c(bg)) < AA
    ]
    assert not low


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_high_contrast_every_page_reads_at_aa(
    window_for: Any, qtbot: Any, mode: Any, lang: str
) -> None:
    mode(high_contrast=True, large=True)
    assert set_language(lang)
    w = window_for("admin")
    w.resize(1366, 768)
    qtbot.waitExposed(w)
    failures: list[str] = []
    measured = 0
    for key in every_page(w, qtbot):
        found = samples(w)
        measured += len(found)
        failures += [f"{key}: {s}" for s in found if s.ratio < AA]
        failures += [f"{key}: {p}" for p in chart_problems(w)]
    assert measured > 500
    assert not failures, "\n".join(failures)


def chart_problems(window: Any) -> list[str]:
    """Charts in the theme: background, axis and legend texts at AA, series at 3:1."""
    import pyqtgraph as pg

    theme = style.current()
    problems = []
    for plot in window.findChildren(pg.PlotWidget):
        if not plot.isVisible():
            continue
        background = plot.backgroundBrush().color()
        if background != QColor(theme.panel):
            problems.append(f"chart background {background.name()}, not {theme.panel}")
        item = plot.getPlotItem()
        for name in ("left", "bottom"):
            colour = item.getAxis(name).textPen().color()
            if ratio(colour, background) < AA:
                problems.append(f"{name} axis text {colour.name()} on {background.name()}")
        for curve in item.listDataItems():
            colour = curve.opts["pen"].color() if hasattr(curve.opts["pen"], "color") else None
            if colour is not None and ratio(colour, background) < GRAPHICS:
                problems.append(f"series {colour.name()} on {background.name()}")
        if item.legend is not None:
            for _sample, text in item.legend.items:
                colour = text.item.defaultTextColor()
                if ratio(colour, background) < AA:
                    problems.append(f"legend {text.text!r} {colour.name()}")
    return problems


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_large_text_at_1366_by_768_clips_no_button_tab_or_label(
    window_for: Any, qtbot: Any, mode: Any, lang: str
) -> None:
    mode(high_contrast=False, large=True)
    assert set_language(lang)
    w = window_for("admin")
    w.resize(1366, 768)
    qtbot.waitExposed(w)
    assert w.width() <= 1366 and w.height() <= 768
    problems = []
    for key in every_page(w, qtbot):
        problems += [f"{key}: {p}" for p in clipped(w)]
    assert not problems, "\n".join(problems)


def test_a_table_cell_cut_short_shows_its_whole_text_as_a_tool_tip(
    window_for: Any, qtbot: Any, mode: Any
) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from ops_console.ui.widgets import ElidedTextTips

    mode(high_contrast=False, large=True)
    app = QApplication.instance()
    tips = ElidedTextTips()
    app.installEventFilter(tips)
    try:
        w = window_for("admin")
        w.resize(1366, 768)
        w.open_page("devices")
        view = w.pages["devices"].view
        qtbot.wait(50)
        model = view.model()
        long_cell = next(
            model.index(r, c)
            for r in range(model.rowCount())
            for c in range(model.columnCount())
            if not view.isColumnHidden(c)
            and view.fontMetrics().horizontalAdvance(str(model.index(r, c).data() or ""))
            > view.columnWidth(c)
            and view.visualRect(model.index(r, c)).intersects(view.viewport().rect())
            and not model.index(r, c).data(Qt.ItemDataRole.ToolTipRole)
        )
        at = view.visualRect(long_cell).center()
        event = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
        QApplication.sendEvent(view.viewport(), event)
        assert QToolTip.isVisible()
        assert QToolTip.text() == str(long_cell.data())
        header = view.horizontalHeader()
        assert header.textElideMode() == Qt.TextElideMode.ElideRight
        QToolTip.hideText()
    finally:
        app.removeEventFilter(tips)
