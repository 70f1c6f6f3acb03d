"""The Plans page: preventive plans, their schedule and next due date; new, edit, pause."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QPushButton, QTableView

from ...services.workorders import PlanInfo
from ..context import UiContext
from ..i18n import category_name, tr
from ..models.plans import PlansModel
from ..models.roles import OBJECT_ROLE, SORT_ROLE
from ..widgets import PageHeader, show_error, show_info
from .base import Page


class PlansPage(Page):
    key = "plans"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        header = PageHeader(
            tr(self.title),
            tr(
                "Preventive maintenance: each due date raises one inspection or cleaning "
                "order per device, never twice; a paused plan raises none."
            ),
        )
        writer = ctx.actor.can("plan.write")
        self.new_button = QPushButton(tr("&New plan…"))
        self.new_button.setProperty("role", "primary")
        self.edit_button = QPushButton(tr("&Edit…"))
        self.pause_button = QPushButton(tr("&Pause"))
        self.run_button = QPushButton(tr("&Raise due orders now"))
        for b, slot in (
            (self.new_button, self.new_plan),
            (self.edit_button, self.edit_plan),
            (self.pause_button, self.toggle_pause),
            (self.run_button, self.run_due),
        ):
            b.setVisible(writer)
            b.clicked.connect(slot)
            header.action_row.addWidget(b)
        self.outer.addWidget(header)
        self.model = PlansModel(lambda code: category_name(ctx.categories(), code))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setAccessibleName(tr("Preventive plans"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_plan())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.outer.addWidget(self.view, 1)
        self._selection_changed()

    def refresh(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor
        self.ctx.runner.run(
            lambda _c: services.workorders.list_plans(actor),
            success=self._loaded,
            failure=lambda e: show_error(self, e),
            name="plans",
        )

    def _loaded(self, rows: list[PlanInfo]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            self.select(selected.id)
        self._selection_changed()

    def selected(self) -> PlanInfo | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        plan: PlanInfo = self.proxy.data(index, OBJECT_ROLE)
        return plan

    def select(self, plan_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, OBJECT_ROLE).id == plan_id:
                self.view.selectRow(row)
                return

    def _selection_changed(self, *_: object) -> None:
        plan = self.selected()
        self.edit_button.setEnabled(plan is not None)
        self.pause_button.setEnabled(plan is not None)
        self.pause_button.setText(tr("&Resume") if plan and not plan.active else tr("&Pause"))

    def _open(self, plan: PlanInfo | None) -> QDialog | None:
        if not self.ctx.actor.can("plan.write"):
            return None
        from ..dialogs.plan import PlanDialog

        dialog = PlanDialog(self.ctx, plan, self)

        def finished(result: int) -> None:
            if result and dialog.result_value is not None:
                self.refresh()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def new_plan(self) -> QDialog | None:
        return self._open(None)

    def edit_plan(self) -> QDialog | None:
        plan = self.selected()
        return self._open(plan) if plan is not None else None

    def toggle_pause(self) -> None:
        plan = self.selected()
        if plan is None:
            return
        services, actor = self.ctx.services, self.ctx.actor
        self.ctx.runner.run(
            lambda _c: services.workorders.pause_plan(actor, plan.id, paused=plan.active),
            success=lambda _p: self.refresh(),
            failure=lambda e: show_error(self, e),
            name="plan-pause",
        )

    def run_due(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor

        def done(numbers: list[str]) -> None:
            self.refresh()
            self.ctx.events.workorders_changed.emit("")
            show_info(self, tr("{n} preventive work orders raised.").format(n=len(numbers)))

        self.ctx.runner.run(
            lambda _c: services.workorders.run_preventive(actor),
            success=done,
            failure=lambda e: show_error(self, e),
            name="plans-run",
        )
