"""The hand-over of alarms to work orders, and telling work orders that an alarm
cleared ("device recovered"): claimed when due, recorded, retried."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from ...models import Alarm
from .rows import HandoverFacts


def _handover_due(now: datetime) -> ColumnElement[bool]:
    return and_(
        Alarm.handover_status == "pending",
        or_(Alarm.handover_next_at.is_(None), Alarm.handover_next_at <= now),
    )


def claim_handovers(
    session: Session, now: datetime, lease_until: datetime, limit: int
) -> list[int]:
    """Claim up to ``limit`` alarms whose hand-over is due: move their ``handover_next_at`` to
    ``lease_until`` and return their ids, oldest first.

    The UPDATE re-checks the due condition row by row, so of two pollers claiming at once
    (PostgreSQL re-reads a row another transaction changed before updating it; SQLite runs
    one writer at a time) only one gets each alarm.
    """
    return _claim(session, _handover_due(now), {"handover_next_at": lease_until}, limit)


def record_handover(session: Session, alarm_id: int, values: Mapping[str, Any]) -> bool:
    """Record a hand-over attempt on a still pending alarm (``handover_attempts`` + 1);
    False when the alarm is gone or no longer pending (another poller recorded it first)."""
    return _record(session, alarm_id, Alarm.handover_status, Alarm.handover_attempts, values)


def handover_facts(session: Session, alarm_id: int) -> HandoverFacts | None:
    """When an alarm cleared, its work order and when it was handed over; None: no such alarm."""
    q = select(Alarm.cleared_at, Alarm.work_order_id, Alarm.handed_over_at).where(
        Alarm.id == alarm_id
    )
    row = session.connection().execute(q).first()
    return None if row is None else HandoverFacts._make(row)


def _recovery_due(now: datetime) -> ColumnElement[bool]:
    # a cleared alarm still waiting for its hand-over is told once handed over, not before
    return and_(
        Alarm.recovery_status == "pending",
        Alarm.handover_status == "done",
        or_(Alarm.recovery_next_at.is_(None), Alarm.recovery_next_at <= now),
    )


def claim_recoveries(
    session: Session, now: datetime, lease_until: datetime, limit: int
) -> list[int]:
    """Claim up to ``limit`` cleared alarms whose "device recovered" notice is due, as
    :func:`claim_handovers` does: of two pollers claiming at once only one gets each alarm."""
    return _claim(session, _recovery_due(now), {"recovery_next_at": lease_until}, limit)


def record_recovery(session: Session, alarm_id: int, values: Mapping[str, Any]) -> bool:
    """Record an attempt to tell the work order on a still pending alarm
    (``recovery_attempts`` + 1); False when the alarm is gone or no longer pending."""
    return _record(session, alarm_id, Alarm.recovery_status, Alarm.recovery_attempts, values)


def _claim(
    session: Session, due: ColumnElement[bool], lease: Mapping[str, datetime], limit: int
) -> list[int]:
    """Claim up to ``limit`` alarms that are ``due``, oldest first: set their next attempt to
    ``lease`` (column → time) and return their ids. The UPDATE re-checks ``due`` row by row,
    so of two pollers claiming at once only one gets each alarm."""
    ids = list(
        session.execute(select(Alarm.id).where(due).order_by(Alarm.id).limit(limit)).scalars()
    )
    if not ids:
        return []
    got = session.execute(
        update(Alarm)
        .where(Alarm.id.in_(ids), due)
        .values(lease)
        .returning(Alarm.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(got.scalars())


def _record(
    session: Session,
    alarm_id: int,
    status: InstrumentedAttribute[str] | InstrumentedAttribute[str | None],
    attempts: InstrumentedAttribute[int],
    values: Mapping[str, Any],
) -> bool:
    """Count an attempt (``attempts`` + 1) and write ``values`` on the alarm while its
    ``status`` is still pending; False when it is gone or no longer pending."""
    got = session.execute(
        update(Alarm)
        .where(Alarm.id == alarm_id, status == "pending")
        .values({attempts: attempts + 1, **values})
        .execution_options(synchronize_session=False)
    )
    return bool(got.rowcount)  # type: ignore[attr-defined]
