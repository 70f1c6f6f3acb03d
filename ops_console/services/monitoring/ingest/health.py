"""Device health as people see it: the current health of each device (with its summary for the
status grid) and the health spans availability reports add up."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ....db.repos.monitoring.rows import HealthRow
from ....domain.messages import Msg, stored
from ...formats import JsonFields


@dataclass(frozen=True)
class DeviceHealth(JsonFields):
    """A device's current health, as the status grid and ``devices health`` show it.

    Attributes:
        summary: last values (``metrics``), status names (``status``, e.g. a gate's
            ``manual_passage``), per-table row counts, problems and latency.
    """

    asset_tag: str
    name: str
    category: str
    community: str
    health: str
    health_since: datetime | None
    last_poll_at: datetime | None
    last_ok_at: datetime | None
    last_error: Msg | None
    open_alarms: int
    in_maintenance: bool
    status: str
    summary: Mapping[str, Any]


@dataclass(frozen=True)
class HealthSpanInfo:
    """A span of one health (``ends_at`` None while it lasts), for availability reports."""

    device_id: int
    health: str
    starts_at: datetime
    ends_at: datetime | None


def device_healths(
    rows: Iterable[HealthRow], open_alarms: Mapping[int, int], windows: tuple[set[int], set[int]]
) -> list[DeviceHealth]:
    """``repo.health_rows`` → DeviceHealth, with open alarm counts and the (devices,
    communities) under a maintenance window now."""
    out = []
    for r in rows:
        try:
            summary = json.loads(r.summary_json) if r.summary_json else {}
        except ValueError:
            summary = {}
        summary.pop("levels", None)
        out.append(
            DeviceHealth(
                asset_tag=r.asset_tag,
                name=r.name,
                category=r.category,
                community=r.community,
                health=r.health or "unknown",
                health_since=r.health_since,
                last_poll_at=r.last_poll_at,
                last_ok_at=r.last_ok_at,
                last_error=stored(r.last_error),
                open_alarms=open_alarms.get(r.device_id, 0),
                in_maintenance=r.device_id in windows[0] or r.community_id in windows[1],
                status=r.status,
                summary=summary,
            )
        )
    return out
