"""Real files to attach in tests: photos made with Pillow, a PDF made with reportlab."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw


def photo(fmt: str = "JPEG", size: tuple[int, int] = (800, 600), colour: str = "#2a6") -> bytes:
    """A photo with a white square on a coloured ground (so a thumbnail shows something)."""
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle(
        (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), "white"
    )
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def noisy_photo(megabytes: float) -> bytes:
    """A PNG of random pixels at least this big (random pixels do not compress)."""
    import os

    side = int((megabytes * 1_048_576 / 3) ** 0.5) + 16
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=0)
    return out.getvalue()


def pdf(text: str = "Resident sign-off") -> bytes:
    """A one-page PDF with a line of text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.drawString(72, 760, text)
    c.rect(72, 600, 200, 100)
    c.showPage()
    c.save()
    return out.getvalue()
