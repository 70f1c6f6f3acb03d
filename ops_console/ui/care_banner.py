"""The SOS banner: a new SOS or fall alert takes the console over until someone acknowledges it.

A window-modal dialog with no close button; Escape does not dismiss it. It lists every SOS and
fall alert nobody has acknowledged yet, and acknowledges them one at a time with a note (who is
looking after the resident). It closes itself when none is left, including when someone else
acknowledged them from another seat.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import OpsError
from . import style
from .care_text import headline
from .context import UiContext
from .i18n import error_text, tr
from .operations import Operation
from .widgets import label, show_error


class CareBanner(QDialog):
    """The urgent care alerts, until each is acknowledged.

    Attributes:
        alerts: the SOS and fall alerts shown (CareView), oldest first.
        saving: the last acknowledgement sent (an Operation), else None.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.alerts: list[Any] = []
        self.saving: Operation[object] | None = None  # the acknowledgement under way
        self.setWindowTitle(tr("SOS — resident needs help"))
        self.setWindowModality(
            Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal
        )
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(560)
        self.setObjectName("care_banner")
        self.setStyleSheet(
            f"#care_banner {{ background: {style.current().bad_bg};"
            f" border: 3px solid {style.current().bad}; }}"
            f"#care_title {{ color: {style.current().bad}; font-size: 16pt; font-weight: 700; }}"
        )
        layout = QVBoxLayout(self)
        self.title = label("", None, wrap=True)
        self.title.setObjectName("care_title")
        layout.addWidget(self.title)
        layout.addWidget(
            label(
                tr(
                    "Call the resident or go there now. This stays on screen until someone "
                    "acknowledges each alert."
                ),
                wrap=True,
            )
        )
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Urgent care alerts"))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Who is looking after the resident"))
        self.note.setAccessibleName(tr("Acknowledgement note"))
        self.ack = QPushButton(tr("&Acknowledge selected"))
        self.ack.setProperty("role", "primary")
        self.ack.clicked.connect(self.acknowledge)
        self.note.textChanged.connect(self._update)
        row.addWidget(self.note, 1)
        row.addWidget(self.ack)
        layout.addLayout(row)
        self.problem = label("", "error", wrap=True)
        layout.addWidget(self.problem)
        self._update()

    def reject(self) -> None:
        """Escape and the window manager's close do nothing: acknowledge instead."""

    def set_alerts(self, alerts: list[Any]) -> None:
        """Show these urgent alerts (oldest first); close when there is none."""
        current = self.list.currentRow()
        self.alerts = sorted(alerts, key=lambda c: (c.raised_at, c.id))
        self.list.clear()
        for c in self.alerts:
            item = QListWidgetItem(headline(c))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
        if not self.alerts:
            self.accept()
            return
        self.title.setText(tr("{n} unacknowledged SOS / fall alerts").format(n=len(self.alerts)))
        self.list.setCurrentRow(min(max(current, 0), len(self.alerts) - 1))
        self._update()

    def _update(self) -> None:
        self.ack.setEnabled(bool(self.alerts) and bool(self.note.text().strip()))

    def acknowledge(self) -> Operation[object] | None:
        """Acknowledge the selected alert with the note, in the background (the button, the
        note and the list disabled meanwhile); the rest stay up."""
        row = self.list.currentRow()
        note = self.note.text().strip()
        if row < 0 or not note or (self.saving is not None and self.saving.running):
            return None
        c = self.alerts[row]
        monitoring, actor = self.ctx.services.monitoring, self.ctx.actor

        def done(_result: object) -> None:
            self.problem.setText("")
            self.note.clear()
            self.ctx.events.care_changed.emit()
            self.set_alerts([a for a in self.alerts if a.id != c.id])

        def refused(exc: Exception) -> None:
            if not isinstance(exc, OpsError):
                show_error(self, exc)
                return
            # e.g. acknowledged meanwhile at another seat: say so and reload
            self.problem.setText(error_text(exc))
            self.ctx.events.care_changed.emit()

        def write() -> object:
            return monitoring.acknowledge_care(actor, c.id, note=note)

        op: Operation[object] = (
            Operation(
                self,
                write,
                runner=self.ctx.runner,
                name="acknowledge care alert",
            )
            .busy(self.ack, self.note, self.list)
            .on_busy(lambda busy: self.problem.setText(tr("Saving…") if busy else ""))
            .success(done)
            .failure(refused)
        )
        self.saving = op
        op.run()
        return op
