"""Printing a report's PDF, in a background task.

Qt allows a ``QPainter`` on a ``QPrinter`` (and on a ``QImage``) outside the GUI thread
(Qt 6, "Thread-Support in Qt Modules", painting in threads); ``QPixmap`` is not used here.
Each page of the report's PDF is drawn by PDFium (``pdf_render.PdfPages``) as a ``QImage`` at
the size it takes on the sheet, at the printer's resolution up to ``MAX_DPI``, and painted
into the printer's paint rectangle (the painter scales it the rest of the way up). One page
image at a time: it is dropped before the next page is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter

from .pdf_render import PageUnreadable, PdfPages

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from .tasks import TaskControl


class PrintFailed(Exception):
    """The printer could not be opened or refused a page; nothing was (fully) printed."""

    def __init__(self, target: str, page: int = 0, *, unreadable: Path | None = None) -> None:
        super().__init__(target)
        self.target = target  # the printer's name, or the file a PDF printer writes
        self.page = page  # the page it failed at, 0 when the printer did not open
        self.unreadable = unreadable  # the report's PDF, when a page of it could not be read


# The finest a page is drawn for printing, in pixels per inch on the sheet: text and the
# statement's small Chinese characters are sharp at 300 dpi; a finer printer (and Qt's PDF
# printer, 1,200 dpi in HighResolution mode) gets the 300 dpi page scaled up by the painter,
# which keeps a page's image at ~2,400 × 3,400 pixels (24 MB) instead of ~9,600 × 13,700.
MAX_DPI = 300
# The coarsest: a printer in ScreenResolution mode says 96 dpi (a PDF printer in
# PrinterResolution mode, 72).
MIN_DPI = 150


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


def print_dpi(printer_dpi: int, page: QSizeF, target: QRect) -> float:
    """The resolution to draw a PDF page of ``page`` points at, so that its image has, once
    scaled into ``target`` (printer pixels), ``printer_dpi`` pixels per inch on the sheet,
    kept within ``MIN_DPI``..``MAX_DPI``."""
    on_sheet = max(MIN_DPI, min(MAX_DPI, printer_dpi))
    # the page is shrunk (or grown) into the paint rectangle by target / page size
    inches = target.width() / printer_dpi
    return on_sheet * inches / (page.width() / 72)


# Rows of a page image drawn at a time: a PDF (or CUPS) printer compresses each image it is
# given while holding Python's lock, ~250 ms for a whole page at 300 dpi, which the window
# would wait for; a band of 256 rows takes ~20 ms.
BAND_ROWS = 256


def draw_page(painter: QPainter, image: QImage, target: QRect) -> None:
    """Draw a page image into ``target``, scaled by the painter (smoothly), in bands of
    ``BAND_ROWS`` rows that meet exactly (fractional printer pixels)."""
    scale = target.height() / image.height()
    for top in range(0, image.height(), BAND_ROWS):
        rows = min(BAND_ROWS, image.height() - top)
        painter.drawImage(
            QRectF(target.x(), target.y() + top * scale, target.width(), rows * scale),
            image,
            QRectF(0, top, image.width(), rows),
        )


def print_pages(printer: QPrinter, pdf: Path, job: PrintJob, control: TaskControl) -> PrintJob:
    """Print the PDF's pages (``job.total`` of them), one per sheet, recording in ``job`` how
    it went; runs in a background task.

    Progress is ``(page - 1) / total`` before each page is drawn. When ``control`` is
    cancelled, the page being drawn is finished, then the job is withdrawn. A printer that
    cannot be opened, a page that cannot be drawn or refused by the printer ends it as
    "failed", the job withdrawn as well.
    """
    painter = QPainter()
    if not painter.begin(printer):
        job.outcome, job.error = "failed", PrintFailed(target_name(printer))
        return job
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    paint = printer.pageLayout().paintRectPixels(printer.resolution())
    try:
        with PdfPages(pdf) as doc:
            for i in range(job.total):
                if control.cancelled():
                    job.outcome = _withdraw(printer, painter)
                    return job
                control.progress(i / job.total)
                try:
                    size = doc.size(i)
                    target = page_rect(size.toSize(), paint)
                    image = render_page(doc, i, print_dpi(printer.resolution(), size, target))
                except PageUnreadable:
                    raise PrintFailed(target_name(printer), i + 1, unreadable=pdf) from None
                if i and not printer.newPage():
                    raise PrintFailed(target_name(printer), i + 1)
                draw_page(painter, image, target)
                del image  # before the next page is drawn: one page's pixels at a time
                job.printed = i + 1
        if not painter.end():
            raise PrintFailed(target_name(printer), job.total)
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


def render_page(doc: PdfPages, index: int, dpi: float) -> QImage:
    """Page ``index`` of the report drawn for printing (a seam for the tests)."""
    return doc.render(index, dpi)


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
