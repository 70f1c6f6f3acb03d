"""The Work orders page."""

from __future__ import annotations

from ..i18n import N, tr
from ..widgets import EmptyState, PageHeader
from .base import Page


class WorkOrdersPage(Page):
    key = "workorders"
    title = N("Work orders")
    icon_name = "workorders"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.outer.addWidget(PageHeader(tr(self.title)))
        self.outer.addWidget(EmptyState(tr("Not available yet"), "", self.icon_name), 1)
