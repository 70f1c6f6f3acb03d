"""Work orders: the full lifecycle through the buttons, a refused transition, a conflict."""

from __future__ import annotations

from typing import Any

from ops_console.ui.pages.workorders import WorkOrdersPage
from ops_console.ui.workorder_text import words


def _page(ctx_for: Any, qtbot: Any, user: str) -> WorkOrdersPage:
    page = WorkOrdersPage(ctx_for(user))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def _submit(qtbot: Any, dialog: Any) -> None:
    assert dialog.is_valid(), dialog.problems.text()
    with qtbot.waitSignal(dialog.finished):
        dialog.ok.click()


def test_list_shows_open_orders_with_sla_colours(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot, "wang.jianguo")
    assert page.proxy.rowCount() >= 20  # open (incl. resolved awaiting verification)
    texts = [page.proxy.index(r, 7).data() for r in range(page.proxy.rowCount())]
    assert any(texts)
    page.status.setCurrentIndex(page.status.findData(""))
    assert page.proxy.rowCount() == 548  # 540 of history + 8 from open alarms


def test_full_lifecycle_with_buttons(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot, "wang.jianguo")
    new = page.new_workorder()
    new.title_.setText("北门闸机无法刷脸")
    new.device.setText("HB-GATE-001")
    new.community.setCurrentIndex(new.community.findData("湖滨"))
    new.contact_name.setText("张阿姨")
    assert not new.is_valid()  # consent first
    new.consent.setChecked(True)
    _submit(qtbot, new)
    number = new.result_value.number
    page.select(number)
    assert page.info.number == number and page.info.status == "new"
    assert page.buttons["assign"].isEnabled()
    assert not page.buttons["accept"].isEnabled()
    assert not page.buttons["close"].isEnabled()

    assign = page.act("assign")
    assert assign.assignee.count() >= 1
    listed = {assign.assignee.itemData(i) for i in range(assign.assignee.count())}
    uncertified = {u for u, _n, s in assign.all_techs if s not in ("valid", "expiring")}
    assert not (listed & uncertified)
    _submit(qtbot, assign)
    assert page.info.status == "assigned"
    page.act("accept")
    assert page.info.status == "in_progress"
    hold = page.act("hold")
    hold.reason.setCurrentIndex(hold.reason.findData("other"))
    assert not hold.is_valid()
    hold.text.setText("等待物业开门")
    _submit(qtbot, hold)
    assert page.info.status == "on_hold"
    page.act("resume")
    assert page.info.status == "in_progress"
    part = page.add_part()
    part.name.setText("读卡模块")
    part.cost.setValue(120)
    _submit(qtbot, part)
    resolve = page.act("resolve")
    resolve.resolution.setText("replaced module")
    resolve.labour.setValue(45)
    _submit(qtbot, resolve)
    assert page.info.status == "resolved"
    close = page.act("close")  # a manager, in a community with a liaison: an override
    assert close.override and not close.is_valid()
    close.reason.setPlainText("演示：联络员不在，居民已签字确认")
    _submit(qtbot, close)
    assert page.info.status == "closed"
    assert page.timeline.count() >= 7
    assert not any(b.isEnabled() for b in page.buttons.values())


def test_technician_buttons_and_refused_transition(
    ctx_for: Any, qtbot: Any, popups: list[str]
) -> None:
    tech = ctx_for("zhang.wei")
    rows = [
        r
        for r in tech.services.workorders.list(tech.actor)
        if r.status not in ("closed", "cancelled")
    ]
    page = _page(ctx_for, qtbot, "zhang.wei")
    assert not page.new_button.isVisibleTo(page)
    assert page.proxy.rowCount() == len(rows)
    if rows:
        page.select(rows[0].number)
        assert not page.buttons["assign"].isEnabled()
        assert not page.buttons["cancel"].isEnabled()
    # a transition the lifecycle refuses, forced past the disabled button
    mgr = _page(ctx_for, qtbot, "wang.jianguo")
    closed = mgr.ctx.services.workorders.list(mgr.ctx.actor, status="closed")[0]
    mgr.select(closed.number)
    assert not mgr.buttons["accept"].isEnabled()
    mgr.act("accept")
    assert popups and "accept" in popups[-1].lower()
    assert mgr.ctx.services.workorders.get(mgr.ctx.actor, closed.number).status == "closed"


def test_conflict_dialog_and_reload(ctx_for: Any, qtbot: Any, popups: list[str]) -> None:
    page = _page(ctx_for, qtbot, "wang.jianguo")
    svc, actor = page.ctx.services.workorders, page.ctx.actor
    info = svc.create(actor, title="冲突测试", priority="P3", source="liaison", community="湖滨")
    page.refresh()
    page.select(info.number)
    stale = page.info
    svc.update(actor, info.number, version=info.version, title="别人先改了")  # someone else saves
    assert page.info is stale
    cancel = page.act("cancel")
    cancel.reason.setText("duplicate")
    with qtbot.waitSignal(cancel.finished):
        cancel.ok.click()
    assert cancel.conflict is not None
    assert "changed by someone else" in page.last_conflict.text()
    assert words(page.info.title) == "别人先改了"  # reloaded
    assert page.info.status == "new"
