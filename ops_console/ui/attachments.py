"""The work-order detail's photos and files: thumbnails read in the background, attach a
photo or PDF (with what it shows), open one full size on double-click."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import style
from .dialogs.attachment import AttachmentViewer, size_text
from .i18n import ATTACHMENT_KINDS, label, tr
from .operations import Operation
from .widgets import FlowLayout, local, show_error
from .widgets import label as make_label

if TYPE_CHECKING:
    from ..services.workorders import AttachmentInfo, WorkOrderInfo
    from .context import UiContext

ID_ROLE = Qt.ItemDataRole.UserRole + 1
THUMB = 96


def _framed(png: bytes) -> QPixmap:
    """The thumbnail centred on a square with a thin frame: photos and portrait PDF pages
    line up, and a white page stays visible on a white list."""
    image = QPixmap()
    image.loadFromData(png, "PNG")
    image = image.scaled(
        THUMB - 4, THUMB - 4, Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )  # fmt: skip
    square = QPixmap(THUMB, THUMB)
    square.fill(Qt.GlobalColor.transparent)
    painter = QPainter(square)
    x, y = (THUMB - image.width()) // 2, (THUMB - image.height()) // 2
    painter.drawPixmap(x, y, image)
    painter.setPen(QColor(style.current().border))
    painter.drawRect(x - 1, y - 1, image.width() + 1, image.height() + 1)
    painter.end()
    return square


class AttachmentsPanel(QWidget):
    """Thumbnails of a work order's attachments and the Attach button.

    Attributes:
        info: the work order shown, or None.
        thumbnails: the thumbnails read so far (PNG bytes by attachment id).
        viewer: the last viewer opened (tests read it).
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info: WorkOrderInfo | None = None
        self.thumbnails: dict[int, bytes] = {}
        self.viewer: AttachmentViewer | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Photos and files"))
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 28, THUMB + 40))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setFixedHeight(THUMB + 52)  # one row; more scroll
        self.list.itemActivated.connect(self.open_item)  # double-click or Enter
        self.empty = make_label(tr("No photos or files yet."), "muted")
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        row = FlowLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName(tr("What the file shows"))
        for code in ATTACHMENT_KINDS:
            self.kind.addItem(label(ATTACHMENT_KINDS, code), code)
        self.attach_button = QPushButton(tr("&Attach photo or PDF…"))
        self.attach_button.clicked.connect(self.choose_file)
        row.addWidget(self.kind)
        row.addWidget(self.attach_button)
        layout.addLayout(row)
        self.show_info(None)

    def may_attach(self) -> bool:
        """The role table's rule (the service checks it again): not the auditor; a
        technician only on an order assigned to them (the only ones they see)."""
        return self.info is not None and self.ctx.actor.can("workorder.attach")

    def show_info(self, info: WorkOrderInfo | None) -> None:
        """Show the order's attachments; their thumbnails are read in the background."""
        same = self.info is not None and info is not None and self.info.number == info.number
        if not same:
            self.thumbnails = {}
        self.info = info
        self.list.clear()
        attachments = info.attachments if info is not None else ()
        for a in attachments:
            item = QListWidgetItem(a.file_name)
            item.setData(ID_ROLE, a.id)
            item.setToolTip(
                tr("{kind} · {size} · {who}, {when}\nDouble-click to open").format(
                    kind=label(ATTACHMENT_KINDS, a.kind),
                    size=size_text(a.size),
                    who=info.name_of(a.added_by) if info is not None else a.added_by,
                    when=local(a.added_at),
                )
            )
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
        self.list.setVisible(bool(attachments))
        self.empty.setVisible(info is not None and not attachments)
        self.attach_button.setEnabled(self.may_attach())
        self.kind.setEnabled(self.may_attach())
        self._paint()
        if info is not None and any(a.id not in self.thumbnails for a in attachments):
            self._read_thumbnails(info.number)

    def _read_thumbnails(self, number: str) -> None:
        services, actor = self.ctx.services, self.ctx.actor

        def done(found: dict[int, bytes]) -> None:
            if self.info is not None and self.info.number == number:
                self.thumbnails.update(found)
                self._paint()

        self.ctx.runner.run(
            lambda _c: services.workorders.attachment_thumbnails(actor, number),
            success=done,
            failure=lambda _e: None,  # the file names stay; a thumbnail is not worth a popup
            name="attachment thumbnails",
        )

    def _paint(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            data = self.thumbnails.get(int(item.data(ID_ROLE)))
            if data is not None:
                item.setIcon(QIcon(_framed(data)))

    def thumbnail_shown(self, attachment_id: int) -> bool:
        """Whether that attachment's item shows its thumbnail (tests, snapshots)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == attachment_id:
                return not item.icon().isNull()
        return False

    def attachment(self, attachment_id: int) -> AttachmentInfo | None:
        if self.info is None:
            return None
        return next((a for a in self.info.attachments if a.id == attachment_id), None)

    def open_item(self, item: QListWidgetItem) -> AttachmentViewer | None:
        """Open the attachment full size (the viewer reads it in the background)."""
        found = self.attachment(int(item.data(ID_ROLE)))
        if found is None or self.info is None:
            return None
        self.viewer = AttachmentViewer(self.ctx, found, self.info.name_of(found.added_by), self)
        self.viewer.open()
        return self.viewer

    def choose_file(self) -> QFileDialog | None:
        """Ask for the file (non-blocking); the chosen one is attached in the background."""
        if not self.may_attach():
            return None
        dialog = QFileDialog(
            self,
            tr("Attach a photo or PDF"),
            "",
            tr("Photos and PDFs (*.jpg *.jpeg *.png *.heic *.heif *.pdf)"),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.attach(Path(path)))
        dialog.open()
        return dialog

    def attach(self, path: Path) -> Operation[Any] | None:
        """Attach ``path`` as the chosen kind; the detail shows the order again from the
        result (workorder_saved), or the refusal is shown in words and nothing is kept."""
        if self.info is None:
            return None
        wo, actor, number = self.ctx.services.workorders, self.ctx.actor, self.info.number
        kind = str(self.kind.currentData())

        def write() -> WorkOrderInfo:
            wo.attach_file(actor, number, path, kind=kind)
            return wo.get(actor, number)

        op: Operation[Any] = (
            Operation(self, write, runner=self.ctx.runner, name="attach")
            .busy(self.attach_button, self.kind)
            .on_busy(lambda busy: self.ctx.events.message.emit(tr("Saving…") if busy else ""))
            .success(self.ctx.events.workorder_saved.emit)
            .failure(lambda exc: show_error(self, exc))
        )
        op.run()
        return op
