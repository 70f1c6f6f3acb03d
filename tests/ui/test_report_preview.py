"""The report preview draws PDF pages with PDFium (pypdfium2): no poppler needed (Windows, macOS bundles)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ops_console.ui.pages.reports import render_pages


def two_page_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for n in (1, 2):
        pdf.setFont("Helvetica", 48)
        pdf.drawString(100, 600, f"Page {n}")
        pdf.rect(50, 50, 400, 400, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def test_pages_are_drawn_without_pdftoppm(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)  # no poppler anywhere
    pdf = two_page_pdf(tmp_path / "r.pdf")
    out = tmp_path / "pages"
    out.mkdir()
    pages = render_pages(pdf, out, dpi=60)
    assert [p.name for p in pages] == ["page-0001.png", "page-0002.png"]
    img = QImage(str(pages[0]))
    # A4 at 60 dpi: 595.3 x 841.9 points -> 496.1 x 701.6 pixels (PDFium rounds up)
    assert abs(img.width() - 496) <= 1 and abs(img.height() - 702) <= 1
    colours = {img.pixel(x, y) for x in range(0, img.width(), 5) for y in range(0, img.height(), 5)}
    assert len(colours) > 2  # white page, black square, anti-aliased text: not blank
