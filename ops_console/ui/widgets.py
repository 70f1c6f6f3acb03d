"""Small shared widgets: page header, empty state, tiles, message boxes that never block."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypedDict, overload

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.clock import DEFAULT_ZONE
from ..paths import resources_dir
from .i18n import error_text, tr

LOCAL_TZ = DEFAULT_ZONE


class Popups(TypedDict):
    """While ``on``, message boxes are only recorded in ``last`` (tests, snapshots): no popups."""

    on: bool
    last: list[str]


NO_POPUPS: Popups = {"on": False, "last": []}


def icon(name: str) -> QIcon:
    return QIcon(str(resources_dir() / "icons" / f"{name}.svg"))


def local(dt: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Format an instant in local time (SQLite hands back naive UTC)."""
    if dt is None:
        return ""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(LOCAL_TZ).strftime(fmt)


@overload
def aware(dt: datetime) -> datetime: ...
@overload
def aware(dt: None) -> None: ...
@overload
def aware(dt: datetime | None) -> datetime | None: ...
def aware(dt: datetime | None) -> datetime | None:
    if dt is not None and dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt


def label(text: str, role: str | None = None, wrap: bool = False) -> QLabel:
    w = QLabel(text)
    if role:
        w.setProperty("role", role)
    w.setWordWrap(wrap)
    return w


class PageHeader(QWidget):
    """A page's title and a one-line explanation, with room for actions on the right."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title = label(title, "title")
        self.title.setAccessibleName(title)
        texts.addWidget(self.title)
        self.subtitle = label(subtitle, "subtitle", wrap=True)
        if subtitle:
            texts.addWidget(self.subtitle)
        layout.addLayout(texts, 1)
        # not ``actions``: that would hide QWidget.actions()
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(8)
        layout.addLayout(self.action_row)


class EmptyState(QWidget):
    """What a list shows when it has nothing: an icon, a sentence, a hint."""

    def __init__(self, title: str, hint: str = "", icon_name: str = "dashboard") -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        pic = QLabel()
        pic.setPixmap(icon(icon_name).pixmap(48, 48))
        pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(pic)
        self.title = label(title, "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.hint = label(hint, "muted", wrap=True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setMinimumWidth(380)  # a wrapped label would otherwise shrink to a column
        layout.addWidget(self.hint)
        layout.addStretch(2)
        self.setAccessibleName(title)

    def set_text(self, title: str, hint: str = "") -> None:
        self.title.setText(title)
        self.hint.setText(hint)


class Tile(QFrame):
    """A clickable figure card: a big number, a caption, an optional colour.

    Signals:
        clicked(): the tile was clicked or activated with Enter/Space.
    """

    clicked = Signal()

    def __init__(self, caption: str, value: str = "–", color: str | None = None) -> None:
        super().__init__()
        self.setProperty("role", "card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        self.value = QLabel(value)
        self.value.setStyleSheet(
            f"font-size: 20pt; font-weight: 600; color: {color};"
            if color
            else "font-size: 20pt; font-weight: 600;"
        )
        self.caption = label(caption, "muted", wrap=True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setAccessibleName(caption)

    def set_value(self, value: str) -> None:
        self.value.setText(value)
        self.setAccessibleDescription(value)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


def show_error(parent: QWidget | None, exc: BaseException | str, title: str = "") -> QMessageBox:
    """Show an error without blocking (open(), not exec()); OpsError messages as they are."""
    text = error_text(exc) if isinstance(exc, BaseException) else exc
    from ..domain.errors import OpsError

    if isinstance(exc, BaseException) and not isinstance(exc, OpsError):
        text = tr("Something went wrong: {error}").format(error=f"{type(exc).__name__}: {exc}")
    box = QMessageBox(QMessageBox.Icon.Warning, title or tr("Ops Console"), text, parent=parent)
    NO_POPUPS["last"].append(text)
    if not NO_POPUPS["on"]:
        box.open()
    return box


def show_info(parent: QWidget | None, text: str, title: str = "") -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title or tr("Ops Console"), text, parent=parent)
    NO_POPUPS["last"].append(text)
    if not NO_POPUPS["on"]:
        box.open()
    return box


# word wrap follows Unicode line breaking: between words, and between Chinese characters
WRAP_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


class WrappingDelegate(QStyledItemDelegate):
    """List rows that wrap to the view's width (Chinese included), never elided.

    Qt's own wrapping in list views sizes rows with other margins than it paints with, so
    long lines came out clipped; here one width serves both.
    """

    PAD = 4

    def text_width(self, view_width: int) -> int:
        return max(40, view_width - 2 * self.PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 300
        text = str(index.data() or "")
        r = option.fontMetrics.boundingRect(
            QRect(0, 0, self.text_width(width), 100_000), WRAP_FLAGS, text
        )
        return QSize(width, r.height() + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            opt.palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        r = opt.rect
        painter.drawText(
            QRect(r.x() + self.PAD, r.y() + self.PAD, self.text_width(r.width()), r.height()),
            WRAP_FLAGS,
            text,
        )
        painter.restore()
