"""A work order's photo or PDF full size: the bytes read in the background, a photo at its own
size (scrolling), a PDF's pages drawn by PDFium like the report preview; save a copy."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...reports.output import atomic_output
from ..i18n import ATTACHMENT_KINDS, error_text, label, tr
from ..pdf_render import render_pages
from ..widgets import label as make_label
from ..widgets import local

if TYPE_CHECKING:
    from ...services.workorders import AttachmentFile, AttachmentInfo
    from ..context import UiContext
    from ..tasks import Task, TaskControl


def size_text(size: int) -> str:
    """A file's size as people read it."""
    if size >= 1_048_576:
        return tr("{n} MB").format(n=f"{size / 1_048_576:.1f}")
    return tr("{n} KB").format(n=max(1, round(size / 1024)))


class AttachmentViewer(QDialog):
    """One attachment, full size.

    Attributes:
        file: the attachment with its bytes, once read (None before).
        pages: the labels showing the photo or the PDF's pages.
        status: what the viewer says while reading, or why it could not.
    """

    def __init__(
        self, ctx: UiContext, info: AttachmentInfo, who: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.info = info
        self.file: AttachmentFile | None = None
        self.pages: list[QLabel] = []
        self._tmp = tempfile.TemporaryDirectory(prefix="ops-attachment-")
        self.setWindowTitle(f"{info.number} · {info.file_name}")
        self.resize(960, 720)
        layout = QVBoxLayout(self)
        layout.addWidget(
            make_label(
                tr("{kind} · {size} · {who}, {when}").format(
                    kind=label(ATTACHMENT_KINDS, info.kind),
                    size=size_text(info.size),
                    who=who,
                    when=local(info.added_at),
                ),
                "muted",
                wrap=True,
            )
        )
        self.status = make_label(tr("Loading…"), "muted", wrap=True)
        layout.addWidget(self.status)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton(tr("Save a &copy…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.choose_save)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.finished.connect(lambda _code: self._tmp.cleanup())
        self._load()

    def _load(self) -> None:
        services, actor, info = self.ctx.services, self.ctx.actor, self.info
        out = Path(self._tmp.name)

        def read(_c: TaskControl) -> tuple[AttachmentFile, list[QImage]]:
            # decoded here too (a 12-megapixel JPEG took 52-59 ms): the GUI thread only turns
            # the images into pixmaps (2 ms)
            found = services.workorders.attachment(actor, info.number, info.id)
            if not found.info.is_pdf:
                return found, [QImage.fromData(found.content)]
            pdf = out / "attachment.pdf"
            pdf.write_bytes(found.content)
            return found, [QImage(str(p)) for p in render_pages(pdf, out, dpi=96)]

        self.ctx.runner.run(read, success=self._show, failure=self._failed, name="attachment")

    def _show(self, found: tuple[AttachmentFile, list[QImage]]) -> None:
        self.file, images = found
        pixmaps = [QPixmap.fromImage(image) for image in images]
        for pixmap in pixmaps:
            lab = QLabel()
            lab.setPixmap(pixmap)
            lab.setStyleSheet("background: white;")
            self.body_layout.addWidget(lab)
            self.pages.append(lab)
        ok = bool(pixmaps) and not pixmaps[0].isNull()
        self.status.setText(
            "" if ok else tr("This file cannot be shown here; save a copy to open it elsewhere.")
        )
        self.status.setVisible(not ok)
        self.save_button.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(error_text(exc))

    def choose_save(self) -> QFileDialog:
        """Ask where to save a copy (non-blocking); the copy is written atomically."""
        dialog = QFileDialog(self, tr("Save a copy"), self.info.file_name)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda path: self.save_to(Path(path)))
        dialog.open()
        return dialog

    def save_to(self, path: Path) -> Task | None:
        """Write the copy in the background (a slow disk or a network folder must not freeze
        the window); the status line says where it went, or why it could not."""
        if self.file is None:
            return None
        content, what = self.file.content, tr("Save a copy")

        def write(_c: TaskControl) -> Path:
            with atomic_output(path, what) as fh:
                fh.write(content)
            return path

        return self.ctx.runner.run(
            write, success=self._saved, failure=self._save_failed, name="save copy"
        )

    def _saved(self, path: Path) -> None:
        self.status.setText(tr("Saved {path}").format(path=str(path)))
        self.status.setVisible(True)

    def _save_failed(self, exc: Exception) -> None:
        # a folder that cannot be written: say so, keep the dialog
        self.status.setText(error_text(exc))
        self.status.setVisible(True)
