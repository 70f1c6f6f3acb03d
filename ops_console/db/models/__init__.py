"""All models, imported so that ``Base.metadata`` knows every table."""

from .accounts import User, user_communities
from .audit import AuditArchive, AuditEntry, AuditHead
from .base import Base
from .contracts import (
    BusinessCalendar,
    Contract,
    SlaPolicy,
    SlaStatement,
    SlaTerm,
    contract_communities,
)
from .devices import Device, DeviceCategory, DeviceState, MaintenanceWindow
from .installation import EnrolledHost, InstallationKey, StoredSecret
from .monitoring import Alarm, AlarmRuleState, CareAlert, HealthSpan, PollerRun
from .org import Community, Organization, Zone
from .pollers import DeviceLease, Poller
from .series import MetricName, OpenSample, SeriesChunk, SeriesMark
from .settings import Setting
from .training import Course, TrainingRecord
from .workorders import (
    PreventivePlan,
    PreventiveRun,
    SlaReminder,
    WorkOrder,
    WorkOrderAttachment,
    WorkOrderCounter,
    WorkOrderEvent,
    WorkOrderPart,
)

__all__ = [
    "Alarm",
    "AlarmRuleState",
    "AuditArchive",
    "AuditEntry",
    "AuditHead",
    "Base",
    "BusinessCalendar",
    "CareAlert",
    "Community",
    "Contract",
    "Course",
    "Device",
    "DeviceCategory",
    "DeviceLease",
    "DeviceState",
    "EnrolledHost",
    "HealthSpan",
    "InstallationKey",
    "MaintenanceWindow",
    "MetricName",
    "OpenSample",
    "Organization",
    "Poller",
    "PollerRun",
    "PreventivePlan",
    "PreventiveRun",
    "SeriesChunk",
    "SeriesMark",
    "Setting",
    "SlaPolicy",
    "SlaReminder",
    "SlaStatement",
    "SlaTerm",
    "StoredSecret",
    "TrainingRecord",
    "User",
    "WorkOrder",
    "WorkOrderAttachment",
    "WorkOrderCounter",
    "WorkOrderEvent",
    "WorkOrderPart",
    "Zone",
    "contract_communities",
    "user_communities",
]
