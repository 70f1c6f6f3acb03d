"""Every page, opened as a person would, in both languages: nothing untranslated.

In Chinese no identifier-looking ASCII word (``snake_case``, ``dotted.action``, a status code);
in English no Chinese outside the names and words of the demo's data (tests/untranslated.py).
Read: labels, buttons (enabled or not), tabs, table headers and the first rows of every list,
combo boxes, placeholders, and the charts' axis labels.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLineEdit, QWidget

from ops_console.ui.i18n import LANGUAGES, set_language

from ..untranslated import report
from .readability import text_areas
from .test_readability import every_page


def page_texts(window: QWidget) -> list[str]:
    """What a person reads on the window now."""
    import pyqtgraph as pg

    db_label = getattr(window, "db_label", None)
    texts = [text for _kind, text, w, _r in text_areas(window, max_rows=30) if w is not db_label]
    if db_label is not None:
        # the database's path is the reader's own (a temporary folder named after the test):
        # only the words around it are the console's
        url = db_label.toolTip().split("?")[0]
        assert url and url in db_label.full_text()
        texts.append(db_label.full_text().replace(url, ""))
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QAbstractButton) and not w.isEnabled():
            texts.append(w.text())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
    for plot in window.findChildren(pg.PlotWidget):
        if not plot.isVisible():
            continue
        item = plot.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            texts.append(axis.labelText or "")
            for level in getattr(axis, "_tickLevels", None) or []:
                texts += [str(label) for _value, label in level]
        if item.legend is not None:
            texts += [text.text for _sample, text in item.legend.items]
    return [t for t in texts if t and t.strip()]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_page_in_the_reader_language(window_for: Any, qtbot: Any, lang: str) -> None:
    assert set_language(lang)
    w = window_for("admin")
    w.resize(1400, 900)
    qtbot.waitExposed(w)
    texts: dict[str, str] = {}
    for key in every_page(w, qtbot):
        texts[key] = "\n".join(page_texts(w))
    assert len(texts) >= 10 and all(texts.values())
    # the language menu names each language in itself
    found = report(texts, lang, names=tuple(name for _code, name in LANGUAGES))
    assert found == [], "\n".join(found)


def test_a_statement_without_its_contract_is_refused_in_words_of_the_console(
    demo_services: Any, tmp_path: Any
) -> None:
    """The Reports page shows the refusal in Chinese, without the command line's options."""
    from datetime import date

    from ops_console.domain.errors import ValidationError
    from ops_console.reports import ReportRequest, build_report
    from ops_console.ui.i18n import error_text

    manager = demo_services.accounts.actor("wang.jianguo")
    req = ReportRequest("sla", date(2026, 11, 1), date(2026, 11, 30), lang="zh_CN")
    with pytest.raises(ValidationError) as caught:
        build_report(demo_services, manager, req, tmp_path / "s.pdf")
    assert set_language("zh_CN")
    text = error_text(caught.value)
    assert "SLA 结算单按合同出具" in text and "HB-2026" in text, text
    assert "--" not in text and not report({"error": text}, "zh_CN")
