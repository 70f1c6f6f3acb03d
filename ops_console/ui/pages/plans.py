"""The Plans page: preventive plans, their schedule and next due date; new, edit, pause."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHeaderView

from ...services.workorders import PlanInfo
from ..context import UiContext
from ..i18n import category_name, tr
from ..models.plans import PlansModel
from ..models.rows import sorting_proxy
from ..widgets import show_info
from .base import Page, current_record, header_button, select_record, table_view


class PlansPage(Page):
    key = "plans"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        writer = ctx.actor.can("plan.write")
        self.new_button = header_button(
            tr("&New plan…"), self.new_plan, primary=True, visible=writer
        )
        self.edit_button = header_button(tr("&Edit…"), self.edit_plan, visible=writer)
        self.pause_button = header_button(tr("&Pause"), self.toggle_pause, visible=writer)
        self.run_button = header_button(tr("&Raise due orders now"), self.run_due, visible=writer)
        self.add_header(
            tr(
                "Preventive maintenance: each due date raises one inspection or cleaning "
                "order per device, never twice; a paused plan raises none."
            ),
            self.new_button,
            self.edit_button,
            self.pause_button,
            self.run_button,
        )
        self.model = PlansModel(lambda code: category_name(ctx.categories(), code))
        self.proxy = sorting_proxy(self.model, self)
        self.view = table_view(self.proxy, tr("Preventive plans"))
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_plan())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.outer.addWidget(self.view, 1)
        self._selection_changed()

    def refresh(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor
        self.in_background("plans", lambda: services.workorders.list_plans(actor), self._loaded)

    def _loaded(self, rows: list[PlanInfo]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            self.select(selected.id)
        self._selection_changed()

    def selected(self) -> PlanInfo | None:
        plan: PlanInfo | None = current_record(self.view)
        return plan

    def select(self, plan_id: int) -> None:
        select_record(self.view, lambda p: p.id == plan_id)

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
        self.in_background(
            "plan-pause",
            lambda: services.workorders.pause_plan(actor, plan.id, paused=plan.active),
            lambda _p: self.refresh(),
        )

    def run_due(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor

        def done(numbers: list[str]) -> None:
            self.refresh()
            self.ctx.events.workorders_changed.emit("")
            show_info(self, tr("{n} preventive work orders raised.").format(n=len(numbers)))

        self.in_background("plans-run", lambda: services.workorders.run_preventive(actor), done)
