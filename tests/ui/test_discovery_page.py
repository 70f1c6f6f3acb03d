"""The Discovery page against the tests' real snmpd, with the real background runner: a sweep
shows its progress and the suggestions, ticked devices are added to a community; Cancel stops
a long sweep at once and adds nothing; a bad range is named; only administrators see it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ops_console.polling.credentials import SnmpCredential
from ops_console.services.monitoring import set_snmp_credential
from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import TaskRunner

from ..integration.snmp import conftest as snmp_fixtures
from ..integration.snmp.conftest import Snmpd

pytestmark = pytest.mark.snmpd

snmpd = snmp_fixtures.snmpd  # the real snmpd of the SNMP integration tests
CREDENTIAL = "it-disc-v2c"


@pytest.fixture
def page(demo_services: Any, snmpd: Snmpd, qtbot: Any) -> Iterator[Any]:
    from ops_console.ui.pages.discovery import DiscoveryPage

    admin = demo_services.accounts.actor("admin")
    set_snmp_credential(
        demo_services.secrets, demo_services.db, admin, CREDENTIAL,
        SnmpCredential(community=snmpd.community), now=demo_services.clock.now(),
    )  # fmt: skip
    runner = TaskRunner()
    ctx = UiContext(demo_services, admin, runner, AppEvents(), open_settings())
    p = DiscoveryPage(ctx)
    qtbot.addWidget(p)
    p.show()
    p.activate()
    qtbot.waitUntil(lambda: p.credential.findText(CREDENTIAL) >= 0, timeout=20000)
    p.credential.setCurrentText(CREDENTIAL)
    p.port.setValue(snmpd.port)
    yield p
    assert runner.wait(30000)


def test_sweep_then_add_the_ticked_devices(page: Any, qtbot: Any, popups: list[str]) -> None:
    services, actor = page.ctx.services, page.ctx.actor
    page.cidr.setText("127.0.9.0/29")
    page.rate.setValue(500)
    scan = page.start_scan()
    assert not page.scan_button.isEnabled() and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: scan.finished and page.scan_button.isEnabled(), timeout=30000)
    assert not page.cancel_button.isEnabled()
    assert (page.progress.value(), page.progress.maximum()) == (6, 6)
    m = page.model
    assert [r.address for r in m.rows] == [f"127.0.9.{i}" for i in range(1, 7)]
    assert {m.index(r, 1).data() for r in range(m.rowCount())} == {"Smart bin"}
    assert page.state.text() == "6 answered; 6 can be added: tick them below."
    assert not page.add_button.isEnabled()
    for row in (0, 2):
        assert m.setData(m.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert m.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    page.community.setCurrentText("湖滨")
    assert page.add_button.isEnabled()
    op = page.add_ticked()
    qtbot.waitUntil(lambda: not op.running, timeout=20000)
    assert popups[-1] == "2 devices added to 湖滨: DISC-127-0-9-1, DISC-127-0-9-3"
    added = {d.asset_tag: d for d in services.inventory.list_devices(actor, text="DISC-127-0-9")}
    assert sorted(added) == ["DISC-127-0-9-1", "DISC-127-0-9-3"]
    d = added["DISC-127-0-9-1"]
    assert (d.community, d.category, d.address) == ("湖滨", "smart_bin", "127.0.9.1")
    # the rows say so, and may no longer be ticked
    assert m.index(0, 2).data() == "DISC-127-0-9-1"
    assert m.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) is None
    assert not page.add_button.isEnabled()
    # a second sweep knows them
    scan = page.start_scan()
    qtbot.waitUntil(lambda: scan.finished and page.scan_button.isEnabled(), timeout=30000)
    assert page.state.text() == "6 answered; 4 can be added: tick them below."


def test_cancel_stops_a_long_sweep_at_once(page: Any, qtbot: Any) -> None:
    services, actor = page.ctx.services, page.ctx.actor
    before = len(services.inventory.list_devices(actor))
    page.cidr.setText("127.0.10.0/24")
    page.rate.setValue(10)  # 254 addresses: 25 s
    scan = page.start_scan()
    qtbot.waitUntil(lambda: page.progress.value() >= 3, timeout=20000)
    page.cancel_button.click()
    cancelled_at = time.monotonic()
    assert page.state.text() == "Scan cancelled: nothing was added."
    assert page.scan_button.isEnabled()
    qtbot.waitUntil(lambda: scan.finished, timeout=5000)
    assert time.monotonic() - cancelled_at < 3  # the sweep stopped, not ran on
    assert page.progress.value() < 20 and page.model.rowCount() == 0
    assert page.state.text() == "Scan cancelled: nothing was added."
    assert len(services.inventory.list_devices(actor)) == before


def test_a_bad_range_is_named(page: Any, qtbot: Any) -> None:
    assert page.start_scan() is None
    assert page.state.text() == "Enter an address range, e.g. 192.168.10.0/24."
    for cidr, words in (
        ("10.0.0.0/8", "10.0.0.0/8 has 16777216 addresses; the limit is 65536"),
        ("192.168.300.0/24", "CIDR: "),
    ):
        page.cidr.setText(cidr)
        scan = page.start_scan()
        qtbot.waitUntil(lambda s=scan: s.finished and page.scan_button.isEnabled(), timeout=10000)
        assert words in page.state.text()
        assert page.model.rowCount() == 0 and page.scan_button.isEnabled()


def test_only_administrators_see_the_page(ctx_for: Any) -> None:
    from ops_console.domain.errors import PermissionDenied
    from ops_console.services import discovery
    from ops_console.ui.pages.discovery import DiscoveryPage

    assert DiscoveryPage.visible_for(ctx_for("admin").actor)
    for login in ("wang.jianguo", "chen.jing", "zhang.wei", "zhou.min"):
        ctx = ctx_for(login)
        assert not DiscoveryPage.visible_for(ctx.actor)
    liaison = ctx_for("chen.jing")
    with pytest.raises(PermissionDenied):
        discovery.add_found(
            liaison.services, liaison.actor, [], community="湖滨", credential="demo-v2c"
        )
