"""The Communities page, driven offscreen over the demo: add a community, add a zone to an
existing one (then usable by a device), set the office phone; bad input named, nothing
written; only administrators see it."""

from __future__ import annotations

from typing import Any

import pytest


def _page(ctx_for: Any, qtbot: Any, user: str = "admin") -> Any:
    from ops_console.ui.pages.communities import CommunitiesPage

    page = CommunitiesPage(ctx_for(user))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def _select(page: Any, name: str) -> int:
    assert page.select_where(lambda c: c.name == name)
    return page.view.currentIndex().row()


def _audit(services: Any, action: str) -> list[tuple[str, str | None]]:
    from ops_console.db.models import AuditEntry

    with services.db.read() as s:
        rows = s.query(AuditEntry).filter_by(action=action).order_by(AuditEntry.id)
        return [(e.actor, e.after_json) for e in rows]


def test_add_a_community_then_a_zone_a_device_can_use(ctx_for: Any, qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel

    from ops_console.services.formats import DeviceFields

    page = _page(ctx_for, qtbot)
    services, actor = page.ctx.services, page.ctx.actor
    assert [r.name for r in page.model.rows] == ["张江", "湖滨", "科技园"]
    dialog = page.new_community()
    assert dialog.problems.text() == "Enter the community's name."
    dialog.name.setText("枫林")
    dialog.name_en.setText("Fenglin")
    dialog.phone.setText("0571-87001234")
    dialog.zones.setPlainText("1幢\n2幢，北门\n")
    dialog.ok.click()
    assert dialog.result() == 1
    assert page.selected().name == "枫林"
    row = page.view.currentIndex().row()
    assert [page.proxy.index(row, c).data() for c in range(5)] == [
        "枫林", "Fenglin", "Asia/Shanghai", "0571-87001234", "1幢、2幢、北门",
    ]  # fmt: skip
    assert "枫林" in page.ctx.cache["communities"]
    # a zone for 湖滨, which exists since the demo was loaded
    _select(page, "湖滨")
    zone = page.add_zone()
    assert any(lab.text().startswith("Zones now: 10幢、1幢") for lab in zone.findChildren(QLabel))
    zone.zone.setText("11幢")
    zone.ok.click()
    assert zone.result() == 1
    hubin = next(c for c in services.accounts.list_communities(actor) if c.name == "湖滨")
    assert "11幢" in hubin.zones
    assert "11幢" in page.proxy.index(page.view.currentIndex().row(), 4).data()
    assert _audit(services, "community.add_zone")[-1][0] == "admin"
    services.inventory.save(
        actor,
        DeviceFields(
            asset_tag="HB-GATE-011", name="11幢门禁", category="access_gate", community="湖滨",
            zone="11幢", address="127.0.0.99",
        ),
    )  # fmt: skip
    assert services.inventory.list_devices(actor, text="HB-GATE-011")[0].zone == "11幢"
    # the office phone
    _select(page, "张江")
    phone = page.set_phone()
    assert phone.phone.text() == "021-50800000"
    phone.phone.setText("021-50809999")
    phone.ok.click()
    assert phone.result() == 1
    assert page.proxy.index(page.view.currentIndex().row(), 3).data() == "021-50809999"


def test_bad_input_is_named_and_nothing_is_written(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot)
    services, actor = page.ctx.services, page.ctx.actor
    before = services.accounts.list_communities(actor)
    dialog = page.new_community()
    dialog.name.setText("湖滨")
    dialog.ok.click()
    assert dialog.result() == 0
    assert dialog.problems.text() == "a community named '湖滨' already exists"
    dialog.name.setText("枫林")
    dialog.timezone.setText("Mars/Olympus")
    dialog.ok.click()
    assert "unknown time zone 'Mars/Olympus'" in dialog.problems.text()
    dialog.timezone.setText("Asia/Shanghai")
    dialog.zones.setPlainText("1幢\n1幢")
    dialog.ok.click()
    assert dialog.problems.text() == "zones: each zone name once"
    dialog.reject()
    _select(page, "湖滨")
    zone = page.add_zone()
    assert not zone.ok.isEnabled() and zone.problems.text() == "Enter the zone's name."
    zone.zone.setText("北门")
    zone.ok.click()
    assert zone.result() == 0
    assert zone.problems.text() == "community 湖滨 already has a zone '北门'"
    zone.reject()
    phone = page.set_phone()
    phone.phone.setText("12345")
    phone.ok.click()
    assert phone.result() == 0 and "12345" in phone.problems.text()
    assert services.accounts.list_communities(actor) == before


def test_only_administrators_see_the_page(ctx_for: Any) -> None:
    from ops_console.domain.errors import PermissionDenied
    from ops_console.ui.pages.communities import CommunitiesPage

    for login in ("wang.jianguo", "chen.jing", "zhang.wei", "zhou.min"):
        ctx = ctx_for(login)
        assert not CommunitiesPage.visible_for(ctx.actor)
        with pytest.raises(PermissionDenied):
            ctx.services.accounts.add_zone(ctx.actor, "湖滨", "99幢")
    assert CommunitiesPage.visible_for(ctx_for("admin").actor)


def test_the_page_speaks_chinese(ctx_for: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from ops_console.ui.i18n import set_language

    set_language("zh_CN")
    page = _page(ctx_for, qtbot)
    assert page.model.headerData(4, Qt.Orientation.Horizontal) == "区域"
    assert page.zone_button.text() == "新增区域(&Z)…"
    _select(page, "湖滨")
    zone = page.add_zone()
    zone.zone.setText("北门")
    zone.ok.click()
    assert zone.problems.text() == "社区 湖滨 已有区域 '北门'"
