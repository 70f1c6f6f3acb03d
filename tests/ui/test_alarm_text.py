"""Alarm messages, poll errors and hand-overs in the console's language; the Alarms page's
work-order column, its columns fitting the window, and opening an alarm's work order."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from ops_console.domain.messages import Instant, Localized, Msg
from ops_console.polling.profiles import load_profiles
from ops_console.services.monitoring import AlarmInfo
from ops_console.ui.alarm_text import AlarmTexts, message_text, reason_text
from ops_console.ui.i18n import set_language
from ops_console.ui.pages.alarms import MESSAGE, WORK_ORDER, AlarmsPage

AT = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)


def alarm(tag: str, rule: str, message: Msg | str, **kw: Any) -> AlarmInfo:
    msg = message if isinstance(message, Msg) else Msg("alarm.recorded", {"text": message})
    base = AlarmInfo(
        1, tag, "name", "湖滨", rule, "warning", msg, AT, None, None, None, None, None, 0,
        "repair", "poll", 1,
    )  # fmt: skip
    return replace(base, **kw)


@pytest.fixture
def texts() -> Any:
    set_language("zh_CN")
    return AlarmTexts(load_profiles())


def _timeout(tries: int = 2, seconds: float = 1.0) -> Msg:
    return Msg("poll.timeout", {"tries": tries, "timeout_s": seconds})


FILL = Localized("Fill level", "满溢度")
CASES = [
    (
        alarm("HB-BIN-006", "unreachable",
              Msg("alarm.unreachable", {"device": "HB-BIN-006", "error": _timeout()})),
        "HB-BIN-006 无法连接：2 × 1 秒无应答（设备关机、团体名错误或不是 SNMP 代理）",
        "HB-BIN-006 unreachable: no response after 2 × 1 s (host down, wrong community, or "
        "not an SNMP agent)",
    ),
    (
        alarm("HB-BIN-001", "bin_overflow", Msg("alarm.threshold", {
            "device": "HB-BIN-001", "metric": FILL, "row": "", "value": "93", "unit": "%",
            "level": Msg("level.warning")})),
        "HB-BIN-001 满溢度 93%：警告",
        "HB-BIN-001 Fill level 93%: warning",
    ),
    (  # a table row's threshold rule
        alarm("HB-BAND-001", "band_battery_low:3", Msg("alarm.threshold", {
            "device": "HB-BAND-001", "metric": Localized("Battery", "电量"), "row": " [3]",
            "value": "4", "unit": "%", "level": Msg("level.critical")})),
        "HB-BAND-001 电量 [3] 4%：严重",
        "HB-BAND-001 Battery [3] 4%: critical",
    ),
    (  # a status rule: the state's label from the profile
        alarm("HB-GATE-001", "manual_passage_failed", Msg("alarm.status", {
            "device": "HB-GATE-001", "metric": Localized("Manual (non-face) passage", "人工通行"),
            "row": "", "state": Localized("Failed: compliance fault", "故障（合规问题）")})),
        "HB-GATE-001 人工通行：故障（合规问题）",
        "HB-GATE-001 Manual (non-face) passage: Failed: compliance fault",
    ),
    (  # a trap with its subject
        alarm("HB-NET-001", "link_down:3", Msg("alarm.trap", {
            "device": "HB-NET-001", "label": Localized("Link down", "链路断开"),
            "subject": " (3)"}), source="trap"),
        "HB-NET-001 链路断开 (3)",
        "HB-NET-001 Link down (3)",
    ),
    (  # stale data: the time in local time (Asia/Shanghai)
        alarm("HB-BIN-002", "stale_data", Msg("alarm.stale_since", {
            "device": "HB-BIN-002", "time": Instant(datetime(2026, 11, 28, 11, 30, tzinfo=UTC))})),
        "HB-BIN-002：自 2026-11-28 19:30 起无数据",
        "HB-BIN-002: no data since 2026-11-28 19:30",
    ),
]  # fmt: skip


def test_alarm_messages_in_chinese(texts: AlarmTexts) -> None:
    for a, zh, _en in CASES:
        assert texts.message(a) == zh
    # beside the device column: without the asset tag
    assert texts.message(CASES[0][0], device=False).startswith("无法连接：2 × 1 秒无应答")
    assert texts.message(CASES[5][0], device=False) == "自 2026-11-28 19:30 起无数据"


def test_alarm_messages_in_english() -> None:
    set_language("en")
    texts = AlarmTexts(load_profiles())
    for a, _zh, en in CASES:
        assert texts.message(a) == en
    assert texts.message(CASES[1][0], device=False) == "Fill level 93%: warning"


def test_poll_errors_in_both_languages(texts: AlarmTexts) -> None:
    v3 = Msg("poll.v3_wrong_digest")
    assert message_text(v3) == "SNMPv3 认证失败：认证密钥或协议错误"
    assert (
        message_text(Msg("poll.tcp_refused", {"port": 554})) == "TCP 554：连接被拒绝（服务未运行）"
    )
    assert message_text(Msg("poll.icmp_timeout", {"timeout_s": 3.0})) == "ICMP：3 秒内无回显应答"
    assert message_text(Msg("poll.no_credential")) == "未配置 SNMP 凭据"
    assert message_text(None) == ""
    set_language("en")
    assert message_text(v3) == "SNMPv3 authentication failed: wrong auth key or protocol"


def test_handover_texts(texts: AlarmTexts) -> None:
    a = alarm("HB-BIN-001", "bin_overflow", "x")
    assert texts.handover(replace(a, work_order_number="WO-2026-000001")) == "WO-2026-000001"
    assert texts.handover(a) == "待转工单"
    assert texts.handover(replace(a, handover_status="done")) == "已转工单"
    retrying = replace(
        a,
        handover_attempts=1,
        handover_error=Msg("handover.unavailable"),
        handover_next_at=AT,
    )
    assert texts.handover(retrying) == "重试中（第 1 次失败：工单服务不可用）"
    assert texts.handover(retrying, detail=True) == (
        "重试中（第 1 次失败：工单服务不可用；下次 2026-11-28 16:00）"
    )
    refused = replace(
        a,
        handover_status="failed",
        handover_error=Msg("handover.retired", {"device": "HB-BIN-001"}),
    )
    assert texts.handover(refused) == "已拒绝：设备已退役"
    assert (
        texts.handover(refused, detail=True) == "已拒绝：设备 HB-BIN-001 已退役，其告警不生成工单"
    )
    locked = Msg("handover.error", {"detail": "OperationalError: database is locked"})
    assert reason_text(locked) == "工单服务出错：OperationalError: database is locked"


def test_recovery_texts_follow_the_work_order(texts: AlarmTexts) -> None:
    a = alarm("HB-BIN-001", "bin_overflow", "x", work_order_number="WO-2026-000001")
    # told, or not tried yet: the number alone
    assert texts.handover(replace(a, recovery_status="done", recovery_attempts=1)) == (
        "WO-2026-000001"
    )
    assert texts.handover(replace(a, recovery_status="pending")) == "WO-2026-000001"
    retrying = replace(
        a,
        recovery_status="pending",
        recovery_attempts=2,
        recovery_error=Msg("handover.unavailable"),
        recovery_next_at=AT,
    )
    assert texts.handover(retrying) == "WO-2026-000001 · 设备恢复通知重试中（第 2 次失败）"
    assert texts.handover(retrying, detail=True) == (
        "WO-2026-000001 · 设备恢复尚未记入工单（第 2 次失败：工单服务不可用；下次 2026-11-28 16:00）"
    )
    closed = replace(
        a,
        recovery_status="failed",
        recovery_error=Msg("handover.closed", {"number": "WO-2026-000001"}),
    )
    assert texts.handover(closed) == "WO-2026-000001 · 未标记设备已恢复：工单已关闭"
    assert texts.handover(closed, detail=True) == (
        "WO-2026-000001 · 未标记设备已恢复：工单 WO-2026-000001 在标记设备已恢复之前已关闭"
    )
    cancelled = replace(
        closed,
        recovery_error=Msg("handover.cancelled", {"number": "WO-2026-000001"}),
    )
    assert texts.handover(cancelled) == "WO-2026-000001 · 未标记设备已恢复：工单已取消"


def _page(ctx: Any, qtbot: Any) -> AlarmsPage:
    page = AlarmsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1160, 760)  # the page's share of the default 1400×900 window
    page.show()
    page.activate(None)
    return page


def test_alarms_page_work_order_column_and_fit(
    ctx_for: Any, qtbot: Any, demo_services: Any
) -> None:
    from ops_console.db.models import Alarm

    set_language("zh_CN")
    ctx = ctx_for("admin")
    first, waiting = demo_services.monitoring.list_alarms(ctx.actor, open_only=True)[:2]
    # the demo's alarms were handed over as it loaded; one is made to wait for its hand-over
    with demo_services.db.write() as s:
        a = s.get(Alarm, waiting.id)
        a.work_order_id, a.handed_over_at, a.handover_status = None, None, "pending"
        a.handover_attempts, a.handover_error = 0, None
    page = _page(ctx, qtbot)
    tree = page.tree
    assert tree.headerItem().text(WORK_ORDER) == "工单"
    rows = {
        tree.topLevelItem(i).data(0, 256): tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
    }
    number = next(a.work_order_number for a in page.rows if a.id == first.id)
    assert number and number.startswith("WO-")
    assert rows[first.id].text(WORK_ORDER) == number
    assert rows[waiting.id].text(WORK_ORDER) == "待转工单"
    others = [item for aid, item in rows.items() if aid not in (first.id, waiting.id)]
    assert others and all(item.text(WORK_ORDER).startswith("WO-") for item in others)
    # the message in Chinese, without the asset tag the device column shows; tooltip in full
    assert rows[first.id].text(MESSAGE).startswith("无法连接：2 × 1 秒无应答")
    assert rows[first.id].toolTip(MESSAGE).startswith(f"{first.asset_tag} 无法连接")
    # every column inside the view: no horizontal scrolling, the last one fully visible
    qtbot.waitUntil(lambda: tree.header().sectionSize(MESSAGE) > 150)
    last = tree.columnCount() - 1
    assert tree.horizontalScrollBar().maximum() == 0
    assert tree.header().sectionViewportPosition(last) + tree.columnWidth(last) <= (
        tree.viewport().width()
    )
    # open the work order: the button only for an alarm that has one, double-click too
    opened: list[Any] = []
    ctx.events.open_page.connect(lambda key, filters: opened.append((key, filters)))
    tree.setCurrentItem(rows[waiting.id])
    assert not page.wo_button.isEnabled()
    page.open_workorder()
    assert opened == []
    tree.setCurrentItem(rows[first.id])
    assert page.wo_button.isEnabled()
    tree.itemDoubleClicked.emit(rows[first.id], MESSAGE)
    assert opened == [("workorders", {"number": number})]


def test_device_detail_error_and_alarms_in_chinese(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.device_detail import DeviceDetailPage

    set_language("zh_CN")
    page = DeviceDetailPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.show()
    page.activate({"tag": "HB-BIN-006"})  # down in the demo
    assert page.fact_labels["error"].text() == (
        "2 × 1 秒无应答（设备关机、团体名错误或不是 SNMP 代理）"
    )
    item = page.alarms.item(0)
    assert "HB-BIN-006 无法连接：2 × 1 秒无应答" in item.text()
    assert re.search(r"  · WO-2026-\d{6}$", item.text()), item.text()  # handed over as it opened
