"""The console's own settings (window, language, appearance), stored with QSettings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

from ..paths import config_dir

DEFAULTS: dict[str, Any] = {
    "language": "en",
    "large_font": False,
    "high_contrast": False,
    "last_page": "dashboard",
    "notifications": True,
    "poller_in_app": False,
    "database_url": "",
}


def open_settings() -> QSettings:
    """Return the settings file in the configuration folder (overridden in tests)."""
    return QSettings(str(config_dir() / "ui.ini"), QSettings.Format.IniFormat)


def get(settings: QSettings, key: str) -> Any:
    default = DEFAULTS[key]
    value = settings.value(key, default)
    if isinstance(default, bool):
        return value in (True, "true", "1", 1)
    return value if value is not None else default


def put(settings: QSettings, key: str, value: Any) -> None:
    settings.setValue(key, value)
    settings.sync()
