"""The report font: a Chinese TrueType font embedded as a subset, found once per process.

Order of preference:

1. ``resources/fonts/wqy-microhei.ttc`` shipped with the application (Apache-2.0, see
   ``LICENSE-wqy-microhei.txt``), so reports look the same on every system;
2. the same font installed on the system (Debian ``fonts-wqy-microhei``);
3. a TrueType Chinese font of Windows or macOS;
4. reportlab's built-in CID font ``STSong-Light``: it draws Chinese but is not embedded,
   so viewers substitute it and ``pdftotext`` cannot read it without poppler-data.
   The report still prints; :attr:`ReportFont.embedded` says which case happened.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from ..paths import resources_dir

log = logging.getLogger(__name__)

FONT_NAME = "OpsCJK"
SHIPPED_FILE = "wqy-microhei.ttc"
SYSTEM_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)
CID_FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class ReportFont:
    """The font every report draws with.

    Attributes:
        name: the reportlab font name to use in styles and on the canvas.
        path: the TrueType file, None for the CID fallback.
        embedded: True when the PDF carries the glyphs (text can be read back anywhere).
    """

    name: str
    path: Path | None
    embedded: bool


_lock = threading.Lock()
_font: ReportFont | None = None


def _candidates() -> list[tuple[Path, int]]:
    found: list[tuple[Path, int]] = []
    # a broken install has no resources folder: fall back to the system's fonts
    with contextlib.suppress(FileNotFoundError):
        found.append((resources_dir() / "fonts" / SHIPPED_FILE, 0))
    found.extend((Path(p), index) for p, index in SYSTEM_CANDIDATES)
    return found


def _register_ttf(path: Path, index: int) -> bool:
    try:
        font = TTFont(FONT_NAME, str(path), subfontIndex=index)
    except Exception as exc:  # reportlab raises TTFError or plain errors for odd files
        log.warning("report font %s unusable: %s", path, exc)
        return False
    pdfmetrics.registerFont(font)
    return True


def report_font() -> ReportFont:
    """Register (once) and return the report font.

    Safe to call from the UI's background threads: registration is serialised.
    """
    global _font
    with _lock:
        if _font is not None:
            return _font
        chosen: ReportFont | None = None
        for path, index in _candidates():
            if path.is_file() and _register_ttf(path, index):
                chosen = ReportFont(FONT_NAME, path, True)
                break
        if chosen is None:
            log.warning(
                "no TrueType Chinese font found; using %s (not embedded, viewers substitute it)",
                CID_FALLBACK,
            )
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
            chosen = ReportFont(CID_FALLBACK, None, False)
        # One face only: map bold and italic to it so <b> in a paragraph never fails.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(chosen.name, bold, italic, chosen.name)
        _font = chosen
        return chosen
