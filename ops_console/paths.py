"""Where things live: resources, the user's data folder, the default database."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ops-console"
HOME_ENV = "OPS_CONSOLE_HOME"  # dev/test override of every per-user folder
DB_ENV = "OPS_CONSOLE_DB"


def resources_dir() -> Path:
    """Return the folder holding profiles, demo data, translations, icons and fonts.

    An installed wheel carries them as ``ops_console/resources``; a source
    checkout (or an editable install) keeps them in ``resources/`` at the top.
    """
    package = Path(__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if (candidate / "profiles").is_dir():
            return candidate
    raise FileNotFoundError(
        f"the resources folder is missing (looked in {package / 'resources'} and "
        f"{package.parent / 'resources'}); reinstall Ops Console"
    )


def data_dir() -> Path:
    """Return (and create) the per-user data folder: database, backups, secret store."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) / "data" if override else Path(platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Return (and create) the per-user configuration folder."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) / "config" if override else Path(platformdirs.user_config_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    """Return the database URL: ``$OPS_CONSOLE_DB`` or the SQLite file in the data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return env
    return f"sqlite:///{data_dir() / 'ops-console.db'}"
