"""Why a device is degraded, on its detail page and in the Devices list's health tooltip, in
both languages (the stored causes worded with the profile's labels)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ops_console.polling.results import PollResult, Sample
from ops_console.ui.i18n import set_language
from ops_console.ui.models.devices import HEALTH_COL
from ops_console.ui.pages.device_detail import DeviceDetailPage
from ops_console.ui.pages.devices import DevicesPage


def _band_poll(dev: int, at: Any) -> PollResult:
    return PollResult(
        dev,
        True,
        at,
        samples=(
            Sample("uptime", 1000.0),
            Sample("bands.band_id", None, text="B-016", index="16"),
            Sample("bands.battery", 80.0, index="16"),
            Sample("bands.band_id", None, text="B-017", index="17"),
            Sample("bands.battery", 12.0, index="17"),
        ),
    )


def test_the_detail_page_says_why_the_device_is_degraded(
    demo_services: Any, ctx_for: Any, qtbot: Any
) -> None:
    services = demo_services
    admin = services.accounts.actor("admin")
    gw = next(
        d for d in services.inventory.list_devices(admin) if d.category == "wristband_gateway"
    )
    services.monitoring.store_results([_band_poll(gw.id, services.clock.now())])

    page = DeviceDetailPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.show()
    page.activate({"tag": gw.asset_tag})
    health = page.fact_labels["health"].text()
    assert health == "● Degraded: Battery (Wristbands B-017) 12 % below 20 %"

    set_language("zh_CN")
    zh = DeviceDetailPage(ctx_for("admin"))
    qtbot.addWidget(zh)
    zh.show()
    zh.activate({"tag": gw.asset_tag})
    assert zh.fact_labels["health"].text() == "● 降级：电量（手环 B-017）12 % 低于 20 %"


def test_a_healthy_device_shows_its_health_alone(ctx_for: Any, qtbot: Any) -> None:
    page = DeviceDetailPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.show()
    page.activate({"tag": "HB-GATE-003"})
    assert ":" not in page.fact_labels["health"].text()


# --- the Devices list: the health cell's tooltip, the text filter -------------------------------


def _degraded_gateway(services: Any) -> Any:
    admin = services.accounts.actor("admin")
    gw = next(
        d for d in services.inventory.list_devices(admin) if d.category == "wristband_gateway"
    )
    services.monitoring.store_results([_band_poll(gw.id, services.clock.now())])
    return gw


def _devices_page(ctx: Any, qtbot: Any) -> DevicesPage:
    page = DevicesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def _tip(page: DevicesPage, tag: str) -> Any:
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.row_at(r).asset_tag == tag)
    return page.proxy.index(row, HEALTH_COL).data(Qt.ItemDataRole.ToolTipRole)


def _shown(page: DevicesPage) -> set[str]:
    return {page.proxy.row_at(r).asset_tag for r in range(page.proxy.rowCount())}


def test_the_devices_list_says_why_in_the_health_cells_tooltip(
    demo_services: Any, ctx_for: Any, qtbot: Any
) -> None:
    gw = _degraded_gateway(demo_services)
    page = _devices_page(ctx_for("admin"), qtbot)
    assert _tip(page, gw.asset_tag) == "Degraded: Battery (Wristbands B-017) 12 % below 20 %"
    assert _tip(page, "HB-GATE-003") is None  # up: no cause, no error
    page.apply_filters({"text": "battery"})
    assert gw.asset_tag in _shown(page)
    assert all(page.model.why.get(page.proxy.row_at(r).id) for r in range(page.proxy.rowCount()))

    set_language("zh_CN")
    zh = _devices_page(ctx_for("admin"), qtbot)
    assert _tip(zh, gw.asset_tag) == "降级：电量（手环 B-017）12 % 低于 20 %"
    assert _tip(zh, "HB-GATE-003") is None
    zh.apply_filters({"text": "电量（手环 b-017"})
    assert _shown(zh) == {gw.asset_tag}


def test_the_causes_are_read_for_unhealthy_devices_the_reader_may_see(demo_services: Any) -> None:
    services = demo_services
    gw = _degraded_gateway(services)
    admin = services.accounts.actor("admin")
    causes = services.monitoring.unhealthy_causes(admin)
    assert causes[gw.id] == services.monitoring.health_causes(admin, gw.asset_tag)
    healths = {d.id: d.health for d in services.inventory.list_devices(admin)}
    assert {healths[i] for i in causes} <= {"degraded", "down"}
    assert services.monitoring.unhealthy_causes(admin, device_ids=[gw.id]).keys() == {gw.id}
    up = next(i for i, h in healths.items() if h == "up")
    assert services.monitoring.unhealthy_causes(admin, device_ids=[up]) == {}
    other = next(
        c.name for c in services.accounts.list_communities(admin) if c.name != gw.community
    )
    elsewhere = services.monitoring.unhealthy_causes(admin, community=other)
    assert gw.id not in elsewhere
    assert all(healths[i] in ("degraded", "down") for i in elsewhere)


def test_the_cause_tooltip_reads_in_large_text_and_high_contrast(
    demo_services: Any, ctx_for: Any, qtbot: Any, qapp: Any
) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    from ops_console.ui import style

    from .readability import measure, ratio

    gw = _degraded_gateway(demo_services)
    style.apply(qapp, high_contrast=True, large=True)
    try:
        page = _devices_page(ctx_for("admin"), qtbot)
        page.resize(1366, 768)
        page.apply_filters({"text": gw.asset_tag})
        index = page.proxy.index(0, HEALTH_COL)
        page.view.scrollTo(index)
        at = page.view.visualRect(index).center()
        event = QHelpEvent(QEvent.Type.ToolTip, at, page.view.viewport().mapToGlobal(at))
        QApplication.sendEvent(page.view.viewport(), event)
        assert QToolTip.isVisible()
        assert QToolTip.text() == "Degraded: Battery (Wristbands B-017) 12 % below 20 %"
        tip = next(w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel"))
        qtbot.waitUntil(tip.isVisible)
        text = tip.fontMetrics().horizontalAdvance(QToolTip.text())
        assert tip.width() >= text  # on one line, nothing cut
        assert tip.font().pointSizeF() >= page.view.font().pointSizeF()  # large text too
        colours = measure(tip.grab().toImage(), tip.rect())
        assert colours is not None
        assert ratio(*colours) >= 4.5  # WCAG AA
        QToolTip.hideText()
    finally:
        style.apply(qapp, high_contrast=False, large=False)


def test_the_dashboard_says_why_over_its_health_tiles_and_community_cards(
    demo_services: Any, ctx_for: Any, qtbot: Any
) -> None:
    from ops_console.ui.pages.dashboard import DashboardPage

    gw = _degraded_gateway(demo_services)
    set_language("zh_CN")
    page = DashboardPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    why = f"{gw.asset_tag} {gw.name} · 降级：电量（手环 B-017）12 % 低于 20 %"
    assert why in page.tiles["health:degraded"].toolTip().splitlines()
    assert why not in page.tiles["health:down"].toolTip()
    assert page.tiles["health:up"].toolTip() == ""
    cards = [page.grid.itemAt(i).widget() for i in range(page.grid.count())]
    assert [why in c.toolTip().splitlines() for c in cards].count(True) == 1
    card = next(c for c in cards if why in c.toolTip())
    assert card.value.text() == gw.community


def test_the_demo_as_loaded_says_why_its_unhealthy_devices_are_so(
    demo_services: Any, ctx_for: Any, qtbot: Any
) -> None:
    """``init --demo`` stores the causes its poller's evaluation gives (see
    test_demo_causes): a person trying the demo reads why in the list and on the dashboard."""
    from ops_console.ui.pages.dashboard import DashboardPage

    no_answer = "no response after 2 × 1 s (host down, wrong community, or not an SNMP agent)"
    page = _devices_page(ctx_for("admin"), qtbot)
    unhealthy = [
        page.proxy.row_at(r)
        for r in range(page.proxy.rowCount())
        if page.proxy.row_at(r).health in ("degraded", "down")
    ]
    assert {r.health for r in unhealthy} == {"degraded", "down"}
    for r in unhealthy:
        tip = _tip(page, r.asset_tag)
        if r.health == "degraded":
            assert tip.startswith("Degraded: "), (r.asset_tag, tip)
        else:
            assert tip == no_answer, (r.asset_tag, tip)
    assert _tip(page, "HB-PARK-012") == "Degraded: Sensor battery 16.42 % below 20 %"
    assert _tip(page, "HB-BAND-001") == "Degraded: Battery (Wristbands B-030) 10.57 % below 20 %"
    page.apply_filters({"text": "wristbands b-030"})
    assert _shown(page) == {"HB-BAND-001"}

    set_language("zh_CN")
    zh = _devices_page(ctx_for("admin"), qtbot)
    assert _tip(zh, "HB-BAND-001") == "降级：电量（手环 B-030）10.57 % 低于 20 %"
    assert _tip(zh, "HB-BIN-003") == "2 × 1 秒无应答（设备关机、团体名错误或不是 SNMP 代理）"
    # a plain name and its value apart (they ran together: "PM2.5195.2 µg/m³")
    assert _tip(zh, "ZJ-ENV-003") == "降级：PM2.5 195.2 µg/m³ 高于 150 µg/m³"
    assert _tip(zh, "HB-PARK-012") == "降级：传感器电量 16.42 % 低于 20 %"
    board = DashboardPage(ctx_for("admin"))
    qtbot.addWidget(board)
    board.show()
    board.activate()
    down = board.tiles["health:down"].toolTip().splitlines()
    assert f"HB-BIN-003 {_name(zh, 'HB-BIN-003')} · 故障：{_tip(zh, 'HB-BIN-003')}" in down
    degraded = board.tiles["health:degraded"].toolTip().splitlines()
    assert f"HB-BAND-001 {_name(zh, 'HB-BAND-001')} · {_tip(zh, 'HB-BAND-001')}" in degraded


def _name(page: DevicesPage, tag: str) -> str:
    return next(r.name for r in page.model.rows if r.asset_tag == tag)
