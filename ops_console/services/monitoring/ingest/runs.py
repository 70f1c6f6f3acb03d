"""Poller runs: started, heartbeats, stopped. The time between runs (and after a run that
stopped watching) is unknown health, never up and never down.

Functions run in the caller's write transaction (``MonitoringService`` owns it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime

from ....db import Session
from ....db.models import PollerRun
from ....db.repos import monitoring as repo


def start_run(
    session: Session,
    host: str,
    now: datetime,
    *,
    community_ids: Sequence[int] | None = None,
    poller_id: int | None = None,
) -> int:
    """Record a poller run.

    A run of a registered poller (``poller_id``) only records: the registry marks what its
    leases cover. Otherwise (``poll --once``, the single poller of older versions) the time
    since the last run ended becomes unknown health for the devices this run covers (those
    of ``community_ids``, all when None) that no registered poller holds: polling one
    community never turns another's devices unknown. A run that never stopped (a crash)
    ends at its last heartbeat.
    """
    if poller_id is None:
        last_known = repo.last_stopped_at(session)
        for run in repo.unfinished_runs(session):
            run.stopped_at = run.heartbeat_at
            last_known = max(last_known or run.heartbeat_at, run.heartbeat_at)
        if last_known is not None:
            mark_unknown(session, min(last_known, now), covered(session, community_ids))
    run = PollerRun(
        host=host[:200], started_at=now, heartbeat_at=now, stopped_at=None, poller_id=poller_id
    )
    session.add(run)
    session.flush()
    return run.id


def heartbeat(
    session: Session, run_id: int, now: datetime, cycle: Mapping[str, object] | None = None
) -> None:
    run = repo.poller_run(session, run_id)
    if run is None:
        return
    run.heartbeat_at = now
    if cycle is not None:
        run.last_cycle_json = json.dumps(cycle, default=str)


def stop_run(
    session: Session,
    run_id: int,
    now: datetime,
    *,
    mark: bool = True,
    community_ids: Sequence[int] | None = None,
) -> None:
    """Close a run; with ``mark`` the health of the devices it covered (see ``start_run``)
    becomes unknown from ``now``."""
    run = repo.poller_run(session, run_id)
    if run is None or run.stopped_at is not None:
        return
    run.heartbeat_at = now
    run.stopped_at = now
    if mark:
        mark_unknown(session, now, covered(session, community_ids))


def covered(session: Session, community_ids: Sequence[int] | None) -> list[int] | None:
    """The devices an unregistered run covers: those of ``community_ids`` (every device when
    None) that no registered poller holds; None means every device and no lease is held."""
    if community_ids is None:
        if not repo.leased_device_ids(session):
            return None
        return repo.device_ids_in(session, repo.community_ids_all(session), unleased_only=True)
    return repo.device_ids_in(session, community_ids, unleased_only=True)


def mark_unknown(session: Session, at: datetime, device_ids: Sequence[int] | None = None) -> None:
    """Every device (of ``device_ids``, if given) not already unknown becomes unknown from
    ``at`` (a new open span), in set-based statements (``repo.unknown_in_bulk``)."""
    if device_ids is not None and not device_ids:
        return
    repo.unknown_in_bulk(session, at, device_ids)
