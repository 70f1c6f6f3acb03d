"""Monitoring: what pollers saw, stored (``ingest``: samples, health, alarm rules, traps, poller
runs, maintenance windows, the hand-over of alarms to work orders), apart from what people read
and do with it (``service``, ``alarms``, ``history``, ``credentials``); ``series`` writes the
time-series store and keeps it bounded."""

from __future__ import annotations

from .alarms import AlarmInfo, HandoverRefused
from .credentials import CredentialStatus, credential_status
from .history import FIVE_MIN, HOUR, floor_to
from .ingest.fence import Fence
from .ingest.process import (
    Reply,
    StoreProcess,
    StoreProcessFailed,
    StoreProcessGone,
    tune_collector,
)
from .ingest.runs import mark_unknown, start_run
from .ingest.store import StoreSummary
from .series import BucketIn, PointIn, write_history
from .service import MonitoringService, set_snmp_credential

__all__ = [
    "FIVE_MIN",
    "HOUR",
    "AlarmInfo",
    "BucketIn",
    "CredentialStatus",
    "Fence",
    "HandoverRefused",
    "MonitoringService",
    "PointIn",
    "Reply",
    "StoreProcess",
    "StoreProcessFailed",
    "StoreProcessGone",
    "StoreSummary",
    "credential_status",
    "floor_to",
    "mark_unknown",
    "set_snmp_credential",
    "start_run",
    "tune_collector",
    "write_history",
]
