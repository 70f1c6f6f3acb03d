"""The GUI never reads the database itself (#17): every page, for every demo role that sees
it, is built and activated with a runner that holds the background tasks, and no statement
may run on the GUI thread meanwhile (over a remote database each is a round trip that
freezes the window)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.pages.index import PAGES
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import SyncRunner, Task

# one demo person per console role
ROLES = {
    "admin": "admin",
    "manager": "wang.jianguo",
    "liaison": "chen.jing",
    "technician": "zhang.wei",
    "auditor": "zhou.min",
}
# what a page is opened with (a device's detail needs its device)
FILTERS: dict[str, dict[str, Any]] = {"device_detail": {"tag": "HB-GATE-003"}}


class Held(SyncRunner):
    """Keeps every background task without running it: what the GUI thread does alone."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[str] = []

    def run(self, fn: Any, *, success: Any = None, **kw: Any) -> Task:
        self.held.append(str(kw.get("name")))
        return Task("held")


@pytest.fixture
def gui_statements(demo_services: Any) -> Iterator[list[str]]:
    """The statements executed on the GUI thread (this one) while the fixture is in use."""
    gui = threading.get_ident()
    sql: list[str] = []

    def listener(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if threading.get_ident() == gui:
            sql.append(statement)

    engine = demo_services.db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield sql
    finally:
        event.remove(engine, "before_cursor_execute", listener)


CASES = [
    pytest.param(info, username, id=f"{info.key}-{role}")
    for info in PAGES
    for role, username in ROLES.items()
]


@pytest.mark.parametrize(("info", "username"), CASES)
def test_a_page_reads_nothing_on_the_gui_thread(
    info: Any, username: str, demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    actor = demo_services.accounts.actor(username)
    if not info.visible_for(actor):
        pytest.skip(f"{username} does not see {info.key}")
    cls = info.load()
    ctx = UiContext(demo_services, actor, Held(), AppEvents(), open_settings())
    gui_statements.clear()  # the test's own sign-in above; from here on, the page's
    page = cls(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate(FILTERS.get(info.key))
    qtbot.wait(20)  # whatever the page deferred to the event loop
    assert gui_statements == [], f"{info.key} as {username}: {gui_statements}"
