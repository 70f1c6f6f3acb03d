"""What every page is given: services, the signed-in user, the task runner, events, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSettings

from ..services.context import Actor
from .events import AppEvents
from .tasks import TaskRunner


@dataclass
class UiContext:
    """The collaborators of the console's pages, built once by the launcher.

    Attributes:
        services: the :class:`~ops_console.services.container.Services`.
        actor: the signed-in user.
        runner: the background-task helper (a SyncRunner in tests).
        events: the app-wide events.
        settings: the console's QSettings.
        poller: the in-app PollerController (None where the app has none, e.g. tests).
    """

    services: Any
    actor: Actor
    runner: TaskRunner
    events: AppEvents
    settings: QSettings
    cache: dict[str, Any] = field(default_factory=dict)
    poller: Any = None

    def categories(self) -> dict[str, tuple[str, str]]:
        """Device category names by code (cached: shipped data)."""
        if "categories" not in self.cache:
            self.cache["categories"] = {
                code: (en, zh) for code, en, zh in self.services.inventory.categories()
            }
        return self.cache["categories"]

    def communities(self) -> list[str]:
        if "communities" not in self.cache:
            self.cache["communities"] = [
                c.name for c in self.services.accounts.list_communities(self.actor)
            ]
        return self.cache["communities"]
