"""The stylesheet: one palette, normal or high contrast, normal or large font."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

NORMAL = {
    "bg": "#f5f6f8",
    "panel": "#ffffff",
    "text": "#1f2933",
    "muted": "#5f6b7a",
    "border": "#d9dee5",
    "accent": "#2563eb",
    "accent_text": "#ffffff",
    "sidebar": "#1f2937",
    "sidebar_text": "#d1d5db",
    "sidebar_sel": "#2563eb",
    "select": "#dbeafe",
}
HIGH_CONTRAST = {
    "bg": "#000000",
    "panel": "#000000",
    "text": "#ffffff",
    "muted": "#ffff00",
    "border": "#ffffff",
    "accent": "#ffff00",
    "accent_text": "#000000",
    "sidebar": "#000000",
    "sidebar_text": "#ffffff",
    "sidebar_sel": "#ffff00",
    "select": "#0000aa",
}
# traffic-light colours for health, SLA and certificates (readable on white and on black)
OK = QColor("#15803d")
WARN = QColor("#b45309")
BAD = QColor("#b91c1c")
NEUTRAL = QColor("#6b7280")
OK_BG = QColor("#dcfce7")
WARN_BG = QColor("#fef3c7")
BAD_BG = QColor("#fee2e2")
NEUTRAL_BG = QColor("#f3f4f6")


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


def stylesheet(high_contrast: bool, large: bool) -> str:
    c = HIGH_CONTRAST if high_contrast else NORMAL
    pad = 8 if large else 5
    return f"""
QMainWindow, QDialog, QWizard {{ background: {c["bg"]}; color: {c["text"]}; }}
QWidget {{ color: {c["text"]}; }}
QLabel[role="title"] {{ font-size: {"22" if large else "16"}pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ color: {c["muted"]}; }}
QLabel[role="muted"] {{ color: {c["muted"]}; }}
QLabel[role="error"] {{ color: #b91c1c; }}
QLabel[role="warning"] {{ color: #92400e; font-weight: 600; }}
QFrame[role="card"] {{ background: {c["panel"]}; border: 1px solid {c["border"]};
    border-radius: 8px; }}
QFrame[role="card"]:hover {{ border-color: {c["accent"]}; }}
QListWidget#sidebar {{ background: {c["sidebar"]}; color: {c["sidebar_text"]}; border: none;
    padding: 6px 0; outline: 0; }}
QListWidget#sidebar::item {{ padding: {pad + 4}px 12px; margin: 1px 6px; border-radius: 6px;
    color: {c["sidebar_text"]}; }}
QListWidget#sidebar::item:selected {{ background: {c["sidebar_sel"]};
    color: {c["accent_text"]}; }}
QListWidget#sidebar::item:hover:!selected {{ background: #374151; }}
QTableView, QTreeView, QListView, QTextBrowser, QPlainTextEdit {{ background: {c["panel"]};
    border: 1px solid {c["border"]}; border-radius: 6px;
    selection-background-color: {c["select"]}; selection-color: {c["text"]};
    alternate-background-color: {"#111111" if high_contrast else "#f9fafb"}; }}
QHeaderView::section {{ background: {c["bg"]}; color: {c["muted"]}; padding: {pad}px 6px;
    border: none; border-bottom: 1px solid {c["border"]}; font-weight: 600; }}
QLineEdit, QComboBox, QSpinBox, QDateEdit, QDoubleSpinBox {{ background: {c["panel"]};
    border: 1px solid {c["border"]}; border-radius: 5px; padding: {pad - 1}px 6px; min-height: 1.4em; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus {{
    border: 2px solid {c["accent"]}; }}
QPushButton {{ background: {c["panel"]}; border: 1px solid {c["border"]}; border-radius: 5px;
    padding: {pad}px 14px; }}
QPushButton:hover {{ border-color: {c["accent"]}; }}
QPushButton:focus {{ border: 2px solid {c["accent"]}; }}
QPushButton:disabled {{ color: {"#888888" if high_contrast else "#a0a8b3"}; }}
QPushButton[role="primary"] {{ background: {c["accent"]}; color: {c["accent_text"]};
    border-color: {c["accent"]}; font-weight: 600; }}
QStatusBar {{ background: {c["panel"]}; border-top: 1px solid {c["border"]}; }}
QStatusBar QLabel {{ padding: 0 8px; color: {c["muted"]}; }}
QToolBar {{ background: {c["panel"]}; border-bottom: 1px solid {c["border"]}; spacing: 8px;
    padding: 4px 8px; }}
QGroupBox {{ border: 1px solid {c["border"]}; border-radius: 6px; margin-top: 1.2em;
    padding-top: 0.6em; background: {c["panel"]}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; font-weight: 600; }}
QTabWidget::pane {{ border: 1px solid {c["border"]}; border-radius: 6px; background: {c["panel"]}; }}
QProgressBar {{ border: 1px solid {c["border"]}; border-radius: 4px; text-align: center; }}
QProgressBar::chunk {{ background: {c["accent"]}; }}
"""


def apply(app: QApplication, *, high_contrast: bool, large: bool) -> None:
    app.setFont(ui_font(large))
    app.setStyleSheet(stylesheet(high_contrast, large))
