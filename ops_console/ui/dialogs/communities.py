"""The Communities page's dialogs: a new community, a zone for an existing one, the office's
phone. The rules are the accounts service's (as for ``ops-console communities``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from ...domain.clock import DEFAULT_TIMEZONE
from ...services.accounts.service import CommunityInfo
from ..context import UiContext
from ..i18n import tr
from .form import ServiceForm, line_edit, required


def zone_names(text: str) -> list[str]:
    """Zones typed one per line (or separated by commas), blanks dropped."""
    return [z.strip() for line in text.splitlines() for z in line.replace("，", ",").split(",")
            if z.strip()]  # fmt: skip


class NewCommunityDialog(ServiceForm):
    """Add a community with its zones, time zone and office phone.

    Attributes:
        result_value: the new CommunityInfo, once accepted.
    """

    conflict_closes = False  # a name taken already: said in the form

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            tr("New community"),
            tr("Devices, work orders, contracts and people's reach name the community."),
            tr("&Add community"),
            parent,
        )
        self.name = self.add(tr("&Name:"), line_edit(max_length=100, placeholder=tr("e.g. 湖滨")))
        self.name_en = self.add(tr("&English name:"), line_edit(max_length=100))
        self.timezone = self.add(tr("&Time zone:"), line_edit(DEFAULT_TIMEZONE))
        self.phone = self.add(tr("Office &phone:"), line_edit(placeholder="021-50801234"))
        self.zones = self.add(tr("&Zones:"), QPlainTextEdit())
        self.zones.setPlaceholderText(tr("One per line: 1幢, 北门, 地下车库B1…"))
        self.zones.setFixedHeight(110)
        self.ready(required(self.name, tr("Enter the community's name.")), self._submit)

    def _submit(self) -> Callable[[], CommunityInfo]:
        accounts, actor = self.ctx.services.accounts, self.ctx.actor
        name, name_en = self.name.text().strip(), self.name_en.text().strip() or None
        timezone, phone = self.timezone.text().strip(), self.phone.text().strip() or None
        zones = zone_names(self.zones.toPlainText())
        return lambda: accounts.add_community(
            actor, name, zones=zones, timezone=timezone, name_en=name_en, phone=phone
        )


class ZoneDialog(ServiceForm):
    """Add a zone to an existing community.

    Attributes:
        result_value: the CommunityInfo with the new zone, once accepted.
    """

    conflict_closes = False

    def __init__(
        self, ctx: UiContext, community: CommunityInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            tr("New zone in {community}").format(community=community.name),
            tr("Zones now: {zones}").format(zones="、".join(community.zones) or tr("none")),
            tr("&Add zone"),
            parent,
        )
        self.community = community
        self.zone = self.add(tr("&Zone:"), line_edit(max_length=100, placeholder=tr("e.g. 11幢")))
        self.ready(required(self.zone, tr("Enter the zone's name.")), self._submit)

    def _submit(self) -> Callable[[], CommunityInfo]:
        accounts, actor = self.ctx.services.accounts, self.ctx.actor
        community, zone = self.community.name, self.zone.text().strip()
        return lambda: accounts.add_zone(actor, community, zone)


class PhoneDialog(ServiceForm):
    """Set the community office's phone number (printed on resident notices).

    Attributes:
        result_value: the CommunityInfo with the number, once accepted.
    """

    def __init__(
        self, ctx: UiContext, community: CommunityInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            tr("Office phone of {community}").format(community=community.name),
            tr(
                "Residents call this number; every resident notice prints it. A mobile "
                "(13912345678) or a landline with its area code (021-50801234)."
            ),
            tr("&Save"),
            parent,
        )
        self.community = community
        self.phone = self.add(tr("Office &phone:"), line_edit(community.phone or ""))
        self.ready(required(self.phone, tr("Enter the number.")), self._submit)

    def _submit(self) -> Callable[[], CommunityInfo]:
        accounts, actor = self.ctx.services.accounts, self.ctx.actor
        community, phone = self.community.name, self.phone.text().strip()
        return lambda: accounts.set_community_phone(actor, community, phone)
