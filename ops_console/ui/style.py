"""The look: one theme (normal or high contrast), its stylesheet and palette, the font size.

Every colour the console paints text with comes from the current ``Theme``: the stylesheet,
the application palette, the traffic-light colours of tables and the charts. High contrast
keeps every text at WCAG AA (4.5:1) or better against what it is drawn on; the tests measure it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from ..paths import resources_dir


@dataclass(frozen=True)
class Theme:
    """The colours of one appearance (hex strings).

    ``ok``/``warn``/``bad``/``neutral`` are traffic-light text colours on ``panel``; the
    ``*_bg`` ones are cell backgrounds that text of the same light is drawn on.
    """

    name: str
    bg: str
    panel: str
    text: str
    muted: str
    border: str
    accent: str
    accent_text: str
    sidebar: str
    sidebar_text: str
    sidebar_sel: str
    sidebar_hover: str
    select: str
    select_text: str
    alt_row: str
    disabled: str
    ok: str
    warn: str
    bad: str
    neutral: str
    info: str
    ok_bg: str
    warn_bg: str
    bad_bg: str
    neutral_bg: str
    mark_bg: str
    chart_grid: str
    chart_series: tuple[str, ...]

    def colour(self, role: str) -> QColor:
        """The colour of ``role`` (a field name, e.g. ``"bad"`` or ``"warn_bg"``)."""
        value = getattr(self, role)
        if not isinstance(value, str):
            raise KeyError(role)
        return QColor(value)


# Each colour role (a field of Theme) in the normal theme and in high contrast, side by side.
_COLOURS: dict[str, tuple[str, str]] = {
    "bg": ("#f5f6f8", "#000000"),
    "panel": ("#ffffff", "#000000"),
    "text": ("#1f2933", "#ffffff"),
    "muted": ("#525c69", "#ffff00"),
    "border": ("#d9dee5", "#ffffff"),
    "accent": ("#1d4ed8", "#ffff00"),
    "accent_text": ("#ffffff", "#000000"),
    "sidebar": ("#1f2937", "#000000"),
    "sidebar_text": ("#e5e7eb", "#ffffff"),
    "sidebar_sel": ("#1d4ed8", "#ffff00"),
    "sidebar_hover": ("#374151", "#333333"),
    "select": ("#dbeafe", "#0000aa"),
    "select_text": ("#1f2933", "#ffffff"),
    "alt_row": ("#f9fafb", "#111111"),
    "disabled": ("#a0a8b3", "#8c8c8c"),
    "ok": ("#15803d", "#4ade80"),
    "warn": ("#a14a06", "#fbbf24"),
    "bad": ("#b91c1c", "#ff8080"),
    "neutral": ("#4b5563", "#d1d5db"),
    "info": ("#1d4ed8", "#00ffff"),
    "ok_bg": ("#dcfce7", "#002b12"),
    "warn_bg": ("#fef3c7", "#2e1f00"),
    "bad_bg": ("#fee2e2", "#330000"),
    "neutral_bg": ("#f3f4f6", "#1a1a1a"),
    "mark_bg": ("#fef08a", "#5c4a00"),
    "chart_grid": ("#9ca3af", "#bbbbbb"),
}


def _theme(name: str, column: int, chart_series: tuple[str, ...]) -> Theme:
    """The theme whose colours are ``column`` of ``_COLOURS`` (0 normal, 1 high contrast)."""
    colours: dict[str, Any] = {role: pair[column] for role, pair in _COLOURS.items()}
    return Theme(name=name, chart_series=chart_series, **colours)


NORMAL = _theme("normal", 0, ("#1d4ed8", "#b91c1c", "#15803d", "#a14a06"))
HIGH_CONTRAST = _theme("high_contrast", 1, ("#ffff00", "#00ffff", "#4ade80", "#ff8080"))
THEMES = (NORMAL, HIGH_CONTRAST)
_current: list[Theme] = [NORMAL]


def current() -> Theme:
    """The theme in use (the last one ``apply`` set)."""
    return _current[0]


def fg(role: str) -> QColor:
    """A text colour of the current theme: ``ok``, ``warn``, ``bad``, ``neutral``, ``info``…"""
    return current().colour(role)


def bg(role: str) -> QColor:
    """A cell background of the current theme for the traffic light ``role`` (``ok`` …)."""
    return current().colour(f"{role}_bg")


def colour_roles(theme: Theme) -> list[str]:
    """The theme's colour fields (everything but its name and the chart series)."""
    return [f.name for f in fields(theme) if f.name not in ("name", "chart_series")]


LIGHTS = ("ok", "warn", "bad", "neutral")


def text_pairs(theme: Theme) -> list[tuple[str, str]]:
    """Every (text colour, background) pair the stylesheet, the palette and the pages paint
    text with, as field names of ``theme``: what the contrast tests hold to 4.5:1."""
    grounds = ("bg", "panel", "alt_row")
    pairs = [(fg, ground) for fg in ("text", "muted", "info", *LIGHTS) for ground in grounds]
    pairs += [(light, f"{light}_bg") for light in LIGHTS]  # a coloured cell's own text
    pairs += [("text", f"{light}_bg") for light in LIGHTS]
    pairs += [
        ("accent_text", "accent"),  # primary buttons, the selected tab
        ("sidebar_text", "sidebar"),
        ("accent_text", "sidebar_sel"),
        ("sidebar_text", "sidebar_hover"),
        ("select_text", "select"),
        ("text", "mark_bg"),  # a cell the import wizard marks as wrong
    ]
    return pairs


def base_point_size(large: bool) -> int:
    return 14 if large else 10


def ui_font(large: bool) -> QFont:
    """The UI font: the platform's, with a CJK family as fallback for Chinese glyphs."""
    font = QFont(QApplication.font())
    families = ["Noto Sans", "DejaVu Sans", "Segoe UI", "PingFang SC", "Microsoft YaHei"]
    cjk = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    for name in ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC"):
        if name in cjk:
            families.insert(1, name)
            break
    font.setFamilies(families)
    font.setPointSize(base_point_size(large))
    return font


def palette(theme: Theme) -> QPalette:
    """The application palette of ``theme``: widgets the stylesheet does not name (scroll
    areas' viewports, item views' cells, tool tips) paint with these colours."""
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.bg,
        QPalette.ColorRole.WindowText: theme.text,
        QPalette.ColorRole.Base: theme.panel,
        QPalette.ColorRole.AlternateBase: theme.alt_row,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.panel,
        QPalette.ColorRole.ButtonText: theme.text,
        QPalette.ColorRole.Highlight: theme.select,
        QPalette.ColorRole.HighlightedText: theme.select_text,
        QPalette.ColorRole.ToolTipBase: theme.panel,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.PlaceholderText: theme.muted,
        QPalette.ColorRole.Link: theme.info,
        QPalette.ColorRole.BrightText: theme.bad,
    }
    for role, value in roles.items():
        pal.setColor(role, QColor(value))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.disabled))
    return pal


def stylesheet(high_contrast: bool, large: bool) -> str:
    c = HIGH_CONTRAST if high_contrast else NORMAL
    pad = 8 if large else 5
    # the tick in the colour of text on the accent (white on blue, black on yellow)
    tick = "check-black.svg" if high_contrast else "check-white.svg"
    check = (resources_dir() / "icons" / tick).as_posix()
    return f"""
QMainWindow, QDialog, QWizard {{ background: {c.bg}; color: {c.text}; }}
QWidget {{ color: {c.text}; }}
QAbstractScrollArea {{ background: {c.bg}; }}
QScrollArea > QWidget > QWidget {{ background: {c.bg}; }}
QToolTip {{ background: {c.panel}; color: {c.text}; border: 1px solid {c.border}; }}
QLabel[role="title"] {{ font-size: {"22" if large else "16"}pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ color: {c.muted}; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="error"] {{ color: {c.bad}; }}
QLabel[role="warning"] {{ color: {c.warn}; font-weight: 600; }}
QFrame[role="card"] {{ background: {c.panel}; border: 1px solid {c.border};
    border-radius: 8px; }}
QFrame[role="card"]:hover {{ border-color: {c.accent}; }}
QListWidget#sidebar {{ background: {c.sidebar}; color: {c.sidebar_text}; border: none;
    padding: 6px 0; outline: 0; }}
QListWidget#sidebar::item {{ padding: {pad + 4}px 12px; margin: 1px 6px; border-radius: 6px;
    color: {c.sidebar_text}; }}
QListWidget#sidebar::item:selected {{ background: {c.sidebar_sel};
    color: {c.accent_text}; }}
QListWidget#sidebar::item:hover:!selected {{ background: {c.sidebar_hover}; }}
QTableView, QTreeView, QListView, QTextBrowser, QPlainTextEdit, QTextEdit {{
    background: {c.panel}; color: {c.text};
    border: 1px solid {c.border}; border-radius: 6px;
    selection-background-color: {c.select}; selection-color: {c.select_text};
    alternate-background-color: {c.alt_row}; }}
QHeaderView {{ background: {c.bg}; }}
QHeaderView::section {{ background: {c.bg}; color: {c.muted}; padding: {pad}px 6px;
    border: none; border-bottom: 1px solid {c.border}; font-weight: 600; }}
QHeaderView::section:vertical {{ padding: 0 6px; }}
QTableCornerButton::section {{ background: {c.bg}; border: none;
    border-bottom: 1px solid {c.border}; }}
QLineEdit, QComboBox, QSpinBox, QDateEdit, QDoubleSpinBox, QDateTimeEdit {{
    background: {c.panel}; color: {c.text};
    border: 1px solid {c.border}; border-radius: 5px; padding: {pad - 1}px 6px; min-height: 1.4em; }}
QComboBox QAbstractItemView {{ background: {c.panel}; color: {c.text};
    selection-background-color: {c.select}; selection-color: {c.select_text}; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus {{
    border: 2px solid {c.accent}; }}
QPushButton, QToolButton {{ background: {c.panel}; color: {c.text};
    border: 1px solid {c.border}; border-radius: 5px; padding: {pad}px 14px; }}
QPushButton:hover, QToolButton:hover {{ border-color: {c.accent}; }}
QPushButton:focus {{ border: 2px solid {c.accent}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {c.disabled}; }}
QPushButton[role="primary"] {{ background: {c.accent}; color: {c.accent_text};
    border-color: {c.accent}; font-weight: 600; }}
QPushButton[role="primary"]:disabled {{ background: {c.panel}; color: {c.disabled};
    border-color: {c.disabled}; font-weight: 400; }}
QCheckBox, QRadioButton {{ color: {c.text}; spacing: 8px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 0.9em; height: 0.9em;
    border: 2px solid {c.text if high_contrast else c.muted}; background: {c.panel}; }}
QRadioButton::indicator {{ border-radius: 0.5em; }}
QCheckBox::indicator {{ border-radius: 3px; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked {{ background: {c.accent};
    border-color: {c.accent}; }}
QCheckBox::indicator:checked {{ image: url({check}); }}
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{
    border-color: {c.disabled}; }}
QStatusBar {{ background: {c.panel}; border-top: 1px solid {c.border}; }}
QStatusBar QLabel {{ padding: 0 8px; color: {c.muted}; }}
QToolBar {{ background: {c.panel}; border-bottom: 1px solid {c.border}; spacing: 8px;
    padding: 4px 8px; }}
QGroupBox {{ border: 1px solid {c.border}; border-radius: 6px; margin-top: 1.2em;
    padding-top: 0.6em; background: {c.panel}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; font-weight: 600;
    color: {c.text}; }}
QTabWidget::pane {{ border: 1px solid {c.border}; border-radius: 6px; background: {c.panel}; }}
QTabBar::tab {{ background: {c.bg}; color: {c.text}; border: 1px solid {c.border};
    border-bottom: none; border-top-left-radius: 5px; border-top-right-radius: 5px;
    padding: {pad - 1}px 14px; margin-right: 2px; }}
QTabBar::tab:selected {{ background: {c.accent}; color: {c.accent_text}; font-weight: 600; }}
QTabBar::tab:hover:!selected {{ border-color: {c.accent}; }}
QProgressBar {{ border: 1px solid {c.border}; border-radius: 4px; text-align: center;
    background: {c.panel}; color: {c.text}; }}
QProgressBar::chunk {{ background: {c.select}; }}
QMenu {{ background: {c.panel}; color: {c.text}; border: 1px solid {c.border}; }}
QMenu::item:selected {{ background: {c.select}; color: {c.select_text}; }}
"""


def apply(app: QApplication, *, high_contrast: bool, large: bool) -> None:
    """Use the theme and the font size everywhere (pages built afterwards read ``current``)."""
    theme = HIGH_CONTRAST if high_contrast else NORMAL
    _current[0] = theme
    app.setFont(ui_font(large))
    app.setPalette(palette(theme))
    app.setStyleSheet(stylesheet(high_contrast, large))
