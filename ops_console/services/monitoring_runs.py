"""Poller runs: started, heartbeats, stopped. The time between runs (and after a run that
stopped watching) is unknown health, never up and never down.

Functions run in the caller's write transaction (``MonitoringService`` owns it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ..db import Session
from ..db.models import PollerRun
from ..db.repos import monitoring as repo


def start_run(session: Session, host: str, now: datetime) -> int:
    """Record a poller run; the time since the last run ended becomes unknown health.

    A run that never stopped (a crash) ends at its last heartbeat.
    """
    last_known = repo.last_stopped_at(session)
    for run in repo.unfinished_runs(session):
        run.stopped_at = run.heartbeat_at
        last_known = max(last_known or run.heartbeat_at, run.heartbeat_at)
    if last_known is not None:
        mark_unknown(session, min(last_known, now))
    run = PollerRun(host=host[:200], started_at=now, heartbeat_at=now, stopped_at=None)
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


def stop_run(session: Session, run_id: int, now: datetime, *, mark: bool = True) -> None:
    """Close a run; with ``mark`` every device's health becomes unknown from ``now``."""
    run = repo.poller_run(session, run_id)
    if run is None or run.stopped_at is not None:
        return
    run.heartbeat_at = now
    run.stopped_at = now
    if mark:
        mark_unknown(session, now)


def mark_unknown(session: Session, at: datetime) -> None:
    """Every device not already unknown becomes unknown from ``at`` (a new open span)."""
    closes: list[dict[str, Any]] = []
    spans: list[dict[str, Any]] = []
    ids: list[int] = []
    for dev, health, starts in repo.open_span_rows(session):
        if health == "unknown":
            continue
        start = max(at, starts)
        closes.append({"b_id": dev, "b_at": start})
        spans.append({"device_id": dev, "health": "unknown", "starts_at": start, "ends_at": None})
        ids.append(dev)
    repo.close_spans(session, closes)
    repo.insert_spans(session, spans)
    repo.set_health_unknown(session, ids, at)
