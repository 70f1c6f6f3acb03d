"""Work orders: ``WorkOrdersService`` (``service``) assembled from one part per concern: create,
lifecycle, dispatch, costs, attachments, queries, alarms, history import, preventive plans."""

from __future__ import annotations

from .history_import import parse_time
from .media import DEFAULT_MAX_MB, MAX_MB_RANGE, MAX_MB_SETTING, checked_max_mb
from .media import KINDS as ATTACHMENT_KINDS
from .preventive import MAX_CHECKLIST, PlanInfo, PlanInput
from .service import ResidentContact, WorkOrdersService
from .views import AttachmentFile, AttachmentInfo, WorkOrderInfo

__all__ = [
    "ATTACHMENT_KINDS",
    "DEFAULT_MAX_MB",
    "MAX_CHECKLIST",
    "MAX_MB_RANGE",
    "MAX_MB_SETTING",
    "AttachmentFile",
    "AttachmentInfo",
    "PlanInfo",
    "PlanInput",
    "ResidentContact",
    "WorkOrderInfo",
    "WorkOrdersService",
    "checked_max_mb",
    "parse_time",
]
