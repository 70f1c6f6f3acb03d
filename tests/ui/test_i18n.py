"""Translations: every tr()/N() string has a Chinese translation; the window switches at runtime."""

from __future__ import annotations

import importlib.util
import re
import string
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


def _extract_errors() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location(
        "update_ts_errors", ROOT / "resources" / "translations" / "update.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.extract_errors()


def _fields(text: str) -> set[str]:
    return {f for _lit, f, _spec, _conv in string.Formatter().parse(text) if f}


def test_every_error_template_has_a_translation_with_its_placeholders() -> None:
    """Each ``X.of("…")``/``term("…")`` in services and domain: translated, same parameters."""
    found = _extract_errors()
    # the scan sees the converted raise sites (a sample of each area)
    for template in (
        "wrong user name or password",
        "{username} ({role}) may not {what}",
        "cannot {action} a work order that is {status}; allowed now: {allowed}",
        "{number} was changed by someone else (now version {version}, yours {yours}); "
        "reload it and try again",
        "{name}: line 1: header must be {expected} ({detail})",
        "no course with code {course_code!r}",
        'no contract with code "{code}"',
        "change the device inventory",
        # calendar, SLA, discovery, and the importers' per-line problems
        '{place}: "{item}" ends before it starts',
        "no SLA policy was in force on {created_at}",
        "{cidr} has {n} addresses; the limit is {limit}",
        "{where}{column}: {problem}",
        "line {line}: {problem}",
        "{where}: expected a number, got {value}",
        "assignee: no user named {name!r}",
        "completed_on: {day} is in the future",
    ):
        assert template in found, template
    done = {}
    for ctx in ET.parse(TS).getroot().iter("context"):
        if ctx.findtext("name") == "errors":
            for m in ctx.iter("message"):
                t = m.find("translation")
                if t is not None and t.get("type") != "unfinished" and (t.text or "").strip():
                    done[m.findtext("source")] = t.text
    missing = [s for s in found if s not in done]
    assert not missing, f"untranslated errors (run resources/translations/update.py): {missing}"
    wrong = [s for s in found if _fields(done[s]) - _fields(s)]
    assert not wrong, f"translations with unknown placeholders: {wrong}"


def test_service_errors_are_shown_in_chinese(ctx_for: Any, qtbot: Any, popups: list[str]) -> None:
    from ops_console.domain.errors import AuthenticationFailed, PermissionDenied
    from ops_console.ui.dialogs.login import LoginDialog
    from ops_console.ui.i18n import error_text
    from ops_console.ui.pages.workorders import WorkOrdersPage

    ctx = ctx_for("wang.jianguo")
    services = ctx.services
    assert set_language("zh_CN")
    # sign-in lockout, in the login dialog
    dialog = LoginDialog(services)
    qtbot.addWidget(dialog)
    for _ in range(6):
        dialog.username.setText("zhang.wei")
        dialog.password.setText("not the password")
        dialog.try_sign_in()
    assert "已被锁定" in dialog.error.text() and "分钟后再试" in dialog.error.text()
    assert "locked" not in dialog.error.text()
    # a refused transition through the page, with the status and verb translated
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.activate()
    closed = services.workorders.list(ctx.actor, status="closed")[0]
    page.select(closed.number)
    page.act("accept")
    assert popups[-1] == (
        f"{closed.number}：无法接单状态为“已关闭”的工单；“已关闭”的工单已是最终状态，不能再操作"
    )
    # a permission refusal: role and phrase translated; the CLI's English is unchanged
    tech = services.accounts.actor("zhang.wei")
    try:
        tech.require("inventory.write")
    except PermissionDenied as exc:
        assert str(exc) == "zhang.wei (technician) may not change the device inventory"
        assert error_text(exc) == "zhang.wei（运维工程师）无权修改设备台账"
    else:  # pragma: no cover
        raise AssertionError("a technician may change the inventory")
    set_language("en")
    assert error_text(AuthenticationFailed.of("wrong user name or password")) == (
        "wrong user name or password"
    )


def test_report_output_errors_in_chinese(tmp_path: Path) -> None:
    """Saving a report into a missing folder: English on the command line, Chinese in the UI."""
    import pytest

    from ops_console.domain.errors import ValidationError
    from ops_console.reports.output import check_writable
    from ops_console.ui.widgets import error_text

    target = tmp_path / "missing" / "sla.pdf"
    with pytest.raises(ValidationError) as caught:
        check_writable(target, "PDF")
    assert str(caught.value) == f"PDF {target}: the folder {target.parent} does not exist"
    assert set_language("zh_CN")
    assert error_text(caught.value) == f"PDF {target}：文件夹 {target.parent} 不存在"
