"""Care alerts for people: the Care page's list, acknowledging with a note, closing with the
outcome. A person event (SOS, fall, band removed) is never a repair work order.

Who sees what: the band, the building (the gateway's zone) and the location are shown only to
roles that look after residents (``care.ack``: liaisons, managers, admins); others see the
alert's kind, time and community.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...db import Session
from ...db.models import CareAlert, Device
from ...db.repos import accounts as accounts_repo
from ...db.repos import care as repo
from ...domain.errors import NotFound, ValidationError
from ...domain.text import check_text
from .. import audit
from ..context import Actor
from ..formats.json_fields import JsonFields

URGENT_KINDS = ("sos", "fall")  # these raise the console's banner until acknowledged
MAX_TEXT = 500


@dataclass(frozen=True)
class CareView(repo.CareViewRow, JsonFields):
    """A care alert as the Care page shows it (the fields of the repository's row).

    Attributes:
        band_id, zone, location: None for a role that may not see where the resident is.
        state: ``new`` (nobody acknowledged), ``acknowledged`` or ``closed``.
    """

    # the people by name (the logins above stay for the record and the CLI's JSON)
    acknowledged_by_name: str | None = None
    closed_by_name: str | None = None

    @property
    def state(self) -> str:
        if self.closed_at is not None:
            return "closed"
        return "acknowledged" if self.acknowledged_at is not None else "new"

    @property
    def urgent(self) -> bool:
        """An SOS or a fall nobody acknowledged yet: the banner stays up for it."""
        return self.kind in URGENT_KINDS and self.acknowledged_at is None


def may_see_where(actor: Actor) -> bool:
    """Whether the actor may see the band, building and location of a care alert."""
    return actor.can("care.ack")


def views(session: Session, actor: Actor, *, open_only: bool = False) -> list[CareView]:
    """The care alerts of the actor's communities, open ones first."""
    ids = None if actor.community_ids is None else sorted(actor.community_ids)
    rows = repo.care_view_rows(session, community_ids=ids, open_only=open_only)
    names = accounts_repo.display_names(
        session, [u for r in rows for u in (r.acknowledged_by, r.closed_by) if u]
    )
    hidden = {} if may_see_where(actor) else {"band_id": None, "zone": None, "location": None}
    return [
        CareView(
            **(vars(r) | hidden),
            acknowledged_by_name=names.get(r.acknowledged_by or "", r.acknowledged_by),
            closed_by_name=names.get(r.closed_by or "", r.closed_by),
        )
        for r in rows
    ]


def care_alert_for(session: Session, actor: Actor, care_id: int) -> CareAlert:
    """The care alert ``care_id``, once the actor may act on it (its device's community).

    Raises:
        NotFound: no such alert. PermissionDenied: not the actor's community.
    """
    c = repo.care_alert(session, care_id)
    if c is None:
        raise NotFound.of("no care alert {care_id}", care_id=care_id)
    device = session.get(Device, c.device_id)
    if device is None:  # deleted with its care alerts by a transaction that committed meanwhile
        raise NotFound.of("no care alert {care_id}", care_id=care_id)
    actor.require_community(device.community_id, device.community.name)
    return c


def close(session: Session, actor: Actor, care_id: int, outcome: str, now: datetime) -> None:
    """Close an acknowledged care alert with its outcome, in the caller's transaction (audited).

    Raises:
        ValidationError: no outcome, not acknowledged yet, or already closed.
        NotFound: no such alert. PermissionDenied: not the actor's community.
    """
    check_text(outcome, "outcome", multiline=True, max_length=MAX_TEXT)
    text = (outcome or "").strip()
    if not text:
        raise ValidationError.of(
            "care alert {care_id}: say what happened (the outcome) to close it", care_id=care_id
        )
    c = care_alert_for(session, actor, care_id)
    if c.closed_at is not None:
        raise ValidationError.of(
            "care alert {care_id} was already closed by {user}", care_id=care_id, user=c.closed_by
        )
    if c.acknowledged_at is None:
        raise ValidationError.of(
            "care alert {care_id} is not acknowledged yet: acknowledge it first (someone is "
            "looking after the resident), then close it with the outcome",
            care_id=care_id,
        )
    c.closed_at = now
    c.closed_by = actor.username
    c.outcome = text
    audit.record_stamp(
        session, now, actor, "care.close", "care_alert", c.id, "closed_at", outcome=text
    )
