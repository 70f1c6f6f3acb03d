"""Verification in the console: the liaison's queue, verify with a note, reopen with a reason,
a manager's override with a written reason that the statement PDF lists; no blank SLA cells."""

from __future__ import annotations

from datetime import date
from typing import Any

from ops_console.domain.messages import typed
from ops_console.reports.api import ReportRequest, build_report
from ops_console.ui.models.workorders import RESOLUTION
from ops_console.ui.pages.dashboard import DashboardPage
from ops_console.ui.pages.workorders import WorkOrdersPage
from tests.reports.conftest import pdf_text


def _page(ctx: Any, qtbot: Any) -> WorkOrdersPage:
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def _submit(qtbot: Any, dialog: Any) -> None:
    assert dialog.is_valid(), dialog.problems.text()
    with qtbot.waitSignal(dialog.finished):
        dialog.ok.click()


def _awaiting(page: WorkOrdersPage) -> list[str]:
    page.status.setCurrentIndex(page.status.findData("awaiting"))
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def test_the_liaison_verifies_from_the_awaiting_queue(ctx_for: Any, qtbot: Any) -> None:
    ctx = ctx_for("chen.jing")  # liaison of 湖滨
    page = _page(ctx, qtbot)
    queue = _awaiting(page)
    assert queue and "WO-2026-000528" in queue
    assert all(ctx.services.workorders.get(ctx.actor, n).status == "resolved" for n in queue)
    # a resolved order shows its final figures, not blank cells
    cell = page.proxy.index(0, RESOLUTION).data()
    assert cell == "met" or cell.startswith("missed by"), cell
    page.select("WO-2026-000528")
    assert page.buttons["close"].isEnabled() and page.buttons["reopen"].isEnabled()
    dialog = page.act("close")
    assert not dialog.override and dialog.signed_off.isVisibleTo(dialog)
    assert not dialog.reason.isVisibleTo(dialog)
    assert not dialog.is_valid() and "Say what you checked" in dialog.problems.text()
    dialog.note.setPlainText("到现场闻过，异味已消除；与投诉居民电话确认")
    dialog.signed_off.setChecked(True)
    _submit(qtbot, dialog)
    assert page.info.status == "closed"
    last = page.info.events[-1]
    assert (last.actor, last.reason_code) == ("chen.jing", "verified_signed_off")
    assert "异味已消除" in page.timeline.item(page.timeline.count() - 1).text()
    assert "WO-2026-000528" not in _awaiting(page)
    assert len(_awaiting(page)) == len(queue) - 1


def test_the_liaison_reopens_with_a_reason(ctx_for: Any, qtbot: Any) -> None:
    ctx = ctx_for("chen.jing")
    page = _page(ctx, qtbot)
    page.select("WO-2026-000528")
    dialog = page.act("reopen")
    assert not dialog.is_valid()
    dialog.reason.setPlainText("居民反映傍晚异味又出现")
    _submit(qtbot, dialog)
    assert page.info.status == "in_progress"
    assert page.info.events[-1].note == typed("居民反映傍晚异味又出现")


def test_a_manager_override_needs_a_reason_and_is_on_the_statement(
    ctx_for: Any, qtbot: Any, tmp_path: Any
) -> None:
    ctx = ctx_for("li.hong")  # manager of 湖滨, whose liaison is chen.jing
    page = _page(ctx, qtbot)
    page.select("WO-2026-000528")
    dialog = page.act("close")
    assert dialog.override and not dialog.signed_off.isVisibleTo(dialog)
    assert "without the liaison" in dialog.windowTitle()
    dialog.note.setPlainText("已处理")
    assert not dialog.is_valid() and "written reason" in dialog.problems.text()
    dialog.reason.setPlainText("月底结算前联络员不在岗，居民书面确认")
    _submit(qtbot, dialog)
    assert page.info.status == "closed"
    last = page.info.events[-1]
    assert (last.reason_code, last.override_reason) == (
        "closed_unverified",
        "月底结算前联络员不在岗，居民书面确认",
    )
    # the statement of November lists both overrides: the demo's WO-527 and this one
    for lang, heading in (
        ("en", "Closed without the liaison's verification"),
        ("zh_CN", "未经联络员验收关闭的工单"),
    ):
        out = tmp_path / f"statement-{lang}.pdf"
        request = ReportRequest(
            "sla", date(2026, 11, 1), date(2026, 11, 30), contract="HB-2026", lang=lang
        )
        build_report(ctx.services, ctx.actor, request, out)
        text = pdf_text(out).replace("\n", "")
        assert heading in text
        assert "WO-2026-000527" in text and "WO-2026-000528" in text
        assert "月底结算前联络员不在岗" in text and "联络员陈静休假" in text


def test_the_dashboard_has_a_verification_tile_per_community(ctx_for: Any, qtbot: Any) -> None:
    ctx = ctx_for("wang.jianguo")
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    counts = ctx.services.workorders.awaiting_verification(ctx.actor)
    assert set(counts) == {"湖滨", "张江", "科技园"} and counts["湖滨"] >= 1
    for community, n in counts.items():
        assert page.tiles[f"verify:{community}"].value.text() == str(n)
    opened: list[tuple[str, dict[str, str]]] = []
    ctx.events.open_page.connect(lambda p, f: opened.append((p, f)))
    page.tiles["verify:湖滨"].clicked.emit()
    assert opened == [("workorders", {"status": "awaiting", "community": "湖滨"})]
    liaison = ctx_for("chen.jing")
    assert set(liaison.services.workorders.awaiting_verification(liaison.actor)) == {"湖滨"}
