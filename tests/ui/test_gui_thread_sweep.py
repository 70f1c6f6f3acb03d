"""The GUI never reads the database itself (#17): every page, for every demo role that sees
it, is built and activated with a runner that holds the background tasks, and no statement
may run on the GUI thread meanwhile (over a remote database each is a round trip that
freezes the window)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.pages.index import PAGES
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import SyncRunner, Task, TaskControl

# one demo person per console role
ROLES = {
    "admin": "admin",
    "manager": "wang.jianguo",
    "liaison": "chen.jing",
    "technician": "zhang.wei",
    "auditor": "zhou.min",
}
# what a page is opened with (a device's detail needs its device)
FILTERS: dict[str, dict[str, Any]] = {"device_detail": {"tag": "HB-GATE-003"}}


class Held(SyncRunner):
    """Keeps every background task without running it: what the GUI thread does alone."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[str] = []

    def run(self, fn: Any, *, success: Any = None, **kw: Any) -> Task:
        self.held.append(str(kw.get("name")))
        return Task("held")


@pytest.fixture
def gui_statements(demo_services: Any) -> Iterator[list[str]]:
    """The statements executed on the GUI thread (this one) while the fixture is in use."""
    gui = threading.get_ident()
    sql: list[str] = []

    def listener(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if threading.get_ident() == gui:
            sql.append(statement)

    engine = demo_services.db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield sql
    finally:
        event.remove(engine, "before_cursor_execute", listener)


CASES = [
    pytest.param(info, username, id=f"{info.key}-{role}")
    for info in PAGES
    for role, username in ROLES.items()
]


@pytest.mark.parametrize(("info", "username"), CASES)
def test_a_page_reads_nothing_on_the_gui_thread(
    info: Any, username: str, demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    actor = demo_services.accounts.actor(username)
    if not info.visible_for(actor):
        pytest.skip(f"{username} does not see {info.key}")
    cls = info.load()
    ctx = UiContext(demo_services, actor, Held(), AppEvents(), open_settings())
    gui_statements.clear()  # the test's own sign-in above; from here on, the page's
    page = cls(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate(FILTERS.get(info.key))
    qtbot.wait(20)  # whatever the page deferred to the event loop
    assert gui_statements == [], f"{info.key} as {username}: {gui_statements}"


def _order(s: Any, actor: Any, status: str) -> Any:
    """A work order in ``status`` that ``actor`` sees (read before the recording starts)."""
    row = s.workorders.list(actor, status=status, limit=1)[0]
    return s.workorders.get(actor, row.number)


def _dialogs() -> dict[str, tuple[str, Any]]:
    """The dialogs a click opens: who opens it, and what reads its arguments (before the
    recording starts) and returns the call that builds it."""
    from ops_console.ui.dialogs import communities, credential, device, plan, planning, users
    from ops_console.ui.dialogs import workorder as wo
    from ops_console.ui.dialogs.contract_import import ContractImportDialog
    from ops_console.ui.dialogs.import_wizard import ImportWizard

    def bind(make: Any, *args: Any) -> Any:
        return lambda ctx: make(ctx, *args)

    def order(make: Any, status: str) -> Any:
        return lambda s, a: bind(make, _order(s, a, status))

    def community(make: Any) -> Any:
        return lambda s, a: bind(make, s.accounts.list_communities(a)[0])

    def a_device(make: Any) -> Any:
        return lambda s, a: bind(make, s.inventory.list_devices(a)[0])

    def a_user(s: Any, a: Any) -> Any:
        return next(u for u in s.accounts.list_users(a) if u.username == "zhang.wei")

    def names(s: Any, a: Any) -> list[str]:
        return [c.name for c in s.accounts.list_communities(a)]

    return {
        "new work order": ("wang.jianguo", lambda s, a: wo.new_workorder_dialog),
        "assign": ("wang.jianguo", order(wo.assign_dialog, "new")),
        "hold": ("wang.jianguo", order(wo.hold_dialog, "in_progress")),
        "resolve": ("wang.jianguo", order(wo.resolve_dialog, "in_progress")),
        "cancel": ("wang.jianguo", order(wo.cancel_dialog, "new")),
        "verify": ("wang.jianguo", order(wo.verify_dialog, "resolved")),
        "reopen": ("wang.jianguo", order(wo.reopen_dialog, "closed")),
        "part": ("wang.jianguo", order(wo.part_dialog, "in_progress")),
        "new user": (
            "admin",
            lambda s, a: bind(
                lambda ctx, n, o: users.NewUserDialog(ctx, n, None, o),
                names(s, a),
                s.accounts.list_organizations(a),
            ),
        ),
        "edit user": (
            "admin",
            lambda s, a: bind(users.EditUserDialog, a_user(s, a), names(s, a)),
        ),
        "password": ("admin", lambda s, a: bind(users.PasswordDialog, a_user(s, a))),
        "new device": ("admin", lambda s, a: lambda ctx: device.DeviceDialog(ctx)),
        "device edit": ("admin", a_device(device.DeviceDialog)),
        "retire device": ("admin", a_device(device.RetireDialog)),
        "new community": ("admin", lambda s, a: communities.NewCommunityDialog),
        "zones": ("admin", community(communities.ZoneDialog)),
        "phone": ("admin", community(communities.PhoneDialog)),
        "credential": ("admin", lambda s, a: lambda ctx: credential.CredentialDialog(ctx, [])),
        "new plan": ("wang.jianguo", lambda s, a: lambda ctx: plan.PlanDialog(ctx)),
        "edit plan": (
            "wang.jianguo",
            lambda s, a: bind(plan.PlanDialog, s.workorders.list_plans(a)[0]),
        ),
        "maintenance window": (
            "wang.jianguo",
            lambda s, a: lambda ctx: planning.MaintenanceDialog(ctx, None, None),
        ),
        "contract import": ("admin", lambda s, a: ContractImportDialog),
        "device import": ("admin", lambda s, a: ImportWizard),
    }


DIALOGS = _dialogs()


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_a_dialog_reads_nothing_on_the_gui_thread(
    name: str, demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    username, prepare = DIALOGS[name]
    actor = demo_services.accounts.actor(username)
    build = prepare(demo_services, actor)  # what the page had read for it already
    ctx = UiContext(demo_services, actor, Held(), AppEvents(), open_settings())
    ctx.load_names()  # the window reads them in the background when it opens
    gui_statements.clear()
    dialog = build(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(20)
    assert gui_statements == [], f"the {name} dialog: {gui_statements}"


# -- what a click opens, and the clicks inside it --------------------------------------------


class Offloaded(SyncRunner):
    """Runs each task to its end on a thread of its own, then its callbacks here: the clicks
    see real data, and only what the GUI thread does with it is recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []

    def _start(self, task: Task, fn: Any) -> None:
        self.ran.append(task.name)
        out: dict[str, Any] = {}
        progress: list[float] = []
        task.control = TaskControl(progress.append)  # told here once the thread ended

        def work() -> None:
            try:
                out["result"] = fn(task.control)
            except Exception as exc:
                out["error"] = exc

        thread = threading.Thread(target=work, name=f"task-{task.name}")
        # no collection in that thread: a widget of an earlier test left in a reference
        # cycle would be deleted there, and its timers left to fire into freed memory
        gc.disable()
        try:
            thread.start()
            thread.join()
        finally:
            gc.enable()
        for fraction in progress:
            task.progressed.emit(fraction)
        if "error" in out:
            task.failed.emit(out["error"])
        else:
            task.succeeded.emit(out.get("result"))
        task.finished = True
        task.done.emit()


def _ctx(services: Any, username: str, runner: SyncRunner) -> UiContext:
    ctx = UiContext(
        services, services.accounts.actor(username), runner, AppEvents(), open_settings()
    )
    ctx.load_names()  # the window reads them in the background when it opens
    return ctx


def test_the_training_record_dialog(
    demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    from ops_console.ui.pages.training import TrainingPage

    ctx = _ctx(demo_services, "wang.jianguo", Offloaded())
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.show()
    gui_statements.clear()
    page.activate()
    page.view.setCurrentIndex(page.model.index(1, 1))
    dialog = page.record_training()
    assert dialog is not None
    dialog.person.setCurrentIndex(2)
    dialog.course.setCurrentIndex(0)
    dialog.score.setValue(88)
    qtbot.keyClicks(dialog.certificate, "C-1")
    assert gui_statements == [], gui_statements
    held = Held()
    dialog.runner = held
    dialog.ok.click()  # the write's own click
    assert held.held == ["Record training"] and gui_statements == [], gui_statements


def test_the_attachments_thumbnails_and_viewer(
    demo_services: Any, gui_statements: list[str], qtbot: Any, tmp_path: Any
) -> None:
    from ops_console.ui.pages.workorders import WorkOrdersPage
    from tests.attachment_files import pdf, photo

    number = "WO-2026-000540"  # assigned to zhang.wei in the demo
    tech = demo_services.accounts.actor("zhang.wei")
    for name, data, kind in (("a.jpg", photo(), "before"), ("b.pdf", pdf(), "signoff")):
        (tmp_path / name).write_bytes(data)
        demo_services.workorders.attach_file(tech, number, tmp_path / name, kind=kind)
    runner = Offloaded()
    page = WorkOrdersPage(_ctx(demo_services, "zhang.wei", runner))
    qtbot.addWidget(page)
    page.show()
    gui_statements.clear()
    page.activate({"number": number})
    assert page.info is not None and page.info.number == number
    files = page.files
    assert all(files.thumbnail_shown(a.id) for a in page.info.attachments)
    for row in range(files.list.count()):  # each opened full size: the photo, the PDF
        viewer = files.open_item(files.list.item(row))
        assert viewer is not None and viewer.file is not None and viewer.pages
        viewer.close()
    assert "attachment thumbnails" in runner.ran and runner.ran.count("attachment") == 2
    held = Held()
    page.ctx.runner = held
    (tmp_path / "c.jpg").write_bytes(photo())
    files.attach(tmp_path / "c.jpg")  # the write's own click (after the file dialog)
    assert held.held == ["attach"]
    assert gui_statements == [], gui_statements


def test_the_login_dialog(demo_services: Any, gui_statements: list[str], qtbot: Any) -> None:
    from ops_console.ui.dialogs.login import LoginDialog

    held = Held()
    dialog = LoginDialog(demo_services, demo=True, database="demo", runner=held)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "wang.jianguo")
    qtbot.keyClicks(dialog.password, "demo1234")
    dialog.ok.click()
    assert held.held == ["sign in"] and gui_statements == [], gui_statements
    assert dialog.busy.isVisible() and not dialog.ok.isEnabled()  # "Signing in…" meanwhile
    runner = Offloaded()  # and signed in: what the dialog does with the actor
    dialog = LoginDialog(demo_services, demo=True, database="demo", runner=runner)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "wang.jianguo")
    qtbot.keyClicks(dialog.password, "demo1234")
    gui_statements.clear()
    dialog.ok.click()
    assert dialog.actor is not None and dialog.actor.username == "wang.jianguo"
    assert not dialog.busy.isVisibleTo(dialog)
    assert gui_statements == [], gui_statements


def test_the_first_run_dialog(
    demo_services: Any, gui_statements: list[str], qtbot: Any, tmp_path: Any
) -> None:
    from ops_console.ui.dialogs.first_run import FirstRunDialog

    held = Held()
    dialog = FirstRunDialog(f"sqlite:///{tmp_path / 'ops.db'}", runner=held)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.use_pg.setChecked(True)
    dialog.pg_url.setText("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    dialog.test_button.click()
    dialog.use_sqlite.setChecked(True)
    dialog.password.setText("long-enough-pw")
    dialog.repeat.setText("long-enough-pw")
    dialog.ok.click()
    assert held.held == ["db test", "first run"] and gui_statements == [], gui_statements


def test_the_contract_import_preview(
    demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    from ops_console.paths import resources_dir
    from ops_console.ui.dialogs.contract_import import ContractImportDialog

    runner = Offloaded()
    dialog = ContractImportDialog(_ctx(demo_services, "admin", runner))
    qtbot.addWidget(dialog)
    dialog.show()
    gui_statements.clear()
    dialog.choose(str(resources_dir() / "demo" / "contracts" / "HB-2026.toml"))
    assert dialog.preview is not None and dialog.ok.isEnabled()
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(resources_dir() / "demo" / "contracts" / "HB-2026.toml"))
    dialog.path.editingFinished.emit()  # Enter, or the focus leaving the field
    assert dialog.preview is not None and runner.ran == ["contract-preview"] * 2
    held = Held()
    dialog.runner = held
    dialog.ok.click()
    assert held.held == ["Import a contract"] and gui_statements == [], gui_statements


def test_the_reports_page_makes_a_report_in_the_background(
    demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    from ops_console.ui.pages.reports import ReportsPage

    runner = Offloaded()
    page = ReportsPage(_ctx(demo_services, "wang.jianguo", runner))
    qtbot.addWidget(page)
    page.show()
    gui_statements.clear()
    page.activate()
    assert page.scope.count() > 1  # the communities and contracts, read in the background
    for kind in range(page.kind.count()):
        page.kind.setCurrentIndex(kind)
    page.kind.setCurrentIndex(page.kind.findData("training"))
    page.scope.setCurrentIndex(1)
    page.generate_button.click()
    assert page.result is not None and runner.ran[-1] == "report"
    held = Held()
    page.ctx.runner = held
    page.generate_button.click()
    assert held.held == ["report"] and page.cancel_button.isEnabled()
    page.cancel_button.click()
    assert page.generate_button.isEnabled()
    assert gui_statements == [], gui_statements


def test_the_device_detail_chart_ranges(
    demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    from ops_console.ui.pages.device_detail import PRESETS, DeviceDetailPage

    runner = Offloaded()
    page = DeviceDetailPage(_ctx(demo_services, "admin", runner))
    qtbot.addWidget(page)
    page.show()
    gui_statements.clear()
    page.activate({"tag": "HB-GATE-003"})
    assert page.tag == "HB-GATE-003" and page.metric_box.count() >= 1
    for key, _text, _hours in PRESETS:
        page.set_preset(key)
    for i in range(page.metric_box.count()):
        page.metric_box.setCurrentIndex(i)
    assert runner.ran.count("history") >= len(PRESETS), runner.ran
    assert gui_statements == [], gui_statements


def test_the_main_window_its_search_and_the_language_switch(
    demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    from ops_console.ui.i18n import current_language, set_language
    from ops_console.ui.main_window import MainWindow

    for info in PAGES:
        info.load()  # imported in the background in the console
    runner = Offloaded()
    ctx = _ctx(demo_services, "wang.jianguo", runner)
    gui_statements.clear()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(20)
    assert gui_statements == [], f"the window opening: {gui_statements}"
    for text, key in (("HB-GATE", "devices"), ("wo-2026-000540", "workorders")):
        window.search.setText(text)
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
        assert window.current_key() == key
    assert gui_statements == [], f"the global search: {gui_statements}"
    before = current_language()
    try:
        set_language("zh_CN" if before != "zh_CN" else "en")
        ctx.events.language_changed.emit()
        qtbot.wait(20)
        assert window.current_key() == "workorders"
    finally:
        set_language(before)
    assert gui_statements == [], f"the language switch: {gui_statements}"


def test_the_passphrase_is_checked_in_the_background(
    services: Any, qtbot: Any, monkeypatch: Any
) -> None:
    """No SQL here, but scrypt: about 70 ms of the GUI thread's time per derivation."""
    from keyring.backends import fail

    from ops_console import secrets
    from ops_console.ui.dialogs.passphrase import PassphraseDialog

    monkeypatch.delenv("OPS_CONSOLE_KEYRING_PASSPHRASE", raising=False)
    secrets.use_backend(fail.Keyring())  # what keyring resolves on a headless machine
    store = secrets.SecretStore()
    held = Held()
    dialog = PassphraseDialog(store, str(store.store_file()), first_time=True, runner=held)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "a long passphrase")
    qtbot.keyClicks(dialog.again, "a long passphrase")
    dialog.ok.click()
    assert held.held == ["unlock"] and store.needs_passphrase()  # nothing done here
    assert not dialog.ok.isEnabled() and dialog.error.text() == "Checking…"
    dialog.runner = Offloaded()
    dialog.unlocking = None  # as if the held check had ended
    dialog.ok.setEnabled(True)
    dialog.ok.click()
    assert dialog.result() == dialog.DialogCode.Accepted and not store.needs_passphrase()


@pytest.mark.parametrize(("info", "username"), CASES)
def test_a_page_shows_what_it_read_without_reading_on_the_gui_thread(
    info: Any, username: str, demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    """As above, with the reads run to their end: what the page does with their results
    (lazy attributes, a name looked up per row) must not read either."""
    actor = demo_services.accounts.actor(username)
    if not info.visible_for(actor):
        pytest.skip(f"{username} does not see {info.key}")
    cls = info.load()
    runner = Offloaded()
    ctx = _ctx(demo_services, username, runner)
    gui_statements.clear()
    page = cls(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate(FILTERS.get(info.key))
    qtbot.wait(20)
    page.refresh()  # the second read: a page keeps what it had, updates what changed
    assert gui_statements == [], f"{info.key} as {username} ({runner.ran}): {gui_statements}"


# what is typed into a dialog's empty fields before its OK, by the field's accessible name
TYPED = {
    "Asset tag": "HB-SWEEP-001",
    "Name": "Sweep",
    "Address": "127.0.0.1",
    "Full name": "Sweep Person",
    "Login": "sweep.person",
    "Initial password": "long-enough-pw",
    "New password": "long-enough-pw",
    "Password again": "long-enough-pw",
    "v3 user": "sweep",
    "Zone": "Z9",
    "Part": "fuse",
}
# their write is clicked elsewhere: a file to choose first (test_the_contract_import_preview),
# the device import's pages (tests/ui/test_devices.py)
NO_WRITE_HERE = {"contract import", "device import"}


@pytest.mark.parametrize("name", sorted(set(DIALOGS) - NO_WRITE_HERE))
def test_a_dialogs_write_goes_to_the_runner(
    name: str, demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    """Each dialog filled in as a person would (its own reads run to their end), then OK:
    the write is handed to the runner and nothing is read or written on the GUI thread."""
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

    username, prepare = DIALOGS[name]
    build = prepare(demo_services, demo_services.accounts.actor(username))
    ctx = _ctx(demo_services, username, Offloaded())
    gui_statements.clear()
    dialog = build(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(20)
    caught = []  # the choices, ticks and typing that reload something in the dialog
    for did in _clicks(dialog, ctx, qtbot, buttons=False):
        if gui_statements:
            caught.append(f"{did}: {gui_statements[:3]}")
            gui_statements.clear()
    assert caught == [], f"the {name} dialog: {caught}"
    for field in (*dialog.findChildren(QLineEdit), *dialog.findChildren(QPlainTextEdit)):
        blank = not (field.text() if isinstance(field, QLineEdit) else field.toPlainText())
        inside_combo = isinstance(field.parent(), QComboBox)
        if field.isVisible() and field.isEnabled() and blank and not field.isReadOnly():
            if inside_combo or not field.accessibleName():
                continue
            qtbot.keyClicks(field, TYPED.get(field.accessibleName(), "sweep"))
    for box in dialog.findChildren(QComboBox):
        if box.isVisible() and box.isEditable() and not box.currentText():
            qtbot.keyClicks(box.lineEdit(), TYPED.get(box.accessibleName(), "sweep"))
    for tick in dialog.findChildren(QCheckBox):
        if tick.isVisible() and tick.isEnabled() and not tick.isChecked():
            tick.setChecked(True)
    assert dialog.ok.isEnabled(), getattr(dialog, "check", lambda: "")()
    held = Held()
    ctx.runner = dialog.runner = held
    dialog.ok.click()
    assert len(held.held) == 1, held.held
    assert gui_statements == [], f"the {name} dialog: {gui_statements}"


def test_the_care_alert_notes(demo_services: Any, gui_statements: list[str], qtbot: Any) -> None:
    from ops_console.ui.pages.care import CarePage
    from tests.ui.test_care import _raise

    sos = _raise(demo_services, "sos", "B-0301", 5)
    runner = Offloaded()
    ctx = _ctx(demo_services, "chen.jing", runner)
    page = CarePage(ctx)
    qtbot.addWidget(page)
    page.show()
    gui_statements.clear()
    page.activate({"id": sos})
    page.open_only.setChecked(False)  # a filter that reads the list again
    page.open_only.setChecked(True)
    page.select(sos)
    for step in ("acknowledge", "close"):
        dialog = page.acknowledge() if step == "acknowledge" else page.close_alert()
        assert dialog is not None, step
        qtbot.keyClicks(dialog.text, "called the family")
        held = Held()
        dialog.runner = held
        dialog.ok.click()
        assert held.held and gui_statements == [], f"{step}: {gui_statements}"
        dialog.runner = runner  # and the write through, for the next step
        dialog.saving = None
        dialog.ok.setEnabled(True)
        dialog.ok.click()
        page.select(sos)
    assert runner.ran.count("care alerts") >= 4
    assert gui_statements == [], gui_statements


def _clicks(page: Any, ctx: UiContext, qtbot: Any, *, buttons: bool = True) -> Iterator[str]:
    """Every click a person may make on a page (or a dialog) that is not a write: each choice
    of each drop-down, each tick box both ways, a letter typed in each field, the first rows
    of each list selected; then (``buttons``) each enabled button, its write (if any) held.
    Yields what it did."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QCheckBox,
        QComboBox,
        QLineEdit,
        QPushButton,
    )

    def shown(w: Any) -> bool:
        return bool(w.isVisibleTo(page) and w.isEnabled() and w.window() is page.window())

    for box in page.findChildren(QComboBox):
        for i in range(min(box.count(), 6)):
            if shown(box):
                box.setCurrentIndex(i)
                yield f"choice {i} of {box.accessibleName() or box.objectName()}"
    for tick in page.findChildren(QCheckBox):
        for _ in range(2):
            if shown(tick):
                tick.toggle()
                yield f"tick {tick.text()}"
    for field in page.findChildren(QLineEdit):
        if shown(field) and not field.isReadOnly() and not isinstance(field.parent(), QComboBox):
            qtbot.keyClicks(field, "a")
            qtbot.keyClick(field, Qt.Key.Key_Backspace)
            yield f"typed in {field.accessibleName()}"
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        for row in range(min(model.rowCount() if model is not None else 0, 3)):
            if shown(view):
                view.setCurrentIndex(model.index(row, 0))
                yield f"row {row} of {view.accessibleName()}"
        if buttons and shown(view) and model is not None and model.rowCount():
            runner = ctx.runner
            ctx.runner = Held()  # a double-click's write stays in the runner
            view.doubleClicked.emit(model.index(0, 0))  # double-click (or Enter)
            view.activated.emit(model.index(0, 0))
            ctx.runner = runner
            yield f"double-click on {view.accessibleName()}"
    if not buttons:
        return
    runner = ctx.runner
    for button in page.findChildren(QAbstractButton):
        if shown(button) and isinstance(button, QPushButton) and not button.isCheckable():
            ctx.runner = Held()  # a write stays in the runner
            button.click()
            ctx.runner = runner
            yield f"button {button.text()}"


@pytest.mark.parametrize(("info", "username"), CASES)
def test_a_pages_clicks_read_nothing_on_the_gui_thread(
    info: Any, username: str, demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    actor = demo_services.accounts.actor(username)
    if not info.visible_for(actor):
        pytest.skip(f"{username} does not see {info.key}")
    cls = info.load()
    ctx = _ctx(demo_services, username, Offloaded())
    page = cls(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activate(FILTERS.get(info.key))
    gui_statements.clear()
    caught: list[str] = []
    for did in _clicks(page, ctx, qtbot):
        if gui_statements:
            caught.append(f"{did}: {gui_statements[:3]}")
            gui_statements.clear()
    qtbot.wait(20)
    assert caught == [] and gui_statements == [], f"{info.key} as {username}: {caught}"


def test_the_window_as_the_launcher_builds_it_and_its_poller_button(
    demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    """The window with its poller, as after the sign-in (whether the demo is loaded is read
    in the background); then the in-app poller started from the status bar: its options,
    leases and service are made on the GUI thread, the polling runs in its own thread."""
    from ops_console.ui.launch import build_window

    actor = demo_services.accounts.actor("admin")
    runner = Offloaded()
    gui_statements.clear()
    window = build_window(demo_services, actor, runner, live=False)
    qtbot.addWidget(window)
    window.show()
    assert "demo loaded" in runner.ran
    assert gui_statements == [], f"the window's build: {gui_statements}"
    poller = window.ctx.poller
    assert poller is not None and poller.may_run
    gui_statements.clear()
    try:
        window.poller_button.click()
        assert poller.is_running()
        worker = poller.worker
        assert worker is not None and worker.service.sidecar is not None  # the demo's agent
        window.poller_button.click()  # and paused again
    finally:
        assert poller.stop(wait_ms=30_000)
    assert gui_statements == [], gui_statements


def test_the_sos_banner(demo_services: Any, gui_statements: list[str], qtbot: Any) -> None:
    """The notification centre's looks (alarms, SLA reminders, care alerts) and the SOS
    banner they open, acknowledged from there."""
    from ops_console.ui.notifications import NotificationCenter
    from tests.ui.test_care import Tray, _raise

    first = _raise(demo_services, "sos", "B-0201", 2)
    second = _raise(demo_services, "fall", "B-0203", 1)
    runner = Offloaded()
    ctx = _ctx(demo_services, "chen.jing", runner)
    gui_statements.clear()
    center = NotificationCenter(ctx, Tray())
    try:
        center.start()
        banner = center.banner
        assert banner is not None and [c.id for c in banner.alerts] == [first, second]
        qtbot.addWidget(banner)
        assert gui_statements == [], f"the looks: {gui_statements}"
        banner.list.setCurrentRow(0)
        qtbot.keyClicks(banner.note, "on her way")
        held = Held()
        ctx.runner = held
        banner.ack.click()
        assert held.held == ["acknowledge care alert"] and not banner.ack.isEnabled()
        assert gui_statements == [], f"the acknowledgement: {gui_statements}"
        ctx.runner = runner
        banner.saving = None
        banner.ack.setEnabled(True)
        banner.ack.click()
        assert [c.id for c in banner.alerts] == [second]
        assert gui_statements == [], f"the acknowledgement: {gui_statements}"
    finally:
        center.timer.stop()
        center.care_timer.stop()


def test_a_role_changed_under_the_window(
    demo_services: Any, gui_statements: list[str], qtbot: Any
) -> None:
    """The person's role or communities changed at another seat: the window rebuilds for the
    new ones, and the names its dialogs offer (the communities now in reach) are read again
    in the background, not by the next dialog on the GUI thread."""
    import dataclasses

    from ops_console.domain.lifecycle import Role
    from ops_console.ui.dialogs.workorder import new_workorder_dialog
    from ops_console.ui.main_window import MainWindow

    for info in PAGES:
        info.load()
    runner = Offloaded()
    ctx = _ctx(demo_services, "wang.jianguo", runner)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    narrower = demo_services.accounts.list_communities(ctx.actor)[:1]
    gui_statements.clear()
    ctx.events.actor_changed.emit(
        dataclasses.replace(
            ctx.actor, role=Role.LIAISON, community_ids=frozenset(c.id for c in narrower)
        )
    )
    qtbot.wait(20)
    assert ctx.actor.role == Role.LIAISON
    assert gui_statements == [], f"the rebuild: {gui_statements}"
    dialog = new_workorder_dialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.community.count() == 1
    assert gui_statements == [], f"the next dialog: {gui_statements}"


def test_the_start_up_before_the_sign_in(
    demo_services: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the start to the sign-in dialog (an existing database): connecting, checking
    that it is set up, upgrading its schema and asking whether the demo is loaded run in the
    background, a window saying so if it takes a while; the GUI thread runs no SQL."""
    import argparse

    from sqlalchemy.engine import Engine

    from ops_console.ui import launch
    from ops_console.ui.dialogs import login

    gui = threading.get_ident()
    sql: list[str] = []
    background: list[str] = []

    def listener(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        (sql if threading.get_ident() == gui else background).append(statement)

    shown: list[bool] = []

    def login_exec(self: login.LoginDialog) -> int:
        shown.append(self.hint.isVisibleTo(self))  # the demo's hint: the demo was found
        return 0

    monkeypatch.setattr(login.LoginDialog, "exec", login_exec)
    url = demo_services.db.url.render_as_string(hide_password=False)
    event.listen(Engine, "before_cursor_execute", listener)
    try:
        assert launch.run(argparse.Namespace(db=url)) == 0
    finally:
        event.remove(Engine, "before_cursor_execute", listener)
    assert shown == [True] and background
    assert sql == [], sql


def test_the_device_import_wizard(
    demo_services: Any, gui_statements: list[str], qtbot: Any, tmp_path: Any
) -> None:
    """No SQL in its preview, but the file read and every row checked: 0.6-0.7 s of the GUI
    thread for 20,000 rows. Both run in the background, then the import itself."""
    from ops_console.services.formats import HEADER
    from ops_console.ui.dialogs.import_wizard import ImportWizard

    csv = tmp_path / "devices.csv"
    csv.write_text(
        ",".join(HEADER)
        + "\nX-1,ok,camera,湖滨,,,,,,127.0.0.9,v2c,161,demo-v2c,300,,,normal,in_service"
        + "\nX-2,bad,camera,湖滨,,,,,,127.0.0.9,v9,161,demo-v2c,300,,,normal,in_service\n",
        encoding="utf-8",
    )
    held = Held()
    wizard = ImportWizard(_ctx(demo_services, "admin", held))
    qtbot.addWidget(wizard)
    wizard.show()
    gui_statements.clear()
    wizard.set_path(csv)
    wizard.next()
    assert held.held == ["device import preview"]  # nothing read here
    assert wizard.preview_page.table.rowCount() == 0 and not wizard.preview_page.isComplete()
    runner = Offloaded()
    wizard.ctx.runner = runner
    wizard.back()
    wizard.next()  # and read through: the rows and the bad line
    assert wizard.preview_page.table.rowCount() == 2 and len(wizard.problems) == 1
    wizard.ctx.runner = held
    wizard.next()  # the import
    assert held.held[-1] == "import devices"
    assert gui_statements == [], gui_statements
