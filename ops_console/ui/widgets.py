"""Small shared widgets: page header, empty state, tiles, message boxes that never block."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypedDict, overload

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QHelpEvent,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFrame,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
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


class ElidedLabel(QLabel):
    """One line that shortens itself with "…" in the middle when space runs out (a database
    path in the status bar in large text), its whole text in the tool tip."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._full = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._fit()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        m = self.contentsMargins()
        return QSize(fm.horizontalAdvance(self._full) + m.left() + m.right() + 4, fm.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 8, self.fontMetrics().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width() - 4
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, width)
        super().setText(shown)


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

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 300
        text = str(index.data() or "")
        r = option.fontMetrics.boundingRect(
            QRect(0, 0, self.text_width(width), 100_000), WRAP_FLAGS, text
        )
        return QSize(width, r.height() + 2 * self.PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
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


class FilterField(QLineEdit):
    """A filter or search field never narrower than its placeholder in the current font, so
    the hint ("Filter by tag, name, zone, address, cause…") is never cut, in large text too:
    its width is measured again when the font or the placeholder changes. ``cap``: the width
    it may grow to (a toolbar's field), raised to the placeholder's when that is wider."""

    SLACK = 4  # Qt elides a placeholder that only just fits

    def __init__(self, placeholder: str = "", cap: int | None = None) -> None:
        super().__init__()
        self._cap = cap
        self.setPlaceholderText(placeholder)

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        self._fit()

    def placeholder_width(self) -> int:
        """The width the placeholder needs: its text in this font, what the style puts around
        the text (frame, padding), QLineEdit's own margin and the icon buttons beside the text
        (the clear button, a search icon: QLineEditPrivate gives each its icon + 6 + margin)."""
        style = self.style()
        opt = QStyleOptionFrame()
        self.initStyleOption(opt)
        opt.rect = QRect(0, 0, 1000, max(self.height(), 30))
        contents = style.subElementRect(QStyle.SubElement.SE_LineEditContents, opt, self)
        icons = len(self.findChildren(QToolButton))
        icon = style.pixelMetric(QStyle.PixelMetric.PM_LineEditIconSize, None, self)
        gap = style.pixelMetric(QStyle.PixelMetric.PM_LineEditIconMargin, None, self)
        tm = self.textMargins()
        return (
            self.fontMetrics().horizontalAdvance(self.placeholderText())
            + 1000 - contents.width()
            + 2 * 2  # QLineEdit's horizontal margin
            + icons * (icon + 6 + gap)
            + tm.left() + tm.right()
            + self.SLACK
        )  # fmt: skip

    def addAction(self, *args: object) -> object:  # type: ignore[override]
        action = super().addAction(*args)  # type: ignore[call-overload]
        self._fit()  # an icon beside the text takes its room
        return action

    def setClearButtonEnabled(self, enable: bool) -> None:
        super().setClearButtonEnabled(enable)
        self._fit()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.placeholder_width()), hint.height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        if event.type() == QEvent.Type.Polish:  # the style sheet's padding applies from here
            self._fit()
        return done

    def _fit(self) -> None:
        width = self.placeholder_width()
        self.setMinimumWidth(width)
        if self._cap is not None:
            self.setMaximumWidth(max(self._cap, width))
        self.updateGeometry()


class FlowLayout(QLayout):
    """Widgets left to right, wrapping to the next line when the width runs out (buttons that
    keep their whole label in large text instead of being squeezed into fixed columns)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items line by line (or only measure); return the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + self._gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class ElidedTextTips(QObject):
    """Installed on the application: a table cell or column header whose text does not fit
    (elided with "…") shows its whole text as a tool tip, unless the model gives its own."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        owner = watched.parent() if isinstance(watched, QWidget) else None
        if isinstance(owner, QHeaderView):
            return self._header_tip(owner, event)
        if isinstance(owner, QAbstractItemView) and watched is owner.viewport():
            return self._cell_tip(owner, event)
        return False

    def _cell_tip(self, view: QAbstractItemView, event: QHelpEvent) -> bool:
        index = view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False
        text = str(index.data() or "")
        rect = view.visualRect(index)
        if text and view.fontMetrics().horizontalAdvance(text) + 12 > rect.width():
            QToolTip.showText(event.globalPos(), text, view, rect)
            return True
        return False

    def _header_tip(self, header: QHeaderView, event: QHelpEvent) -> bool:
        section = header.logicalIndexAt(event.pos())
        model = header.model()
        if section < 0 or model is None:
            return False
        text = str(model.headerData(section, header.orientation()) or "")
        size = header.sectionSize(section)
        if text and header.fontMetrics().horizontalAdvance(text) + 24 > size:
            QToolTip.showText(event.globalPos(), text, header)
            return True
        return False


def readable_views(root: QWidget) -> None:
    """Make every table under ``root`` readable at any font size: column headers elide
    with "…" (their whole text in a tool tip) and scroll horizontally, never clip."""
    for view in root.findChildren(QAbstractItemView):
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = getattr(view, "horizontalHeader", None)
        if header is not None:
            h = header()
            h.setTextElideMode(Qt.TextElideMode.ElideRight)
            h.setMinimumSectionSize(max(h.minimumSectionSize(), 36))
