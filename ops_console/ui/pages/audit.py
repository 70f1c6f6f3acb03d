"""The Audit page: entries with filters, fetched page by page, and "verify chain"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
)
from shiboken6 import isValid

from ...domain.errors import OpsError
from ...services.audit import VerifyResult, witness
from .. import style
from ..audit_text import (
    AUDIT_ACTIONS,
    ENTITIES,
    Names,
    action_label,
    actor_text,
    entity_label,
    raw_text,
)
from ..context import UiContext
from ..i18n import current_language, error_text, tr
from ..models.audit import CHANGE, AuditTableModel
from ..widgets import FilterField, show_error
from ..widgets import label as make_label
from .base import Page, header_button, table_view


class AuditPage(Page):
    key = "audit"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self._names_asked = False  # read once, on first show (again after a failed read)
        self.verify_button = header_button(tr("&Verify chain"), self.verify, primary=True)
        self.add_header(
            tr("Every change, chained by hashes: an edited or deleted entry breaks the chain."),
            self.verify_button,
        )
        self.result = make_label("", wrap=True)
        self.result.setAccessibleName(tr("Verification result"))
        self.outer.addWidget(self.result)
        filters = QHBoxLayout()
        self.user = FilterField()
        self.user.setPlaceholderText(tr("User"))
        self.entity = QComboBox()
        self.entity.addItem(tr("Every kind of object"), "")
        for code in sorted(ENTITIES, key=entity_label):
            self.entity.addItem(entity_label(code), code)
        self.action = QComboBox()
        self.action.addItem(tr("Every action"), "")
        for code in sorted(AUDIT_ACTIONS, key=action_label):
            self.action.addItem(action_label(code), code)
        self.action.setMaxVisibleItems(20)
        for w, name in (
            (self.user, tr("User filter")),
            (self.entity, tr("Object filter")),
            (self.action, tr("Action filter")),
        ):
            w.setAccessibleName(name)
        self.user.setClearButtonEnabled(True)
        self.user.returnPressed.connect(self.refresh)
        self.entity.currentIndexChanged.connect(self.refresh)
        self.action.currentIndexChanged.connect(self.refresh)
        filters.addWidget(self.user, 1)
        filters.addWidget(self.entity, 1)
        filters.addWidget(self.action, 2)
        apply = QPushButton(tr("&Apply filters"))
        apply.clicked.connect(self.refresh)
        filters.addWidget(apply)
        self.outer.addLayout(filters)
        # the entries and the names are read in the background: a remote database is round
        # trips away, and the window would stall while the page is built or refreshed
        self.model = AuditTableModel(ctx.services.audit, ctx.actor, runner=ctx.runner)
        self.model.failed.connect(self._read_failed)
        self.view = table_view(self.model, tr("Audit entries"), striped=True)
        columns = self.view.horizontalHeader()
        columns.setStretchLastSection(True)
        for col, width in enumerate((150, 110, 170, 230)):
            self.view.setColumnWidth(col, width)
        columns.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(tr("Entry details"))
        self.details.setPlaceholderText(
            tr("Select an entry to see every changed field and the record as it was hashed.")
        )
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.details)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([600, 170])
        self.outer.addWidget(split, 1)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())

    def _read_names(self) -> None:
        """Read the names in the background; the rows are redrawn with them once back."""
        zh = current_language().startswith("zh")

        def arrived(names: Names) -> None:
            if not isValid(self.user):  # the page was rebuilt meanwhile
                return
            self.model.set_names(names)
            self.user.setCompleter(QCompleter(sorted(names.users.values()), self.user))
            self.show_selected()

        self.ctx.runner.run(
            lambda _c: self._names(zh),
            success=arrived,
            failure=self._names_failed,
            name="audit-names",
        )

    def _names_failed(self, exc: Exception) -> None:
        self._names_asked = False
        self._read_failed(exc)

    def _read_failed(self, exc: Exception) -> None:
        if isValid(self.result):
            self.result.setText(error_text(exc))

    def _names(self, zh: bool) -> Names:
        """User, community, organization and contract names for the ids the log stores
        (in the background)."""
        services, actor = self.ctx.services, self.ctx.actor
        names = Names()
        try:
            users = services.accounts.list_users(actor)
            names.users = {u.id: u.username for u in users}
            names.people = {u.username: u.display_name for u in users}
            names.communities = {c.id: c.name for c in services.accounts.list_communities(actor)}
            names.categories = {
                code: (name_zh if zh else name_en) or code
                for code, name_en, name_zh in services.inventory.categories()
            }
            for c in services.contracts.list(actor):
                names.contracts[c.id] = c.code
                for pol in services.contracts.policies(actor, c.code):
                    names.policies[pol.id] = f"{c.code} v{pol.version}"
        except OpsError:  # names are a convenience: the entries show ids without them
            pass
        return names

    def show_selected(self) -> None:
        idx = self.view.currentIndex()
        if not idx.isValid():
            self.details.clear()
            return
        e = self.model.rows[idx.row()]
        action, obj, lines = self.model.texts(e)
        head = f"{action} · {obj} · {actor_text(e.actor, self.model.names)}"
        self.details.setPlainText("\n".join([head, *lines, "", raw_text(e)]))

    def refresh(self) -> None:
        if not self._names_asked:
            self._names_asked = True
            self._read_names()
        try:
            self.model.reset(
                actor_name=self.user.text().strip(),
                entity=self.entity.currentData() or "",
                action=self.action.currentData() or "",
            )
            self.details.clear()
        except Exception as exc:
            show_error(self, exc)

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setText(tr("Verifying…"))
        self.ctx.runner.run(
            # the chain, and that it still holds the head last written to the witness log
            lambda _c: witness.checked(
                self.ctx.services.db, self.ctx.services.audit.verify(self.ctx.actor)
            ),
            success=self._verified,
            failure=self._verify_failed,
            name="verify audit",
        )

    def _verify_failed(self, exc: Exception) -> None:
        self.verify_button.setEnabled(True)
        show_error(self, exc)

    def _verified(self, r: VerifyResult) -> None:
        self.verify_button.setEnabled(True)
        if r.ok:
            text = tr("✔ The chain is intact: {n} entries checked. Fingerprint: {fp}").format(
                n=f"{r.entries:,}", fp=r.fingerprint
            )
            if r.archived:
                text += " " + tr("(entries 1–{n} are archived in files)").format(
                    n=f"{r.archived:,}"
                )
            self.result.setStyleSheet(f"color: {style.fg('ok').name()}; font-weight: 600;")
        else:
            text = tr("✘ The chain is broken at entry {id}: {problem}").format(
                id=r.first_broken, problem=r.problem
            )
            self.result.setStyleSheet(f"color: {style.fg('bad').name()}; font-weight: 600;")
        self.result.setText(text)
