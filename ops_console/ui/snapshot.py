"""Render every page with the current database to PNG, in English and Chinese (offscreen)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from . import style, widgets
from .i18n import set_language

if TYPE_CHECKING:
    from ..services.container import Services


def snapshot(
    services: Services,
    outdir: Path,
    username: str = "admin",
    langs: tuple[str, ...] = ("en", "zh_CN"),
    *,
    large: bool = False,
    high_contrast: bool = False,
    size: tuple[int, int] | None = None,
    pages: tuple[str, ...] | None = None,
) -> list[Path]:
    """Write ``<lang>/<page>.png`` for every page the user sees; return the files.

    ``large`` and ``high_contrast`` render in those modes of the Settings page; ``size`` is
    the window's size (default 1400×900, or 1366×768, the smallest common laptop screen,
    in the large-text mode); ``pages`` keeps only those page keys (and the sign-in window).
    """
    from .dialogs.login import LoginDialog
    from .launch import build_window, make_app
    from .pages.audit import AuditPage
    from .pages.workorders import WorkOrdersPage
    from .tasks import SyncRunner

    app = make_app()
    style.apply(app, high_contrast=high_contrast, large=large)
    width, height = size or ((1366, 768) if large else (1400, 900))
    widgets.NO_POPUPS["on"] = True
    actor = services.accounts.actor(username)
    written: list[Path] = []
    for lang in langs:
        set_language(lang)
        folder = outdir / lang
        folder.mkdir(parents=True, exist_ok=True)
        login = LoginDialog(services, demo=True, database=services.db.display_url)
        login.show()
        QApplication.processEvents()
        written.append(_save(login, folder / "00-login.png"))
        login.close()
        window = build_window(services, actor, SyncRunner(), live=False)
        window.resize(width, height)
        window.show()
        tag = services.inventory.list_devices(actor, limit=1)
        for i, key in enumerate(list(window.pages)):
            if pages is not None and key not in pages:
                continue
            filters = {"tag": tag[0].asset_tag} if key == "device_detail" and tag else None
            window.open_page(key, filters)
            page = window.pages[key]
            if isinstance(page, WorkOrdersPage | AuditPage):  # show the detail panel filled in
                model = page.view.model()
                if model is not None and model.rowCount():
                    page.view.selectRow(0)
            for _ in range(3):
                QApplication.processEvents()
            time.sleep(0.12)  # item views lay out wrapped rows on a short timer
            QApplication.processEvents()
            written.append(_save(window, folder / f"{i + 1:02d}-{key}.png"))
        window.close()
        window.deleteLater()
    set_language("en")
    return written


def _save(widget: QWidget, path: Path) -> Path:
    widget.grab().save(str(path))
    return path
