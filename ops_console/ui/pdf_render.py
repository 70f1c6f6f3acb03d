"""PDF pages drawn as images: the report preview's and the attachment viewer's PNG files, and
the printed report's pages, one at a time."""

from __future__ import annotations

import ctypes
import math
import shutil
import subprocess
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

# PDFium is not thread-safe: a preview and a print may render at the same time
_PDFIUM = threading.Lock()


class PageUnreadable(Exception):
    """A PDF (or one of its pages) that neither PDFium nor poppler's pdftoppm can draw."""


class PdfPages:
    """A PDF's pages, each drawn on request as a ``QImage`` (nothing is kept between calls).

    PDFium (pypdfium2) draws them, so the preview and printing work in the installed bundles
    on Windows and macOS too; poppler's pdftoppm is the fallback where pypdfium2 is missing or
    cannot read the file. Use as a context manager (the PDFium document is closed at the end).
    """

    def __init__(self, pdf: Path) -> None:
        self.pdf = pdf
        self._doc: Any = None
        try:
            import pypdfium2 as pdfium
        except ImportError:
            return
        try:
            with _PDFIUM:
                self._doc = pdfium.PdfDocument(str(pdf))
        except (pdfium.PdfiumError, OSError):
            self._doc = None

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._doc is not None:
            with _PDFIUM:
                self._doc.close()
            self._doc = None

    def __len__(self) -> int:
        if self._doc is not None:
            return len(self._doc)
        exe = shutil.which("pdfinfo")
        if exe is None:
            return 0
        info = subprocess.run(
            [exe, str(self.pdf)], capture_output=True, text=True, timeout=60, check=False
        )
        for line in info.stdout.splitlines():
            if line.startswith("Pages:"):
                return int(line.split()[1])
        return 0

    def size(self, index: int) -> QSizeF:
        """Page ``index``'s size in points (1/72 inch)."""
        if self._doc is not None:
            with _PDFIUM:
                try:
                    page = self._doc[index]
                except IndexError as exc:
                    raise PageUnreadable(f"{self.pdf}: page {index + 1}") from exc
                width, height = page.get_size()
                page.close()
            return QSizeF(width, height)
        exe = shutil.which("pdfinfo")
        if exe is not None:
            n = str(index + 1)
            info = subprocess.run(
                [exe, "-f", n, "-l", n, str(self.pdf)],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            for line in info.stdout.splitlines():
                if line.startswith(f"Page {n:>4} size:"):
                    words = line.split(":", 1)[1].split()
                    return QSizeF(float(words[0]), float(words[2]))
        raise PageUnreadable(f"{self.pdf}: page {index + 1}")

    def render(self, index: int, dpi: float) -> QImage:
        """Page ``index`` (from 0) drawn at ``dpi``, white background, 24-bit colour."""
        if self._doc is not None:
            return self._render_pdfium(index, dpi)
        exe = shutil.which("pdftoppm")
        if exe is None:
            raise PageUnreadable(f"{self.pdf}: page {index + 1} (no PDFium, no pdftoppm)")
        n = str(index + 1)
        drawn = subprocess.run(
            [exe, "-r", f"{dpi:.3f}", "-f", n, "-l", n, "-singlefile", str(self.pdf)],
            capture_output=True,
            timeout=300,
            check=False,
        )
        image = QImage.fromData(drawn.stdout)  # a PPM, known by its header
        if drawn.returncode or image.isNull():
            raise PageUnreadable(f"{self.pdf}: page {index + 1}")
        return image

    def _render_pdfium(self, index: int, dpi: float) -> QImage:
        """PDFium draws straight into the ``QImage``'s pixels (no copy made while holding
        Python's lock): its BGRx bytes are Qt's RGB32 on a little-endian machine (x86, ARM)."""
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        with _PDFIUM:
            try:
                page = self._doc[index]
            except (pdfium.PdfiumError, IndexError) as exc:
                raise PageUnreadable(f"{self.pdf}: page {index + 1}") from exc
            try:
                width, height = page.get_size()
                w, h = math.ceil(width * dpi / 72), math.ceil(height * dpi / 72)
                image = QImage(w, h, QImage.Format.Format_RGB32)
                if image.isNull():
                    raise PageUnreadable(f"{self.pdf}: page {index + 1} ({w} x {h} pixels)")
                pixels = image.bits()
                buffer = (ctypes.c_ubyte * len(pixels)).from_buffer(pixels)
                bitmap = pdfium_c.FPDFBitmap_CreateEx(
                    w, h, pdfium_c.FPDFBitmap_BGRx, buffer, image.bytesPerLine()
                )
                try:
                    pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, w, h, 0xFFFFFFFF)
                    pdfium_c.FPDF_RenderPageBitmap(
                        bitmap,
                        page.raw,
                        0,
                        0,
                        w,
                        h,
                        0,
                        pdfium_c.FPDF_ANNOT | pdfium_c.FPDF_PRINTING,
                    )
                finally:
                    pdfium_c.FPDFBitmap_Destroy(bitmap)
                del buffer, pixels
            finally:
                page.close()
        return image


def render_pages(pdf: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """Render a PDF's pages to PNG files in ``out_dir`` for the preview (the list is empty
    when neither PDFium nor pdftoppm can draw them)."""
    pages = []
    with PdfPages(pdf) as doc:
        try:
            for index in range(len(doc)):
                image = doc.render(index, dpi)
                path = out_dir / f"page-{index + 1:04d}.png"
                if not image.save(str(path)):
                    raise OSError(f"cannot write the preview page {path}")
                pages.append(path)
        except PageUnreadable:
            return []
    return pages
