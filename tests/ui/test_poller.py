"""The in-app poller thread, its status-bar state, clean shutdown, and "Poll now"."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QThread

from ops_console.services.monitoring import StoreSummary
from ops_console.ui.poller_thread import PollerController, PollerState, poll_now
from ops_console.ui.tasks import TaskControl

from .conftest import make_ctx


class FakeService:
    """Stands in for PollerService: stores one batch, then waits to be stopped."""

    on_gui_thread: list[bool] = []

    made_with: list[dict[str, Any]] = []

    def __init__(self, monitoring: Any, *, on_stored: Any, **options: Any) -> None:
        FakeService.made_with.append(options)
        self.on_stored = on_stored
        self._stop = threading.Event()

    async def run_async(self, *, install_signals: bool = True) -> None:
        FakeService.on_gui_thread.append(threading.current_thread() is threading.main_thread())
        self.on_stored(StoreSummary(devices=3, ok=2, failed=1, samples=7, opened=1))
        while not self._stop.is_set():
            await asyncio.sleep(0.01)

    def request_stop(self) -> None:
        self._stop.set()


def test_real_poller_starts_and_stops_cleanly(demo_services: Any, qtbot: Any) -> None:
    """The real PollerService in its QThread against the demo (no device answers)."""
    poller = PollerController(demo_services.monitoring)
    states: list[str] = []
    poller.state_changed.connect(lambda s: states.append(s.state))
    with qtbot.waitSignal(poller.state_changed, timeout=5000, check_params_cb=_is("running")):
        poller.start()
    assert poller.is_running()
    qtbot.wait(300)
    with qtbot.waitSignal(poller.state_changed, timeout=30000, check_params_cb=_is("stopped")):
        poller.stop()
    assert poller.worker is not None and poller.worker.wait(5000)
    assert poller.thread() is QThread.currentThread()  # QObject.thread() is not shadowed
    assert not poller.is_running()
    assert states[0] == "starting" and "stopping" in states and states[-1] == "stopped"
    now = demo_services.clock.now()
    runs = demo_services.monitoring.poller_runs(now - timedelta(days=3650), now + timedelta(1))
    assert runs and runs[-1][1] is not None  # the run was closed


def _is(state: str) -> Any:
    return lambda s: isinstance(s, PollerState) and s.state == state


def test_status_bar_shows_state_and_close_stops(demo_services: Any, qtbot: Any) -> None:
    from ops_console.ui.main_window import MainWindow

    ctx = make_ctx(demo_services, "admin")
    ctx.poller = PollerController(demo_services.monitoring, FakeService)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    assert w.poller_button.isVisible() and w.poller_button.text() == "Start poller"
    batches: list[Any] = []
    ctx.events.samples_stored.connect(batches.append)
    with qtbot.waitSignal(ctx.events.alarms_changed, timeout=5000):
        w.poller_button.click()
    qtbot.waitUntil(lambda: "2 ok, 1 failed" in w.poller_label.text(), timeout=5000)
    assert "running" in w.poller_label.text() and "last cycle" in w.poller_label.text()
    assert w.poller_button.text() == "Pause poller"
    assert batches[0].samples == 7 and batches[0].opened == 1
    assert FakeService.on_gui_thread[-1] is False
    w.close()
    assert not ctx.poller.is_running()


def test_settings_checkbox_starts_and_pauses(demo_services: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.settings import SettingsPage
    from ops_console.ui.settings import get

    ctx = make_ctx(demo_services, "admin")
    ctx.poller = PollerController(demo_services.monitoring, FakeService)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.poller_in_app.isEnabled() and not page.poller_in_app.isChecked()
    page.poller_in_app.setChecked(True)
    assert ctx.poller.is_running() and get(ctx.settings, "poller_in_app")
    page.poller_in_app.setChecked(False)
    assert ctx.poller.worker is not None and ctx.poller.worker.wait(5000)
    assert not get(ctx.settings, "poller_in_app")


def test_poll_now_selected_device(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.devices import DevicesPage

    page = DevicesPage(ctx_for("admin"))
    qtbot.addWidget(page)
    page.show()
    page.activate({"text": "HB-GATE-003"})
    page.select_tag("HB-GATE-003")
    got: list[Any] = []
    page.ctx.events.samples_stored.connect(got.append)
    with qtbot.waitSignal(page.ctx.events.message, timeout=20000) as msg:
        task = page.poll_now()
    assert task.finished and page.poll_button.isEnabled()
    assert msg.args[0].startswith("Polled 1 devices")
    assert sum(b.devices for b in got) == 1


def test_poll_now_cancelled(demo_services: Any) -> None:
    control = TaskControl()
    control.cancel()
    result = poll_now(demo_services.monitoring, control, community=None)
    assert result.cancelled


def test_visible_page_refreshes_when_samples_arrive(window_for: Any, qtbot: Any) -> None:
    from ops_console.ui.poller_thread import StoredBatch

    w = window_for("admin")
    w.open_page("devices")
    w._data_refresh.setInterval(50)
    calls: list[int] = []
    page = w.pages["devices"]
    page.refresh = lambda: calls.append(1)  # type: ignore[method-assign]
    batch = StoredBatch(demo_now(), 5, 5, 0, 20, 0, 0)
    for _ in range(3):  # a burst is coalesced into one refresh
        w.ctx.events.samples_stored.emit(batch)
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)
    qtbot.wait(150)
    assert calls == [1]


def demo_now() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 11, 29, 1, 0, tzinfo=UTC)


def test_poller_settings_apply_at_the_next_start(demo_services: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.settings import SettingsPage
    from ops_console.ui.settings import get, poller_options

    ctx = make_ctx(demo_services, "admin")
    ctx.poller = PollerController(
        demo_services.monitoring, FakeService, options=lambda: poller_options(ctx.settings)
    )
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    # defaults: 200 at once, no trap receiver (a headless poller usually has the port)
    assert page.in_flight.value() == 200 and not page.traps.isChecked()
    assert not page.trap_port.isEnabled()
    page.in_flight.setValue(500)
    page.traps.setChecked(True)
    assert page.trap_port.isEnabled()
    page.trap_port.setValue(11620)
    assert get(ctx.settings, "poller_in_flight") == 500
    page.poller_in_app.setChecked(True)
    assert FakeService.made_with[-1] == {"max_in_flight": 500, "trap_port": 11620}
    page.poller_in_app.setChecked(False)
    assert ctx.poller.worker is not None and ctx.poller.worker.wait(5000)
    page.traps.setChecked(False)
    assert poller_options(ctx.settings) == {"max_in_flight": 500, "trap_port": None}
    # a hand-edited settings file cannot push the poller outside its range
    ctx.settings.setValue("poller_in_flight", "100000")
    assert poller_options(ctx.settings)["max_in_flight"] == 2000
    ctx.settings.setValue("poller_in_flight", "many")
    assert poller_options(ctx.settings)["max_in_flight"] == 200


def test_poll_now_on_the_demo_starts_its_agent(demo_services: Any, qtbot: Any) -> None:
    """ "Poll now" with the poller stopped: the demo's agent answers for that one poll (before,
    only "Start poller" started it, and every device polled now failed)."""
    from ops_console.demo.poller import demo_once_options
    from ops_console.ui.pages.devices import DevicesPage

    ctx = make_ctx(demo_services, "admin")
    ctx.poller = PollerController(
        demo_services.monitoring, once_options=lambda: demo_once_options(demo_services)
    )
    page = DevicesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate({"text": "HB-GATE-001"})
    page.select_tag("HB-GATE-001")
    with qtbot.waitSignal(ctx.events.message, timeout=30000) as msg:
        page.poll_now()
    assert msg.args[0].startswith("Polled 1 devices: 1 ok, 0 failed"), msg.args[0]
