"""The Training page: staff × course matrix coloured valid/expiring/expired/missing, expiring list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QSplitter, QTableView

from .. import style
from ..context import UiContext
from ..i18n import CERT, ROLES, gap_text, label, tr
from ..models.roles import OBJECT_ROLE
from ..widgets import label as make_label
from .base import Page, header_button

if TYPE_CHECKING:
    from ...services.training import ExpiringCertificate, TrainingMatrix

# traffic-light role of each certificate state, coloured by the current theme
CERT_LIGHT = {"valid": "ok", "expiring": "warn", "expired": "bad", "missing": "neutral"}
CERT_MARK = {"valid": "✔", "expiring": "◷", "expired": "✘", "missing": "–"}


class MatrixModel(QAbstractTableModel):
    """Rows: staff; columns: courses; cells coloured by certificate status."""

    def __init__(self) -> None:
        super().__init__()
        self.matrix: TrainingMatrix | None = None

    def set_matrix(self, m: TrainingMatrix) -> None:
        self.beginResetModel()
        self.matrix = m
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.courses)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.matrix is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            c = self.matrix.courses[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return c.code
            if role == Qt.ItemDataRole.ToolTipRole:
                return c.title
        elif role == Qt.ItemDataRole.DisplayRole:
            r = self.matrix.rows[section]
            text = tr("{name} ({role})").format(
                name=r.display_name or r.username, role=label(ROLES, r.role)
            )
            # the warning badge: a mandatory certificate expired or missing
            return f"⚠ {text}" if r.mandatory_gaps else text
        elif role == Qt.ItemDataRole.ToolTipRole:
            r = self.matrix.rows[section]
            lines = [tr("Login: {login}").format(login=r.username)]
            gaps = [(c.course, c.status) for c in r.cells if c.mandatory]
            gaps = [g for g in gaps if g[1] in ("missing", "expired")]
            if gaps:
                lines.append(gap_text(gaps))
            return "\n".join(lines)
        elif role == Qt.ItemDataRole.ForegroundRole:
            r = self.matrix.rows[section]
            return QBrush(style.fg(CERT_LIGHT["expired"])) if r.mandatory_gaps else None
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        cell = self.matrix.rows[index.row()].cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{CERT_MARK[cell.status]} {label(CERT, cell.status)}"
            return text + (" *" if cell.mandatory else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(style.bg(CERT_LIGHT[cell.status]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(style.fg(CERT_LIGHT[cell.status]))
        if role == Qt.ItemDataRole.ToolTipRole:
            exp = cell.expires_on.isoformat() if cell.expires_on else ""
            return f"{cell.course} {label(CERT, cell.status)} {exp} {cell.certificate_no or ''}"
        if role == OBJECT_ROLE:
            return cell
        return None


class TrainingPage(Page):
    key = "training"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.record_button = header_button(
            tr("&Record training…"),
            self.record_training,
            primary=True,
            visible=ctx.actor.can("training.write"),
        )
        self.add_header(
            tr("Who is certified for what; * marks a course mandatory for the role."),
            self.record_button,
        )
        legend = QHBoxLayout()
        for s in CERT:
            w = make_label(f"{CERT_MARK[s]} {label(CERT, s)}")
            w.setStyleSheet(
                f"background: {style.bg(CERT_LIGHT[s]).name()}; color: {style.fg(CERT_LIGHT[s]).name()};"
                " padding: 3px 8px; border-radius: 4px;"
            )
            legend.addWidget(w)
        legend.addStretch(1)
        self.outer.addLayout(legend)
        split = QSplitter(Qt.Orientation.Vertical)
        self.model = MatrixModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(tr("Training matrix"))
        self.view.horizontalHeader().setDefaultSectionSize(110)
        split.addWidget(self.view)
        self.expiring = QListWidget()
        self.expiring.setAccessibleName(tr("Certificates expiring within 30 days"))
        box_title = make_label(tr("Expiring within 30 days"), "subtitle")
        self.outer.addWidget(split, 1)
        self.outer.addWidget(box_title)
        self.outer.addWidget(self.expiring)
        self.expiring.setMaximumHeight(160)
        self.view.doubleClicked.connect(lambda _i: self.record_training())
        self.connect_event(ctx.events.training_changed, self.refresh)

    def refresh(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor
        self.in_background(
            "training",
            lambda: (services.training.matrix(actor), services.training.expiring(actor)),
            self._loaded,
        )

    def _loaded(self, data: tuple[TrainingMatrix, list[ExpiringCertificate]]) -> None:
        matrix, expiring = data
        self.model.set_matrix(matrix)
        self.view.resizeColumnsToContents()
        self.expiring.clear()
        for e in expiring:
            self.expiring.addItem(
                tr("{name}: {course} expires {date} ({days} days)").format(
                    name=e.display_name,
                    course=e.course_title,
                    date=e.expires_on.isoformat(),
                    days=e.days_left,
                )
            )
        if not expiring:
            self.expiring.addItem(tr("No certificate expires within 30 days."))

    def record_training(self) -> QDialog | None:
        """Open the record editor, preset to the selected cell's person and course."""
        m = self.model.matrix
        if m is None or not self.ctx.actor.can("training.write"):
            return None
        from ..dialogs.planning import TrainingRecordDialog

        user = course = None
        index = self.view.currentIndex()
        if index.isValid():
            user = m.rows[index.row()].username
            course = m.courses[index.column()].code
        dialog = TrainingRecordDialog(
            self.ctx,
            [(r.username, r.display_name) for r in m.rows],
            [(c.code, c.title) for c in m.courses],
            user,
            course,
            self,
        )

        def finished(result: int) -> None:
            if result and dialog.result_value is not None:
                self.ctx.events.training_changed.emit()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog
