"""The technician's list: names instead of logins, readable titles, location, the reporter's
contact for the assigned technician, and a badge on missing or expired mandatory certificates."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ops_console.services.workorders import ResidentContact
from ops_console.ui.models.workorders import ASSIGNEE, COMMUNITY, TITLE
from ops_console.ui.pages.training import TrainingPage
from ops_console.ui.pages.workorders import WorkOrdersPage


def _page(ctx: Any, qtbot: Any) -> WorkOrdersPage:
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.activate()
    page.status.setCurrentIndex(page.status.findData(""))
    return page


def test_names_not_logins_and_readable_titles(ctx_for: Any, qtbot: Any) -> None:
    ctx = ctx_for("zhang.wei")
    page = _page(ctx, qtbot)
    n = page.proxy.rowCount()
    assert n >= 20
    assignees = {page.proxy.index(r, ASSIGNEE).data() for r in range(n)}
    assert assignees == {"张伟"}  # the technician's own orders, by name
    assert page.proxy.index(0, ASSIGNEE).data(Qt.ItemDataRole.ToolTipRole) == "Login: zhang.wei"
    # one community: no community column, the title gets the room; long titles elide in the middle
    assert page.view.isColumnHidden(COMMUNITY)
    assert page.view.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert page.view.columnWidth(TITLE) >= page.view.fontMetrics().horizontalAdvance("监" * 9)
    row = next(r for r in range(n) if len(page.proxy.index(r, TITLE).data()) > 8)
    index = page.proxy.index(row, TITLE)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()  # the full title
    # the detail: location and zone, names in the timeline
    page.select("WO-2026-000540")
    info = page.info
    assert page.d_fields["location"].text() == "7幢 · 7幢一单元大堂门"
    assert page.d_fields["assignee"].text() == "张伟"
    assert page.d_fields["assignee"].toolTip() == "Login: zhang.wei"
    timeline = [page.timeline.item(i).text() for i in range(page.timeline.count())]
    assert any("王建国" in t for t in timeline) and not any("wang.jianguo" in t for t in timeline)
    assert info.name_of("wang.jianguo") == "王建国"


def test_the_assigned_technician_sees_the_reporters_contact(ctx_for: Any, qtbot: Any) -> None:
    liaison = ctx_for("chen.jing")
    wos = liaison.services.workorders
    wo = wos.create(
        liaison.actor,
        title="3幢2单元楼道灯不亮，居民夜间出入不便",
        priority="P3",
        source="resident_phone",
        community="湖滨",
        contact=ResidentContact("张阿姨", "13812345678"),
        contact_consent=True,
    )
    manager = ctx_for("wang.jianguo")
    wos.assign(manager.actor, wo.number, "li.qiang")
    page = _page(ctx_for("li.qiang"), qtbot)
    page.select(wo.number)
    assert page.d_fields["contact"].text() == "张阿姨 13812345678"
    auditor = _page(ctx_for("zhou.min"), qtbot)
    auditor.select(wo.number)
    assert auditor.d_fields["contact"].text() == "(hidden)"
    assert auditor.d_fields["assignee"].text() == "李强"


def test_the_assign_dialog_and_training_page_warn_of_mandatory_gaps(
    ctx_for: Any, qtbot: Any
) -> None:
    ctx = ctx_for("wang.jianguo")
    gaps = ctx.services.training.mandatory_gaps(ctx.actor)
    assert gaps["sun.hao"] == (("SAFE-001", "missing"),)
    assert gaps["wang.lei"] == (("SAFE-001", "expired"),)
    assert "zhang.wei" not in gaps
    wo = ctx.services.workorders.create(
        ctx.actor, title="张江5号楼门禁", priority="P3", source="liaison", device="ZJ-GATE-020"
    )
    page = _page(ctx, qtbot)
    page.select(wo.number)
    dialog = page.act("assign")
    dialog.override.setChecked(True)
    items = {
        dialog.assignee.itemData(i): dialog.assignee.itemText(i)
        for i in range(dialog.assignee.count())
    }
    assert items["sun.hao"].startswith("⚠ 孙浩")
    assert not items["zhao.jun"].startswith("⚠") and "zhao.jun" not in items["zhao.jun"]
    dialog.assignee.setCurrentIndex(dialog.assignee.findData("sun.hao"))
    assert dialog.badge.isVisibleTo(dialog) and "SAFE-001 Missing" in dialog.badge.text()
    dialog.assignee.setCurrentIndex(dialog.assignee.findData("zhao.jun"))
    assert not dialog.badge.isVisibleTo(dialog)
    dialog.reject()

    training = TrainingPage(ctx)
    qtbot.addWidget(training)
    training.show()
    training.activate()
    model = training.model
    heads = {
        row.username: str(model.headerData(i, Qt.Orientation.Vertical))
        for i, row in enumerate(model.matrix.rows)
    }
    assert heads["sun.hao"].startswith("⚠ 孙浩") and heads["wang.lei"].startswith("⚠ 王磊")
    assert not heads["zhang.wei"].startswith("⚠")
    i = [r.username for r in model.matrix.rows].index("sun.hao")
    tip = model.headerData(i, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "Login: sun.hao" in tip and "SAFE-001" in tip


def test_a_failed_certificate_read_says_so_instead_of_passing_everyone(
    ctx_for: Any, qtbot: Any, monkeypatch: Any
) -> None:
    """The dialog once counted every technician as certified when the read failed."""
    from ops_console.domain.errors import NotFound

    ctx = ctx_for("wang.jianguo")
    wo = ctx.services.workorders.create(
        ctx.actor, title="张江5号楼门禁", priority="P3", source="liaison", device="ZJ-GATE-020"
    )

    def broken(*_a: Any, **_k: Any) -> dict[str, str]:
        raise NotFound.of("no user named {username!r}", username="ghost")

    monkeypatch.setattr(ctx.services.training, "certified_many", broken)
    page = _page(ctx, qtbot)
    page.select(wo.number)
    dialog = page.act("assign")
    qtbot.waitUntil(lambda: "ghost" in dialog.problems.text(), timeout=10000)
    assert not dialog.techs_read
    dialog.reject()
