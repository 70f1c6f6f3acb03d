"""Work orders: the service the CLI, the GUI and the reports call.

:class:`WorkOrdersService` is assembled from its parts, each in a module of its own:

- ``workorder_core``: kinds and sources, numbering, creation and every lifecycle move with
  its event and audit entry (the functions the importer, alarms and plans use too);
- ``workorder_create``: raising a work order by hand, editing it; ``workorder_contacts``:
  residents' contacts, encrypted;
- ``workorder_lifecycle``: dispatch (``workorder_dispatch``: the certification rule,
  automatic dispatch), accept, hold, resume, resolve, close, reopen, cancel;
- ``workorder_costs``: parts and labour;
- ``workorder_queries`` and ``workorder_views``: reading, and what calls return;
- ``workorder_alarms``: the alarm hand-over's receiving side; ``preventive``: plans;
  ``workorder_import``: history from an events CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .context import Actor
from .preventive import PlanCalls, PlanInfo
from .workorder_alarms import AlarmCalls
from .workorder_contacts import ResidentContact
from .workorder_core import KINDS, SOURCES
from .workorder_costs import CostCalls
from .workorder_create import CreateCalls
from .workorder_lifecycle import LifecycleCalls
from .workorder_queries import QueryCalls
from .workorder_views import EventInfo, PartInfo, PeriodOrder, WorkOrderInfo, WorkOrderRow

if TYPE_CHECKING:
    from .workorder_import import HistoryImportResult

__all__ = [
    "KINDS",
    "SOURCES",
    "EventInfo",
    "PartInfo",
    "PeriodOrder",
    "PlanInfo",
    "ResidentContact",
    "WorkOrderInfo",
    "WorkOrderRow",
    "WorkOrdersService",
]


class WorkOrdersService(CreateCalls, LifecycleCalls, CostCalls, QueryCalls, AlarmCalls, PlanCalls):
    """Live work on work orders; every call is one audited transaction."""

    def import_csv(self, actor: Actor, path: Path) -> HistoryImportResult:
        """Import work-order history from an events CSV; see workorder_import."""
        from .workorder_import import WorkOrderImporter

        return WorkOrderImporter(self.db, self.clock).import_csv(actor, path)
