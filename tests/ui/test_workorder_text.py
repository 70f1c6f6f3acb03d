"""The work-order timeline shows the program's own notes in words, people's notes as written."""

from __future__ import annotations

from typing import Any

import pytest

from ops_console.ui.i18n import set_language
from ops_console.ui.workorder_text import event_note_text


@pytest.mark.parametrize(
    ("note", "english", "chinese"),
    [
        ("source=alarm", "Source: Alarm", "来源：告警"),
        (
            "source=resident_app; kind=cleaning",
            "Source: Resident (app), Kind: Cleaning",
            "来源：居民（App），类型：清运",
        ),
        ("automatic dispatch", "Dispatched automatically", "自动派单"),
        (
            "alarm 12: bin_overflow (warning)",
            "Raised by alarm 12: bin_overflow (Warning)",
            "由告警 12 生成：bin_overflow（警告）",
        ),
        (
            "plan 3, due 2026-11-02",
            "Preventive plan 3, due 2026-11-02",
            "预防性维护计划 3，到期 2026-11-02",
        ),
        # people's notes, and anything not wholly a service note, stay as written
        ("source=alarm, 现场核实", "source=alarm, 现场核实", "source=alarm, 现场核实"),
        ("已回访，满意", "已回访，满意", "已回访，满意"),
        ("source=fax", "Source: fax", "来源：fax"),
        (None, "", ""),
    ],
)
def test_event_note_text(note: str | None, english: str, chinese: str) -> None:
    assert event_note_text(note) == english
    assert set_language("zh_CN")
    assert event_note_text(note) == chinese


def test_timeline_has_no_raw_service_notes(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.workorders import WorkOrdersPage

    assert set_language("zh_CN")
    ctx = ctx_for("wang.jianguo")
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    rows = ctx.services.workorders.list(ctx.actor)
    orders = [w for w in rows if w.source == "alarm"][:3]
    orders += [w for w in rows if w.source == "resident_phone"][:3]
    assert len(orders) == 6
    for wo in orders:
        page.select(wo.number)
        assert page.info.number == wo.number
        lines = [page.timeline.item(i).text() for i in range(page.timeline.count())]
        assert not any("source=" in line or "alarm " in line for line in lines), lines
        # imported history says where it came from; a poller's alarm names the alarm
        assert any("来源：" in line or "由告警" in line for line in lines), lines
