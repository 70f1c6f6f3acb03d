"""The Communities page (administrators): communities with their zones and office phone; add
a community, add a zone to one that exists, set the office's phone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...services.accounts.service import CommunityInfo
from ..context import UiContext
from ..i18n import N, tr
from ..models.records import RecordsModel
from .records import RecordsPage

COLUMNS = (N("Community"), N("English name"), N("Time zone"), N("Office phone"), N("Zones"))
NAME, NAME_EN, TIMEZONE, PHONE, ZONES = range(len(COLUMNS))


def _text(c: CommunityInfo, col: int) -> str:
    values = (c.name, c.name_en or "", c.timezone, c.phone or "", "、".join(c.zones))
    return values[col]


class CommunitiesPage(RecordsPage[CommunityInfo]):
    key = "communities"

    def __init__(self, ctx: UiContext) -> None:
        model: RecordsModel[CommunityInfo] = RecordsModel(
            COLUMNS,
            _text,
            tooltip=lambda c, col: "\n".join(c.zones) if col == ZONES and c.zones else None,
            key=lambda c: c.name,
        )
        super().__init__(
            ctx,
            tr(
                "The communities the console serves and their zones (buildings, gates, "
                "plant rooms). A zone can be added to a community at any time."
            ),
            model,
            tr("Communities"),
        )
        self.new_button = self.button(tr("&New community…"), self.new_community, primary=True)
        self.zone_button = self.button(tr("Add &zone…"), self.add_zone)
        self.phone_button = self.button(tr("Office &phone…"), self.set_phone)
        self.view.doubleClicked.connect(lambda _i: self.add_zone())
        self.selection_changed()

    def load(self) -> Sequence[CommunityInfo]:
        return self.ctx.services.accounts.list_communities(self.ctx.actor)

    def selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.zone_button.setEnabled(chosen)
        self.phone_button.setEnabled(chosen)

    def saved(self, record: CommunityInfo) -> None:
        super().saved(record)
        # the names other pages' filters show (never read on the GUI thread)
        self.ctx.cache["communities"] = sorted(r.name for r in self.model.rows)

    def new_community(self) -> Any:
        from ..dialogs.communities import NewCommunityDialog

        return self.open_form(NewCommunityDialog(self.ctx, self))

    def add_zone(self) -> Any:
        from ..dialogs.communities import ZoneDialog

        c = self.selected()
        return None if c is None else self.open_form(ZoneDialog(self.ctx, c, self))

    def set_phone(self) -> Any:
        from ..dialogs.communities import PhoneDialog

        c = self.selected()
        return None if c is None else self.open_form(PhoneDialog(self.ctx, c, self))
