"""The Users page on a shared installation: an admin signed in on a PostgreSQL seat adds a
person, changes their role, communities and password, disables and enables them, and each
time the person's own login role follows (checked with the plain driver, as psql would)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import Qt

from ops_console.db.engine import Database
from ops_console.services.container import Services
from ops_console.ui import widgets
from ops_console.ui.context import UiContext
from ops_console.ui.events import AppEvents
from ops_console.ui.settings import open_settings
from ops_console.ui.tasks import SyncRunner
from tests.integration import test_postgres_roles as roles
from tests.integration.postgres import find_bin

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

# the server, the first admin and the plain-driver connection of the roles' tests
owner_url = roles.owner_url
connect = roles.psql


@pytest.fixture
def page(owner_url: str, qtbot: Any) -> Iterator[Any]:
    from ops_console.ui.pages.users import UsersPage

    was = widgets.NO_POPUPS["on"]
    widgets.NO_POPUPS["on"], widgets.NO_POPUPS["last"] = True, []
    db = Database(roles.seat_url(owner_url)).for_person("root", "rootpass1")
    services = Services(db, roles.CLOCK)
    admin = services.accounts.authenticate("root", "rootpass1")
    if not services.accounts.list_communities(admin):
        services.accounts.add_community(admin, "湖滨")
        services.accounts.add_community(admin, "张江")
    p = UsersPage(UiContext(services, admin, SyncRunner(), AppEvents(), open_settings()))
    qtbot.addWidget(p)
    p.show()
    p.activate()
    yield p
    db.dispose()
    widgets.NO_POPUPS["on"] = was


def test_the_persons_login_role_follows_every_action_of_the_page(owner_url: str, page: Any):
    dialog = page.new_user()
    dialog.display_name.setText("吴芳")
    dialog.username.setText("wu.fang")
    dialog.role.setCurrentIndex(dialog.role.findData("liaison"))
    for i in range(dialog.communities.count()):
        if dialog.communities.item(i).text() == "湖滨":
            dialog.communities.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.organization.setEditText("湖滨社区居民委员会")  # new: added with her, as root's role
    assert dialog.organization_kind.currentData() == "community_office"
    dialog.password.setText("wu-fang-2026")
    dialog.again.setText("wu-fang-2026")
    dialog.ok.click()
    assert dialog.result() == 1, dialog.problems.text()
    admin = page.ctx.actor
    assert (
        page.ctx.services.accounts.get_user(admin, "wu.fang").organization == "湖滨社区居民委员会"
    )
    with connect(owner_url, "wu.fang", "wu-fang-2026") as conn:
        assert conn.execute("SELECT pg_has_role('ops_liaison', 'MEMBER')").fetchone() == (True,)
        assert [r[0] for r in conn.execute("SELECT name FROM communities")] == ["湖滨"]
        assert conn.execute(
            "SELECT o.kind FROM users u JOIN organizations o ON o.id = u.organization_id "
            "WHERE u.username = 'wu.fang'"
        ).fetchone() == ("community_office",)
    # role and communities in one save
    page.select_where(lambda u: u.username == "wu.fang")
    edit = page.edit_user()
    edit.role.setCurrentIndex(edit.role.findData("manager"))
    for i in range(edit.communities.count()):
        item = edit.communities.item(i)
        item.setCheckState(
            Qt.CheckState.Checked if item.text() == "张江" else Qt.CheckState.Unchecked
        )
    edit.ok.click()
    assert edit.result() == 1, edit.problems.text()
    with connect(owner_url, "wu.fang", "wu-fang-2026") as conn:
        assert conn.execute(
            "SELECT pg_has_role('ops_manager', 'MEMBER'), pg_has_role('ops_liaison', 'MEMBER')"
        ).fetchone() == (True, False)
        assert [r[0] for r in conn.execute("SELECT name FROM communities")] == ["张江"]
    # a new password: the old one no longer opens the login role
    page.select_where(lambda u: u.username == "wu.fang")
    pw = page.reset_password()
    pw.password.setText("wu-fang-new-1")
    pw.again.setText("wu-fang-new-1")
    pw.ok.click()
    assert pw.result() == 1, pw.problems.text()
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        connect(owner_url, "wu.fang", "wu-fang-2026")
    connect(owner_url, "wu.fang", "wu-fang-new-1").close()
    # disabled: NOLOGIN; enabled: LOGIN again
    page.select_where(lambda u: u.username == "wu.fang")
    page.toggle_active()
    assert page.selected().active is False
    with pytest.raises(psycopg.OperationalError):
        connect(owner_url, "wu.fang", "wu-fang-new-1")
    page.toggle_active()
    assert page.selected().active is True
    connect(owner_url, "wu.fang", "wu-fang-new-1").close()
    assert widgets.NO_POPUPS["last"] == []
