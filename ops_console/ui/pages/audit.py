"""The Audit page: entries with filters, fetched page by page, and "verify chain"."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLineEdit, QPushButton, QTableView

from ...services.context import Actor
from ..i18n import N, tr
from ..models.audit import AuditTableModel
from ..widgets import PageHeader, show_error
from ..widgets import label as make_label
from .base import Page


class AuditPage(Page):
    key = "audit"
    title = N("Audit")
    icon_name = "audit"

    @classmethod
    def visible_for(cls, actor: Actor) -> bool:
        return actor.can("audit.read")

    def __init__(self, ctx: Any) -> None:
        super().__init__(ctx)
        header = PageHeader(
            tr(self.title),
            tr("Every change, chained by hashes: an edited or deleted entry breaks the chain."),
        )
        self.verify_button = QPushButton(tr("&Verify chain"))
        self.verify_button.setProperty("role", "primary")
        self.verify_button.clicked.connect(self.verify)
        header.actions.addWidget(self.verify_button)
        self.outer.addWidget(header)
        self.result = make_label("", wrap=True)
        self.result.setAccessibleName(tr("Verification result"))
        self.outer.addWidget(self.result)
        filters = QHBoxLayout()
        self.user = QLineEdit()
        self.user.setPlaceholderText(tr("User"))
        self.entity = QLineEdit()
        self.entity.setPlaceholderText(tr("Entity (device, work_order, user…)"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(tr("Action (e.g. device.retire)"))
        for w, name in (
            (self.user, tr("User filter")),
            (self.entity, tr("Entity filter")),
            (self.action, tr("Action filter")),
        ):
            w.setAccessibleName(name)
            w.setClearButtonEnabled(True)
            w.returnPressed.connect(self.refresh)
            filters.addWidget(w)
        apply = QPushButton(tr("&Apply filters"))
        apply.clicked.connect(self.refresh)
        filters.addWidget(apply)
        self.outer.addLayout(filters)
        self.model = AuditTableModel(ctx.services.audit, ctx.actor)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Audit entries"))
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        for col, w in enumerate((150, 110, 170, 100, 130)):
            self.view.setColumnWidth(col, w)
        self.outer.addWidget(self.view, 1)

    def refresh(self) -> None:
        try:
            self.model.reset(
                actor_name=self.user.text().strip(),
                entity=self.entity.text().strip(),
                action=self.action.text().strip(),
            )
        except Exception as exc:
            show_error(self, exc)

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setText(tr("Verifying…"))
        self.ctx.runner.run(
            lambda _c: self.ctx.services.audit.verify(self.ctx.actor),
            success=self._verified,
            failure=lambda e: (self.verify_button.setEnabled(True), show_error(self, e)),
            name="verify audit",
        )

    def _verified(self, r: Any) -> None:
        self.verify_button.setEnabled(True)
        if r.ok:
            text = tr("✔ The chain is intact: {n} entries checked. Fingerprint: {fp}").format(
                n=f"{r.entries:,}", fp=r.fingerprint
            )
            self.result.setStyleSheet("color: #15803d; font-weight: 600;")
        else:
            text = tr("✘ The chain is broken at entry {id}: {problem}").format(
                id=r.first_broken, problem=r.problem
            )
            self.result.setStyleSheet("color: #b91c1c; font-weight: 600;")
        self.result.setText(text)
