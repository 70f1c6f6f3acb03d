"""Contracts and the SLA: contract files, their calendars and terms, versioned policies, the SLA
clocks and penalties, and the SLA statement."""

from __future__ import annotations

from .contract_terms import Party
from .contracts import ContractInfo, ContractPreview, ContractsService, PolicyInfo
from .service import ClockView, DeviceAvailability, OpenClock, SlaService
from .statement import Statement, StatementService

__all__ = [
    "ClockView",
    "ContractInfo",
    "ContractPreview",
    "ContractsService",
    "DeviceAvailability",
    "OpenClock",
    "Party",
    "PolicyInfo",
    "SlaService",
    "Statement",
    "StatementService",
]
