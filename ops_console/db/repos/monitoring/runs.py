"""Poller runs: unfinished, last stopped, one, those in a period."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ...models import PollerRun


def unfinished_runs(session: Session) -> list[PollerRun]:
    """Runs not stopped of pollers outside the registry (``poll --once``, older versions); a
    registered poller's runs are closed by the registry (see ``services.pollers.registry``)."""
    q = select(PollerRun).where(PollerRun.stopped_at.is_(None), PollerRun.poller_id.is_(None))
    return list(session.execute(q).scalars())


def last_stopped_at(session: Session) -> datetime | None:
    return session.execute(select(func.max(PollerRun.stopped_at))).scalar_one_or_none()


def poller_run(session: Session, run_id: int) -> PollerRun | None:
    return session.get(PollerRun, run_id)


def runs_between(session: Session, since: datetime, until: datetime) -> list[PollerRun]:
    q = select(PollerRun).where(
        PollerRun.started_at < until,
        or_(PollerRun.stopped_at.is_(None), PollerRun.stopped_at > since),
    )
    return list(session.execute(q.order_by(PollerRun.started_at)).scalars())
