"""The in-app poller is one of a shared installation's pollers: on PostgreSQL it leases its
share of the devices beside the running pollers; only those who may run the poller have one."""

from __future__ import annotations

import socket
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import SystemClock
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.formats import HEADER
from ops_console.services.pollers import PollerScope, PollersService
from ops_console.ui.launch import build_window
from tests.integration.postgres import find_bin, postgres_server


def test_only_who_may_run_the_poller_has_one(demo_services: Any, qtbot: Any) -> None:
    manager = build_window(demo_services, demo_services.accounts.actor("wang.jianguo"), live=False)
    qtbot.addWidget(manager)
    assert manager.ctx.poller is not None and not manager.poller_button.isVisibleTo(manager)
    manager.ctx.poller.start()  # nothing starts it for a person without poll.run
    assert not manager.ctx.poller.is_running() and not manager.ctx.poller.may_run
    admin = build_window(demo_services, demo_services.accounts.actor("admin"), live=False)
    qtbot.addWidget(admin)
    assert admin.ctx.poller is not None and admin.ctx.poller.options is not None
    assert "leases" not in admin.ctx.poller.options()  # SQLite: it polls alone, as always


@pytest.mark.postgres
@pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed")
def test_the_in_app_poller_leases_its_share_on_postgresql(qtbot: Any, tmp_path: Any) -> None:
    with postgres_server() as url:
        services = Services(Database(url), SystemClock(), SecretStore(MemoryKeyring()))
        migrate.upgrade(services.db)
        services.inventory.sync_categories()
        services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
        admin = services.accounts.actor("root")
        services.accounts.add_community(admin, "湖滨")
        rows = [
            f"D-{i:03d},设备{i},smart_bin,湖滨,,,,,,127.31.0.{i + 1},v2c,161,demo-v2c,60,,,normal,in_service"
            for i in range(40)
        ]
        csv = tmp_path / "d.csv"
        csv.write_text("\n".join([",".join(HEADER), *rows]) + "\n", encoding="utf-8")
        services.inventory.import_csv(admin, csv)
        reg = PollersService(services.db, services.clock)
        site = reg.register("湖滨-1", "host-a", 1)
        assert len(reg.heartbeat(site).held) == 40  # a running poller holds every device
        window = build_window(services, admin, live=False)
        qtbot.addWidget(window)
        poller = window.ctx.poller
        assert poller is not None
        name = f"root@{socket.gethostname()}"
        try:
            poller.start()
            deadline = time.monotonic() + 60
            shares: dict[str, int] = {}
            while time.monotonic() < deadline:
                qtbot.wait(500)
                mine = set(reg.heartbeat(site).held)  # the site poller heartbeats as it runs
                shares = {
                    p.name: p.devices
                    for p in reg.list_pollers(admin, datetime.now(UTC))
                    if p.state == "running"
                }
                if shares.get(name) == 20 and len(mine) == 20:
                    break
            assert shares == {"湖滨-1": 20, name: 20}  # half each, none held twice
        finally:
            poller.stop(30_000)
        assert {p.name: p.state for p in reg.list_pollers(admin)}[name] == "stopped"
        services.db.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed")
def test_poll_now_on_postgresql_takes_leases_as_poll_once_does(qtbot: Any, tmp_path: Any) -> None:
    """The Devices page's "Poll now" beside a running poller: it never polls a device that
    poller holds (nothing written twice), takes only the devices it polls, and hands them
    back when done."""
    from sqlalchemy import text

    with postgres_server() as url:
        services = Services(Database(url), SystemClock(), SecretStore(MemoryKeyring()))
        migrate.upgrade(services.db)
        services.inventory.sync_categories()
        services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
        admin = services.accounts.actor("root")
        services.accounts.add_community(admin, "湖滨")
        services.accounts.add_community(admin, "江南")
        rows = [
            f"D-{i:03d},设备{i},smart_bin,{'湖滨' if i < 10 else '江南'},,,,,,127.32.0.{i + 1},"
            "v2c,161,demo-v2c,60,,,normal,in_service"
            for i in range(20)
        ]
        csv = tmp_path / "d.csv"
        csv.write_text("\n".join([",".join(HEADER), *rows]) + "\n", encoding="utf-8")
        services.inventory.import_csv(admin, csv)
        ids = {d.asset_tag: d.id for d in services.inventory.list_devices(admin)}
        hb = {ids[f"D-{i:03d}"] for i in range(10)}
        reg = PollersService(services.db, services.clock)
        site = reg.register("湖滨-1", "host-a", 1, PollerScope(("湖滨",)))
        assert set(reg.heartbeat(site).held) == hb  # the running poller holds 湖滨
        window = build_window(services, admin, live=False)
        qtbot.addWidget(window)
        page = window.pages["devices"]
        page.show()
        page.activate({})
        qtbot.waitUntil(lambda: not window.ctx.runner.busy(), timeout=10000)
        messages: list[str] = []
        window.ctx.events.message.connect(messages.append)

        def poll(tag: str | None) -> set[int]:
            page.view.clearSelection()
            if tag is not None:
                page.select_tag(tag)
            before = datetime.now(UTC)
            messages.clear()
            task = page.poll_now()
            qtbot.waitUntil(lambda: task.finished and bool(messages), timeout=60000)
            with services.db.read() as s:
                return {
                    r[0]
                    for r in s.execute(
                        text("select device_id from device_states where last_poll_at >= :t"),
                        {"t": before},
                    )
                }

        once = f"root@{socket.gethostname()} (once)"

        def taken() -> int:  # leases the one-off poll has held and handed back
            with services.db.read() as s:
                return int(
                    s.execute(
                        text(
                            "select count(*) from device_leases l join pollers p on "
                            "p.id = l.previous_poller_id where p.name = :n"
                        ),
                        {"n": once},
                    ).scalar_one()
                )

        assert poll("D-003") == set() and messages[0].startswith("Polled 0 devices")
        assert messages[0].endswith("1 left to the running pollers that hold them.")
        assert poll("D-013") == {ids["D-013"]} and messages[0].startswith("Polled 1 devices")
        assert taken() == 1  # the selected device only, not every free one
        assert poll(None) == set(ids.values()) - hb  # 江南 only
        assert messages[0].startswith("Polled 10 devices")
        assert messages[0].endswith("10 left to the running pollers that hold them.")
        assert set(reg.heartbeat(site).held) == hb  # the running poller kept all of 湖滨
        states = {p.name: p.state for p in reg.list_pollers(admin)}
        assert states[once] == "stopped" and reg.uncovered_devices() == 10  # handed back
        services.db.dispose()
