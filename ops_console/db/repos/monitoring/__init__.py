"""Queries of the monitoring side, one module per topic: devices and targets, states and health
spans, rule states, alarms and care alerts, their hand-over to work orders, the health view,
maintenance windows, poller runs; ``rows`` holds the named rows they return (samples and
rollups: ``repos.series``).

Bulk paths (a batch of poll results) use Core statements and plain rows; the rare ones
(an alarm opening, an acknowledgement) use the ORM. Callers use this face:
``from ops_console.db.repos import monitoring as repo``.
"""

from __future__ import annotations

from .alarms import (
    ALARM_COLUMNS,
    CARE_COLUMNS,
    alarm,
    alarm_rows,
    alarm_with_device,
    care_rows,
    open_alarm,
    open_alarm_counts,
)
from .handover import (
    claim_handovers,
    claim_recoveries,
    handover_facts,
    record_handover,
    record_recovery,
)
from .health import (
    health_rows,
    never_polled,
    polled_between,
    stale_candidates,
    state_summary,
    unhealthy_summaries,
)
from .rule_states import active_rule_devices, rule_states, save_rule_states
from .runs import last_stopped_at, poller_run, runs_between, unfinished_runs
from .states import (
    close_spans,
    community_ids_all,
    device_ids_in,
    insert_spans,
    insert_states,
    leased_device_ids,
    spans_between,
    state_rows,
    unknown_in_bulk,
    update_states,
)
from .targets import device_by_tag, device_ids_by_address, device_meta, target_rows
from .windows import active_window_targets, window_rows

__all__ = [
    "ALARM_COLUMNS",
    "CARE_COLUMNS",
    "active_rule_devices",
    "active_window_targets",
    "alarm",
    "alarm_rows",
    "alarm_with_device",
    "care_rows",
    "claim_handovers",
    "claim_recoveries",
    "close_spans",
    "community_ids_all",
    "device_by_tag",
    "device_ids_by_address",
    "device_ids_in",
    "device_meta",
    "handover_facts",
    "health_rows",
    "insert_spans",
    "insert_states",
    "last_stopped_at",
    "leased_device_ids",
    "never_polled",
    "open_alarm",
    "open_alarm_counts",
    "polled_between",
    "poller_run",
    "record_handover",
    "record_recovery",
    "rule_states",
    "runs_between",
    "save_rule_states",
    "spans_between",
    "stale_candidates",
    "state_rows",
    "state_summary",
    "target_rows",
    "unfinished_runs",
    "unhealthy_summaries",
    "unknown_in_bulk",
    "update_states",
    "window_rows",
]
