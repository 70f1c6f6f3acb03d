"""The GUI never reads the database itself (#17): every page, for every demo role that sees
it, is built and activated with a runner that holds the background tasks, and no statement
may run on the GUI thread meanwhile (over a remote database each is a round trip that
freezes the window)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.pages.index import PAGES
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import SyncRunner, Task

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
