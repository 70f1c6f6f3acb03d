"""Translations: every tr()/N() string has a Chinese translation; the window switches at runtime."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLabel

from ops_console.ui.i18n import current_language, set_language

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ops_console_zh_CN.ts"


def _extract() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location(
        "update_ts", ROOT / "resources" / "translations" / "update.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.extract()


def test_every_ui_string_has_a_translation() -> None:
    done = {
        m.findtext("source"): m.find("translation") for m in ET.parse(TS).getroot().iter("message")
    }
    missing = [
        s
        for s in _extract()
        if s not in done
        or done[s] is None
        or not (done[s].text or "").strip()
        or done[s].get("type") == "unfinished"
    ]
    assert not missing, f"untranslated (run resources/translations/update.py): {missing}"
    assert TS.with_suffix(".qm").stat().st_mtime >= TS.stat().st_mtime - 1


def test_visible_text_is_translated_at_runtime(window_for: Any) -> None:
    sources = set(_extract())
    assert set_language("zh_CN")
    w = window_for("admin")
    leftovers = []
    for key in list(w.pages):
        w.open_page(key)
        for widget in w.pages[key].findChildren(QLabel) + w.pages[key].findChildren(
            QAbstractButton
        ):
            text = widget.text().replace("&", "")
            if (
                text
                and (text in sources or text.replace("…", "") in sources)
                and re.search("[A-Za-z]{3}", text)
            ) and text not in ("SLA", "English"):
                leftovers.append((key, text))
    assert not leftovers


def test_language_switch_rebuilds_window(window_for: Any) -> None:
    w = window_for("admin")
    w.open_page("settings")
    settings = w.pages["settings"]
    settings.language.setCurrentIndex(settings.language.findData("zh_CN"))
    assert current_language() == "zh_CN"
    assert w.sidebar.item(0).text() == "仪表盘"
    assert w.windowTitle().startswith("运维控制台")
    assert w.current_key() == "settings"
    w.pages["settings"].language.setCurrentIndex(0)
    assert w.sidebar.item(0).text() == "Dashboard"
