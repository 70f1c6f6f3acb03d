"""Work orders: ``WorkOrdersService`` (``service``) assembled from one part per concern: create,
lifecycle, dispatch, costs, queries, alarms, history import, preventive plans."""

from __future__ import annotations

from .history_import import parse_time
from .preventive import MAX_CHECKLIST, PlanInfo, PlanInput
from .service import ResidentContact, WorkOrdersService
from .views import WorkOrderInfo

__all__ = [
    "MAX_CHECKLIST",
    "PlanInfo",
    "PlanInput",
    "ResidentContact",
    "WorkOrderInfo",
    "WorkOrdersService",
    "parse_time",
]
