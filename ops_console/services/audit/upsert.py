"""Create a row or update it from new values, with the audit entry either one needs: the one
create-or-update that courses, training records, imported devices and contracts share, and the
one audited create (``created``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ...db import Session
from .trail import diff, record

if TYPE_CHECKING:
    from ..context import Actor

Row = TypeVar("Row")


class _Keyed(Protocol):
    @property
    def id(self) -> int: ...


New = TypeVar("New", bound=_Keyed)


def created(
    session: Session,
    row: New,
    at: datetime,
    actor: str | Actor,
    action: str,
    entity: str,
    entity_id: object = None,
    *,
    after: object,
) -> New:
    """Add a new row in the caller's transaction, flushed so that it has its id, with the
    audit entry of its creation: of ``entity_id``, or of the row's id when none is given."""
    session.add(row)
    session.flush()
    record(
        session, at, actor, action, entity, row.id if entity_id is None else entity_id, after=after
    )
    return row


class Saved(IntEnum):
    """What :func:`save` did (an import counts them)."""

    CREATED = 0
    UPDATED = 1
    UNCHANGED = 2


def save(
    session: Session,
    row: Row | None,
    values: Mapping[str, Any],
    *,
    create: Callable[[], Row],
    at: datetime,
    actor: str,
    entity: str,
    entity_id: object,
    actions: tuple[str, str],
    snapshot: Callable[[Row], dict[str, Any]] | None = None,
) -> tuple[Row, Saved]:
    """Create the row when there is none, else set ``values`` on it, in the caller's
    transaction, and audit it: ``actions[0]`` with the new row, or ``actions[1]`` with only
    the fields that changed; an update that changes nothing writes no entry.

    Args:
        row: the existing row, or None.
        values: the attributes to set on an existing row.
        create: makes the new row (it is added and flushed here, so it has its id).
        snapshot: what the audit shows of a row (default: ``values``' attributes as the row
            holds them).
    """
    shown = snapshot or (lambda r: {k: getattr(r, k) for k in values})
    if row is None:
        row = create()
        session.add(row)
        session.flush()
        saved, before, after = Saved.CREATED, None, shown(row)
    else:
        was = shown(row)
        for name, value in values.items():
            setattr(row, name, value)
        changed_from, after = diff(was, shown(row))
        if not after:
            return row, Saved.UNCHANGED
        saved, before = Saved.UPDATED, changed_from
    action = actions[0] if saved is Saved.CREATED else actions[1]
    record(session, at, actor, action, entity, entity_id, before=before, after=after)
    return row, saved
