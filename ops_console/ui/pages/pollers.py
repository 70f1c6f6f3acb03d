"""The Pollers page: every registered poller, its state and devices; a dead one is an alarm
("poller 湖滨-1 stopped 2 min ago; 3,400 devices taken over by 湖滨-2")."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHeaderView, QTreeWidgetItem

from ...services.pollers import PollerInfo
from .. import style
from ..context import UiContext
from ..i18n import N, tr
from ..poller_text import dead_text
from ..widgets import label as make_label
from ..widgets import local
from .base import Page, list_tree

STATES = {
    "running": N("running"),
    "late": N("late"),
    "dead": N("dead"),
    "stopped": N("stopped"),
}
STATE_COLOUR = {"dead": "bad", "late": "warn"}


class PollersPage(Page):
    key = "pollers"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.registry = ctx.services.pollers
        self.add_header(
            tr(
                "The pollers sharing the devices: a poller silent for 30 s is dead and "
                "the others take its devices over."
            )
        )
        self.alarm = make_label("", wrap=True)
        self.alarm.setAccessibleName(tr("Poller alarms"))
        self.alarm.setStyleSheet(f"color: {style.fg('bad').name()}; font-weight: bold")
        self.outer.addWidget(self.alarm)
        self.tree = list_tree(
            tr("Pollers"),
            [
                tr("Name"),
                tr("Host"),
                tr("Scope"),
                tr("State"),
                tr("Devices"),
                tr("Last heartbeat"),
                tr("Last cycle"),
            ],
        )
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.outer.addWidget(self.tree, 1)

    def refresh(self) -> None:
        actor = self.ctx.actor
        now = self.ctx.services.clock.now()
        self.in_background(
            "pollers",
            lambda: self.registry.list_pollers(actor, now),
            lambda rows: self.show_rows(rows, now),
        )

    def show_rows(self, rows: list[PollerInfo], now: datetime) -> None:
        self.tree.clear()
        for p in rows:
            cycle = p.last_cycle
            rate = cycle.get("rate")
            item = QTreeWidgetItem(
                [
                    p.name,
                    p.host,
                    p.scope if p.scope != "*" else tr("every device"),
                    tr(STATES.get(p.state, p.state)),
                    f"{p.devices:,}",
                    local(p.heartbeat_at, "%Y-%m-%d %H:%M:%S"),
                    tr("{n} results, {rate}/s").format(n=cycle.get("results", 0), rate=rate)
                    if rate is not None
                    else "",
                ]
            )
            colour = STATE_COLOUR.get(p.state)
            if colour:
                item.setForeground(3, QBrush(style.fg(colour)))
            self.tree.addTopLevelItem(item)
        alarms = [dead_text(p, now) for p in rows if p.alarm]
        self.alarm.setText("\n".join(alarms))
        self.alarm.setVisible(bool(alarms))
