"""UI fixtures: a signed-in main window over the demo, with a synchronous task runner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ops_console.ui import widgets
from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.i18n import set_language
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import SyncRunner


@pytest.fixture(autouse=True)
def _no_popups(qapp: Any) -> Iterator[list[str]]:
    widgets.NO_POPUPS["on"] = True
    widgets.NO_POPUPS["last"] = []
    set_language("en")
    yield widgets.NO_POPUPS["last"]
    set_language("en")


@pytest.fixture
def popups(_no_popups: list[str]) -> list[str]:
    return _no_popups


def make_ctx(services: Any, username: str) -> UiContext:
    actor = services.accounts.actor(username)
    return UiContext(services, actor, SyncRunner(), AppEvents(), open_settings())


@pytest.fixture
def ctx_for(demo_services: Any) -> Any:
    return lambda username: make_ctx(demo_services, username)


@pytest.fixture
def window_for(demo_services: Any, qtbot: Any) -> Any:
    from ops_console.ui.main_window import MainWindow

    def build(username: str = "admin") -> MainWindow:
        w = MainWindow(make_ctx(demo_services, username))
        qtbot.addWidget(w)
        w.show()
        return w

    return build
