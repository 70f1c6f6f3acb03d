"""Start the desktop console: application, database, sign-in, main window."""

from __future__ import annotations

import argparse
import gc
import socket
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressBar

from .. import app as composition
from ..domain.errors import OpsError
from ..paths import default_db_url
from ..services.container import Services
from ..services.context import Actor
from ..services.pollers import PollerScope
from . import settings as ui_settings
from . import style
from .collector import GuiThreadCollector
from .context import UiContext
from .events import AppEvents
from .i18n import error_text, set_language, tr
from .main_window import MainWindow
from .tasks import TaskRunner
from .widgets import ElidedTextTips, icon


def make_app() -> QApplication:
    """The process's QApplication: the running one, or a new one."""
    existing = QApplication.instance()
    if existing is None:
        app = QApplication(sys.argv[:1])
    elif isinstance(existing, QApplication):
        app = existing
    else:  # a QCoreApplication (or QGuiApplication) cannot show widgets, nor become one
        raise RuntimeError(
            f"a {type(existing).__name__} already runs in this process; "
            "the console's windows need a QApplication"
        )
    app.setApplicationName("Ops Console")
    app.setOrganizationName("ops-console")
    app.setWindowIcon(icon("app"))
    if app.property("elided_tips") is None:  # once per process, whoever made the app
        tips = ElidedTextTips(app)
        app.installEventFilter(tips)
        app.setProperty("elided_tips", True)
    return app


def apply_preferences(app: QApplication, settings: QSettings) -> None:
    """Language, font size and theme from the settings."""
    set_language(str(ui_settings.get(settings, "language")))
    style.apply(
        app,
        high_contrast=ui_settings.get(settings, "high_contrast"),
        large=ui_settings.get(settings, "large_font"),
    )


def is_demo(services: Services) -> bool:
    try:
        from ..demo import loader as demo

        return demo.is_loaded(services)
    except Exception:
        return False


def build_window(
    services: Services, actor: Actor, runner: TaskRunner | None = None, *, live: bool = True
) -> MainWindow:
    """Build the main window; ``live`` adds tray notifications (off for snapshots)."""
    from .poller_thread import PollerController

    settings = ui_settings.open_settings()
    # whether the demo is loaded (its agent runs beside the poller): a read, made in the
    # background once the window is built; asked before it came back (the poller started at
    # once by hand), it is read there and then
    known: dict[str, bool] = {}

    def demo() -> bool:
        if "demo" not in known:
            known["demo"] = is_demo(services)
        return known["demo"]

    poller_side: dict[str, Services] = {}

    def poller_services() -> Services:
        # on a seat of a shared installation the poller writes as this computer's poller
        # login (enroll --poller), never as the person; reached when the poller first starts
        if services.db.person is None:
            return services
        if "services" not in poller_side:
            poller_side["services"] = composition.seat_poller_services(services, check=False)
        return poller_side["services"]

    def options() -> dict[str, object]:
        chosen = {
            **ui_settings.poller_options(settings),
            # the daily witness step and the preventive work now due (once per due date)
            **composition.poller_steps(poller_services()),
        }
        if not demo():
            return chosen
        # the demo's agent starts with the poller (a fresh one at each start); its SOS traps
        # go to the receiver set in Settings, or to one on a free loopback port
        from ..demo.poller import demo_poller_options

        extra = demo_poller_options(services)
        if chosen.get("trap_port") is not None:
            extra = {k: v for k, v in extra.items() if k not in ("trap_host", "trap_port")}
        return chosen | extra

    def once_options() -> dict[str, object]:
        # "Poll now" while the poller is not running: the demo's agent for that one poll
        # (called in the poll's background task)
        if not demo():
            return {}
        from ..demo.poller import demo_once_options

        return demo_once_options(services)

    def leased() -> dict[str, object]:
        # on PostgreSQL the console's poller is one of the installation's pollers: it leases
        # its share of the devices (registered afresh at each start), never polling what
        # another poller holds; on SQLite it polls alone, as always
        keeper = composition.poller_leases(
            poller_services(), f"{actor.username}@{socket.gethostname()}", shared_only=True
        )
        chosen = options()
        return chosen if keeper is None else chosen | {"leases": keeper, "heartbeat_s": 5.0}

    def once_leases(community: str | None, device_ids: Sequence[int] | None) -> dict[str, object]:
        # "Poll now" on PostgreSQL takes leases as `poll --once` does: it polls only the
        # devices (of the selection) that no running poller holds and hands them back, so
        # nothing is polled and written twice; on SQLite it polls alone, as always
        keeper = composition.poller_leases(
            poller_services(),
            f"{actor.username}@{socket.gethostname()} (once)",
            PollerScope((community,) if community else (), share=False),
            shared_only=True,
            devices=device_ids,
        )
        return {} if keeper is None else {"leases": keeper}

    seat = services.db.person is not None
    poller = PollerController(
        services.monitoring,
        options=leased,
        connect=(lambda: poller_services().monitoring) if seat else None,
        once_options=once_options,
        # only those who may run the poller (``poll.run``) can start it
        may_run=actor.can("poll.run"),
        once_leases=once_leases,
    )
    ctx = UiContext(services, actor, runner or TaskRunner(), AppEvents(), settings, poller=poller)
    window = MainWindow(ctx)

    def demo_known(loaded: bool) -> None:
        known.setdefault("demo", loaded)
        # the poller chosen to run in the window starts once it is known what it polls
        if live and poller.may_run and ui_settings.get(settings, "poller_in_app"):
            poller.start()

    ctx.runner.run(lambda _c: is_demo(services), success=demo_known, name="demo loaded")
    if not live:
        return window
    from .notifications import NotificationCenter, TrayNotifier

    notifier = TrayNotifier(window, lambda m: window.statusBar().showMessage(m, 15_000))
    window.notifications = NotificationCenter(ctx, notifier, window=window)
    window.notifications.start()
    return window


def settle_memory() -> None:
    """Move what start-up allocated out of the collector's way.

    A full (generation 2) collection walks every live object and holds the GIL while it
    does: with profiles, translations and pages loaded that was a 50-90 ms GUI stall every
    few seconds under polling (benchmarks/ui_stall.py). Frozen objects are never scanned.
    Called before the window is built and again once its pages' modules are imported (a
    collection in a background read took 160 ms with them loaded and not frozen).
    """
    gc.collect()
    gc.freeze()


T = TypeVar("T")

# how long start-up work may take before a window says what it is doing
BUSY_SHOWN_AFTER_MS = 400


def while_busy(text: str, work: Callable[[], T]) -> T:
    """Run ``work`` (connecting to the database, upgrading its schema) off the GUI thread
    before any window exists; a small window says ``text`` if it takes longer than
    BUSY_SHOWN_AFTER_MS (over a remote database each round trip is 30 ms or more, a
    connection that does not answer takes its whole timeout). Returns what ``work`` returned,
    or raises what it raised."""
    from .dialogs.form import startup_layout
    from .widgets import label

    out: dict[str, Any] = {}
    loop = QEventLoop()

    def finish(key: str, value: object) -> None:
        out[key] = value
        loop.quit()

    TaskRunner().run(
        lambda _c: work(),
        success=lambda result: finish("result", result),
        failure=lambda exc: finish("error", exc),
        name="start-up",
    )
    busy = QDialog()
    layout = startup_layout(busy, tr("Ops Console"), 360, spacing=10)
    layout.addWidget(label(text, wrap=True))
    bar = QProgressBar()
    bar.setRange(0, 0)  # no end known: it moves to show the console is alive
    layout.addWidget(bar)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(busy.show)
    timer.start(BUSY_SHOWN_AFTER_MS)
    if not out:
        loop.exec()
    timer.stop()
    busy.close()
    busy.deleteLater()
    if "error" in out:
        raise out["error"]
    result: T = out["result"]
    return result


def ask_passphrase(services: Services) -> None:
    """With no OS keyring and no passphrase yet, say so and ask for one (or go on without)."""
    store = services.secrets
    if not store.needs_passphrase():
        return
    from .dialogs.passphrase import PassphraseDialog

    path = store.store_file()
    # the passphrase is checked in the background (scrypt): the dialog keeps painting
    PassphraseDialog(store, str(path), first_time=not path.exists(), runner=TaskRunner()).exec()


def run(args: argparse.Namespace) -> int:
    """Open the console on the database named by --db; return the exit status."""
    app = make_app()
    # cyclic garbage collected on the GUI thread only (Qt objects die on their own thread)
    collector = GuiThreadCollector(app)
    collector.start()
    try:
        return _open(app, args)
    finally:
        collector.stop()


def _open(app: QApplication, args: argparse.Namespace) -> int:
    settings = ui_settings.open_settings()
    apply_preferences(app, settings)
    url = getattr(args, "db", None) or ui_settings.get(settings, "database_url") or default_db_url()

    def connect() -> tuple[Any, bool]:
        db = composition.open_database(url)
        # a seat of a shared installation names no user: it reaches the database only as the
        # person who signs in (LoginDialog), so there is nothing to check or set up before
        return db, composition.needs_setup(db)

    try:
        db, first_start = while_busy(tr("Connecting to the database…"), connect)
    except OpsError as exc:
        QMessageBox.critical(None, tr("Ops Console"), error_text(exc))
        return 1
    if first_start:
        db.dispose()
        from .dialogs.first_run import FirstRunDialog

        first = FirstRunDialog(url)
        if first.exec() != QDialog.DialogCode.Accepted or first.outcome is None:
            return 0
        url = first.database_url()
        if url != default_db_url():
            ui_settings.put(settings, "database_url", url)

    def start(db: Any) -> tuple[Any, Services, bool]:
        # the schema of an older version is upgraded (backed up first), as the CLI does
        if first_start:
            db = composition.open_database(url)
        services = composition.start_services(db)
        return db, services, not db.needs_person and is_demo(services)

    try:
        db, services, demo = while_busy(tr("Opening the database…"), lambda: start(db))
    except OpsError as exc:
        QMessageBox.critical(None, tr("Ops Console"), error_text(exc))
        return 1
    from .dialogs.login import LoginDialog

    login = LoginDialog(services, demo=demo, database=db.display_url, runner=TaskRunner())
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:  # the app's own loop
        return 0
    services = login.services  # on a seat: connected as the person who signed in
    ask_passphrase(services)
    # before the window is shown (nothing to paint or click meanwhile), and again once its
    # pages' modules are imported in the background: that collection walks only what came
    # since (16 ms instead of 74 ms with everything loaded)
    settle_memory()
    window = build_window(services, login.actor)
    window.pages_imported.connect(settle_memory)
    window.show()
    return app.exec()
