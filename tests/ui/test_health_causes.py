"""Why a device is degraded, on its detail page in both languages (the stored causes worded
with the profile's labels)."""

from __future__ import annotations

from typing import Any

from ops_console.polling.results import PollResult, Sample
from ops_console.ui.i18n import set_language
from ops_console.ui.pages.device_detail import DeviceDetailPage


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
