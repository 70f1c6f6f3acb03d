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
    "care_sound": True,
    "poller_in_app": False,
    "poller_in_flight": 200,
    "poller_traps": False,
    "poller_trap_port": 1162,
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
    if isinstance(default, int):
        try:
            return int(str(value))
        except ValueError:  # a hand-edited ui.ini
            return default
    return value if value is not None else default


def put(settings: QSettings, key: str, value: object) -> None:
    settings.setValue(key, value)
    settings.sync()


IN_FLIGHT_RANGE = (10, 2000)


def poller_options(settings: QSettings) -> dict[str, Any]:
    """The in-app poller's keyword arguments for ``PollerService`` from the settings."""
    low, high = IN_FLIGHT_RANGE
    port = get(settings, "poller_trap_port")
    traps = get(settings, "poller_traps") and 1 <= port <= 65535
    return {
        "max_in_flight": min(max(get(settings, "poller_in_flight"), low), high),
        "trap_port": port if traps else None,
    }
