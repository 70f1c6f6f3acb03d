"""Care alerts in the console: the Care page (open first, where only for those who look after
residents, acknowledge with a note, close with the outcome), the SOS banner that stays until
acknowledged, and the dashboard's care tile at the top."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from ops_console.domain.errors import ValidationError
from ops_console.services.monitoring.alarms import raise_care_alert
from ops_console.ui.notifications import NotificationCenter
from ops_console.ui.pages.care import ACK, BAND, BUILDING, STATE, CarePage
from ops_console.ui.pages.dashboard import DashboardPage


class Tray:
    """The tray's care messages (the SLA and alarm ones are another test's)."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, bool]] = []

    def notify(self, title: str, text: str, critical: bool = False) -> None:
        if title.startswith("Care alert"):
            self.shown.append((title, text, critical))


def _gateway(services: Any, community: str = "湖滨") -> Any:
    reader = services.accounts.actor("admin")
    return services.inventory.list_devices(
        reader, community=community, category="wristband_gateway"
    )[0]


def _raise(
    services: Any, kind: str, band: str, minutes_ago: int = 0, community: str = "湖滨"
) -> int:
    gw = _gateway(services, community)
    with services.db.write() as s:
        return raise_care_alert(
            s,
            now=services.clock.now() - timedelta(minutes=minutes_ago),
            device_id=gw.id,
            asset_tag=gw.asset_tag,
            kind=kind,
            band_id=band,
        )


def test_the_service_shows_where_only_to_those_who_look_after_residents(demo_services: Any) -> None:
    services = demo_services
    sos = _raise(services, "sos", "B-0301", 5)
    gw = _gateway(services)
    liaison = services.accounts.actor("chen.jing")
    seen = {c.id: c for c in services.monitoring.care_alerts(liaison)}
    assert (seen[sos].band_id, seen[sos].zone, seen[sos].location) == (
        "B-0301",
        gw.zone,
        gw.location,
    )
    auditor = services.accounts.actor("zhou.min")
    hidden = {c.id: c for c in services.monitoring.care_alerts(auditor)}[sos]
    assert (hidden.band_id, hidden.zone, hidden.location) == (None, None, None)
    assert hidden.kind == "sos" and hidden.community == "湖滨"
    with pytest.raises(ValidationError, match="acknowledge it first"):
        services.monitoring.close_care(liaison, sos, "已上门")
    services.monitoring.acknowledge_care(liaison, sos, note="陈静电话联系，社区医生上门")
    with pytest.raises(ValidationError, match="say what happened"):
        services.monitoring.close_care(liaison, sos, "  ")
    done = services.monitoring.close_care(liaison, sos, "老人跌倒轻伤，已送社区医院")
    assert (done.state, done.closed_by, done.outcome) == (
        "closed",
        "chen.jing",
        "老人跌倒轻伤，已送社区医院",
    )
    entry = services.audit.page(auditor, entity="care_alert")[0]
    assert (
        entry.action == "care.close" and "已送社区医院" in json.loads(entry.after_json)["outcome"]
    )
    assert sos not in [c.id for c in services.monitoring.care_alerts(liaison, open_only=True)]


def test_the_care_page_lists_open_first_and_acknowledges_then_closes(
    ctx_for: Any, qtbot: Any
) -> None:
    ctx = ctx_for("chen.jing")
    services = ctx.services
    old = _raise(services, "removal", "B-0107", 90)
    sos = _raise(services, "fall", "B-0302", 3)
    services.monitoring.acknowledge_care(ctx.actor, old, note="家属确认手环在充电")
    assert not CarePage.visible_for(ctx_for("zhang.wei").actor)  # technicians: no Care page
    assert CarePage.visible_for(ctx_for("li.hong").actor)
    page = CarePage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    states = [page.model.index(r, STATE).data() for r in range(page.model.rowCount())]
    assert states[:2] == ["Not acknowledged", "Being looked after"]  # unacknowledged first
    assert page.model.rows[0].id == sos
    assert page.model.index(0, BAND).data() == "B-0302" and page.model.index(0, BUILDING).data()
    assert page.ack_button.isEnabled() and not page.close_button.isEnabled()
    dialog = page.acknowledge()
    assert not dialog.is_valid()
    dialog.text.setPlainText("已电话联系家属，网格员上门")
    with qtbot.waitSignal(dialog.finished):
        dialog.ok.click()
    page.select(sos)
    assert page.selected().state == "acknowledged" and page.close_button.isEnabled()
    dialog = page.close_alert()
    dialog.text.setPlainText("老人起身时滑倒，无外伤")
    with qtbot.waitSignal(dialog.finished):
        dialog.ok.click()
    assert sos not in [c.id for c in page.model.rows]  # open only: closed ones leave
    page.open_only.setChecked(False)
    closed = next(c for c in page.model.rows if c.id == sos)
    assert closed.outcome == "老人起身时滑倒，无外伤" and closed.closed_by == "chen.jing"
    # people by name on the page, not by login
    row = page.model.rows.index(closed)
    assert page.model.index(row, ACK).data().split(" · ")[0].endswith(" 陈静")


def test_an_sos_banner_stays_until_acknowledged(ctx_for: Any, qtbot: Any) -> None:
    ctx = ctx_for("chen.jing")
    services = ctx.services
    first = _raise(services, "sos", "B-0201", 2)
    _raise(services, "removal", "B-0202", 1)  # not urgent: no banner for it
    tray = Tray()
    center = NotificationCenter(ctx, tray)
    center.start()
    banner = center.banner
    assert banner is not None and banner.isVisible() and banner.isModal()
    assert [c.id for c in banner.alerts] == [first]
    banner.reject()  # Escape, the close button: it stays
    assert banner.isVisible()
    assert tray.shown == []  # already there at start: the banner, no tray message
    second = _raise(services, "fall", "B-0203")
    center.check_care()  # the next look (every 10 s)
    assert [c.id for c in banner.alerts] == [first, second] and banner.isVisible()
    assert len(tray.shown) == 1 and tray.shown[0][2] and "Fall" in tray.shown[0][0]
    assert not banner.ack.isEnabled()  # a note first
    banner.note.setText("网格员王姐已上门")
    banner.list.setCurrentRow(0)
    banner.ack.click()
    assert banner.isVisible() and [c.id for c in banner.alerts] == [second]
    # someone else acknowledges the last one at another seat: the banner goes
    services.monitoring.acknowledge_care(ctx_for("li.hong").actor, second, note="李红处理")
    center.check_care()
    assert not banner.isVisible() and center.banner is None
    center.timer.stop()
    center.care_timer.stop()


def test_the_dashboard_shows_open_care_alerts_at_the_top(ctx_for: Any, qtbot: Any) -> None:
    ctx = ctx_for("chen.jing")
    _raise(ctx.services, "sos", "B-0501", 4)
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    assert page.care.isVisible() and page.care.value.text() == "1"
    assert "SOS" in page.care.caption.text() and "B-0501" in page.care.caption.text()
    assert page.outer.indexOf(page.care) < page.outer.count() - 1  # above the tiles
    opened: list[Any] = []
    ctx.events.open_page.connect(lambda p, f: opened.append(p))
    page.care.clicked.emit()
    assert opened == ["care"]
