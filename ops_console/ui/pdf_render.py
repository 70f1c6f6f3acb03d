"""PDF pages drawn as PNG files: the report preview's and the attachment viewer's."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from PySide6.QtGui import QImage


def render_pages(pdf: Path, out_dir: Path, dpi: int = 60) -> list[Path]:
    """Render a PDF's pages to PNG for the preview.

    PDFium (pypdfium2) draws them, so the preview works in the installed bundles on Windows
    and macOS too; poppler's pdftoppm is the fallback where pypdfium2 is missing or cannot
    read the file (the list is empty when neither is there).
    """
    try:
        import pypdfium2 as pdfium
    except ImportError:
        return _render_with_pdftoppm(pdf, out_dir, dpi)
    try:
        doc = pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError:
        return _render_with_pdftoppm(pdf, out_dir, dpi)
    pages = []
    try:
        for index in range(len(doc)):
            # 3 bytes a pixel in R, G, B order: Qt's RGB888 (rows padded to ``stride``)
            bitmap = doc[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            path = out_dir / f"page-{index + 1:04d}.png"
            if not image.save(str(path)):
                raise OSError(f"cannot write the preview page {path}")
            pages.append(path)
    finally:
        doc.close()
    return pages


def _render_with_pdftoppm(pdf: Path, out_dir: Path, dpi: int) -> list[Path]:
    exe = shutil.which("pdftoppm")
    if exe is None:
        return []
    subprocess.run(
        [exe, "-r", str(dpi), "-png", str(pdf), str(out_dir / "page")], check=True, timeout=120
    )
    return sorted(out_dir.glob("page*.png"))
