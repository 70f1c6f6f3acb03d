"""Work-order titles and timeline notes the console writes are messages, shown in the
console's language; people's words are shown as written."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from ops_console.domain.messages import Msg, typed
from ops_console.ui.i18n import set_language
from ops_console.ui.workorder_text import words

GATE = Msg(
    "alarm.status",
    {
        "device": "HB-GATE-003",
        "metric": {"en": "Manual passage", "zh_CN": "手动通道"},
        "row": "",
        "state": {"en": "failed", "zh_CN": "故障"},
    },
)
GATE = Msg.from_json(GATE.to_json())  # labels as the database gives them back


@pytest.mark.parametrize(
    ("msg", "english", "chinese"),
    [
        (
            Msg("workorder.alarm_title", {"device": "北门-门禁", "alarm": GATE}),
            "北门-门禁: HB-GATE-003 Manual passage: failed",
            "北门-门禁：HB-GATE-003 手动通道：故障",
        ),
        (
            Msg("workorder.preventive_title", {"plan": "月度巡检", "device": "北门-门禁"}),
            "月度巡检: 北门-门禁",
            "月度巡检：北门-门禁",
        ),
        (Msg("workorder.dispatched"), "Dispatched automatically", "自动派单"),
        (
            Msg(
                "workorder.raised_by_alarm",
                {"id": 12, "severity": Msg("level.compliance"), "alarm": GATE},
            ),
            "Raised by alarm 12 (compliance): HB-GATE-003 Manual passage: failed",
            "由告警 12（合规性）生成：HB-GATE-003 手动通道：故障",
        ),
        (
            Msg("workorder.preventive_due", {"plan": "月度巡检", "date": "2026-11-02"}),
            "Preventive plan “月度巡检”, due 2026-11-02",
            "预防性维护计划“月度巡检”，到期日 2026-11-02",
        ),
        (typed("已回访，满意 source=x"), "已回访，满意 source=x", "已回访，满意 source=x"),
        (None, "", ""),
    ],
)
def test_titles_and_notes_in_both_languages(msg: Msg | None, english: str, chinese: str) -> None:
    assert set_language("en")
    assert words(msg) == english
    assert set_language("zh_CN")
    assert words(msg) == chinese


def test_orders_the_console_raises_read_in_chinese(ctx_for: Any, qtbot: Any) -> None:
    """A plan's order and its automatic dispatch, raised now, and the demo's alarm-raised
    orders: title and timeline in Chinese, no English word of the console's own."""
    from ops_console.ui.pages.workorders import WorkOrdersPage

    assert set_language("zh_CN")
    ctx = ctx_for("wang.jianguo")
    services, actor = ctx.services, ctx.actor
    plan = services.workorders.list_plans(actor)[0]
    raised = services.workorders.run_preventive(actor, today=date(2026, 12, 1))
    assert raised, plan
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    rows = services.workorders.list(actor)
    mine = [w for w in rows if w.number in raised][:2]
    alarmed = [w for w in rows if w.title.code == "workorder.alarm_title"][:2]
    assert mine and alarmed, [w.title for w in rows[:5]]
    for wo in mine + alarmed:
        page.select(wo.number)
        assert page.info.number == wo.number
        assert "：" in page.d_title.text(), page.d_title.text()
        lines = [page.timeline.item(i).text() for i in range(page.timeline.count())]
        # no note of the console's own in English (people's notes are theirs)
        assert not any(
            re.search(r"automatic dispatch|alarm \d+:|plan \d+, due|source=", line)
            for line in lines
        ), lines
    page.select(mine[0].number)
    lines = [page.timeline.item(i).text() for i in range(page.timeline.count())]
    assert any("预防性维护计划" in line for line in lines), lines
