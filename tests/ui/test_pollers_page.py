"""The Pollers page over the demo: a running and a dead poller, in English and Chinese; the
dead one is an alarm naming who took its devices over."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ops_console.services.pollers import PollerScope, PollersService
from ops_console.ui.i18n import set_language
from ops_console.ui.pages.pollers import PollersPage


def _pollers(services: Any) -> None:
    clock = services.clock
    reg = PollersService(services.db, clock)
    a = reg.register("湖滨-1", "host-a", 11, PollerScope(("湖滨",)))
    b = reg.register("湖滨-2", "host-b", 12, PollerScope(("湖滨",)))
    reg.heartbeat(a)
    reg.heartbeat(b)
    reg.heartbeat(a)
    start = clock.now()
    clock.advance(seconds=40)  # a stops heartbeating; b buries it and takes its devices
    reg.heartbeat(b)
    clock.advance(seconds=80)
    reg.heartbeat(b)
    assert clock.now() - start == timedelta(minutes=2)


def _texts(page: PollersPage) -> list[list[str]]:
    t = page.tree
    return [
        [t.topLevelItem(i).text(c) for c in range(t.columnCount())]
        for i in range(t.topLevelItemCount())
    ]


def test_the_pollers_page_shows_a_dead_poller_as_an_alarm(ctx_for: Any, qtbot: Any) -> None:
    ctx = ctx_for("admin")
    _pollers(ctx.services)
    hubin = sum(1 for d in ctx.services.inventory.list_devices(ctx.actor) if d.community == "湖滨")
    page = PollersPage(ctx)
    qtbot.addWidget(page)
    page.activate()
    rows = _texts(page)
    assert [(r[0], r[3]) for r in rows] == [("湖滨-1", "dead"), ("湖滨-2", "running")]
    assert page.alarm.isVisibleTo(page)
    taken = page.alarm.text()
    assert taken.startswith("poller 湖滨-1 stopped 2 min ago; ")
    assert "devices taken over by 湖滨-2" in taken
    assert int(rows[1][4].replace(",", "")) <= hubin
    page.resize(1000, 400)
    page.grab().save("/tmp/pollers-en.png")


def test_the_pollers_page_in_chinese(ctx_for: Any, qtbot: Any) -> None:
    set_language("zh_CN")
    ctx = ctx_for("admin")
    _pollers(ctx.services)
    page = PollersPage(ctx)
    qtbot.addWidget(page)
    page.activate()
    assert [r[3] for r in _texts(page)] == ["已停止响应", "运行中"]
    assert page.alarm.text().startswith("轮询器 湖滨-1 已于 2 分钟前停止; ")
    assert "台设备已由 湖滨-2 接管" in page.alarm.text()
    page.resize(1000, 400)
    page.grab().save("/tmp/pollers-zh_CN.png")


def test_the_dashboard_shows_a_dead_poller(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.dashboard import DashboardPage

    ctx = ctx_for("admin")
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    assert not page.poller_alarm.isVisibleTo(page)  # no poller registered: no alarm
    _pollers(ctx.services)
    page.refresh()
    assert page.poller_alarm.isVisibleTo(page)
    assert page.poller_alarm.text().startswith("poller 湖滨-1 stopped 2 min ago; ")
