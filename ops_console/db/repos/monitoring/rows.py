"""The named rows the monitoring queries return (``repos.monitoring``): plain tuples read by
the thousand on the poller's path, with a name for each column instead of a position; the
alarm and care rows of the lists are frozen dataclasses, which the services' views extend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from ....domain.messages import Msg


class TargetRow(NamedTuple):
    """An in-service device with an address, as the poller targets it."""

    device_id: int
    address: str
    port: int
    version: str
    credential: str | None
    category: str
    interval_s: int
    community_id: int
    asset_tag: str


class DeviceMeta(NamedTuple):
    """What storing a poll result or a trap needs to know of its device."""

    device_id: int
    asset_tag: str
    name: str
    category: str
    community_id: int
    status: str
    interval_s: int


class StateRow(NamedTuple):
    """A device's stored state before a poll result changes it."""

    device_id: int
    health: str
    health_since: datetime | None
    consecutive_failures: int
    summary_json: str
    last_error: str | None


class RuleStateRow(NamedTuple):
    """The alarm debouncer's state of one device and rule."""

    device_id: int
    rule: str
    failing: int
    passing: int
    active: bool
    level: str | None


class HandoverFacts(NamedTuple):
    """What the hand-over checks of an alarm after a delivery."""

    cleared_at: datetime | None
    work_order_id: int | None
    handed_over_at: datetime | None


@dataclass(frozen=True)
class AlarmRow:
    """An alarm with its device, community and work order, its messages read back as ``Msg``
    (``services.monitoring.AlarmInfo`` is this row with its JSON and its words); the
    defaults are those of an alarm just opened."""

    id: int
    asset_tag: str
    device_name: str
    community: str
    rule: str
    severity: str
    message: Msg
    opened_at: datetime
    cleared_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    work_order_id: int | None
    handed_over_at: datetime | None
    repeat_count: int
    work_kind: str
    source: str
    community_id: int
    handover_status: str = "pending"
    handover_attempts: int = 0
    handover_error: Msg | None = None
    handover_next_at: datetime | None = None
    work_order_number: str | None = None
    recovery_status: str | None = None
    recovery_attempts: int = 0
    recovery_error: Msg | None = None
    recovery_next_at: datetime | None = None


@dataclass(frozen=True)
class CareRow:
    """A care alert with its device and community (``services.monitoring.CareAlertInfo`` is
    this row with its JSON)."""

    id: int
    asset_tag: str
    device_name: str
    community: str
    band_id: str | None
    kind: str
    raised_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    note: str | None
    community_id: int


class HealthRow(NamedTuple):
    """A device not retired with its state (None where it was never polled)."""

    device_id: int
    asset_tag: str
    name: str
    category: str
    community: str
    health: str | None
    health_since: datetime | None
    last_poll_at: datetime | None
    last_ok_at: datetime | None
    last_error: str | None
    summary_json: str | None
    community_id: int
    status: str


class SpanRow(NamedTuple):
    """A health span (``ends_at`` None while it lasts)."""

    device_id: int
    health: str
    starts_at: datetime
    ends_at: datetime | None


@dataclass(frozen=True)
class WindowRow:
    """A maintenance window with its device (None: the whole community) and community
    (``services.monitoring.MaintenanceWindowInfo`` is this row with its JSON)."""

    id: int
    asset_tag: str | None
    community: str | None
    starts_at: datetime
    ends_at: datetime
    reason: str
    created_by: str
