"""Care alerts as the Care page reads them: open first, with the gateway's zone and location."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case
from sqlalchemy.orm import Session

from ..models import CareAlert, Community, Device, Zone
from . import named_rows, of_devices


@dataclass(frozen=True)
class CareViewRow:
    """A care alert with its gateway's tag, community, zone (building) and location
    (``services.monitoring.care.CareView`` is this row as a person may see it)."""

    id: int
    kind: str
    raised_at: datetime
    community: str
    community_id: int
    asset_tag: str
    band_id: str | None
    zone: str | None
    location: str | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    note: str | None
    closed_at: datetime | None
    closed_by: str | None
    outcome: str | None


# in the order of CareViewRow's fields
_VIEW_COLUMNS = (
    CareAlert.id,
    CareAlert.kind,
    CareAlert.raised_at,
    Community.name,
    Device.community_id,
    Device.asset_tag,
    CareAlert.band_id,
    Zone.name,
    Device.location,
    CareAlert.acknowledged_at,
    CareAlert.acknowledged_by,
    CareAlert.note,
    CareAlert.closed_at,
    CareAlert.closed_by,
    CareAlert.outcome,
)


def care_view_rows(
    session: Session,
    *,
    community_ids: Sequence[int] | None,
    open_only: bool = False,
    limit: int | None = 1000,
) -> list[CareViewRow]:
    """Care alerts, open ones first (not yet acknowledged before acknowledged), newest first.

    "Open" is not yet closed: an acknowledged alert stays open until its outcome is recorded.
    """
    stage = case(
        (CareAlert.closed_at.is_not(None), 2),
        (CareAlert.acknowledged_at.is_not(None), 1),
        else_=0,
    )
    q = of_devices(_VIEW_COLUMNS, CareAlert.device_id, community_ids, zone=True)
    if open_only:
        q = q.where(CareAlert.closed_at.is_(None))
    q = q.order_by(stage, CareAlert.raised_at.desc(), CareAlert.id.desc())
    return named_rows(session, q, lambda values: CareViewRow(*values), limit)


def care_alert(session: Session, care_id: int) -> CareAlert | None:
    return session.get(CareAlert, care_id)
