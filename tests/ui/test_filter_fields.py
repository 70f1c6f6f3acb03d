"""Filter and search fields keep their whole placeholder in large text at 1366×768, in both
languages ("filter: tag, name, address, cause…" was cut on the Devices page)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QStyle, QStyleOptionFrame, QToolButton

from ops_console.ui import style
from ops_console.ui.i18n import set_language
from ops_console.ui.widgets import FilterField


def text_room(field: QLineEdit) -> int:
    """The width left for the placeholder as laid out: the style's contents rectangle less
    the icon buttons shown beside it (a search icon; the clear button shows only over typed
    text) and QLineEdit's 2 px each side."""
    opt = QStyleOptionFrame()
    field.initStyleOption(opt)
    contents = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, field)
    left, right = contents.left(), contents.right() + 1
    for b in field.findChildren(QToolButton):
        if not b.isVisibleTo(field):
            continue
        if b.x() + b.width() / 2 < field.width() / 2:
            left = max(left, b.x() + b.width())
        else:
            right = min(right, b.x())
    m = field.textMargins()
    return right - left - m.left() - m.right() - 4


def _fits(field: QLineEdit) -> bool:
    return text_room(field) >= field.fontMetrics().horizontalAdvance(field.placeholderText())


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_filter_fields_show_their_whole_placeholder_in_large_text(
    lang: str, window_for: Any, qapp: Any, qtbot: Any
) -> None:
    set_language(lang)
    style.apply(qapp, high_contrast=False, large=True)
    try:
        window = window_for("admin")
        window.resize(1366, 768)
        seen: dict[str, list[str]] = {}
        for key in ("devices", "workorders", "audit"):
            window.open_page(key)
            qtbot.waitUntil(lambda k=key: window.current_key() == k and window.pages.ready(k))
            window.open_page(key)
            QApplication.processEvents()
            page = window.pages[key]
            fields = [f for f in page.findChildren(FilterField) if f.isVisible()]
            assert fields, key
            for f in fields:
                assert _fits(f), (key, f.placeholderText(), f.width(), text_room(f))
            seen[key] = [f.placeholderText() for f in fields]
        assert _fits(window.search), (window.search.placeholderText(), window.search.width())
        assert window.search.width() <= max(420, window.search.minimumWidth())
        assert len(seen) == 3
    finally:
        style.apply(qapp, high_contrast=False, large=False)


def test_a_plain_field_of_that_width_would_cut_it(qapp: Any, qtbot: Any) -> None:
    """What the check above tells apart: the Devices field before (squeezed) and now."""
    style.apply(qapp, high_contrast=False, large=True)
    try:
        text = "Filter by tag, name, zone, address, cause…"
        squeezed = QLineEdit()
        squeezed.setClearButtonEnabled(True)
        squeezed.setPlaceholderText(text)
        fitted = FilterField(text)
        fitted.setClearButtonEnabled(True)
        for f in (squeezed, fitted):
            qtbot.addWidget(f)
            f.show()
        squeezed.resize(220, squeezed.height())
        fitted.resize(fitted.minimumWidth(), fitted.height())
        QApplication.processEvents()
        assert not _fits(squeezed)
        assert _fits(fitted)
        # and it follows the font: back to normal text, a narrower minimum
        large = fitted.minimumWidth()
        style.apply(qapp, high_contrast=False, large=False)
        QApplication.processEvents()
        assert fitted.minimumWidth() < large
    finally:
        style.apply(qapp, high_contrast=False, large=False)
