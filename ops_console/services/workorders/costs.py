"""Parts and labour on a work order: what the maintenance report costs. A technician records
them on their own work orders; once closed or cancelled they are final."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TypeAlias

from ...db import Session
from ...db.models import WorkOrder, WorkOrderPart
from ...db.repos import workorders as repo
from ...domain import bounds
from ...domain.errors import PermissionDenied, TransitionRefused, ValidationError
from ...domain.lifecycle import Role
from ...domain.text import check_text
from .. import audit
from ..context import Actor
from .base import WorkOrderBase
from .core import FINAL
from .views import WorkOrderInfo

Part: TypeAlias = tuple[str, Decimal, Decimal]
"""A checked part: name, quantity, unit cost."""


def check_part(name: str, quantity: object, unit_cost: object) -> Part:
    """Check a part before anything is written.

    Raises:
        ValidationError: a missing or long name, a quantity or cost that is not a number,
            a quantity not above zero or a negative cost.
    """
    name = (name or "").strip()
    check_text(name, "part")
    if not name or len(name) > 200:
        raise ValidationError.of("part: name 1-200 characters")
    qty = bounds.decimal(quantity, "part: quantity", high=bounds.QUANTITY_MAX)
    cost = bounds.decimal(unit_cost, "part: unit cost")
    if qty <= 0:
        raise ValidationError.of("part: quantity must be positive and unit cost not negative")
    return name, qty, cost


def append_part(s: Session, wo: WorkOrder, part: Part, *, at: datetime, actor: str) -> None:
    """Add a checked part to the work order inside the caller's transaction, audited."""
    name, qty, cost = part
    wo.parts.append(WorkOrderPart(name=name, quantity=qty, unit_cost=cost))
    wo.updated_at = at
    repo.touch(wo)  # a part changes the order: its version moves on
    audit.record(
        s,
        at,
        actor,
        "workorder.part",
        "work_order",
        wo.number,
        after={"part": name, "quantity": qty, "unit_cost": cost},
    )


class CostCalls(WorkOrderBase):
    """Recording parts and labour."""

    def add_part(
        self,
        actor: Actor,
        number: str,
        name: str,
        quantity: object,
        unit_cost: object,
        *,
        version: int | None = None,
    ) -> WorkOrderInfo:
        """Record a part used (name, quantity, unit cost)."""
        actor.require("workorder.parts")
        part = check_part(name, quantity, unit_cost)
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load_for_costs(s, actor, number, version)
            append_part(s, wo, part, at=now, actor=actor.username)
            return self._save(s, actor, wo)

    def set_labour(
        self, actor: Actor, number: str, minutes: int, *, version: int | None = None
    ) -> WorkOrderInfo:
        """Set the labour minutes spent."""
        actor.require("workorder.parts")
        bounds.whole(minutes, "labour minutes", 0, bounds.MINUTES_MAX)
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load_for_costs(s, actor, number, version)
            before = wo.labour_minutes
            wo.labour_minutes = minutes
            wo.updated_at = now
            audit.record(
                s,
                now,
                actor,
                "workorder.labour",
                "work_order",
                number,
                before={"labour_minutes": before},
                after={"labour_minutes": minutes},
            )
            return self._save(s, actor, wo)

    def _load_for_costs(
        self, s: Session, actor: Actor, number: str, version: int | None
    ) -> WorkOrder:
        """Load a work order whose parts and labour the actor may still change."""
        wo = self._load(s, actor, number, version)
        if actor.role == Role.TECHNICIAN and wo.assignee_id != actor.user_id:
            raise PermissionDenied.of(
                "a technician may record parts only on work orders assigned to them"
            )
        if wo.status in FINAL:
            raise TransitionRefused.of(
                "{number} is {status}: parts and labour are final",
                number=wo.number,
                status=wo.status,
            )
        return wo
