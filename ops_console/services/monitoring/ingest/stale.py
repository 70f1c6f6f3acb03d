"""The stale-data rule: an in-service device the running poller has had no data from for
three of its intervals (at least three minutes) gets a ``stale_data`` alarm.

- A device polled before: measured from its last poll, once the poller has run that long.
- A device never polled (added, but the poller never reached it): measured from the later of
  its last inventory change (created, put back in service, a new address or credential:
  ``Device.updated_at``) and the start of the poller's run, so neither an old device that just
  came back into service nor a poller that just started raises it at once.

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


def grace(interval_s: int | None) -> timedelta:
    """How long without data before a device is stale: 3 intervals, at least 3 minutes."""
    return timedelta(seconds=max(STALE_INTERVALS * (interval_s or 300), STALE_MIN_S))


def open_stale(
    session: Session,
    running_since: datetime,
    now: datetime,
    watched: Mapping[int, datetime] | None = None,
) -> list[alarms.AlarmChange]:
    """Open the stale-data alarms due at ``now`` in the caller's transaction.

    ``watched``: the devices a registered poller holds the leases of, each with when it
    took the lease (it watches a device from then, not from its own start); None: every
    in-service device, watched since ``running_since``.
    """
    limits: dict[int, timedelta] = {}
    tags: dict[int, str] = {}
    due: dict[int, datetime] = {}
    starts: dict[int, datetime] = {}
    for r in repo.target_rows(session):
        if watched is not None and r.device_id not in watched:
            continue
        limit = grace(r.interval_s)
        limits[r.device_id] = limit
        tags[r.device_id] = r.asset_tag
        start = running_since if watched is None else max(running_since, watched[r.device_id])
        starts[r.device_id] = start
        if now - start >= limit:
            due[r.device_id] = now - limit
    # the message's code and since when, the device's asset tag added when it opens
    why: dict[int, tuple[str, datetime]] = {}
    for dev in repo.stale_candidates(session, due):
        why[dev] = ("alarm.stale_since", due[dev])
    for dev, changed in repo.never_polled(session, sorted(limits)).items():
        since = max(changed, starts[dev])
        if now - since >= limits[dev]:
            why[dev] = ("alarm.stale_never", since)
    for dev in repo.active_rule_devices(session, STALE):
        why.pop(dev, None)
    if not why:
        return []
    win_devices, win_communities = repo.active_window_targets(session, now)
    meta = repo.device_meta(session, sorted(why))
    changes: list[alarms.AlarmChange] = []
    inserts = []
    for dev in sorted(why):
        if dev in win_devices or meta[dev].community_id in win_communities:
            continue
        change = alarms.open_alarm(
            session,
            now=now,
            device_id=dev,
            asset_tag=tags[dev],
            rule=STALE,
            severity="warning",
            message=Msg(why[dev][0], {"device": tags[dev], "time": Instant(why[dev][1])}),
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
