"""The Plans page, driven offscreen: create a plan, bad input, pause and resume, raise due
orders; a technician does not see it; both languages render."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate

from ops_console.ui.workorder_text import words


def _page(ctx_for: Any, qtbot: Any, user: str = "wang.jianguo") -> Any:
    from ops_console.ui.pages.plans import PlansPage

    page = PlansPage(ctx_for(user))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def test_create_a_plan_then_pause_and_resume_it(
    ctx_for: Any, qtbot: Any, popups: list[str]
) -> None:
    page = _page(ctx_for, qtbot)
    before = page.model.rowCount()
    dialog = page.new_plan()
    assert not dialog.is_valid() and "Give the plan a name." in dialog.problems.text()
    dialog.name.setText("每周清洗：湖滨 1 号桶")
    dialog.target.setCurrentIndex(dialog.target.findData("device"))
    assert not dialog.category.isEnabled() and dialog.device.isEnabled()
    assert dialog.problems.text() == "Enter the device's asset tag."
    dialog.device.setText("HB-BIN-001")
    dialog.schedule.setCurrentIndex(dialog.schedule.findData("days"))
    dialog.every.setValue(7)
    dialog.kind.setCurrentIndex(dialog.kind.findData("cleaning"))
    dialog.starts.setDate(QDate(2026, 11, 23))
    dialog.checklist.setPlainText("1. 清空\n2. 冲洗桶身")
    assert dialog.is_valid()
    dialog.ok.click()
    assert dialog.result() == 1
    plan = dialog.result_value
    assert (plan.device, plan.every_days, plan.kind) == ("HB-BIN-001", 7, "cleaning")
    assert plan.checklist == "1. 清空\n2. 冲洗桶身"
    assert page.model.rowCount() == before + 1
    page.select(plan.id)
    assert page.selected().id == plan.id and page.pause_button.text() == "&Pause"
    page.toggle_pause()
    assert not page.ctx.services.workorders.get_plan(page.ctx.actor, plan.id).active
    assert page.selected().id == plan.id and page.pause_button.text() == "&Resume"
    row = next(
        r for r in range(page.proxy.rowCount()) if page.proxy.index(r, 0).data() == plan.name
    )
    assert page.proxy.index(row, 5).data() == "paused"
    page.toggle_pause()
    assert page.ctx.services.workorders.get_plan(page.ctx.actor, plan.id).active
    # due on 2026-11-23, the demo's clock says 2026-11-29: one cleaning order
    page.run_due()
    assert any("preventive work orders raised" in p for p in popups)
    orders = page.ctx.services.workorders.list(page.ctx.actor)
    mine = [
        o
        for o in orders
        if o.source == "preventive" and words(o.title).startswith("每周清洗：湖滨")
    ]
    assert len(mine) == 1


def test_bad_input_is_named_and_nothing_is_written(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot)
    before = page.ctx.services.workorders.list_plans(page.ctx.actor)
    dialog = page.new_plan()
    dialog.name.setText("巡检")
    dialog.target.setCurrentIndex(dialog.target.findData("device"))
    dialog.device.setText("NOPE-404")
    dialog.checklist.setPlainText("x" * 5000)
    assert "The checklist is too long" in dialog.problems.text() and not dialog.ok.isEnabled()
    dialog.checklist.setPlainText("看一看")
    assert dialog.is_valid()
    dialog.ok.click()  # the service refuses the unknown device: said in the dialog
    assert dialog.result() == 0 and dialog.result_value is None
    assert "no device with asset tag 'NOPE-404'" in dialog.problems.text()
    assert page.ctx.services.workorders.list_plans(page.ctx.actor) == before


def test_edit_keeps_the_plan_and_changes_its_schedule(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot)
    # the demo's weekly bin cleaning, with its checklist
    first = next(p for p in page.model.rows if p.category == "smart_bin")
    assert first.every_days == 7 and "桶盖" in first.checklist
    page.select(first.id)
    dialog = page.edit_plan()
    assert dialog.name.text() == first.name
    dialog.schedule.setCurrentIndex(dialog.schedule.findData("monthly"))
    dialog.day.setValue(31)
    dialog.ok.click()
    assert dialog.result() == 1
    edited = page.ctx.services.workorders.get_plan(page.ctx.actor, first.id)
    assert (edited.day_of_month, edited.every_days, edited.checklist) == (
        31, None, first.checklist,
    )  # fmt: skip


def test_the_demo_gate_plan_carries_its_history(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot)
    gates = next(p for p in page.model.rows if p.category == "access_gate")
    assert gates.day_of_month == 1 and gates.generated == 18  # the imported inspections
    assert gates.last_due is not None and gates.last_due.isoformat() == "2026-11-01"
    assert gates.next_due is not None and gates.next_due.isoformat() == "2026-12-01"


def test_technicians_do_not_see_plans_and_liaisons_only_read(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.plans import PlansPage

    assert not PlansPage.visible_for(ctx_for("zhang.wei").actor)
    page = _page(ctx_for, qtbot, "chen.jing")
    assert not page.new_button.isVisibleTo(page) and page.new_plan() is None
