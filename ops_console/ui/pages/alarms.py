"""The Alarms page."""

from __future__ import annotations

from ..i18n import N, tr
from ..widgets import EmptyState, PageHeader
from .base import Page


class AlarmsPage(Page):
    key = "alarms"
    title = N("Alarms")
    icon_name = "alarms"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.outer.addWidget(PageHeader(tr(self.title)))
        self.outer.addWidget(EmptyState(tr("Not available yet"), "", self.icon_name), 1)
