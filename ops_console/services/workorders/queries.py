"""Reading work orders: one in full, the lists a user sees (a technician their own, a liaison
their communities'), and the orders of a report's period."""

from __future__ import annotations

import builtins
from datetime import datetime

from ...db.repos import workorder_rows as row_repo
from ...db.repos import workorders as repo
from ...domain import lifecycle
from ...domain.errors import NotFound, ValidationError
from ...domain.lifecycle import Role
from ..accounts import community_ids
from ..context import Actor
from .base import WorkOrderBase
from .views import PeriodOrder, WorkOrderInfo, WorkOrderRow


class QueryCalls(WorkOrderBase):
    """Read-only calls of the work-order service."""

    def get(self, actor: Actor, number: str) -> WorkOrderInfo:
        """Return one work order with its history (contacts only for those allowed)."""
        actor.require("read")
        with self.db.read() as s:
            return self._info(s, actor, self._load(s, actor, number))

    @staticmethod
    def _own(actor: Actor) -> int | None:
        """A technician's user id (-1 without one): they see only their own work orders."""
        return (actor.user_id or -1) if actor.role == Role.TECHNICIAN else None

    def list(
        self,
        actor: Actor,
        *,
        status: str | None = None,
        open_only: bool = False,
        community: str | None = None,
        assignee: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[WorkOrderRow]:
        """Return the work orders the actor may see, newest first.

        A technician sees the work orders assigned to them; a liaison those of their communities.
        """
        actor.require("read")
        if status is not None and status not in [s.value for s in lifecycle.Status]:
            raise ValidationError.of("--status: unknown status {status!r}", status=status)
        with self.db.read() as s:
            ids = community_ids(s, actor, community)
            assignee_id = self._own(actor)
            if assignee_id is None and assignee:
                u = repo.users_by_names(s, [assignee]).get(assignee)
                if u is None:
                    raise NotFound.of("no user named {assignee!r}", assignee=assignee)
                assignee_id = u.id
            statuses = [status] if status else (list(repo.OPEN_STATUSES) if open_only else None)
            return row_repo.order_rows(
                s,
                WorkOrderRow,
                community_ids=ids,
                assignee_id=assignee_id,
                statuses=statuses,
                limit=limit,
                offset=offset,
            )

    def close_needs_override(self, actor: Actor, number: str) -> bool:
        """Whether the actor's close of this order would be an override (a manager or admin,
        in a community that has a liaison): the form then asks for a written reason."""
        actor.require("read")
        if actor.role not in (Role.MANAGER, Role.ADMIN):
            return False
        with self.db.read() as s:
            wo = self._load(s, actor, number)
            return bool(repo.community_liaisons(s, wo.community_id))

    def awaiting_verification(self, actor: Actor) -> dict[str, int]:
        """Resolved work orders waiting for the liaison's verification, by community name.

        Every community the actor sees is listed, with 0 when nothing waits (a dashboard tile
        per community). A technician sees only their own orders, so their queue is empty.
        """
        actor.require("read")
        with self.db.read() as s:
            ids = community_ids(s, actor, None)
            names = {c.id: c.name for c in repo.communities_by_name(s).values()}
            visible = sorted(names) if ids is None else ids
            counts = {} if actor.role == Role.TECHNICIAN else repo.awaiting_verification(s, ids)
            return {names[cid]: counts.get(cid, 0) for cid in visible if cid in names}

    def period_summary(
        self, actor: Actor, start: datetime, end: datetime, community: str | None = None
    ) -> builtins.list[PeriodOrder]:
        """Return the work orders created in [start, end) that the actor may see, oldest first.

        Read-only; the same visibility as :meth:`list` (a liaison's communities, a
        technician's own work orders).
        """
        actor.require("read")
        if start.tzinfo is None or end.tzinfo is None:
            raise ValidationError.of("period: times need a time zone offset")
        if end <= start:
            raise ValidationError.of("period: the end is not after the start")
        with self.db.read() as s:
            ids = community_ids(s, actor, community)
            return repo.period_orders(
                s, start, end, community_ids=ids, assignee_id=self._own(actor)
            )
