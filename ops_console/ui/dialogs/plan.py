"""Create or edit a preventive plan: what it applies to, when it falls due, what is checked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPlainTextEdit, QSpinBox, QWidget

from ...domain.lifecycle import PRIORITIES
from ...domain.preventive import MAX_EVERY_DAYS
from ...services.workorders import MAX_CHECKLIST, PlanInfo, PlanInput
from ..context import UiContext
from ..i18n import KINDS, category_name, tr
from ..widgets import LOCAL_TZ
from .form import DateField, ServiceForm, combo, line_edit


class PlanDialog(ServiceForm):
    """A new plan (``plan`` None) or an edit of ``plan``.

    Attributes:
        result_value: the saved PlanInfo, once accepted.
    """

    def __init__(
        self, ctx: UiContext, plan: PlanInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx,
            tr("Edit preventive plan") if plan else tr("New preventive plan"),
            tr(
                "Each due date raises one work order per device, with the checklist in it; "
                "the poller raises them when due."
            ),
            tr("&Save plan"),
            parent,
        )
        self.plan = plan
        self.name = self.add(
            tr("&Name:"),
            line_edit(
                plan.name if plan else "",
                max_length=200,
                placeholder=tr("e.g. monthly gate inspection"),
            ),
        )
        self.target = self.add(
            tr("&Applies to:"),
            combo(
                [(tr("Every device of a category"), "category"), (tr("One device"), "device")],
                ("device" if plan.device else "category") if plan else None,
            ),
        )
        cats = ctx.categories()
        self.category = self.add(
            tr("&Category:"),
            combo(
                [(category_name(cats, c), c) for c in sorted(cats)], plan.category if plan else None
            ),
        )
        self.device = self.add(
            tr("&Device (asset tag):"),
            line_edit(plan.device or "" if plan else "", placeholder="HB-BIN-001"),
        )
        self.schedule = self.add(
            tr("&Schedule:"),
            combo(
                [(tr("Every N days"), "days"), (tr("Monthly on a day"), "monthly")],
                ("monthly" if plan.day_of_month else "days") if plan else None,
            ),
        )
        self.every = self.add(tr("&Every (days):"), QSpinBox())
        self.every.setRange(1, MAX_EVERY_DAYS)
        self.every.setValue(plan.every_days or 7 if plan else 7)
        self.day = self.add(tr("Day of the &month:"), QSpinBox())
        self.day.setRange(1, 31)
        self.day.setValue(plan.day_of_month or 1 if plan else 1)
        self.day.setToolTip(tr("29–31: the last day of shorter months"))
        start = plan.starts_on if plan else ctx.services.clock.now().astimezone(LOCAL_TZ).date()
        self.starts = self.add(tr("S&tarts on:"), DateField(start))
        self.kind = self.add(
            tr("&Kind:"),
            combo(
                [(tr(KINDS[c]), c) for c in ("inspection", "cleaning")], plan.kind if plan else None
            ),
        )
        self.priority = self.add(
            tr("&Priority:"),
            combo([(p, p) for p in PRIORITIES], plan.priority if plan else "P4"),
        )
        self.checklist = self.add(tr("Check&list:"), QPlainTextEdit(plan.checklist if plan else ""))
        self.checklist.setPlaceholderText(tr("One step per line"))
        self.checklist.setFixedHeight(110)
        self.target.currentIndexChanged.connect(self._enable)
        self.schedule.currentIndexChanged.connect(self._enable)
        self._enable()
        self.ready(self._check, self._submit)

    def _enable(self, *_: object) -> None:
        by_device = self.target.currentData() == "device"
        self.category.setEnabled(not by_device)
        self.device.setEnabled(by_device)
        monthly = self.schedule.currentData() == "monthly"
        self.every.setEnabled(not monthly)
        self.day.setEnabled(monthly)

    def _check(self) -> list[str]:
        problems = []
        if not self.name.text().strip():
            problems.append(tr("Give the plan a name."))
        if self.target.currentData() == "device" and not self.device.text().strip():
            problems.append(tr("Enter the device's asset tag."))
        if len(self.checklist.toPlainText()) > MAX_CHECKLIST:
            problems.append(
                tr("The checklist is too long (at most {n} characters).").format(n=MAX_CHECKLIST)
            )
        return problems

    def plan_input(self) -> PlanInput:
        by_device = self.target.currentData() == "device"
        monthly = self.schedule.currentData() == "monthly"
        return PlanInput(
            self.name.text().strip(),
            self.starts.day(),
            None if monthly else self.every.value(),
            self.day.value() if monthly else None,
            None if by_device else self.category.currentData(),
            self.device.text().strip() if by_device else None,
            self.kind.currentData(),
            self.priority.currentData(),
            self.checklist.toPlainText().strip(),
        )

    def _submit(self) -> Callable[[], PlanInfo]:
        # the fields are read here, on the GUI thread; the write runs in the background
        workorders, actor = self.ctx.services.workorders, self.ctx.actor
        plan, plan_id = self.plan_input(), self.plan.id if self.plan else None
        return lambda: workorders.save_plan(actor, plan, plan_id)
