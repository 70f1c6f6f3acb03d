"""Writes off the GUI thread (ui/operations.py): the GUI keeps running while a slow write runs,
the row updates from what the service returned without reloading the page, and a refused
write is shown in words and leaves the row as it was."""

from __future__ import annotations

import functools
import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool

from ops_console.domain.errors import ValidationError
from ops_console.services.context import Actor
from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.pages.workorders import WorkOrdersPage
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import TaskRunner, side_by_side


class SlowWorkOrders:
    """The real work-order service, whose ``accept`` waits for the test's go (at most 10 s)
    and which counts the reads the page makes."""

    def __init__(self, real: Any, *, fail: bool = False) -> None:
        self.real = real
        self.fail = fail
        self.started = threading.Event()
        self.go = threading.Event()
        self.thread: threading.Thread | None = None
        self.reads: list[str] = []

    def accept(self, actor: Actor, number: str, **kw: Any) -> Any:
        self.thread = threading.current_thread()
        self.started.set()
        self.go.wait(10)
        if self.fail:
            raise ValidationError.of("accept refused by the test")
        return self.real.accept(actor, number, **kw)

    def list(self, *a: Any, **kw: Any) -> Any:
        self.reads.append("list")
        return self.real.list(*a, **kw)

    def get(self, *a: Any, **kw: Any) -> Any:
        self.reads.append("get")
        return self.real.get(*a, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.fixture
def assigned(demo_services: Any) -> tuple[str, str]:
    """A fresh work order assigned to a technician: (number, technician)."""
    svc = demo_services.workorders
    mgr = demo_services.accounts.actor("wang.jianguo")
    info = svc.create(mgr, title="慢写测试", priority="P2", source="liaison", community="湖滨")
    tech = next(
        u.username
        for u in demo_services.accounts.list_users(mgr)
        if u.role == "technician" and u.active and (not u.communities or "湖滨" in u.communities)
    )
    svc.assign(mgr, info.number, tech, version=info.version, override_reason="test")
    return info.number, tech


def _page(services: Any, qtbot: Any, username: str) -> tuple[WorkOrdersPage, TaskRunner]:
    runner = TaskRunner(QThreadPool())
    ctx = UiContext(
        services, services.accounts.actor(username), runner, AppEvents(), open_settings()
    )
    page = WorkOrdersPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.model.total() > 0, timeout=20000)
    return page, runner


def _status_shown(page: WorkOrdersPage, number: str) -> str:
    return str(page.model.rows[page.model._where[number]].status)


def test_slow_write_runs_off_the_gui_thread_and_updates_its_row(
    demo_services: Any, assigned: tuple[str, str], qtbot: Any
) -> None:
    number, tech = assigned
    slow = SlowWorkOrders(demo_services.workorders)
    page, runner = _page(demo_services, qtbot, tech)
    demo_services.workorders = slow  # the page reads the service at each click
    page.select(number)
    qtbot.waitUntil(lambda: page.info is not None and page.info.number == number)
    assert page.buttons["accept"].isEnabled()
    slow.reads.clear()
    clicked_from = threading.current_thread()

    page.buttons["accept"].click()  # returns at once: the write waits for go in the pool
    assert slow.started.wait(5)
    beats: list[int] = []
    from PySide6.QtCore import QTimer

    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: beats.append(1))
    heartbeat.start(10)
    qtbot.wait(200)  # the GUI thread runs its event loop while the write is held
    heartbeat.stop()
    assert len(beats) >= 5
    assert slow.thread is not clicked_from
    assert not any(b.isEnabled() for b in page.buttons.values())  # busy: no second click
    assert _status_shown(page, number) == "assigned"

    slow.go.set()
    qtbot.waitUntil(lambda: _status_shown(page, number) == "in_progress", timeout=10000)
    assert page.info.status == "in_progress" and page.info.number == number
    assert page.proxy.index(page.model.row_of(number) or 0, 0).data() is not None
    runner.wait()
    assert slow.reads == []  # the row came from the write's result: no list, no detail read
    assert not page.buttons["accept"].isEnabled()  # the new status allows other actions
    assert page.buttons["hold"].isEnabled()
    assert demo_services.workorders.real.get(page.ctx.actor, number).status == "in_progress"


def test_refused_write_says_why_and_leaves_the_row(
    demo_services: Any, assigned: tuple[str, str], qtbot: Any, popups: list[str]
) -> None:
    number, tech = assigned
    slow = SlowWorkOrders(demo_services.workorders, fail=True)
    page, runner = _page(demo_services, qtbot, tech)
    demo_services.workorders = slow
    page.select(number)
    qtbot.waitUntil(lambda: page.info is not None and page.info.number == number)
    before = page.model.rows[page.model._where[number]]
    slow.go.set()
    page.buttons["accept"].click()
    qtbot.waitUntil(lambda: bool(popups), timeout=10000)
    runner.wait()
    assert "accept refused by the test" in popups[-1]
    assert page.model.rows[page.model._where[number]] is before
    assert page.info.status == "assigned"
    assert page.buttons["accept"].isEnabled()  # back as it was, to try again
    assert demo_services.workorders.real.get(page.ctx.actor, number).status == "assigned"


class CountingMonitoring:
    """The real monitoring service, counting the alarm-list reads."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.lists = 0

    def list_alarms(self, *a: Any, **kw: Any) -> Any:
        self.lists += 1
        return self.real.list_alarms(*a, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_acknowledge_runs_in_the_background_and_updates_its_row(
    demo_services: Any, qtbot: Any
) -> None:
    from ops_console.ui.pages.alarms import AlarmsPage

    runner = TaskRunner(QThreadPool())
    actor = demo_services.accounts.actor("wang.jianguo")
    ctx = UiContext(demo_services, actor, runner, AppEvents(), open_settings())
    page = AlarmsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: bool(page.rows), timeout=20000)
    i = next(i for i, a in enumerate(page.rows) if a.acknowledged_at is None)
    page.tree.setCurrentItem(page.tree.topLevelItem(i))
    counting = CountingMonitoring(demo_services.monitoring)
    demo_services.monitoring = counting
    op = page.acknowledge()
    assert op is not None
    qtbot.waitUntil(lambda: not op.running, timeout=10000)
    item = page.tree.topLevelItem(i)
    assert item.text(item.columnCount() - 1) == "wang.jianguo"
    assert page.rows[i].acknowledged_by == "wang.jianguo"
    assert not page.ack_button.isEnabled()  # acknowledged once
    assert counting.lists == 0  # no reload: the row came from the service's answer


def test_window_and_pages_never_query_on_the_gui_thread(
    demo_services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over a remote database every query costs round trips: building the window, opening each
    page and a write all read and write in the pool, never on the GUI thread."""
    from ops_console.db.engine import Database
    from ops_console.ui.main_window import MainWindow

    actor = demo_services.accounts.actor("wang.jianguo")
    on_gui: list[str] = []
    gui = threading.current_thread()
    for name in ("read", "write"):
        real = getattr(Database, name)

        def watched(
            self: Database, *a: Any, _real: Any = real, _name: str = name, **kw: Any
        ) -> Any:
            if threading.current_thread() is gui:
                import traceback

                where = [f for f in traceback.extract_stack() if "/ops_console/ui/" in f.filename]
                on_gui.append(f"{_name} from {where[-1].name if where else '?'}")
            return _real(self, *a, **kw)

        monkeypatch.setattr(Database, name, watched)
    runner = TaskRunner(QThreadPool())
    window = MainWindow(UiContext(demo_services, actor, runner, AppEvents(), open_settings()))
    qtbot.addWidget(window)
    window.show()
    for key, page in window.pages.items():
        if page.in_sidebar:
            window.open_page(key)
            qtbot.waitUntil(lambda: not runner.busy(), timeout=30000)
    window.open_page("devices", {"community": "湖滨"})
    qtbot.waitUntil(lambda: not runner.busy(), timeout=30000)
    orders = window.pages["workorders"]
    window.open_page("workorders")
    new = next(r.number for r in orders.model.rows if r.status == "new")  # type: ignore[attr-defined]
    orders.select(new)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not runner.busy(), timeout=30000)
    assign = orders.act("assign")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: assign.techs_read, timeout=30000)
    assert assign.assignee.count() >= 1
    assert on_gui == []
    devices = window.pages["devices"]
    assert devices.community.currentText() == "湖滨"  # type: ignore[attr-defined]
    assert devices.proxy.rowCount() > 0  # type: ignore[attr-defined]


def test_the_dashboard_counts_again_after_a_write(
    ctx_for: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ops_console.ui.pages.dashboard import DashboardPage

    reads: list[int] = []
    monkeypatch.setattr(DashboardPage, "refresh", lambda self: reads.append(1))
    ctx = ctx_for("wang.jianguo")
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    info = ctx.services.workorders.create(
        ctx.actor, title="看板计数", priority="P3", source="liaison", community="湖滨"
    )
    page.show()
    ctx.events.workorder_saved.emit(info)  # as a dialog or a button's write does
    assert reads == [1]
    # hidden (another page shown), it counts again when it is shown next, once
    page.hide()
    ctx.events.workorder_saved.emit(info)
    ctx.events.workorder_saved.emit(info)
    assert reads == [1]
    page.show()
    assert reads == [1, 1]


def test_reads_side_by_side_run_at_once_and_come_back_in_order() -> None:
    """A page's independent reads (ui/tasks.py::side_by_side): each waits for the others to
    have started, so run one after another they would break the barrier."""
    barrier = threading.Barrier(3, timeout=30)

    def read(i: int) -> tuple[int, threading.Thread]:
        barrier.wait()
        return i * 10, threading.current_thread()

    out = side_by_side(*(functools.partial(read, i) for i in range(3)))
    assert [n for n, _ in out] == [0, 10, 20]
    assert len({t for _, t in out}) == 3
    # a failure is raised once every read has ended
    ended: list[int] = []

    def fails() -> None:
        raise LookupError("no such contract")

    def slow() -> int:
        time.sleep(0.05)
        ended.append(1)
        return 1

    with pytest.raises(LookupError, match="no such contract"):
        side_by_side(fails, slow)
    assert ended == [1]
