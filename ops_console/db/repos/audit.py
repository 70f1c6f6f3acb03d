"""Queries over the audit chain."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypedDict, Unpack

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from ..models import AuditArchive, AuditEntry, AuditHead


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


def has_entry(session: Session, *, actor: str, action: str) -> bool:
    """Whether the chain in the database holds an entry by ``actor`` doing ``action``."""
    found = session.execute(
        select(AuditEntry.id).where(AuditEntry.actor == actor, AuditEntry.action == action).limit(1)
    ).first()
    return found is not None


def head(session: Session) -> AuditHead | None:
    return session.get(AuditHead, 1)


def iter_entries(
    session: Session, batch: int = 2000, *, after: int = 0, through: int | None = None
) -> Iterator[AuditEntry]:
    """Yield the entries with ``after < id <= through`` in chain order, a batch at a time."""
    last = after
    while True:
        q = select(AuditEntry).where(AuditEntry.id > last)
        if through is not None:
            q = q.where(AuditEntry.id <= through)
        rows = session.execute(q.order_by(AuditEntry.id).limit(batch)).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id
        session.expunge_all()


class AuditFilters(TypedDict, total=False):
    """Which entries a page holds; each one given (not None or "") narrows it."""

    actor: str | None
    entity: str | None
    action: str | None  # the action's start: "workorder." keeps every work-order action
    since: datetime | None
    until: datetime | None


# the entries each filter keeps, given its value
_KEEPS: dict[str, Callable[[Any], ColumnElement[bool]]] = {
    "actor": lambda actor: AuditEntry.actor == actor,
    "entity": lambda entity: AuditEntry.entity == entity,
    "action": lambda action: AuditEntry.action.like(f"{action}%"),
    "since": lambda since: AuditEntry.at >= since,
    "until": lambda until: AuditEntry.at < until,
}


def page(
    session: Session,
    *,
    after_id: int | None = None,
    limit: int = 200,
    **filters: Unpack[AuditFilters],
) -> list[AuditEntry]:
    """Return a page of entries, newest first, older than ``after_id``."""
    q = select(AuditEntry)
    if after_id is not None:
        q = q.where(AuditEntry.id < after_id)
    for name, value in filters.items():
        if value:
            q = q.where(_KEEPS[name](value))
    return list(session.execute(q.order_by(AuditEntry.id.desc()).limit(limit)).scalars())


def count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def archives(session: Session) -> list[AuditArchive]:
    """Every archive made, oldest first."""
    return list(session.execute(select(AuditArchive).order_by(AuditArchive.id)).scalars())


def latest_archive(session: Session) -> AuditArchive | None:
    return session.execute(
        select(AuditArchive).order_by(AuditArchive.id.desc()).limit(1)
    ).scalar_one_or_none()


def first_id(session: Session) -> int | None:
    """The oldest entry still in the database."""
    return session.execute(select(func.min(AuditEntry.id))).scalar()


def last_id_before(session: Session, cutoff: datetime) -> int:
    """The last id of the run of oldest entries all written before ``cutoff`` (0: none)."""
    later = session.execute(select(func.min(AuditEntry.id)).where(AuditEntry.at >= cutoff)).scalar()
    if later is not None:
        return int(later) - 1
    newest = session.execute(select(func.max(AuditEntry.id))).scalar()
    return int(newest or 0)


def delete_through(session: Session, last_id: int) -> int:
    """Delete the entries with ``id <= last_id``; return how many went."""
    result = session.execute(delete(AuditEntry).where(AuditEntry.id <= last_id))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def archive_entry(session: Session, archive_id: int) -> AuditEntry | None:
    """The ``audit.archive`` entry that recorded an archive in the chain."""
    return session.execute(
        select(AuditEntry).where(
            AuditEntry.action == "audit.archive", AuditEntry.entity_id == str(archive_id)
        )
    ).scalar_one_or_none()


def latest_per_entity(session: Session, *, entity: str, action: str) -> dict[str, AuditEntry]:
    """The newest entry doing ``action`` to each ``entity`` (by its id), e.g. when each SNMP
    credential was last stored and by whom."""
    newest: dict[str, AuditEntry] = {}
    rows = session.execute(
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.action == action)
        .order_by(AuditEntry.id)
    ).scalars()
    for e in rows:
        if e.entity_id is not None:
            newest[e.entity_id] = e
    return newest
