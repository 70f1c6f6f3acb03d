"""Who gets a work order: the certification rule for a chosen technician (a manager may
override it with a written reason) and automatic dispatch (the certified technician of the
contract with the fewest open work orders; cleaning orders to the collection team)."""

from __future__ import annotations

from datetime import date, datetime

from ...db import Session
from ...db.models import Contract, User, WorkOrder
from ...db.repos import workorders as repo
from ...domain.errors import TransitionRefused
from ...domain.messages import Msg
from ..training import certification
from .core import apply_action

CERTIFIED = ("valid", "expiring")


def needs_certification(wo: WorkOrder) -> bool:
    """Whether the certification rule applies: a device's repair or inspection, not cleaning."""
    return wo.device is not None and wo.kind != "cleaning"


def certification_override(
    session: Session,
    wo: WorkOrder,
    user: User,
    override_reason: str | None,
    today: date,
) -> str | None:
    """Check the certification rule for assigning ``wo`` to ``user``; return the override
    reason to record (None when the rule is met or does not apply).

    Raises:
        TransitionRefused: not certified and no written reason; the caller still has to check
            that the actor may override.
    """
    override = (override_reason or "").strip() or None
    if wo.device is None or not needs_certification(wo):
        return None
    category = wo.device.category_code
    status = certification(session, [user.id], category, today)[user.id]
    if status in CERTIFIED:
        return None  # certified: nothing to override
    if override is None:
        raise TransitionRefused.of(
            "{number}: {assignee} holds no valid certification for {category} "
            "({certification}); a manager may assign anyway with a written "
            "reason (--override-reason)",
            number=wo.number,
            assignee=user.username,
            category=category,
            certification=status,
        )
    return override


def pick_assignee(session: Session, wo: WorkOrder, today: date) -> tuple[User, int | None] | None:
    """Choose who gets a work order automatically; return (user, team organization id).

    Cleaning orders go to the collection team serving the community; other orders to the
    technician of the contract's firm, certified for the device's category, holding the
    fewest open work orders (ties: by user name).
    """
    if wo.kind == "cleaning":
        candidates = repo.staff(session, organization_kind="collection_team")
    else:
        firm_id = None
        if wo.contract_id is not None:
            contract = session.get(Contract, wo.contract_id)
            firm_id = contract.firm_id if contract is not None else None
        candidates = repo.staff(session, organization_id=firm_id)
    candidates = [
        u
        for u in candidates
        if not u.communities or wo.community_id in {c.id for c in u.communities}
    ]
    if needs_certification(wo) and wo.device is not None and candidates:
        status = certification(session, [u.id for u in candidates], wo.device.category_code, today)
        candidates = [u for u in candidates if status[u.id] in CERTIFIED]
    if not candidates:
        return None
    counts = repo.active_counts(session, [u.id for u in candidates])
    best = min(candidates, key=lambda u: (counts[u.id], u.username))
    return best, (best.organization_id if wo.kind == "cleaning" else None)


def dispatch_automatically(
    session: Session, wo: WorkOrder, action: str, *, at: datetime, actor: str, today: date
) -> User | None:
    """Assign (or reassign) to :func:`pick_assignee`'s choice, noted "automatic dispatch";
    return who got it, or None (nothing changed) when nobody qualifies."""
    picked = pick_assignee(session, wo, today)
    if picked is None:
        return None
    user, team_id = picked
    if team_id is not None:
        wo.team_id = team_id
    apply_action(
        session,
        wo,
        action,
        at=at,
        actor=actor,
        assignee_id=user.id,
        note=Msg("workorder.dispatched"),
        audit_extra={"assignee": user.username, "automatic": True},
    )
    return user
