"""Handing alarms over to work orders, recording how it went, and retrying failures.

An opened alarm is handed over right after its commit; what happened is recorded on the
alarm (``handover_status``, ``handover_attempts``, ``handover_error``, ``handover_next_at``):

- done: the work-order service raised or linked a work order (``work_order_id``);
- pending with attempts: it failed (no work-order service, a database error, a refusal that
  may pass); ``retry`` takes it up again after an exponential back-off (1, 2, 4 … minutes,
  at most an hour), as long as it takes;
- failed: ``HandoverRefused`` (e.g. the device is retired): the reason is kept, no more retries.

When an alarm clears, its work order is told ("device recovered") the same way: the clearing
transaction sets ``recovery_status`` pending; the notice is tried right after the commit (or,
for an alarm that cleared while its hand-over waited, right after the hand-over) and recorded
on the alarm (``recovery_status``, ``recovery_attempts``, ``recovery_error``,
``recovery_next_at``): done, pending and retried with the same back-off by ``retry``, or
failed when it can never succeed (``HandoverRefused``: the work order was closed or
cancelled). The work-order side locks the alarm's device, the alarm and the work order, so an
order is never marked twice; claims keep two pollers off the same alarm.

A work order is never raised twice for one alarm: the work-order service locks the alarm's
device and alarm rows and links an alarm that already has one (idempotent), and a retry
first claims the alarms it takes (``repo.claim_handovers``), so two pollers do not even try
the same alarm at once. The work-order service call runs in its own transaction; a failure
there never undoes the alarm.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from ....db.engine import Database
from ....db.repos import monitoring as repo
from ....domain.errors import OpsError
from ....domain.messages import Msg
from ...context import SYSTEM
from ..alarms import HANDOVER_LEASE, AlarmChange, HandoverRefused, WorkOrderHandover

log = logging.getLogger(__name__)

BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)
RETRY_BATCH = 200


@dataclass(frozen=True)
class Outcomes:
    """How many attempts were made and how they ended: done, to be retried, failed for good."""

    attempted: int = 0
    done: int = 0
    retrying: int = 0
    failed: int = 0


@dataclass(frozen=True)
class HandoverSummary(Outcomes):
    """What one ``retry`` (or one batch's hand-over) did: its own counts are the alarms
    handed over to work orders, ``recovery`` the work orders told that their alarm cleared
    ("device recovered")."""

    recovery: Outcomes = Outcomes()


def backoff(
    attempts: int, first: timedelta = BACKOFF_FIRST, cap: timedelta = BACKOFF_MAX
) -> timedelta:
    """The wait after the ``attempts``-th failure: first, 2×first, 4×first … at most ``cap``."""
    if attempts < 1:
        return first
    factor: int = 2 ** min(attempts - 1, 30)  # a non-negative power: an int
    return min(cap, first * factor)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    name = type(exc).__name__
    return (f"{name}: {text}" if text else name)[:300]


def _refusal(exc: HandoverRefused) -> str:
    """A refusal's reason as a stored message (JSON)."""
    if exc.reason is not None:
        return exc.reason.dumps()
    return Msg("handover.refused", {"detail": str(exc)[:300]}).dumps()


class Handovers:
    """Hands alarms to the work-order service and records the outcome (see the module).

    Attributes:
        workorders: returns the work-order service when an alarm is handed over (looked up
            each time: the composition root builds services lazily); None: nobody to hand
            alarms to, they stay pending.
    """

    def __init__(
        self,
        db: Database,
        workorders: Callable[[], WorkOrderHandover] | None,
        *,
        first: timedelta = BACKOFF_FIRST,
        cap: timedelta = BACKOFF_MAX,
    ) -> None:
        self.db = db
        self.workorders = workorders
        self.first = first
        self.cap = cap

    def after_commit(self, changes: Sequence[AlarmChange], now: datetime) -> HandoverSummary:
        """Hand over the alarms a committed transaction opened; tell it about cleared ones."""
        if self.workorders is None or not changes:
            return HandoverSummary()
        outcomes: list[str] = []
        recoveries: list[str] = []
        for ch in changes:
            if ch.change == "opened":
                outcomes.append(self.attempt(ch.alarm_id, now, recoveries))
            else:
                recoveries.append(self.recover(ch.alarm_id, now))
        return _summary(outcomes, recoveries)

    def retry(self, now: datetime, limit: int = RETRY_BATCH) -> HandoverSummary:
        """Take up the alarms whose hand-over is due, then the cleared alarms whose
        "device recovered" notice is due (each claimed first, oldest first)."""
        if self.workorders is None:
            return HandoverSummary()
        with self.db.write() as s:
            ids = repo.claim_handovers(s, now, now + HANDOVER_LEASE, limit)
        recoveries: list[str] = []
        outcomes = [self.attempt(i, now, recoveries) for i in ids]
        with self.db.write() as s:
            ids = repo.claim_recoveries(s, now, now + HANDOVER_LEASE, limit)
        recoveries += [self.recover(i, now) for i in ids]
        return _summary(outcomes, recoveries)

    def attempt(self, alarm_id: int, now: datetime, recoveries: list[str] | None = None) -> str:
        """One attempt; returns ``done``, ``retrying``, ``failed`` or ``gone``. An alarm that
        cleared while it waited has its work order told at once (outcome added to
        ``recoveries``)."""
        outcome, values = self._send(
            alarm_id, now, self._raise_for, "handover", "hand-over to work orders"
        )
        if outcome == "failed":  # no work order: nothing to tell when it clears
            values |= {"recovery_status": None, "recovery_next_at": None}
        if outcome != "done":
            return self._record(alarm_id, outcome, values)
        outcome = self._record(alarm_id, "done", values, handed_over_at=now)
        if outcome == "done":
            with self.db.read() as s:
                facts = repo.handover_facts(s, alarm_id)
            if facts is not None and facts.cleared_at is not None:  # cleared while it waited
                told = self.recover(alarm_id, now)
                if recoveries is not None:
                    recoveries.append(told)
        return outcome

    def _record(
        self,
        alarm_id: int,
        outcome: str,
        values: dict[str, Any],
        handed_over_at: datetime | None = None,
    ) -> str:
        with self.db.write() as s:
            if handed_over_at is not None:
                facts = repo.handover_facts(s, alarm_id)
                if facts is not None and facts.handed_over_at is None:  # the work orders set it
                    values = {**values, "handed_over_at": handed_over_at}
            recorded = repo.record_handover(s, alarm_id, values)
        if not recorded:
            return "gone"  # deleted with its device, or another poller recorded it first
        return outcome

    def recover(self, alarm_id: int, now: datetime) -> str:
        """Tell the work order that the alarm cleared, once; record how it went. Returns
        ``done``, ``retrying``, ``failed`` or ``gone`` (not pending any more: another poller
        recorded it, or the alarm was deleted) or ``waiting`` (its hand-over is not done yet:
        it is told right after it, nothing is recorded now)."""
        with self.db.read() as s:
            a = repo.alarm(s, alarm_id)
            if a is None or a.recovery_status != "pending":
                return "gone"
            if a.handover_status != "done":
                return "waiting"
        outcome, values = self._send(
            alarm_id, now, self._cleared, "recovery", "the 'device recovered' notice"
        )
        return self._record_recovery(alarm_id, outcome, values)

    def _raise_for(self, alarm_id: int) -> object:
        assert self.workorders is not None  # after_commit and retry check it
        return self.workorders().raise_from_alarm(SYSTEM, alarm_id)

    def _cleared(self, alarm_id: int) -> object:
        assert self.workorders is not None
        return self.workorders().alarm_cleared(SYSTEM, alarm_id)

    def _send(
        self,
        alarm_id: int,
        now: datetime,
        send: Callable[[int], object],
        field: Literal["handover", "recovery"],
        what: str,
    ) -> tuple[str, dict[str, Any]]:
        """Make one delivery (the hand-over or the recovery notice) and return its outcome
        (``done``, ``retrying`` or ``failed``) with the ``<field>_*`` columns to record: a
        refusal is final, any other failure is retried after the back-off."""
        try:
            send(alarm_id)
        except HandoverRefused as exc:
            log.warning("%s of alarm %s refused for good: %s", what, alarm_id, exc)
            return "failed", {
                f"{field}_status": "failed",
                f"{field}_error": _refusal(exc),
                f"{field}_next_at": None,
            }
        except Exception as exc:
            with self.db.read() as s:
                a = repo.alarm(s, alarm_id)
                if a is None:
                    attempts = 0
                elif field == "handover":
                    attempts = a.handover_attempts
                else:
                    attempts = a.recovery_attempts
            wait = backoff(attempts + 1, self.first, self.cap)
            log.warning(
                "%s of alarm %s failed (attempt %d), retried in %s: %s",
                what,
                alarm_id,
                attempts + 1,
                wait,
                _reason(exc),
                exc_info=not isinstance(exc, OpsError | RuntimeError),
            )
            error = Msg("handover.error", {"detail": _reason(exc)}).dumps()
            return "retrying", {f"{field}_error": error, f"{field}_next_at": now + wait}
        return "done", {f"{field}_status": "done", f"{field}_error": None, f"{field}_next_at": None}

    def _record_recovery(self, alarm_id: int, outcome: str, values: dict[str, Any]) -> str:
        with self.db.write() as s:
            recorded = repo.record_recovery(s, alarm_id, values)
        return outcome if recorded else "gone"


def _counted(outcomes: Sequence[str]) -> tuple[int, int, int, int]:
    """``Outcomes``' figures of a list of outcomes (``attempt``'s and ``recover``'s answers)."""
    return (
        len(outcomes),
        outcomes.count("done"),
        outcomes.count("retrying"),
        outcomes.count("failed"),
    )


def _summary(outcomes: list[str], recoveries: list[str]) -> HandoverSummary:
    return HandoverSummary(*_counted(outcomes), recovery=Outcomes(*_counted(recoveries)))
