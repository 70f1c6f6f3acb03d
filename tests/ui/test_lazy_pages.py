"""The window builds a page when it is first opened, not all thirteen at start-up (each costs
the GUI thread tens to hundreds of milliseconds of widget work), and shows itself before any
page module is imported: a page's module is imported in the background when the page is first
opened ("Loading…" meanwhile), the others after that."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.main_window import MainWindow
from ops_console.ui.pages.base import Page
from ops_console.ui.pages.index import PAGES, PageInfo
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import SyncRunner, Task, TaskControl


def test_only_the_opened_pages_are_built(window_for: Any) -> None:
    w = window_for("wang.jianguo")
    first = w.current_key()
    assert list(w.pages.built) == [first]
    keys = [w.sidebar.item(i).data(Qt.ItemDataRole.UserRole) for i in range(w.sidebar.count())]
    assert set(keys) <= set(w.pages) and "audit" not in w.pages  # a manager's pages
    other = next(k for k in keys if k != first)
    w.sidebar.setCurrentRow(keys.index(other))
    assert w.current_key() == other
    assert set(w.pages.built) == {first, other}
    assert w.stack.currentWidget() is w.pages[other]
    # a language switch rebuilds: the built pages are dropped, the shown one built again
    w.rebuild()
    assert list(w.pages.built) == [other]


def test_a_page_outside_the_sidebar_is_built_when_asked_for(window_for: Any) -> None:
    w = window_for("admin")
    assert "device_detail" not in w.pages.built
    w.open_page("device_detail", {"tag": "HB-GATE-001"})
    assert w.current_key() == "device_detail"
    w.open_page("nonexistent")  # an unknown key opens the dashboard
    assert w.current_key() == "dashboard"


class HeldRunner(SyncRunner):
    """Holds every task until ``release``: what is left for the background, and when."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[str, Callable[[], Task]]] = []

    def run(self, fn: Callable[[TaskControl], Any], **kw: Any) -> Task:  # type: ignore[override]
        task = Task(kw.get("name", "task"))
        self.held.append((task.name, lambda: SyncRunner.run(self, fn, **kw)))
        return task

    def release(self, name: str) -> None:
        for i, (n, go) in enumerate(self.held):
            if n == name:
                del self.held[i]
                go()
                return
        raise AssertionError(f"no task {name!r} held: {[n for n, _ in self.held]}")


def test_every_page_class_takes_its_place_from_the_index() -> None:
    for info in PAGES:
        cls = info.load()
        assert issubclass(cls, Page) and cls.key == info.key
        assert (cls.title, cls.icon_name, cls.in_sidebar) == (
            info.title,
            info.icon_name,
            info.in_sidebar,
        )


def test_the_window_opens_before_its_page_modules_are_imported(
    demo_services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # as in a fresh process: no page module imported yet
    imported: set[str] = set()
    monkeypatch.setattr(PageInfo, "imported", lambda self: self.key in imported)
    real_load = PageInfo.load

    def load(self: PageInfo) -> type[Any]:
        imported.add(self.key)
        return real_load(self)

    monkeypatch.setattr(PageInfo, "load", load)
    runner = HeldRunner()
    actor = demo_services.accounts.actor("wang.jianguo")
    settings = open_settings()
    settings.setValue("last_page", "workorders")
    window = MainWindow(UiContext(demo_services, actor, runner, AppEvents(), settings))
    qtbot.addWidget(window)
    window.show()
    # built and shown with its sidebar, no page imported or built: "Loading…" stands in
    assert imported == set() and window.pages.built == {}
    assert window.stack.currentWidget() is window.loading
    assert window.sidebar.currentItem().text() == "Work orders"
    assert window.current_key() == "workorders"
    # another page asked for meanwhile: the last one asked for is shown
    window.open_page("sla")
    runner.release("import workorders")
    assert window.stack.currentWidget() is window.loading and "workorders" not in window.pages.built
    runner.release("import sla")
    assert window.stack.currentWidget() is window.pages.built["sla"]
    assert window.sidebar.currentItem().text() == "SLA"
    # the other modules follow in the background; a page then opens at once
    emitted: list[bool] = []
    window.pages_imported.connect(lambda: emitted.append(True))
    runner.release("import pages")
    assert imported == set(window.pages)
    assert emitted == [True]  # the launcher freezes what start-up allocated then
    window.open_page("devices")
    assert window.stack.currentWidget() is window.pages.built["devices"]


class HeldTasks(SyncRunner):
    """Holds each task itself (its callbacks wired) until it is let go."""

    def __init__(self) -> None:
        super().__init__()
        self.held: dict[str, Callable[[], None]] = {}

    def run(self, fn: Callable[[TaskControl], Any], **kw: Any) -> Task:  # type: ignore[override]
        task = Task(kw.get("name", "task"))
        self._wire(task, kw.get("success"), kw.get("failure"), kw.get("progress"))
        self.held[task.name] = lambda: self._start(task, fn)
        return task


def _window_before_its_imports(
    services: Any, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, HeldTasks, list[bool]]:
    monkeypatch.setattr(PageInfo, "imported", lambda self: False)  # as in a fresh process
    runner = HeldTasks()
    settings = open_settings()
    settings.setValue("last_page", "workorders")
    actor = services.accounts.actor("wang.jianguo")
    window = MainWindow(UiContext(services, actor, runner, AppEvents(), settings))
    emitted: list[bool] = []
    window.pages_imported.connect(lambda: emitted.append(True))
    window.show()
    assert {"import workorders", "import pages"} <= set(runner.held)
    return window, runner, emitted


def test_pages_imported_after_the_window_closed_touch_nothing(
    demo_services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, runner, emitted = _window_before_its_imports(demo_services, monkeypatch)
    qtbot.addWidget(window)
    window.close()
    for name in ("import workorders", "import pages"):
        runner.held.pop(name)()  # the imports end after the close
    assert window.stack.currentWidget() is window.loading and window.pages.built == {}
    assert emitted == []


def test_pages_imported_after_the_window_was_deleted_touch_nothing(
    demo_services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    window, runner, emitted = _window_before_its_imports(demo_services, monkeypatch)
    window.deleteLater()  # as the tests' windows go, without a close
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for name in ("import workorders", "import pages"):
        runner.held.pop(name)()  # before: "QStackedWidget already deleted" in a slot
    assert emitted == []


BUILD_IN_A_FRESH_PROCESS = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.main_window import MainWindow
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import SyncRunner, Task

class Held(SyncRunner):  # nothing runs in the background: what did the GUI thread import?
    def run(self, fn, **kw):
        return Task(kw.get("name", "task"))

db = Database(sys.argv[1])
migrate.upgrade(db)
services = Services(db, secrets=SecretStore(MemoryKeyring()))
services.accounts.add_first_admin("root", "rootpass1")
ctx = UiContext(services, services.accounts.actor("root"), Held(), AppEvents(), open_settings())
window = MainWindow(ctx)
window.show()
app.processEvents()
print(sorted(m for m in sys.modules if m.startswith("pyqtgraph") or (
    m.startswith("ops_console.ui.pages.") and m.rsplit(".", 1)[1] not in ("base", "index"))))
"""


def test_building_the_window_imports_no_page_and_no_chart_library(tmp_path: Any) -> None:
    """In a fresh process the page modules and pyqtgraph took 2-4 s of the GUI thread."""
    done = subprocess.run(
        [sys.executable, "-c", BUILD_IN_A_FRESH_PROCESS, f"sqlite:///{tmp_path / 'ops.db'}"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
