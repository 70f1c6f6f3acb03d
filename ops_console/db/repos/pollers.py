"""Queries of the poller registry and the device leases.

Leases are claimed with ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so pollers that
balance at the same moment never wait for each other nor take the same device; a poller's
store transaction holds ``FOR SHARE`` on the leases of the devices it writes, so a take-over
waits for (or skips) a write under way and every later write sees the new token. SQLite runs
one writer at a time (``BEGIN IMMEDIATE``), where the same statements need no row locks.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Executable,
    Integer,
    Select,
    and_,
    any_,
    bindparam,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import Community, Device, DeviceLease, DeviceState, Poller, PollerRun, Zone
from . import table_of

_leases = table_of(DeviceLease)
_pollers = table_of(Poller)
_states = table_of(DeviceState)


def _is_pg(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# --- the registry -----------------------------------------------------------------------------


def poller_by_name(session: Session, name: str) -> Poller | None:
    q = select(Poller).where(Poller.name == name)
    if _is_pg(session):
        q = q.with_for_update()
    return session.execute(q).scalar_one_or_none()


def add_poller(session: Session, values: Mapping[str, Any]) -> Poller:
    p = Poller(**values)
    session.add(p)
    session.flush()
    return p


def beat(
    session: Session, poller_id: int, epoch: int, now: datetime, cycle_json: str | None
) -> bool:
    """Move a live poller's heartbeat to ``now``; False when it was declared dead or
    registered again elsewhere (its epoch moved on)."""
    values: dict[str, Any] = {"heartbeat_at": now}
    if cycle_json is not None:
        values["last_cycle_json"] = cycle_json
    got = session.execute(
        update(_pollers)
        .where(
            _pollers.c.id == poller_id, _pollers.c.epoch == epoch, _pollers.c.stopped_at.is_(None)
        )
        .values(values)
    )
    return bool(got.rowcount)  # type: ignore[attr-defined]


def fence_poller(session: Session, poller_id: int, epoch: int) -> bool:
    """In a store transaction: True while the poller is registered under ``epoch`` and not
    stopped. On PostgreSQL the row stays ``FOR KEY SHARE`` locked until the transaction ends:
    a poller burying this one (``FOR UPDATE SKIP LOCKED``) skips it meanwhile, while this
    poller's own heartbeats (plain updates) never wait for its stores."""
    q = select(_pollers.c.id).where(
        _pollers.c.id == poller_id, _pollers.c.epoch == epoch, _pollers.c.stopped_at.is_(None)
    )
    if _is_pg(session):
        q = q.with_for_update(read=True, key_share=True)
    return session.connection().execute(q).first() is not None


class LivePoller(NamedTuple):
    """A poller that is heartbeating: its row, name, scope (as stored) and last heartbeat."""

    id: int
    name: str
    scope_json: str
    heartbeat_at: datetime


def live_pollers(session: Session, alive_after: datetime) -> list[LivePoller]:
    """Pollers not stopped whose heartbeat is after ``alive_after``, by id."""
    q = select(
        _pollers.c.id, _pollers.c.name, _pollers.c.scope_json, _pollers.c.heartbeat_at
    ).where(_pollers.c.stopped_at.is_(None), _pollers.c.heartbeat_at > alive_after)
    return list(map(LivePoller._make, session.connection().execute(q.order_by(_pollers.c.id))))


def lock_dead_pollers(
    session: Session, alive_after: datetime, limit: int | None = None
) -> list[Poller]:
    """Pollers not stopped whose last heartbeat is at or before ``alive_after`` (the first
    ``limit``), locked (the ones another poller is already burying are skipped)."""
    q = select(Poller).where(Poller.stopped_at.is_(None), Poller.heartbeat_at <= alive_after)
    if _is_pg(session):
        q = q.with_for_update(skip_locked=True)
    return list(session.execute(q.order_by(Poller.id).limit(limit)).scalars())


def all_pollers(session: Session) -> list[Poller]:
    return list(session.execute(select(Poller).order_by(Poller.name)).scalars())


def open_runs_of(session: Session, poller_id: int) -> list[PollerRun]:
    q = select(PollerRun).where(PollerRun.poller_id == poller_id, PollerRun.stopped_at.is_(None))
    return list(session.execute(q).scalars())


# --- scope --------------------------------------------------------------------------------


def scope_ids(
    session: Session, communities: Sequence[str], zones: Sequence[str]
) -> tuple[list[int] | None, list[int] | None, list[str]]:
    """(community ids or None for all, zone ids or None for all, names not found)."""
    missing: list[str] = []
    cids: list[int] | None = None
    zids: list[int] | None = None
    conn = session.connection()
    if communities:
        found = dict(
            conn.execute(
                select(Community.name, Community.id).where(Community.name.in_(list(communities)))
            ).all()
        )
        missing += [c for c in communities if c not in found]
        cids = sorted(found.values())
    if zones:
        q = select(Zone.name, Zone.id).where(Zone.name.in_(list(zones)))
        if cids is not None:
            q = q.where(Zone.community_id.in_(cids))
        rows = conn.execute(q).all()
        names = {r[0] for r in rows}
        missing += [z for z in zones if z not in names]
        zids = sorted(r[1] for r in rows)
    return cids, zids, missing


def _pollable() -> ColumnElement[bool]:
    return and_(Device.status == "in_service", Device.address.is_not(None), Device.address != "")


def _cell_of(cell: tuple[int, int | None]) -> ColumnElement[bool]:
    cid, zid = cell
    zone = Device.zone_id.is_(None) if zid is None else Device.zone_id == zid
    return and_(_pollable(), Device.community_id == cid, zone)


def cell_counts(session: Session) -> dict[tuple[int, int | None], int]:
    """Pollable devices per (community id, zone id or None)."""
    q = (
        select(Device.community_id, Device.zone_id, func.count())
        .where(_pollable())
        .group_by(Device.community_id, Device.zone_id)
    )
    return {(r[0], r[1]): int(r[2]) for r in session.connection().execute(q)}


# --- leases -------------------------------------------------------------------------------


def add_missing_leases(session: Session, now: datetime) -> None:
    """Give every pollable device a (free) lease row; rows already there are left alone."""
    src = (
        select(Device.id, literal(0), literal(now, Poller.__table__.c.started_at.type))
        .outerjoin(DeviceLease, DeviceLease.device_id == Device.id)
        .where(_pollable(), DeviceLease.device_id.is_(None))
    )
    cols = ["device_id", "token", "changed_at"]
    if _is_pg(session):
        stmt: Executable = (
            postgresql.insert(_leases).from_select(cols, src).on_conflict_do_nothing()
        )
    else:
        stmt = sqlite.insert(_leases).from_select(cols, src).on_conflict_do_nothing()
    session.execute(stmt)


def drop_unpollable_leases(session: Session) -> list[tuple[int, int | None]]:
    """Delete the leases of devices retired, out of service or without an address;
    return (device id, holder) of each."""
    gone = select(Device.id).where(_pollable())
    rows = session.connection().execute(
        _leases.delete()
        .where(_leases.c.device_id.not_in(gone))
        .returning(_leases.c.device_id, _leases.c.poller_id)
    )
    return [(r[0], r[1]) for r in rows]


def held(session: Session, poller_id: int) -> dict[int, int]:
    """device id → token of the leases a poller holds."""
    q = select(_leases.c.device_id, _leases.c.token).where(_leases.c.poller_id == poller_id)
    return {r[0]: r[1] for r in session.connection().execute(q)}


def held_cells(
    session: Session, poller_id: int
) -> dict[tuple[int, int | None], list[tuple[int, datetime | None]]]:
    """(community id, zone id) → (device id, when it was taken) of the leases a poller holds
    there, by device id."""
    q = (
        select(Device.community_id, Device.zone_id, _leases.c.device_id, _leases.c.changed_at)
        .join(Device, Device.id == _leases.c.device_id)
        .where(_leases.c.poller_id == poller_id)
        .order_by(_leases.c.device_id)
    )
    out: dict[tuple[int, int | None], list[tuple[int, datetime | None]]] = {}
    for r in session.connection().execute(q):
        out.setdefault((r[0], r[1]), []).append((r[2], r[3]))
    return out


def _free(live_ids: Sequence[int]) -> ColumnElement[bool]:
    return or_(_leases.c.poller_id.is_(None), _leases.c.poller_id.not_in(list(live_ids)))


def claimable_cells(session: Session, live_ids: Sequence[int]) -> dict[tuple[int, int | None], int]:
    """(community id, zone id) → pollable devices no live poller holds (free leases, or a
    dead poller's), counted without locks: some may be in another poller's hands already."""
    q = (
        select(Device.community_id, Device.zone_id, func.count())
        .select_from(_leases)
        .join(Device, Device.id == _leases.c.device_id)
        .where(_free(live_ids), _pollable())
        .group_by(Device.community_id, Device.zone_id)
    )
    return {(r[0], r[1]): int(r[2]) for r in session.connection().execute(q)}


def claim(
    session: Session,
    poller_id: int,
    cell: tuple[int, int | None],
    live_ids: Sequence[int],
    limit: int,
    now: datetime,
    only: Collection[int] | None = None,
) -> list[int]:
    """Take up to ``limit`` leases of one (community, zone) cell that no live poller holds
    (free ones, or a dead poller's; of the devices ``only``, if given), lowest device ids
    first, skipping rows another transaction holds; each taken lease gets a new token."""
    if limit <= 0 or (only is not None and not only):
        return []
    q = (
        select(_leases.c.device_id)
        .join(Device, Device.id == _leases.c.device_id)
        .where(_free(live_ids), _cell_of(cell))
        .order_by(_leases.c.device_id)
        .limit(limit)
    )
    if only is not None:
        q = q.where(or_(*_among(session, sorted(only))))
    values = {
        "previous_poller_id": func.coalesce(_leases.c.poller_id, _leases.c.previous_poller_id),
        "poller_id": poller_id,
        "token": _leases.c.token + 1,
        "changed_at": now,
    }
    if _is_pg(session):  # one statement: the rows picked, locked and taken
        return _update_picked(session, q.with_for_update(skip_locked=True, of=_leases), values)
    ids = [r[0] for r in session.connection().execute(q)]
    for among in _among(session, ids):
        session.execute(update(_leases).where(among).values(values))
    return ids


def _update_picked(
    session: Session, picked: Select[tuple[int]], values: Mapping[str, Any]
) -> list[int]:
    """Update the leases a ``SELECT device_id … FOR UPDATE`` picks, in one statement (the pick
    is a materialized CTE: run once, however the planner joins it); returns their device ids."""
    cte = picked.cte("picked").prefix_with("MATERIALIZED")
    stmt = (
        update(_leases)
        .where(_leases.c.device_id == cte.c.device_id)
        .values(dict(values))
        .returning(_leases.c.device_id)
    )
    return sorted(r[0] for r in session.connection().execute(stmt))


def _among(
    session: Session, ids: Sequence[int], col: ColumnElement[int] = _leases.c.device_id
) -> list[ColumnElement[bool]]:
    """Conditions that each pick the rows of a part of ``ids`` (by ``col``, the lease's device
    by default): on PostgreSQL one, with the ids as one array parameter (psycopg converts a
    query of thousands of bind parameters slowly: 2.1 s of a take-over's 6 s in
    benchmarks/pollers_heartbeat.py), on SQLite IN lists of 1,000."""
    ids = list(ids)
    if not ids:
        return []
    if _is_pg(session):
        return [col == any_(bindparam("ids", ids, type_=postgresql.ARRAY(Integer())))]
    return [col.in_(ids[i : i + 1000]) for i in range(0, len(ids), 1000)]


def release(
    session: Session, poller_id: int, now: datetime, device_ids: Sequence[int] | None = None
) -> list[int]:
    """Hand back a poller's leases (all, or ``device_ids``); rows another transaction holds
    locked are skipped on PostgreSQL. Returns the device ids released."""
    if device_ids is not None and not device_ids:
        return []
    values = {"poller_id": None, "previous_poller_id": poller_id, "changed_at": now}
    q = select(_leases.c.device_id).where(_leases.c.poller_id == poller_id)
    if _is_pg(session):  # one statement, the ids (if any) as one array parameter
        if device_ids is not None:
            q = q.where(*_among(session, device_ids))
        return _update_picked(session, q.with_for_update(skip_locked=True), values)
    if device_ids is not None:
        q = q.where(_leases.c.device_id.in_(list(device_ids)))
    ids = [r[0] for r in session.connection().execute(q.order_by(_leases.c.device_id))]
    for among in _among(session, ids):
        session.execute(
            update(_leases).where(among, _leases.c.poller_id == poller_id).values(values)
        )
    return ids


class Lease(NamedTuple):
    """A lease a poller holds: its fencing token and when the poller took it."""

    token: int
    since: datetime | None


def lease_rows(session: Session, poller_id: int, device_ids: Sequence[int]) -> dict[int, Lease]:
    """device id → the lease of each device among ``device_ids`` the poller holds;
    the rows stay share-locked on PostgreSQL until the store transaction ends, so a
    take-over waits for the write under way (or skips these rows) and sees it done."""
    ids = sorted(set(device_ids))
    out: dict[int, Lease] = {}
    conn = session.connection()
    for among in _among(session, ids):
        q = select(_leases.c.device_id, _leases.c.token, _leases.c.changed_at).where(
            among, _leases.c.poller_id == poller_id
        )
        if _is_pg(session):
            q = q.with_for_update(read=True)
        for r in conn.execute(q.order_by(_leases.c.device_id)):
            out[r[0]] = Lease(r[1], r[2])
    return out


def lease_counts(session: Session) -> dict[int | None, int]:
    """holder (None: free) → leases."""
    q = select(_leases.c.poller_id, func.count()).group_by(_leases.c.poller_id)
    return {r[0]: int(r[1]) for r in session.connection().execute(q)}


def taken_over_counts(session: Session, previous_id: int) -> dict[int | None, int]:
    """Of the leases a poller lost, how many each holder has now (None: nobody)."""
    q = (
        select(_leases.c.poller_id, func.count())
        .where(_leases.c.previous_poller_id == previous_id)
        .group_by(_leases.c.poller_id)
    )
    return {r[0]: int(r[1]) for r in session.connection().execute(q)}


def try_singleton(session: Session, key: int) -> bool:
    """Take a transaction-scoped advisory lock on PostgreSQL (False if another poller holds
    it: that poller does the job); SQLite has one writer at a time, so always True."""
    if not _is_pg(session):
        return True
    return bool(session.execute(select(func.pg_try_advisory_xact_lock(key))).scalar_one())


def held_since(session: Session, poller_id: int) -> dict[int, datetime]:
    """device id → when the poller took the lease, of the leases it holds."""
    q = select(_leases.c.device_id, _leases.c.changed_at).where(_leases.c.poller_id == poller_id)
    return {r[0]: r[1] for r in session.connection().execute(q)}


def count_uncovered(session: Session, live_ids: Sequence[int]) -> int:
    """Pollable devices that no live poller holds the lease of."""
    covered = select(_leases.c.device_id).where(_leases.c.poller_id.in_(list(live_ids)))
    q = select(func.count()).select_from(Device).where(_pollable(), Device.id.not_in(covered))
    return int(session.connection().execute(q).scalar_one())


def last_polls(session: Session, device_ids: Sequence[int]) -> dict[int, datetime]:
    """device id → its last poll (devices never polled are left out)."""
    out: dict[int, datetime] = {}
    conn = session.connection()
    for among in _among(session, device_ids, _states.c.device_id):
        q = select(DeviceState.device_id, DeviceState.last_poll_at).where(
            among, DeviceState.last_poll_at.is_not(None)
        )
        out.update({r[0]: r[1] for r in conn.execute(q) if r[1] is not None})
    return out
