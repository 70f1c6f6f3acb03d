"""The Devices page's "Poll now" against the tests' real snmpd, off the GUI thread.

A demo smart bin is pointed at the snmpd (v2c, a credential stored through the service), polled
with the real background runner, and its detail page shows the health and the smart-bin
profile's metrics with the values the snmpd serves. A bin pointed at a port nobody answers
comes back as a failed poll while the GUI keeps answering.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer

from ops_console.domain.clock import SystemClock
from ops_console.polling.credentials import SnmpCredential
from ops_console.services.container import Services
from ops_console.services.monitoring import set_snmp_credential
from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.models.devices import HEALTH_COL
from ops_console.ui.pages.device_detail import DeviceDetailPage
from ops_console.ui.pages.devices import DevicesPage
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import TaskRunner

from ..integration.snmp import conftest as snmp_fixtures
from ..integration.snmp.conftest import Snmpd, free_udp_port

pytestmark = pytest.mark.snmpd

snmpd = snmp_fixtures.snmpd  # the real snmpd of the SNMP integration tests
CREDENTIAL = "it-ui-v2c"


@pytest.fixture
def live_ctx(demo_services: Any, snmpd: Snmpd, qapp: Any) -> Iterator[UiContext]:
    """The admin's UI context with the real thread-pool runner (tasks leave the GUI thread).

    The services tell the wall-clock time: the poller stamps samples with it, and the detail
    page's chart shows the 24 hours before the services' now.
    """
    services = Services(demo_services.db, SystemClock(), demo_services.secrets)
    admin = services.accounts.actor("admin")
    credential = SnmpCredential(community=snmpd.community)
    set_snmp_credential(
        services.secrets, services.db, admin, CREDENTIAL, credential, now=services.clock.now()
    )
    runner = TaskRunner()
    yield UiContext(services, admin, runner, AppEvents(), open_settings())
    assert runner.wait(30000)


def point_bin_at(ctx: UiContext, address: str, port: int) -> str:
    """Point the first demo smart bin at ``address:port`` with the test credential."""
    services, actor = ctx.services, ctx.actor
    bins = services.inventory.list_devices(actor, category="smart_bin", status="in_service")
    row = bins[0]
    fields = dataclasses.replace(
        row.to_fields(), address=address, snmp_version="v2c", snmp_port=port, credential=CREDENTIAL
    )
    services.inventory.save(actor, fields)
    return row.asset_tag


def devices_page(ctx: UiContext, qtbot: Any, tag: str) -> DevicesPage:
    page = DevicesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate({"text": tag})
    qtbot.waitUntil(lambda: not ctx.runner.busy(), timeout=10000)  # every device loaded
    page.select_tag(tag)
    assert page.selected().asset_tag == tag
    return page


def test_poll_now_reads_the_bin_from_snmpd(live_ctx: UiContext, snmpd: Snmpd, qtbot: Any) -> None:
    tag = point_bin_at(live_ctx, "127.0.0.1", snmpd.port)
    page = devices_page(live_ctx, qtbot, tag)
    messages: list[str] = []
    live_ctx.events.message.connect(messages.append)
    with qtbot.waitSignal(live_ctx.events.message, timeout=30000):
        task = page.poll_now()
    qtbot.waitUntil(lambda: task.finished and page.poll_button.isEnabled(), timeout=5000)
    # the snmpd serves text for the bin's temperature gauge: that sample is refused
    assert messages == ["Polled 1 devices: 1 ok, 0 failed, 4 samples."]

    detail = DeviceDetailPage(live_ctx)
    qtbot.addWidget(detail)
    detail.show()
    detail.activate({"tag": tag})
    qtbot.waitUntil(lambda: detail.tag == tag, timeout=10000)  # read in the background
    # the snmpd's lid is jammed (3), and the page says so
    assert detail.fact_labels["health"].text() == "● Down: Lid: Jammed"
    assert "temperature: expected a number" in detail.fact_labels["error"].text()
    assert detail.fact_labels["last_poll"].text() != "never"
    values = {}
    for i in range(detail.metric_box.count()):
        detail.metric_box.setCurrentIndex(i)
        metric = detail.metric_box.currentData()
        detail.load_chart()
        # the chart loads in the background: wait for this metric's history
        qtbot.waitUntil(
            lambda m=metric: getattr(detail.history, "metric", None) == m, timeout=10000
        )
        assert detail.chart.isVisible() and not detail.chart_empty.isVisible()
        values[detail.metric_box.itemText(i)] = (detail.history.ys()[-1], detail.history.unit)
    profile = live_ctx.services.monitoring.profiles["smart_bin"]
    labels = {m.key: m.label_en for m in profile.metrics}
    assert set(values) == {labels[k] for k in ("uptime", "fill_level", "battery", "lid")}
    assert values[labels["fill_level"]] == (87.0, "%")  # the snmpd's override values
    assert values[labels["battery"]] == (55.0, "%")
    assert values[labels["lid"]][0] == 3.0
    assert values[labels["uptime"]][0] > 0 and values[labels["uptime"]][1] == "s"


def test_poll_now_of_a_silent_bin_fails_and_the_gui_answers(
    live_ctx: UiContext, qtbot: Any
) -> None:
    from ops_console.ui.main_window import MainWindow

    tag = point_bin_at(live_ctx, "127.0.0.1", free_udp_port())  # nobody answers there
    assert live_ctx.services.inventory.get(live_ctx.actor, tag).health != "down"
    window = MainWindow(live_ctx)
    qtbot.addWidget(window)
    window.show()
    window._data_refresh.setInterval(50)
    window.open_page("devices", {"text": tag})
    page = window.pages["devices"]
    qtbot.waitUntil(lambda: not live_ctx.runner.busy(), timeout=10000)
    page.select_tag(tag)
    assert page.selected().asset_tag == tag
    # the GUI thread's timer keeps ticking while the poll waits for its timeout
    ticks: list[int] = []
    elapsed = QElapsedTimer()
    elapsed.start()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(elapsed.elapsed()))
    timer.start()
    task = page.poll_now()
    assert not task.finished and not page.poll_button.isEnabled()
    qtbot.keyClicks(page.text, "x")  # the filter answers typing while the poll runs
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 0, timeout=5000)
    assert not task.finished
    page.text.setText(tag)
    qtbot.waitUntil(lambda: task.finished and page.poll_button.isEnabled(), timeout=60000)
    timer.stop()
    assert window.statusBar().currentMessage() == "Polled 1 devices: 0 ok, 1 failed, 0 samples."
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) >= 20 and max(gaps) < 500, (len(ticks), max(gaps))
    # the visible page refreshes from the stored batch: the bin is down, the error at hand
    qtbot.waitUntil(lambda: health_cell(page, tag) == "● Down", timeout=10000)
    page.select_tag(tag)
    cell = page.proxy.index(page.view.selectionModel().selectedRows()[0].row(), HEALTH_COL)
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith("no response after")


def health_cell(page: DevicesPage, tag: str) -> str | None:
    for r in range(page.proxy.rowCount()):
        if page.proxy.row_at(r).asset_tag == tag:
            return str(page.proxy.index(r, HEALTH_COL).data())
    return None
