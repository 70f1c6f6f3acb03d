"""Pollers: the registry of pollers that share the devices through the database (``registry``,
``leases``) and the poller service that polls and stores (``service``)."""

from __future__ import annotations

from .leases import LeaseKeeper
from .registry import HEARTBEAT_S, PollerInfo, PollerScope, PollersService, dead_alarm_text
from .service import MonitoringPort, OnceSummary, PollerService

__all__ = [
    "HEARTBEAT_S",
    "LeaseKeeper",
    "MonitoringPort",
    "OnceSummary",
    "PollerInfo",
    "PollerScope",
    "PollerService",
    "PollersService",
    "dead_alarm_text",
]
