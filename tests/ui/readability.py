"""Measure what a person sees on a rendered window: text contrast (WCAG) and clipped texts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTabBar,
    QWidget,
)


def luminance(c: QColor) -> float:
    """WCAG 2 relative luminance."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


@dataclass(frozen=True)
class Sample:
    """One text area as painted: where, what it says, its background and text colours."""

    where: str
    text: str
    background: QColor
    foreground: QColor

    @property
    def ratio(self) -> float:
        return ratio(self.background, self.foreground)

    def __str__(self) -> str:
        return (
            f"{self.where} {self.text[:40]!r}: {self.foreground.name()} on "
            f"{self.background.name()} = {self.ratio:.2f}:1"
        )


def measure(image: QImage, rect: QRect) -> tuple[QColor, QColor] | None:
    """The background (the commonest colour) and the text colour (of the colours covering at
    least 1.5 % of the other pixels, the one that stands out most) inside ``rect``."""
    rect = rect.intersected(image.rect())
    if rect.width() < 4 or rect.height() < 4:
        return None
    counts: Counter[int] = Counter()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            counts[image.pixel(x, y) & 0xFFFFFF] += 1
    (bg_rgb, _), *others = counts.most_common()
    background = QColor(bg_rgb)
    rest = sum(n for _, n in others)
    if not rest:  # one colour only: text drawn in the background's colour, or none at all
        return background, background
    floor = max(3, int(0.015 * rest))
    candidates = [QColor(rgb) for rgb, n in others if n >= floor] or [QColor(others[0][0])]
    return background, max(candidates, key=lambda c: ratio(background, c))


def _in_window(widget: QWidget, window: QWidget, rect: QRect | None = None) -> QRect:
    r = rect if rect is not None else widget.rect()
    return QRect(widget.mapTo(window, r.topLeft()), r.size())


def _visible_part(widget: QWidget, window: QWidget, rect: QRect) -> QRect:
    """``rect`` (widget coordinates) cut to what its scroll areas and parents let show."""
    area = _in_window(widget, window, rect)
    parent: QWidget | None = widget
    while parent is not None and parent is not window:
        area = area.intersected(_in_window(parent, window))
        parent = parent.parentWidget()
    return area


def text_areas(window: QWidget, max_rows: int = 12) -> list[tuple[str, str, QWidget, QRect]]:
    """Every visible text of ``window``: labels, buttons, tabs, header sections and the first
    rows of every item view, as (kind, text, widget, rect in the widget's coordinates)."""
    out: list[tuple[str, str, QWidget, QRect]] = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or not w.isVisible():
            continue
        if isinstance(w, QLabel) and w.text().strip() and w.pixmap().isNull():
            out.append(("label", w.text(), w, w.contentsRect()))
        elif isinstance(w, QAbstractButton) and w.text().strip() and w.isEnabled():
            out.append((type(w).__name__, w.text(), w, w.rect().adjusted(3, 3, -3, -3)))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                out.append(("tab", w.tabText(i), w, w.tabRect(i).adjusted(3, 3, -3, -3)))
        elif isinstance(w, QHeaderView) and w.orientation() == Qt.Orientation.Horizontal:
            model = w.model()
            for col in range(w.count()):
                if w.isSectionHidden(col) or model is None:
                    continue
                x = w.sectionViewportPosition(col)
                r = QRect(x + 2, 2, w.sectionSize(col) - 4, w.height() - 5)
                text = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
                if text:
                    out.append(("header", text, w.viewport(), r))
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
            model = w.model()
            if model is None:
                continue
            for row in range(min(model.rowCount(QModelIndex()), max_rows)):
                for col in range(
                    1 if isinstance(model, QAbstractListModel) else model.columnCount()
                ):
                    index = model.index(row, col)
                    text = str(index.data() or "")
                    if text.strip():
                        r = w.visualRect(index).adjusted(2, 2, -2, -2)
                        out.append(("cell", text, w.viewport(), r))
    return out


def samples(window: QWidget) -> list[Sample]:
    """Grab ``window`` and measure every visible text area in the picture."""
    image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    found = []
    for kind, text, widget, rect in text_areas(window):
        area = _visible_part(widget, window, rect)
        if area.height() * 2 < rect.height():
            # cut to a sliver by a scroll area's edge (a table's last row, a panel's last
            # label): nobody reads it there but scrolls to it, and its few rows of pixels hold
            # no text colour to measure (which row is cut moves with every layout change)
            continue
        measured = measure(image, area)
        if measured is not None:
            where = f"{kind} {widget.objectName() or type(widget).__name__}"
            found.append(Sample(where, " ".join(text.split()), *measured))
    return found


def overlapping(window: QWidget) -> list[str]:
    """Sibling widgets drawn over each other (a layout squeezed below its minimum width
    overlaps them: a count written over a search field)."""
    problems: list[str] = []
    for parent in [window, *window.findChildren(QWidget)]:
        kids = [
            k for k in parent.children()
            if isinstance(k, QWidget) and k.isVisible() and not k.isWindow()
        ]  # fmt: skip
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                both = a.geometry().intersected(b.geometry())
                if both.width() > 2 and both.height() > 2:
                    problems.append(
                        f"{type(a).__name__} {getattr(a, 'text', lambda: '')()!r} and "
                        f"{type(b).__name__} {getattr(b, 'text', lambda: '')()!r} overlap "
                        f"by {both.width()}x{both.height()} px"
                    )
    return problems


def clipped(window: QWidget) -> list[str]:
    """Buttons, tabs and labels whose text does not fit their size (a person reads a cut
    word: "teassign…"), and widgets drawn over each other; item views are exempt (they
    elide with a tool tip and scroll)."""
    problems: list[str] = overlapping(window)
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QAbstractButton) and w.text().strip():
            need = w.sizeHint().width()
            if w.width() + 1 < need:
                problems.append(f"button {w.text()!r}: {w.width()} px wide, needs {need}")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                need = w.fontMetrics().horizontalAdvance(w.tabText(i).replace("&", ""))
                if w.tabRect(i).width() < need + 8:
                    problems.append(
                        f"tab {w.tabText(i)!r}: {w.tabRect(i).width()} px, needs {need}"
                    )
        elif isinstance(w, QLabel) and w.text().strip() and w.pixmap().isNull():
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > 0 and w.height() + 2 < need:
                    problems.append(f"label {w.text()[:40]!r}: {w.height()} px high, needs {need}")
            else:
                hint = w.minimumSizeHint()
                if w.width() + 1 < hint.width() or w.height() + 1 < hint.height():
                    problems.append(
                        f"label {w.text()[:40]!r}: {w.width()}x{w.height()} px, "
                        f"needs {hint.width()}x{hint.height()}"
                    )
    return problems
