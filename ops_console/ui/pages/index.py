"""The window's pages in sidebar order: what the sidebar shows of each and who may see it,
known without importing the pages' modules.

Importing every page module took the GUI thread 2-4 s when the window was built (pyqtgraph for
the dashboard's charts, reportlab behind the audit words, the services behind the pages): the
window now builds its sidebar from this table, imports a page's module the first time the page
is opened, in the background, and the others in the background after it is shown. A page class
takes its title, icon and sidebar place from here by its ``key`` (``Page.__init_subclass__``).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...domain.lifecycle import Role
from ...services.context import Actor
from ..i18n import N

PACKAGE = __name__.rsplit(".", 1)[0]


def _can(*permissions: str) -> Callable[[Actor], bool]:
    return lambda actor: all(actor.can(p) for p in permissions)


_READ = _can("read")


def _plans(actor: Actor) -> bool:
    return actor.can("read") and actor.role != Role.TECHNICIAN


@dataclass(frozen=True)
class PageInfo:
    """One page of the window.

    Attributes:
        key: the page's name in settings and in ``open_page``.
        module: its module under ``ops_console.ui.pages``.
        cls: its class's name there.
        title: its sidebar label (marked with N, translated when shown).
        icon_name: an SVG in resources/icons.
        visible_for: whether a signed-in person sees the page at all.
        in_sidebar: False for a page opened from another (a device's detail).
        parent: for a page outside the sidebar, the sidebar entry highlighted while it shows.
    """

    key: str
    module: str
    cls: str
    title: str
    icon_name: str
    visible_for: Callable[[Actor], bool] = _READ
    in_sidebar: bool = True
    parent: str | None = None

    @property
    def module_name(self) -> str:
        return f"{PACKAGE}.{self.module}"

    def imported(self) -> bool:
        """Whether the page's module is imported already (building it then costs no import)."""
        return self.module_name in sys.modules

    def load(self) -> type[Any]:
        """The page's class, a ``Page`` (importing its module the first time: safe in any
        thread; the modules here import this one, so the type is not named)."""
        cls: type[Any] = getattr(importlib.import_module(self.module_name), self.cls)
        return cls


PAGES: tuple[PageInfo, ...] = (
    PageInfo("dashboard", "dashboard", "DashboardPage", N("Dashboard"), "dashboard"),
    PageInfo("devices", "devices", "DevicesPage", N("Devices"), "devices"),
    PageInfo("alarms", "alarms", "AlarmsPage", N("Alarms"), "alarms"),
    # liaisons, managers and admins look after residents
    PageInfo("care", "care", "CarePage", N("Care alerts"), "care", _can("care.ack")),
    PageInfo("pollers", "pollers", "PollersPage", N("Pollers"), "devices"),
    PageInfo("workorders", "workorders", "WorkOrdersPage", N("Work orders"), "workorders"),
    PageInfo("plans", "plans", "PlansPage", N("Plans"), "workorders", _plans),
    PageInfo("sla", "sla", "SlaPage", N("SLA"), "sla"),
    PageInfo("training", "training", "TrainingPage", N("Training"), "training"),
    PageInfo("reports", "reports", "ReportsPage", N("Reports"), "reports", _can("report.print")),
    PageInfo("audit", "audit", "AuditPage", N("Audit"), "audit", _can("audit.read")),
    PageInfo("users", "users", "UsersPage", N("Users"), "users", _can("users.write")),
    PageInfo(
        "communities",
        "communities",
        "CommunitiesPage",
        N("Communities"),
        "communities",
        _can("community.write"),
    ),
    PageInfo(
        "contracts",
        "contracts",
        "ContractsPage",
        N("Contracts"),
        "contracts",
        _can("contract.write"),
    ),
    PageInfo(
        "credentials",
        "credentials",
        "CredentialsPage",
        N("Credentials"),
        "credentials",
        _can("credentials.write"),
    ),
    # suggests devices and stores them: an administrator's task (with the credentials)
    PageInfo(
        "discovery",
        "discovery",
        "DiscoveryPage",
        N("Discovery"),
        "discovery",
        _can("credentials.write", "inventory.write"),
    ),
    PageInfo("settings", "settings", "SettingsPage", N("Settings"), "settings"),
    PageInfo(
        "device_detail",
        "device_detail",
        "DeviceDetailPage",
        N("Device"),
        "device",
        in_sidebar=False,
        parent="devices",
    ),
)

BY_KEY = {p.key: p for p in PAGES}
