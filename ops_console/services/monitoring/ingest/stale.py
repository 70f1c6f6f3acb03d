"""The stale-data rule: an in-service device the running poller has polled, and then had no
data from for more than three of its intervals (at least three minutes), gets a
``stale_data`` alarm.

A device the poller has not polled yet since it started watching it (since the poller's run
began, or since it took the device's lease) is not stale: its state is unknown, not reached
yet. A poller starting with 100,000 devices reaches them over its first cycle; counting those
it has not reached yet as stale opened ~97,000 alarms at once. Whether the poller reaches
every device is its cycle's business (the Pollers page shows it); the writer thread also
leaves the check out until the poller's first cycle is done (``pollers.service``).

The check reads the candidates, then opens their alarms in write transactions of at most
``BATCH`` devices each (``MonitoringService.check_stale``), each re-checked inside its own
transaction, so it never holds the database's write lock for long however many fall due.

Not inside a maintenance window; never while the poller is not running (that time is
unknown, not stale). It clears with the first good poll (``ingest.store``); after failed
polls it lasts until the unreachable alarm takes over.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from ....db import Session
from ....db.repos import monitoring as repo
from ....domain.messages import Instant, Msg
from .. import alarms
from .poll_eval import STALE

STALE_INTERVALS = 3
STALE_MIN_S = 180
BATCH = 100  # alarms opened per write transaction at most


def grace(interval_s: int | None) -> timedelta:
    """How long without data before a device is stale: 3 intervals, at least 3 minutes."""
    return timedelta(seconds=max(STALE_INTERVALS * (interval_s or 300), STALE_MIN_S))


def due_stale(
    session: Session,
    running_since: datetime,
    now: datetime,
    watched: Mapping[int, datetime] | None = None,
    data_until: datetime | None = None,
) -> dict[int, datetime]:
    """device id → its last poll, for the devices whose stale-data alarm is due at ``now``:
    in service, watched, polled since they are watched and not since their grace, no stale
    alarm open, not in a maintenance window. Only reads.

    ``data_until``: the poll time of the newest result the writer stored. Staleness is
    measured up to it when it is earlier than ``now``: results waiting in the writer's queue
    are the store's backlog, not devices gone silent (at 100,000 devices a backlog of a few
    minutes made thousands of devices "stale" whose results were in the queue).

    ``watched``: the devices a registered poller holds the leases of, each with when it
    took the lease (it watches a device from then, not from its own start); None: every
    in-service device, watched since ``running_since``.
    """
    upto = now if data_until is None else min(now, data_until)
    polled = repo.polled_between(session, running_since, upto - timedelta(seconds=STALE_MIN_S))
    if not polled:
        return {}
    meta = repo.device_meta(session, sorted(polled))
    win_devices, win_communities = repo.active_window_targets(session, now)
    open_now = repo.active_rule_devices(session, STALE)
    due: dict[int, datetime] = {}
    for dev, last in polled.items():
        m = meta.get(dev)
        if m is None or m.status != "in_service" or dev in open_now:
            continue
        if watched is not None and (dev not in watched or last < watched[dev]):
            continue  # not ours, or not polled by us since we took it
        if upto - last <= grace(m.interval_s):
            continue
        if dev in win_devices or m.community_id in win_communities:
            continue
        due[dev] = last
    return due


def open_stale(
    session: Session, due: Mapping[int, datetime], now: datetime
) -> list[alarms.AlarmChange]:
    """Open the stale-data alarms of ``due`` (a batch of ``due_stale``'s answer) in the
    caller's transaction, each device checked again there: one polled since, or whose stale
    alarm opened meanwhile, is left out. The message says since when: its last poll."""
    if not due:
        return []
    before = {dev: last + timedelta(microseconds=1) for dev, last in due.items()}
    rules = repo.rule_states(session, sorted(due))
    still = {
        dev
        for dev in repo.stale_candidates(session, before)
        if not ((r := rules.get((dev, STALE))) is not None and r.active)
    }
    meta = repo.device_meta(session, sorted(still))
    changes: list[alarms.AlarmChange] = []
    inserts = []
    for dev in sorted(still):
        tag = meta[dev].asset_tag
        change = alarms.open_alarm(
            session,
            now=now,
            device_id=dev,
            asset_tag=tag,
            rule=STALE,
            severity="warning",
            message=Msg("alarm.stale_since", {"device": tag, "time": Instant(due[dev])}),
            source="stale",
        )
        inserts.append(
            {"device_id": dev, "rule": STALE, "failing": 0, "passing": 0,
             "active": True, "level": "warning"}
        )  # fmt: skip
        if change is not None:
            changes.append(change)
    repo.save_rule_states(session, inserts, [], [])
    return changes
