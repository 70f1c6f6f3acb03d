"""The Contracts page (those who may import contracts): the contracts with their parties,
communities, period and SLA policy version; import a contract file with a preview."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...services.sla import ContractInfo
from ..context import UiContext
from ..i18n import N, tr
from ..models.records import RecordsModel
from ..widgets import show_info
from .records import RecordsPage

COLUMNS = (N("Code"), N("Contract"), N("Firm"), N("Communities"), N("Period"), N("SLA policy"))
CODE, NAME, FIRM, COMMUNITIES, PERIOD, POLICY = range(len(COLUMNS))


def _text(c: ContractInfo, col: int) -> str:
    values = (
        c.code,
        c.name,
        c.firm,
        "、".join(c.communities),
        f"{c.starts_on} – {c.ends_on}",
        f"v{c.policy_version}",
    )
    return values[col]


class ContractsPage(RecordsPage[ContractInfo]):
    key = "contracts"

    def __init__(self, ctx: UiContext) -> None:
        model: RecordsModel[ContractInfo] = RecordsModel(COLUMNS, _text, key=lambda c: c.code)
        super().__init__(
            ctx,
            tr(
                "Contracts and their SLA policies. Import a contract file to add one or to "
                "change its terms: the preview says what will change before anything is saved."
            ),
            model,
            tr("Contracts"),
        )
        self.import_button = self.button(
            tr("&Import contract…"), self.import_contract, primary=True
        )

    def load(self) -> Sequence[ContractInfo]:
        return self.ctx.services.contracts.list(self.ctx.actor)

    def import_contract(self) -> Any:
        from ..dialogs.contract_import import ContractImportDialog

        dialog = ContractImportDialog(self.ctx, self)

        def finished(result: int) -> None:
            r = dialog.result_value
            if result and r is not None:
                self.refresh()
                show_info(
                    self,
                    tr("Contract {code} imported; SLA policy version {v} in force.").format(
                        code=r.code, v=r.policy_version
                    ),
                )

        dialog.finished.connect(finished)
        dialog.open()
        return dialog
