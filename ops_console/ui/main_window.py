"""The main window: sidebar, page stack, global search, status bar."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from ..domain.errors import RoleChanged
from ..services.context import Actor
from . import settings as ui_settings
from . import style
from .context import UiContext
from .i18n import ROLES, error_text, label, tr
from .pages.base import Page
from .pages.index import PAGES, PageInfo
from .widgets import ElidedLabel, FilterField, icon, local, readable_views, show_error

if TYPE_CHECKING:
    from .notifications import NotificationCenter
    from .poller_thread import PollerState, StoredBatch
    from .tasks import Task, TaskControl

LIVE_PAGES = {"dashboard", "devices", "alarms", "pollers", "workorders", "device_detail", "sla"}
WO_NUMBER = re.compile(r"^WO-\d{4}-\d{6}$", re.IGNORECASE)


class Pages(Mapping[str, Page]):
    """The window's pages by key: those the signed-in role may see, each built the first
    time it is asked for (opened, or looked up by a test or the snapshot tool).

    Attributes:
        types: what the window knows of each page before its module is imported
            (``ui/pages/index.py``), by key, in sidebar order.
        built: the pages built so far.
    """

    def __init__(self, build: Callable[[type[Page]], Page]) -> None:
        self._build = build
        self.types: dict[str, PageInfo] = {}
        self.built: dict[str, Page] = {}

    def reset(self, pages: list[PageInfo]) -> None:
        """Forget the pages built (the caller deletes their widgets); know these pages."""
        self.types = {p.key: p for p in pages}
        self.built = {}

    def __getitem__(self, key: str) -> Page:
        page = self.built.get(key)
        if page is None:
            page = self.built[key] = self._build(self.types[key].load())
        return page

    def ready(self, key: str) -> bool:
        """Whether opening the page needs no import (built, or its module imported)."""
        return key in self.built or self.types[key].imported()

    def __contains__(self, key: object) -> bool:
        return key in self.types

    def __iter__(self) -> Iterator[str]:
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)


def import_pages(pages: list[PageInfo], control: TaskControl) -> None:
    """Import the pages' modules (in the background, after the window is shown: a page then
    opens without the import's 50-1,000 ms on the GUI thread)."""
    for p in pages:
        if control.cancelled():
            return
        p.load()


class MainWindow(QMainWindow):
    """The console's main window.

    Attributes:
        pages: the built pages by key.

    Signals:
        pages_imported(): every page's module is imported (the launcher then moves what
            start-up allocated out of the garbage collector's way).
    """

    pages_imported = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.pages = Pages(self._build_page)
        self._opening: tuple[str, dict[str, Any] | None] | None = None  # a page being imported
        self._importing: Task | None = None
        # the page imports under way: cancelled when the window closes, so that a module
        # imported afterwards builds no page into it (a deleted window: the task runner drops
        # callbacks into deleted widgets)
        self._imports: list[Task] = []
        self.notifications: NotificationCenter | None = None  # set by the launcher
        self.setWindowIcon(icon("app"))
        self.setMinimumSize(QSize(960, 640))
        self._build_toolbar()
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(200)
        self.sidebar.setAccessibleName(tr("Navigation"))
        self.sidebar.currentItemChanged.connect(self._on_sidebar)
        self.stack = QStackedWidget()
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._build_status_bar()
        ctx.events.open_page.connect(self.open_page)
        ctx.events.language_changed.connect(self.rebuild)
        # colours are read from the theme when a page is built: rebuild in the new one
        ctx.events.appearance_changed.connect(self.rebuild)
        ctx.events.message.connect(lambda m: self.statusBar().showMessage(m, 6000))
        # poll results arrive in bursts: refresh the visible page at most every 2 s
        self._data_refresh = QTimer(self)
        self._data_refresh.setSingleShot(True)
        self._data_refresh.setInterval(2000)
        self._data_refresh.timeout.connect(self._refresh_live_page)
        ctx.events.samples_stored.connect(self._on_samples)
        if ctx.poller is not None:
            ctx.poller.state_changed.connect(ctx.events.poller_state)
            ctx.poller.batch_stored.connect(ctx.events.samples_stored)
        ctx.events.poller_state.connect(self.show_poller_state)
        ctx.events.actor_changed.connect(self._on_actor_changed)
        ctx.runner.before_write = self._confirm_person
        # the names the filters and dialogs show, read at once in the background
        ctx.runner.run(lambda _c: ctx.load_names(), name="names")
        self.rebuild()
        geometry = ctx.settings.value("geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(1280, 820)
        self.open_page(str(ui_settings.get(ctx.settings, "last_page")))
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(30_000)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self.refresh_status()

    # building -----------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Search"))
        bar.setObjectName("toolbar")
        bar.setMovable(False)
        self.toolbar = bar
        # 420 px wide, more when its placeholder needs it (large text cut it)
        self.search = FilterField(cap=420)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Global search"))
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.returnPressed.connect(self.run_search)
        bar.addWidget(self.search)
        self.addToolBar(bar)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.refresh_current)
        self._quit = QAction(self)
        self._quit.setShortcut(QKeySequence.StandardKey.Quit)
        self._quit.triggered.connect(self.close)
        self.addAction(self._quit)

    def _build_status_bar(self) -> None:
        self.poller_button = QToolButton()
        self.poller_button.setAutoRaise(True)
        self.poller_button.clicked.connect(self.toggle_poller)
        # hidden, never shown, before it has a parent: shown, it would be a window of its own
        if self.ctx.poller is None or not self.ctx.poller.may_run:
            self.poller_button.hide()
        self.poller_label = QLabel()
        self.db_label = ElidedLabel()  # a long path must not push the rest off screen
        self.tls_label = QLabel()  # PostgreSQL: whether the connection is encrypted
        if self.ctx.services.db.is_sqlite:
            self.tls_label.hide()
        self.user_label = QLabel()
        for w in (
            self.poller_button,
            self.poller_label,
            self.tls_label,
            self.db_label,
            self.user_label,
        ):
            self.statusBar().addPermanentWidget(w)

    def rebuild(self) -> None:
        """Build (or rebuild after a language switch) the sidebar and every page."""
        current = self.current_key()
        self.setWindowTitle(tr("Ops Console — {db}").format(db=self.ctx.services.db.display_url))
        self.search.setPlaceholderText(tr("Search asset tag, device name or work order (Ctrl+F)"))
        self.sidebar.blockSignals(True)
        self.sidebar.clear()
        while (w := self.stack.widget(0)) is not None:
            self.stack.removeWidget(w)
            w.deleteLater()
        # pages are built when first opened: a page's widgets cost the GUI thread 50-500 ms
        # each, and most sessions open a few of the thirteen; their modules are imported in
        # the background (ui/pages/index.py)
        self.pages.reset([p for p in PAGES if p.visible_for(self.ctx.actor)])
        for p in self.pages.types.values():
            if p.in_sidebar:
                item = QListWidgetItem(icon(p.icon_name), tr(p.title))
                item.setData(Qt.ItemDataRole.UserRole, p.key)
                item.setToolTip(tr(p.title))
                self.sidebar.addItem(item)
        self.sidebar.blockSignals(False)
        self.loading = QLabel(tr("Loading…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)
        self.user_label.setText(
            tr("Signed in: {name} ({role})").format(
                name=self.ctx.actor.display_name or self.ctx.actor.username,
                role=label(ROLES, self.ctx.actor.role),
            )
        )
        db = self.ctx.services.db
        # host and database only: the query (sslrootcert=…) would push the rest off the bar
        self.db_label.setText(tr("Database: {db}").format(db=db.display_url.split("?")[0]))
        self.db_label.setToolTip(db.display_url)
        self.show_transport()
        self._label_poller_button()
        if self.ctx.poller is not None and self.ctx.poller.state.state != "stopped":
            self.show_poller_state(self.ctx.poller.state)
        if current:
            self.open_page(current)
        self._import_pages()

    def _import_pages(self) -> None:
        """Import the modules of the pages not opened yet, one after another in the
        background (the GUI thread keeps painting and taking clicks meanwhile)."""
        waiting = [p for p in self.pages.types.values() if not p.imported()]
        if waiting and self._importing is None:
            task = self.ctx.runner.run(
                lambda c: import_pages(waiting, c),
                success=lambda _r: self.pages_imported.emit(),
                name="import pages",
            )
            self._importing = task
            self._track_import(task)
            task.done.connect(lambda: setattr(self, "_importing", None))

    # the person behind the console ---------------------------------------------------
    def _confirm_person(self) -> None:
        """Before each write (in the background): refuse it if the person was disabled or
        given another role since they signed in; the window then follows the new role."""
        try:
            self.ctx.services.accounts.confirm(self.ctx.actor)
        except RoleChanged as exc:
            self.ctx.events.actor_changed.emit(exc.actor)
            raise

    def _on_actor_changed(self, actor: Actor) -> None:
        if actor == self.ctx.actor:
            return
        self.ctx.actor = actor
        self.ctx.cache.pop("communities", None)  # their reach may have changed too
        # read again in the background, as when the window opened: else the next dialog
        # offering communities read them on the GUI thread
        ctx = self.ctx
        ctx.runner.run(lambda _c: ctx.load_names(), name="names")
        self.rebuild()
        self.statusBar().showMessage(
            tr("Your role is now {role}: the console shows what it may do").format(
                role=label(ROLES, actor.role)
            ),
            15_000,
        )

    def _build_page(self, cls: type[Page]) -> Page:
        page = cls(self.ctx)
        self.stack.addWidget(page)
        readable_views(page)
        return page

    # navigation ---------------------------------------------------------------------
    def current_key(self) -> str | None:
        if self._opening is not None:
            return self._opening[0]
        w = self.stack.currentWidget()
        return w.key if isinstance(w, Page) else None

    def open_page(self, key: str, filters: dict[str, Any] | None = None) -> None:
        """Show a page: at once when built or its module imported, else "Loading…" while its
        module is imported in the background (pyqtgraph for the dashboard: a second or more
        in a fresh process), then the page."""
        if key not in self.pages:
            key = "dashboard" if "dashboard" in self.pages else next(iter(self.pages))
        if not self.pages.ready(key):
            self._select_in_sidebar(key)
            self.stack.setCurrentWidget(self.loading)
            self._opening = (key, filters)
            info = self.pages.types[key]
            task = self.ctx.runner.run(
                lambda _c: info.load(),
                success=lambda _cls: self._imported(key),
                failure=lambda e: show_error(self, e),
                name=f"import {key}",
            )
            self._track_import(task)
            return
        self._opening = None
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        self._select_in_sidebar(key)
        if page.in_sidebar:
            ui_settings.put(self.ctx.settings, "last_page", page.key)
        page.activate(filters)

    def _track_import(self, task: Task) -> None:
        if task.finished:
            return
        imports = self._imports
        imports.append(task)
        task.done.connect(lambda: imports.remove(task) if task in imports else None)

    def _imported(self, key: str) -> None:
        # the page is shown only if it is still the one asked for last
        if self._opening is not None and self._opening[0] == key and key in self.pages:
            self.open_page(*self._opening)

    def _select_in_sidebar(self, key: str) -> None:
        info = self.pages.types[key]
        # a page outside the sidebar (device detail) highlights the list it belongs to
        sidebar_key = key if info.in_sidebar else (info.parent or key)
        for i in range(self.sidebar.count()):
            item = self.sidebar.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == sidebar_key:
                self.sidebar.blockSignals(True)
                self.sidebar.setCurrentItem(item)
                self.sidebar.blockSignals(False)

    def _on_sidebar(
        self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None
    ) -> None:
        if item is not None:
            self.open_page(item.data(Qt.ItemDataRole.UserRole))

    def refresh_current(self) -> None:
        w = self.stack.currentWidget()
        if isinstance(w, Page):
            w.refresh()

    # search ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        if WO_NUMBER.match(text) and "workorders" in self.pages:
            self.open_page("workorders", {"number": text.upper()})
            return
        self.open_page("devices", {"text": text})

    # status bar ---------------------------------------------------------------------
    def toggle_poller(self) -> None:
        """Start or pause the in-app poller (status-bar button)."""
        if self.ctx.poller is not None:
            self.ctx.poller.toggle()

    def _label_poller_button(self) -> None:
        poller = self.ctx.poller
        running = poller is not None and poller.state.running
        self.poller_button.setText(tr("Pause poller") if running else tr("Start poller"))
        self.poller_button.setAccessibleName(self.poller_button.text())

    def show_poller_state(self, state: PollerState) -> None:
        """Show the in-app poller's state: running or paused, last cycle, devices ok/failed."""
        self._label_poller_button()
        names = {
            "starting": tr("starting"),
            "running": tr("running"),
            "stopping": tr("stopping"),
            "stopped": tr("paused"),
            "failed": tr("failed"),
        }
        text = tr("Poller: {state}").format(state=names.get(state.state, state.state))
        if state.last_cycle is not None:
            text += " · " + tr("last cycle {t}").format(t=local(state.last_cycle, "%H:%M:%S"))
        if state.ok or state.failed:
            text += " · " + tr("{ok} ok, {failed} failed").format(ok=state.ok, failed=state.failed)
        if state.error:
            text += " · " + state.error
        self.poller_label.setText(text)

    def _on_samples(self, batch: StoredBatch) -> None:
        if batch.opened or batch.cleared:
            self.ctx.events.alarms_changed.emit()
        if not self._data_refresh.isActive():
            self._data_refresh.start()

    def _refresh_live_page(self) -> None:
        """Refresh the visible page if it shows polled data (health, samples, alarms, work)."""
        w = self.stack.currentWidget()
        if isinstance(w, Page) and w.key in LIVE_PAGES and w._activated:
            w.refresh()

    def show_transport(self) -> None:
        """Say in the status bar whether the database connection is encrypted (asked off the
        GUI thread: PostgreSQL's pg_stat_ssl for this very connection)."""
        db = self.ctx.services.db
        if db.is_sqlite:
            return

        def show(version: str | None) -> None:
            if version:
                self.tls_label.setText(tr("encrypted ({tls})").format(tls=version))
                self.tls_label.setToolTip("")
                self.tls_label.setStyleSheet("")
            else:
                self.tls_label.setText(tr("NOT encrypted"))
                self.tls_label.setToolTip(
                    tr("The connection to the database is not encrypted: use sslmode=verify-full")
                )
                self.tls_label.setStyleSheet(f"color: {style.current().bad}; font-weight: bold")

        self.ctx.runner.run(
            lambda _c: db.transport(),
            success=show,
            failure=lambda e: self.tls_label.setText(error_text(e)),
            name="transport",
        )

    def refresh_status(self) -> None:
        if self.ctx.poller is not None and self.ctx.poller.state.state != "stopped":
            return  # the in-app poller reports its own state
        services = self.ctx.services
        now = services.clock.now()

        def load(_control: TaskControl) -> tuple[datetime, datetime | None] | None:
            runs = services.monitoring.poller_runs(now - timedelta(days=2), now)
            return runs[-1] if runs else None

        def show(run: tuple[datetime, datetime | None] | None) -> None:
            if run is None:
                self.poller_label.setText(tr("Poller: not running"))
            elif run[1] is None:
                self.poller_label.setText(tr("Poller: running since {t}").format(t=local(run[0])))
            else:
                self.poller_label.setText(tr("Poller: stopped {t}").format(t=local(run[1])))

        self.ctx.runner.run(
            load,
            success=show,
            failure=lambda e: self.poller_label.setText(error_text(e)),
            name="status",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        for task in list(self._imports):
            task.cancel()
        if self.ctx.poller is not None:
            self.ctx.poller.stop(wait_ms=20_000)  # drains, stores and closes its run
        self.ctx.settings.setValue("geometry", self.saveGeometry())
        self.ctx.settings.sync()
        super().closeEvent(event)
