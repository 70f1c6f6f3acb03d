"""What every page is given: services, the signed-in user, the task runner, events, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

from ..services.context import Actor
from .events import AppEvents
from .tasks import TaskRunner

if TYPE_CHECKING:
    from ..services.container import Services
    from .poller_thread import PollerController


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

    services: Services
    actor: Actor
    runner: TaskRunner
    events: AppEvents
    settings: QSettings
    cache: dict[str, Any] = field(default_factory=dict)
    poller: PollerController | None = None

    def categories(self) -> dict[str, tuple[str, str]]:
        """Device category names by code (cached: shipped data)."""
        categories: dict[str, tuple[str, str]] | None = self.cache.get("categories")
        if categories is None:
            categories = {code: (en, zh) for code, en, zh in self.services.inventory.categories()}
            self.cache["categories"] = categories
        return categories

    def load_names(self) -> None:
        """Read the category and community names into the cache (call it in the background,
        before a page shows them: the GUI thread then finds them there)."""
        self.categories()
        self.communities()

    def communities(self) -> list[str]:
        communities: list[str] | None = self.cache.get("communities")
        if communities is None:
            communities = [c.name for c in self.services.accounts.list_communities(self.actor)]
            self.cache["communities"] = communities
        return communities
