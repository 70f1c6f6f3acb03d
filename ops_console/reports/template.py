"""The shared page template: styles, title block, header and footer with "page N of M",
one table style that repeats its header row, key-figure blocks, sign-off blocks and charts.

Every report builds a list of flowables with these helpers and hands it to
:func:`render_pdf`, so all reports look alike.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from reportlab import rl_config
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib import textsplit as _rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.platypus.flowables import HRFlowable

from .fonts import report_font

# Page streams are compressed but not also ASCII85-encoded: smaller files, and the
# encoding is pure Python without reportlab's optional accelerator (rl_accel).
rl_config.useA85 = 0

# Chinese typesetting never starts a line with closing punctuation. reportlab's CJK wrap
# hangs such characters at the end of the line instead, but its list lacks the full-width
# comma, semicolon, colon, question and exclamation marks (a header broke before "，") and
# the closing quotation marks (the statement's method appendix broke before "”").
# Both of its CJK line breakers read the list: textsplit's (one run of text) and paragraph's.
CJK_NO_LINE_START = "，；：？！》」』】〕〉”’"
for _module in (_rl_textsplit, _rl_paragraph):
    _module.ALL_CANNOT_START += "".join(
        ch for ch in CJK_NO_LINE_START if ch not in _module.ALL_CANNOT_START
    )

PAGE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN_X

NAVY = colors.HexColor("#1F3A5F")
ACCENT = colors.HexColor("#2E6DA4")
GRID = colors.HexColor("#B8C4D6")
ZEBRA = colors.HexColor("#F2F5F9")
MUTED = colors.HexColor("#5A6472")
ALERT = colors.HexColor("#B03A2E")
OK = colors.HexColor("#2E7D32")
SERIES = (
    colors.HexColor("#2E6DA4"),
    colors.HexColor("#E08E2B"),
    colors.HexColor("#5B9E4D"),
    colors.HexColor("#B03A2E"),
    colors.HexColor("#7B5EA7"),
)


class Styles:
    """Paragraph styles of every report, in the report font."""

    def __init__(self) -> None:
        font = report_font().name
        self.font = font
        base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK")
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=8, leading=11, textColor=MUTED)

        def navy(
            name: str, size: float, leading: float, before: float = 0, after: float = 0
        ) -> ParagraphStyle:
            """A style of the report's navy titles and figures: size, leading, space around."""
            return ParagraphStyle(
                name,
                parent=base,
                fontSize=size,
                leading=leading,
                textColor=NAVY,
                spaceBefore=before,
                spaceAfter=after,
            )

        self.title = navy("title", 18, 24, after=4)
        self.h1 = navy("h1", 12.5, 17, before=10, after=5)
        self.h2 = navy("h2", 10.5, 14, before=6, after=3)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11)
        self.cell_right = ParagraphStyle("cell_r", parent=self.cell, alignment=TA_RIGHT)
        self.head_cell = ParagraphStyle(
            "head", parent=self.cell, textColor=colors.white, alignment=TA_LEFT
        )
        self.label = ParagraphStyle("label", parent=base, fontSize=9, textColor=MUTED)
        self.figure = navy("figure", 13, 17)
        self.center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)


@dataclass(frozen=True)
class PageInfo:
    """What the header, footer and title block print.

    Attributes:
        title: the report's name.
        scope: contract and/or community, or "all communities".
        period: the period as printed.
        generated_at: local time of generation, as printed.
        generated_by: the user's display name and login.
        page_of: a format string with ``{page}`` and ``{pages}``.
        footer: the footer's left text.
        app: the product name in the header.
        label: printed after the title on every page (e.g. the statement's number).
        poster: a public poster: pages carry no header or footer.
    """

    title: str
    scope: str
    period: str
    generated_at: str
    generated_by: str
    page_of: str
    footer: str
    app: str
    label: str = ""
    poster: bool = False


class Cancelled(Exception):
    """Raised inside the build when the caller asked to stop."""


def _numbered_canvas(info: PageInfo, font: str, on_page: Callable[[int], None] | None) -> type:
    """Return a canvas class that holds pages until the end, then stamps "page N of M".

    Only each page's drawing state is held (what reportlab keeps anyway until it
    writes the file); the states are released one by one as they are written.
    """

    # reportlab has no type hints here (no types-reportlab), so its classes are Any to mypy
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._held: deque[dict[str, Any]] = deque()

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            if on_page is not None:
                on_page(len(self._held))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            number = 0
            while self._held:
                self.__dict__.update(self._held.popleft())
                number += 1
                self._decorate(number, total)
                super().showPage()
            super().save()

        def _decorate(self, number: int, total: int) -> None:
            if info.poster:
                return
            width, height = PAGE
            self.saveState()
            self.setStrokeColor(NAVY)
            self.setLineWidth(0.8)
            top = height - 14 * mm
            self.line(MARGIN_X, top, width - MARGIN_X, top)
            self.setFillColor(NAVY)
            self.setFont(font, 8.5)
            self.drawString(
                MARGIN_X,
                top + 2.2 * mm,
                f"{info.title}  {info.label}" if info.label else info.title,
            )
            self.setFillColor(MUTED)
            self.drawRightString(width - MARGIN_X, top + 2.2 * mm, info.scope)
            bottom = 12 * mm
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, bottom + 4 * mm, width - MARGIN_X, bottom + 4 * mm)
            self.setFont(font, 7.5)
            self.drawString(MARGIN_X, bottom, info.footer)
            self.drawRightString(
                width - MARGIN_X, bottom, info.page_of.format(page=number, pages=total)
            )
            self.restoreState()

    return NumberedCanvas


def title_block(
    info: PageInfo, styles: Styles, labels: Sequence[tuple[str, str]]
) -> list[Flowable]:
    """Return the first page's title: the report's name and a table of what, when, by whom.

    Args:
        labels: (label, value) rows, e.g. contract, community, period, generated at, by.
    """
    rows = [
        [Paragraph(label, styles.label), Paragraph(_esc(value), styles.body)]
        for label, value in labels
    ]
    t = Table(rows, colWidths=[32 * mm, CONTENT_WIDTH - 32 * mm], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        Paragraph(_esc(info.title), styles.title),
        HRFlowable(width="100%", thickness=1.6, color=NAVY, spaceBefore=2, spaceAfter=6),
        t,
        HRFlowable(width="100%", thickness=0.5, color=GRID, spaceBefore=6, spaceAfter=4),
    ]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """Return a paragraph of plain text (markup characters escaped)."""
    return Paragraph(_esc(text), style)


def heading(text: str, styles: Styles, level: int = 1) -> list[Flowable]:
    """Return a section heading that never sits alone at the foot of a page."""
    return [CondPageBreak(30 * mm), para(text, styles.h1 if level == 1 else styles.h2)]


TABLE_STYLE = [
    ("BACKGROUND", (0, 0), (-1, 0), NAVY),
    ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("GRID", (0, 0), (-1, -1), 0.4, GRID),
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]


def data_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    styles: Styles,
    *,
    widths: Sequence[float] | None = None,
    numeric: Sequence[int] = (),
    wrap: Sequence[int] = (),
    font_size: float = 8.5,
    total_row: bool = False,
    highlight: Callable[[Sequence[Any]], bool] | None = None,
) -> Table:
    """Return a table in the house style: a dark header row repeated on every page, zebra rows.

    Args:
        headers: column titles.
        rows: cell values; None prints as empty, other values with ``str``.
        widths: column widths in points (default: equal shares of the page width).
        numeric: indexes of right-aligned columns.
        wrap: indexes of columns whose text wraps, never cut (others stay on one line).
        total_row: the last row is a totals line (bold rule above it).
        highlight: rows for which it returns True print in the alert colour.
    """
    n = len(headers)
    if widths is None:
        widths = [CONTENT_WIDTH / n] * n
    head_style = ParagraphStyle("th", parent=styles.head_cell, fontSize=font_size)
    if len(rows) > LONG_TABLE_ROWS and highlight is None and not total_row:
        return _long_table(headers, rows, styles, widths, numeric, wrap, font_size, head_style)
    wrap_style = ParagraphStyle(
        "td", parent=styles.cell, fontSize=font_size, leading=font_size + 2.5
    )
    data: list[list[Any]] = [[Paragraph(_esc(h), head_style) for h in headers]]
    wrap_set = set(wrap)
    flagged: list[int] = []
    for i, r in enumerate(rows, start=1):
        cells: list[Any] = []
        for j, v in enumerate(r):
            text = "" if v is None else str(v)
            # explicit newlines are kept, as in the long table's wrap_lines
            wrapped = _esc(text).replace("\n", "<br/>") if j in wrap_set and text else ""
            cells.append(Paragraph(wrapped, wrap_style) if wrapped else text)
        data.append(cells)
        if highlight is not None and highlight(r):
            flagged.append(i)
    style = [
        *TABLE_STYLE,
        ("FONT", (0, 1), (-1, -1), styles.font, font_size),
        ("LEADING", (0, 1), (-1, -1), font_size + 2.5),
    ]
    for j in numeric:
        style.append(("ALIGN", (j, 1), (j, -1), "RIGHT"))
    if len(data) > 2:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    for i in flagged:
        style.append(("TEXTCOLOR", (0, i), (-1, i), ALERT))
    if total_row and len(data) > 1:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 1.0, NAVY))
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#E4EAF2")))
    t = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle(style))
    return t


LONG_TABLE_ROWS = 80
ROW_PADDING = 5.0  # above and below a long table's lines, together


class LongTable(Flowable):  # type: ignore[misc]  # reportlab is untyped: Flowable is Any
    """A long table that splits page by page in linear time; wrapped cells never cut.

    reportlab's Table re-measures every remaining row at each page break (quadratic for
    thousands of rows) and draws each cell through a generic path. Here each cell is a
    tuple of lines broken once in advance (:func:`wrap_lines`), so a row's height is known
    without measuring: the rows that fit are summed, and their lines are drawn straight
    onto the canvas in the same house style (header row, zebra, grid). A row is never split
    across pages.
    """

    def __init__(
        self,
        header: list[Any],
        rows: Sequence[Sequence[tuple[str, ...]]],
        widths: Sequence[float],
        font: tuple[str, float],
        numeric: frozenset[int],
        line_height: float,
        header_height: float,
    ) -> None:
        super().__init__()
        self.header, self.rows, self.widths = header, rows, list(widths)
        self.font, self.numeric = font, numeric
        self.line_height, self.header_height = line_height, header_height
        self.heights = [self._row_height(r) for r in rows]

    def _row_height(self, row: Sequence[tuple[str, ...]]) -> float:
        lines = max((len(cell) for cell in row), default=1) or 1
        return lines * self.line_height + ROW_PADDING

    def _with(self, rows: Sequence[Sequence[tuple[str, ...]]]) -> LongTable:
        return LongTable(
            self.header,
            rows,
            self.widths,
            self.font,
            self.numeric,
            self.line_height,
            self.header_height,
        )

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self.header_height + sum(self.heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self.header_height
        fit, used = 0, 0.0
        for h in self.heights:
            if used + h > room:
                break
            used += h
            fit += 1
        if fit < min(2, len(self.rows)):
            return []
        if fit >= len(self.rows):
            return [self]
        return [self._with(self.rows[:fit]), self._with(self.rows[fit:])]

    def draw(self) -> None:
        c = self.canv
        font, size = self.font
        width, top = self.width, self.height
        xs = [0.0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        head = Table([self.header], colWidths=self.widths, rowHeights=[self.header_height])
        head.setStyle(TableStyle(TABLE_STYLE))
        head.wrapOn(c, width, self.header_height)
        head.drawOn(c, 0, top - self.header_height)
        body_top = top - self.header_height
        tops = [body_top]
        for h in self.heights:
            tops.append(tops[-1] - h)
        c.saveState()
        c.setFillColor(ZEBRA)
        for i in range(1, len(self.rows), 2):
            c.rect(0, tops[i + 1], width, self.heights[i], stroke=0, fill=1)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.4)
        bottom = tops[-1]
        lines: list[tuple[float, float, float, float]] = [(0, y, width, y) for y in tops[1:]]
        lines += [(x, bottom, x, body_top) for x in xs]
        c.lines(lines)
        c.setFillColor(colors.black)
        text = c.beginText()
        text.setFont(font, size)
        lh = self.line_height
        for i, row in enumerate(self.rows):
            for j, cell in enumerate(row):
                for k, line in enumerate(cell):
                    if not line:
                        continue
                    y = tops[i] - ROW_PADDING / 2 - (k + 1) * lh + (lh - size) / 2 + size * 0.22
                    x = (
                        xs[j + 1] - 3 - text_width(line, font, size)
                        if j in self.numeric
                        else xs[j] + 3
                    )
                    text.setTextOrigin(x, y)
                    text.textOut(line)
        c.drawText(text)
        c.restoreState()


class _CharWidths(dict[str, float]):
    """Glyph widths of one font and size, measured once per character."""

    def __init__(self, font: str, size: float) -> None:
        super().__init__()
        self.font, self.size = font, size

    def __missing__(self, ch: str) -> float:
        width = self[ch] = float(stringWidth(ch, self.font, self.size))
        return width


_WIDTHS: dict[tuple[str, float], _CharWidths] = {}


def _char_widths(font: str, size: float) -> _CharWidths:
    table = _WIDTHS.get((font, size))
    if table is None:
        table = _WIDTHS[(font, size)] = _CharWidths(font, size)
    return table


def text_width(text: str, font: str, size: float) -> float:
    """Return the width of one line of text in points, from cached glyph widths.

    The report fonts have no kerning, so a text is as wide as its characters together; a
    long table right-aligns tens of thousands of figures, which reportlab's own
    ``stringWidth`` measures slowly (pure Python without its optional accelerator).
    """
    widths = _char_widths(font, size)
    return sum(widths[ch] for ch in text)


# Chinese typesetting (and reportlab's own CJK wrap) never starts a line with closing
# punctuation: such a character takes the one before it down to the next line.
NO_LINE_START = frozenset(CJK_NO_LINE_START + "。、）,.;:?!)]}%…·")


def wrap_lines(text: str, width: float, font: str, size: float) -> tuple[str, ...]:
    """Break text into lines of at most ``width`` points, from cached glyph widths.

    Latin words break at spaces when one is on the line, CJK text between any two
    characters; a line never starts with closing punctuation (``，`` ``。`` ``)`` …).
    Explicit newlines are kept. Nothing is cut: a long text takes more lines.
    """
    widths = _char_widths(font, size)
    out: list[str] = []
    for part in text.split("\n"):
        start, used, space, i = 0, 0.0, -1, 0
        while i < len(part):
            ch = part[i]
            w = widths[ch]
            if used + w > width and i > start:
                if ch == " ":
                    out.append(part[start:i])
                    start, used, space = i + 1, 0.0, -1
                    i = start
                    continue
                cut = i
                if space > start:
                    cut = space + 1
                while part[cut] in NO_LINE_START and cut - 1 > start:
                    cut -= 1
                out.append(part[start:cut].rstrip(" "))
                start, space = cut, -1
                used = text_width(part[start:i], font, size)
                continue
            if ch == " ":
                space = i
            used += w
            i += 1
        out.append(part[start:])
    return tuple(out)


def _long_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    styles: Styles,
    widths: Sequence[float],
    numeric: Sequence[int],
    wrap: Sequence[int],
    font_size: float,
    head_style: ParagraphStyle,
) -> Flowable:
    """Return a long table; the wrapping columns' cells take as many lines as they need."""
    room = {j: widths[j] - 6 for j in wrap}
    data = [
        tuple(
            wrap_lines(text, room[j], styles.font, font_size) if j in room else (text,)
            for j, text in enumerate("" if v is None else str(v) for v in r)
        )
        for r in rows
    ]
    header = [Paragraph(_esc(h), head_style) for h in headers]
    header_height = max(p.wrap(w - 6, 1000)[1] for p, w in zip(header, widths, strict=True)) + 5
    return LongTable(
        header,
        data,
        widths,
        (styles.font, font_size),
        frozenset(numeric),
        font_size + 2.5,
        header_height,
    )


def figures_block(pairs: Sequence[tuple[str, ...]], styles: Styles, columns: int = 3) -> Table:
    """Return key figures as a grid of boxes: a small label above a large value.

    Each item is (label, value) or (label, value, note); the note prints small below.
    """
    cells: list[list[Any]] = []
    row: list[Any] = []
    for label, value, *note in pairs:
        box = [para(label, styles.label), para(value, styles.figure)]
        if note:
            box.append(para(note[0], styles.small))
        row.append(box)
        if len(row) == columns:
            cells.append(row)
            row = []
    if row:
        row.extend([""] * (columns - len(row)))
        cells.append(row)
    t = Table(cells, colWidths=[CONTENT_WIDTH / columns] * columns, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return t


SEAL_SIZE = 42 * mm


class SealBox(Flowable):  # type: ignore[misc]  # reportlab is untyped: Flowable is Any
    """A dashed square for the party's seal (公章), at least 40 mm a side, its label centred."""

    def __init__(self, label: str, font: str, size: float = SEAL_SIZE) -> None:
        super().__init__()
        self.label, self.font, self.size = label, font, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.size

    def draw(self) -> None:
        c = self.canv
        x = (self.width - self.size) / 2
        c.saveState()
        c.setStrokeColor(GRID)
        c.setDash(3, 2)
        c.setLineWidth(0.7)
        c.rect(x, 0, self.size, self.size, stroke=1, fill=0)
        c.setFillColor(MUTED)
        c.setFont(self.font, 9)
        c.drawCentredString(self.width / 2, self.size / 2 - 3, self.label)
        c.restoreState()


@dataclass(frozen=True)
class SignParty:
    """One signature block: the party's role, its name in full, who signs for it."""

    role: str
    name: str
    representative: str


def signature_blocks(
    parties: Sequence[SignParty],
    styles: Styles,
    *,
    representative: str,
    sign: str,
    seal: str,
    date_line: str,
) -> Flowable:
    """Return equal side-by-side signature blocks, aligned row by row.

    Each block has the party's role and full name (wrapped, never cut), the representative,
    a signature line, a seal square of :data:`SEAL_SIZE` and a date line; the rows share one
    height across the blocks, so the lines and the seal squares line up.
    """
    n = len(parties)
    width = CONTENT_WIDTH / n
    name_style = ParagraphStyle("party", parent=styles.body, fontSize=9.5, leading=13)
    rows: list[list[Any]] = [
        [para(p.role, styles.h2) for p in parties],
        [para(p.name, name_style) for p in parties],
        [
            para(f"{representative}{p.representative or '____________'}", styles.body)
            for p in parties
        ],
        [para(f"{sign}________________", styles.body) for _ in parties],
        [SealBox(seal, styles.font) for _ in parties],
        [para(date_line, styles.body) for _ in parties],
    ]
    # the name row is as tall as the longest name needs in a block's width
    name_h = max(Paragraph(_esc(p.name), name_style).wrap(width - 12, 1000)[1] for p in parties)
    heights = [18, name_h + 6, 16, 22, SEAL_SIZE + 8, 18]
    t = Table(rows, colWidths=[width] * n, rowHeights=heights)
    t.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, NAVY),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.6, NAVY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 3), (-1, 3), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return KeepTogether([t])


def _legend(series: Sequence[tuple[str, object]], font: str, x: float, y: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = font
    legend.fontSize = 7.5
    legend.alignment = "right"
    legend.boxAnchor = "ne"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 7
    legend.deltax = 70
    legend.colorNamePairs = [(SERIES[i % len(SERIES)], name) for i, (name, _) in enumerate(series)]
    return legend


def chart_label(text: str, categories: int, font: str) -> str:
    """Return a bar group's label broken into lines that fit under it (7 pt, as the axis)."""
    room = (CONTENT_WIDTH - 44) / max(1, categories) - 4
    return "\n".join(wrap_lines(text, room, font, 7))


def _house_axes(
    chart: VerticalBarChart | HorizontalLineChart,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    font: str,
    value_format: str,
) -> None:
    """Give a chart its data and the house style of its axes: the category names under the
    axis, small labels in the report font, a light grid across the values."""
    chart.data = [list(values) or [0] for _, values in series]
    chart.categoryAxis.categoryNames = list(categories) or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = value_format
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.visibleGrid = True


def _drawing(
    chart: VerticalBarChart | HorizontalLineChart,
    series: Sequence[tuple[str, Sequence[float | None]]],
    title: str,
    font: str,
    width: float,
    height: float,
) -> Drawing:
    """The chart on a drawing of ``width`` × ``height``, its title at the top left and, for
    several series, their legend at the top right."""
    d = Drawing(width, height)
    d.add(String(0, height - 10, title, fontName=font, fontSize=9, fillColor=NAVY))
    d.add(chart)
    if len(series) > 1:
        d.add(_legend(series, font, width - 4, height - 2))
    return d


def bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    font: str,
    height: float = 62 * mm,
    value_min: float = 0,
    value_max: float | None = None,
    value_format: str = "%g",
    width: float = CONTENT_WIDTH,
) -> Drawing:
    """Return a vector bar chart (reportlab graphics) of one or more series.

    ``value_min`` above 0 zooms the value axis (e.g. availability between 95 and 100 %).
    """
    chart = VerticalBarChart()
    # room below the axis for labels of several lines (see chart_label)
    lines = max((str(c).count("\n") + 1 for c in categories), default=1)
    chart.x, chart.y = 34, 16 + 8 * lines
    chart.width, chart.height = width - 44, height - 26 - chart.y
    _house_axes(chart, categories, series, font, value_format)
    chart.valueAxis.valueMin = value_min
    top = max([v for _, vals in series for v in vals] or [0])
    chart.valueAxis.valueMax = value_max if value_max is not None else (top * 1.15 or 1)
    chart.barSpacing = 1
    chart.groupSpacing = 6
    for i in range(len(series)):
        chart.bars[i].fillColor = SERIES[i % len(SERIES)]
        chart.bars[i].strokeColor = None
    return _drawing(chart, series, title, font, width, height)


def line_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    font: str,
    height: float = 62 * mm,
    value_min: float | None = None,
    value_max: float | None = None,
    value_format: str = "%g",
    width: float = CONTENT_WIDTH,
) -> Drawing:
    """Return a vector line chart with markers (e.g. a weekly trend); None values are gaps."""
    from reportlab.graphics.widgets.markers import makeMarker

    chart = HorizontalLineChart()
    chart.x, chart.y = 34, 24
    chart.width, chart.height = width - 44, height - 50
    _house_axes(chart, categories, series, font, value_format)
    values = [v for _, vals in series for v in vals if v is not None]
    chart.valueAxis.valueMin = value_min if value_min is not None else 0
    chart.valueAxis.valueMax = (
        value_max if value_max is not None else (max(values or [0]) * 1.15 or 1)
    )
    for i in range(len(series)):
        chart.lines[i].strokeColor = SERIES[i % len(SERIES)]
        chart.lines[i].strokeWidth = 1.4
        chart.lines[i].symbol = makeMarker("FilledCircle", size=3)
        chart.lines[i].symbol.fillColor = SERIES[i % len(SERIES)]
    return _drawing(chart, series, title, font, width, height)


def render_pdf(
    target: str | Path | IO[bytes],
    story: list[Flowable],
    info: PageInfo,
    *,
    on_page: Callable[[int], None] | None = None,
) -> int:
    """Lay out the story on A4 pages into ``target`` (a path or a binary file); return pages.

    ``on_page`` is called after each page is laid out (progress and cancellation hook).
    """
    font = report_font().name
    doc = BaseDocTemplate(
        target,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=info.title,
        author=info.generated_by,
        subject=f"{info.scope} · {info.period}",
        creator=info.app,
    )
    frame = Frame(
        MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body"
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_numbered_canvas(info, font, on_page))
    return int(doc.page)
