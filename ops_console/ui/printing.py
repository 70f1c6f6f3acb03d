"""Printing a report's rendered pages, in a background task.

Qt allows a ``QPainter`` on a ``QPrinter`` (and on a ``QImage``) outside the GUI thread
(Qt 6, "Thread-Support in Qt Modules", painting in threads); ``QPixmap`` is not used here.
Each page is decoded as a ``QImage`` and drawn into the printer's paint rectangle by the
painter's own scaling: no full-resolution copy of the page (~9,900 × 14,000 pixels for A4 at
1,200 dpi) is made, and a PDF printer embeds the page image as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from .tasks import TaskControl


class PrintFailed(Exception):
    """The printer could not be opened or refused a page; nothing was (fully) printed."""

    def __init__(self, target: str, page: int = 0, *, unreadable: Path | None = None) -> None:
        super().__init__(target)
        self.target = target  # the printer's name, or the file a PDF printer writes
        self.page = page  # the page it failed at, 0 when the printer did not open
        self.unreadable = unreadable  # a rendered page that could not be read


@dataclass
class PrintJob:
    """A print in progress, as the page shows it; the background task writes it.

    ``outcome`` once it ended: "printed", "aborted" (the printer withdrew the job),
    "removed" (a PDF printer's unfinished file deleted), "sent" (cancelled, but this printer
    cannot withdraw a job: the pages drawn may still print) or "failed" (``error`` says why).
    """

    total: int
    printed: int = 0
    outcome: str | None = None
    error: PrintFailed | None = None


def target_name(printer: QPrinter) -> str:
    return printer.outputFileName() or printer.printerName()


def page_rect(image: QSize, paint: QRect) -> QRect:
    """Where a page image goes on the sheet: as large as the paint rectangle allows, its
    proportions kept, from the top left corner (as the preview shows it)."""
    size = image.scaled(paint.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(0, 0, size.width(), size.height())


def draw_page(painter: QPainter, image: QImage, target: QRect) -> None:
    """Draw a page image into ``target``, scaled by the painter (smoothly)."""
    painter.drawImage(target, image)


def print_pages(
    printer: QPrinter, pages: Sequence[Path], job: PrintJob, control: TaskControl
) -> PrintJob:
    """Print ``pages`` (image files), one per sheet, recording in ``job`` how it went; runs
    in a background task.

    Progress is ``(page - 1) / total`` before each page is drawn. When ``control`` is
    cancelled, the page being drawn is finished, then the job is withdrawn. A printer that
    cannot be opened, a page that cannot be read or refused by the printer ends it as
    "failed", the job withdrawn as well.
    """
    painter = QPainter()
    if not painter.begin(printer):
        job.outcome, job.error = "failed", PrintFailed(target_name(printer))
        return job
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    paint = printer.pageLayout().paintRectPixels(printer.resolution())
    try:
        for i, path in enumerate(pages):
            if control.cancelled():
                job.outcome = _withdraw(printer, painter)
                return job
            control.progress(i / len(pages))
            image = QImage(str(path))
            if image.isNull():
                raise PrintFailed(target_name(printer), i + 1, unreadable=path)
            if i and not printer.newPage():
                raise PrintFailed(target_name(printer), i + 1)
            draw_page(painter, image, page_rect(image.size(), paint))
            job.printed = i + 1
        if not painter.end():
            raise PrintFailed(target_name(printer), len(pages))
    except PrintFailed as exc:
        _withdraw(printer, painter)
        job.outcome, job.error = "failed", exc
        return job
    except BaseException:
        _withdraw(printer, painter)
        raise
    control.progress(1.0)
    job.outcome = "printed"
    return job


def _withdraw(printer: QPrinter, painter: QPainter) -> str:
    """Abort the printer's job; Qt's PDF (and CUPS) engines cannot: a PDF printer's file is
    then finished and deleted, and a CUPS job goes out with the pages drawn so far."""
    aborted = printer.abort()
    if painter.isActive():
        painter.end()
    if aborted:
        return "aborted"
    if printer.outputFileName():
        Path(printer.outputFileName()).unlink(missing_ok=True)
        return "removed"
    return "sent"
