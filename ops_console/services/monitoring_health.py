"""Device health as people see it: the current health of each device (with its summary for the
status grid) and the health spans availability reports add up."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class DeviceHealth:
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
    last_error: str | None
    open_alarms: int
    in_maintenance: bool
    status: str
    summary: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        for k in ("health_since", "last_poll_at", "last_ok_at"):
            if d[k] is not None:
                d[k] = d[k].isoformat()
        d["summary"] = dict(self.summary)
        return d


@dataclass(frozen=True)
class HealthSpanInfo:
    """A span of one health (``ends_at`` None while it lasts), for availability reports."""

    device_id: int
    health: str
    starts_at: datetime
    ends_at: datetime | None


def device_healths(
    rows: Iterable[Any], open_alarms: Mapping[int, int], windows: tuple[set[int], set[int]]
) -> list[DeviceHealth]:
    """``repo.health_rows`` → DeviceHealth, with open alarm counts and the (devices,
    communities) under a maintenance window now."""
    out = []
    for r in rows:
        try:
            summary = json.loads(r[10]) if r[10] else {}
        except ValueError:
            summary = {}
        summary.pop("levels", None)
        out.append(
            DeviceHealth(
                asset_tag=r[1],
                name=r[2],
                category=r[3],
                community=r[4],
                health=r[5] or "unknown",
                health_since=r[6],
                last_poll_at=r[7],
                last_ok_at=r[8],
                last_error=r[9],
                open_alarms=open_alarms.get(r[0], 0),
                in_maintenance=r[0] in windows[0] or r[11] in windows[1],
                status=r[12],
                summary=summary,
            )
        )
    return out
