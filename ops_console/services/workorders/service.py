"""Work orders: the service the CLI, the GUI and the reports call.

:class:`WorkOrdersService` is assembled from its parts, each in a module of its own:

- ``core``: kinds and sources, numbering, creation and every lifecycle move with
  its event and audit entry (the functions the importer, alarms and plans use too);
- ``create``: raising a work order by hand, editing it; ``contacts``:
  residents' contacts, encrypted;
- ``lifecycle``: dispatch (``dispatch``: the certification rule,
  automatic dispatch), accept, hold, resume, resolve, close, reopen, cancel;
- ``costs``: parts and labour; ``attachments`` (checked by ``media``): photos and PDFs;
- ``queries`` and ``views``: reading, and what calls return;
- ``alarms``: the alarm hand-over's receiving side; ``preventive``: plans;
  ``history_import``: history from an events CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..context import Actor
from .alarms import AlarmCalls
from .attachments import AttachmentCalls
from .contacts import ResidentContact
from .core import KINDS, SOURCES
from .costs import CostCalls
from .create import CreateCalls
from .lifecycle import LifecycleCalls
from .preventive import PlanCalls, PlanInfo, PlanInput
from .queries import QueryCalls
from .views import (
    AttachmentFile,
    AttachmentInfo,
    EventInfo,
    PartInfo,
    PeriodOrder,
    WorkOrderInfo,
    WorkOrderRow,
)

if TYPE_CHECKING:
    from .history_import import HistoryImportResult

__all__ = [
    "KINDS",
    "SOURCES",
    "AttachmentFile",
    "AttachmentInfo",
    "EventInfo",
    "PartInfo",
    "PeriodOrder",
    "PlanInfo",
    "PlanInput",
    "ResidentContact",
    "WorkOrderInfo",
    "WorkOrderRow",
    "WorkOrdersService",
]


class WorkOrdersService(
    CreateCalls, LifecycleCalls, CostCalls, QueryCalls, AlarmCalls, PlanCalls, AttachmentCalls
):
    """Live work on work orders; every call is one audited transaction."""

    def import_csv(self, actor: Actor, path: Path) -> HistoryImportResult:
        """Import work-order history from an events CSV; see history_import."""
        from .history_import import WorkOrderImporter

        return WorkOrderImporter(self.db, self.clock).import_csv(actor, path)
