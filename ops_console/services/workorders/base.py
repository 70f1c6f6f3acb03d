"""What every part of the work-order service shares: its database, clock and contact cipher,
loading a work order the actor may see (at the version they saw), and returning it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...db import Session
from ...db.engine import Database
from ...db.models import WorkOrder
from ...db.repos import workorders as repo
from ...domain import lifecycle
from ...domain.clock import Clock
from ...domain.errors import Conflict, NotFound, PermissionDenied
from ...domain.lifecycle import Role
from ..base import ServiceBase
from ..context import Actor
from .contacts import ContactCipher, may_see_contact
from .views import WorkOrderInfo, info_of

if TYPE_CHECKING:
    from ...secrets import SecretStore


class WorkOrderBase(ServiceBase):
    """The state and the helpers the work-order service's parts are built on."""

    def __init__(self, db: Database, clock: Clock, secrets: SecretStore | None = None) -> None:
        super().__init__(db, clock)
        self.secrets = secrets
        self.contacts = ContactCipher(secrets)

    may_see_contact = staticmethod(may_see_contact)

    def _load(self, s: Session, actor: Actor, number: str, version: int | None = None) -> WorkOrder:
        wo = repo.by_number(s, number)
        if wo is None:
            raise NotFound.of("no work order {number}", number=number)
        if not self._visible(actor, wo):
            raise PermissionDenied.of(
                "{username} may not see work order {number}", username=actor.username, number=number
            )
        if version is not None and version != wo.version:
            raise Conflict.of(
                "{number} was changed by someone else (now version {version}, yours {yours}); "
                "reload it and try again",
                number=number,
                version=wo.version,
                yours=version,
            )
        return wo

    @staticmethod
    def _visible(actor: Actor, wo: WorkOrder) -> bool:
        if not actor.sees_community(wo.community_id):
            return False
        return not (actor.role == Role.TECHNICIAN and wo.assignee_id != actor.user_id)

    def _info(self, s: Session, actor: Actor, wo: WorkOrder) -> WorkOrderInfo:
        contact = None
        if wo.resident_contact_enc and may_see_contact(actor, wo):
            contact = self.contacts.decrypt(s, wo)
        return info_of(s, wo, contact)

    def _save(self, s: Session, actor: Actor, wo: WorkOrder) -> WorkOrderInfo:
        repo.flush_or_conflict(s, wo.number)
        return self._info(s, actor, wo)

    def _check(self, actor: Actor, wo: WorkOrder, action: str) -> None:
        lifecycle.check_role(actor.role, action, is_assignee=wo.assignee_id == actor.user_id)
