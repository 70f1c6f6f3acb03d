"""Queries over the audit chain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import AuditEntry, AuditHead


def lock_head(session: Session, genesis_hash: str) -> AuditHead:
    """Return the chain's head row, locked for this transaction (created on first use)."""
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if head is None:
        head = AuditHead(id=1, last_id=0, last_hash=genesis_hash)
        session.add(head)
        session.flush()
    return head


def head(session: Session) -> AuditHead | None:
    return session.get(AuditHead, 1)


def iter_entries(session: Session, batch: int = 2000) -> Iterator[AuditEntry]:
    """Yield every entry in chain order, a batch at a time (keyset pagination)."""
    last = 0
    while True:
        rows = (
            session.execute(
                select(AuditEntry).where(AuditEntry.id > last).order_by(AuditEntry.id).limit(batch)
            )
            .scalars()
            .all()
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].id
        session.expunge_all()


def page(
    session: Session,
    *,
    after_id: int | None = None,
    limit: int = 200,
    actor: str | None = None,
    entity: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[AuditEntry]:
    """Return a page of entries, newest first, older than ``after_id``."""
    q = select(AuditEntry)
    if after_id is not None:
        q = q.where(AuditEntry.id < after_id)
    if actor:
        q = q.where(AuditEntry.actor == actor)
    if entity:
        q = q.where(AuditEntry.entity == entity)
    if action:
        q = q.where(AuditEntry.action.like(f"{action}%"))
    if since is not None:
        q = q.where(AuditEntry.at >= since)
    if until is not None:
        q = q.where(AuditEntry.at < until)
    return list(session.execute(q.order_by(AuditEntry.id.desc()).limit(limit)).scalars())


def count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())
