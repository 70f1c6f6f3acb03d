"""The Users page, driven offscreen over the demo: add a person who can then sign in, change
role and communities, set a password, disable and enable, unlock; bad input is named and
nothing is written; only administrators see the page."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from ops_console.domain.errors import AuthenticationFailed


def _page(ctx_for: Any, qtbot: Any, user: str = "admin") -> Any:
    from ops_console.ui.pages.users import UsersPage

    page = UsersPage(ctx_for(user))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    return page


def _row(page: Any, login: str) -> int:
    from ops_console.ui.models.roles import OBJECT_ROLE

    for r in range(page.proxy.rowCount()):
        if page.proxy.data(page.proxy.index(r, 0), OBJECT_ROLE).username == login:
            return r
    raise AssertionError(login)


def _actions(services: Any, login: str) -> list[tuple[str, Any, Any]]:
    from ops_console.db.models import AuditEntry

    with services.db.read() as s:
        uid = str(services.accounts.get_user(services.accounts.actor("admin"), login).id)
        rows = s.query(AuditEntry).filter_by(entity="user", entity_id=uid).order_by(AuditEntry.id)
        return [
            (e.action, json.loads(e.before_json or "null"), json.loads(e.after_json or "null"))
            for e in rows
        ]


def test_add_a_user_who_can_then_sign_in(ctx_for: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    page = _page(ctx_for, qtbot)
    services = page.ctx.services
    before = page.model.rowCount()
    # names shown, the login in a tooltip
    row = _row(page, "chen.jing")
    assert page.proxy.index(row, 0).data() == "陈静"
    assert page.proxy.index(row, 0).data(3) == "Login: chen.jing"  # ToolTipRole
    assert page.proxy.index(row, 2).data() == "湖滨"
    dialog = page.new_user()
    assert not dialog.is_valid()
    dialog.display_name.setText("吴芳")
    dialog.username.setText("wu.fang")
    dialog.role.setCurrentIndex(dialog.role.findData("liaison"))
    items = dialog.communities
    zj = next(items.item(i) for i in range(items.count()) if items.item(i).text() == "张江")
    zj.setCheckState(Qt.CheckState.Checked)
    dialog.password.setText("wu-fang-2026")
    dialog.again.setText("wu-fang-2026")
    assert dialog.is_valid()
    dialog.ok.click()
    assert dialog.result() == 1
    assert page.model.rowCount() == before + 1
    assert page.selected().username == "wu.fang"
    row = _row(page, "wu.fang")
    assert [page.proxy.index(row, c).data() for c in range(5)] == [
        "吴芳", "Liaison", "张江", "", "active",
    ]  # fmt: skip
    actor = services.accounts.authenticate("wu.fang", "wu-fang-2026")
    assert (actor.role, actor.display_name) == ("liaison", "吴芳")
    assert [c.name for c in services.accounts.list_communities(actor)] == ["张江"]
    assert _actions(services, "wu.fang")[0][0] == "user.create"


def test_bad_input_is_named_and_nothing_is_written(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot)
    services = page.ctx.services
    users_before = services.accounts.list_users(page.ctx.actor)
    dialog = page.new_user()
    dialog.display_name.setText("某人")
    dialog.username.setText("bad login!")
    dialog.password.setText("short")
    dialog.again.setText("short")
    assert dialog.problems.text() == "The password needs at least 8 characters."
    assert not dialog.ok.isEnabled()
    dialog.password.setText("long-enough-1")
    dialog.again.setText("long-enough-2")
    assert dialog.problems.text() == "The two passwords differ."
    dialog.again.setText("long-enough-1")
    dialog.ok.click()  # the service's rule for logins, in its words
    assert dialog.result() == 0
    assert "user name 'bad login!': use letters, digits" in dialog.problems.text()
    dialog.username.setText("chen.jing")
    dialog.ok.click()
    assert dialog.result() == 0
    assert "a user named 'chen.jing' already exists" in dialog.problems.text()
    assert services.accounts.list_users(page.ctx.actor) == users_before


def test_role_communities_password_disable_enable(ctx_for: Any, qtbot: Any, popups: Any) -> None:
    from PySide6.QtCore import Qt

    page = _page(ctx_for, qtbot)
    services = page.ctx.services
    page.view.selectRow(_row(page, "zhang.wei"))
    assert page.active_button.text() == "&Disable" and not page.unlock_button.isEnabled()
    dialog = page.edit_user()
    dialog.role.setCurrentIndex(dialog.role.findData("manager"))
    for i in range(dialog.communities.count()):
        item = dialog.communities.item(i)
        item.setCheckState(
            Qt.CheckState.Checked if item.text() == "科技园" else Qt.CheckState.Unchecked
        )
    dialog.ok.click()
    assert dialog.result() == 1
    row = _row(page, "zhang.wei")
    assert [page.proxy.index(row, c).data() for c in (1, 2)] == ["Manager", "科技园"]
    assert [a[0] for a in _actions(services, "zhang.wei")][-2:] == ["user.role", "user.communities"]
    page.view.selectRow(row)
    pw = page.reset_password()
    pw.password.setText("zhang-new-77")
    pw.again.setText("zhang-new-77")
    pw.ok.click()
    assert pw.result() == 1
    assert services.accounts.authenticate("zhang.wei", "zhang-new-77").role == "manager"
    assert _actions(services, "zhang.wei")[-1] == ("user.password", None, {"password": "changed"})
    page.view.selectRow(_row(page, "zhang.wei"))
    page.toggle_active()
    assert page.proxy.index(_row(page, "zhang.wei"), 4).data() == "disabled"
    assert page.active_button.text() == "&Enable"
    with pytest.raises(AuthenticationFailed):
        services.accounts.authenticate("zhang.wei", "zhang-new-77")
    page.toggle_active()
    assert page.proxy.index(_row(page, "zhang.wei"), 4).data() == "active"
    assert services.accounts.authenticate("zhang.wei", "zhang-new-77").username == "zhang.wei"
    assert [a[0] for a in _actions(services, "zhang.wei")][-2:] == ["user.disable", "user.enable"]
    # one's own row: no disabling, no role change
    page.view.selectRow(_row(page, "admin"))
    assert not page.active_button.isEnabled()
    assert not page.edit_user().role.isEnabled()
    assert popups == []


def test_unlock_a_locked_out_person(ctx_for: Any, qtbot: Any) -> None:
    page = _page(ctx_for, qtbot)
    services = page.ctx.services
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            services.accounts.authenticate("liu.yang", "wrong-guess")
    page.refresh()
    row = _row(page, "liu.yang")
    until = services.clock.now() + timedelta(minutes=15)
    assert page.proxy.index(row, 4).data().startswith("locked until ")
    page.view.selectRow(row)
    assert page.unlock_button.isEnabled()
    page.unlock()
    assert page.proxy.index(_row(page, "liu.yang"), 4).data() == "active"
    assert not page.unlock_button.isEnabled()
    assert services.accounts.authenticate("liu.yang", "demo1234").username == "liu.yang"
    assert _actions(services, "liu.yang")[-1][0] == "user.unlock"
    assert until > services.clock.now()


def test_only_administrators_see_the_page_and_the_service_refuses_others(
    ctx_for: Any, window_for: Any
) -> None:
    from ops_console.domain.errors import PermissionDenied
    from ops_console.ui.pages.users import UsersPage

    for login in ("wang.jianguo", "chen.jing", "zhang.wei", "zhou.min"):
        actor = ctx_for(login).actor
        assert not UsersPage.visible_for(actor)
        with pytest.raises(PermissionDenied):
            ctx_for(login).services.accounts.set_active(actor, "li.qiang", False)
    assert "users" in window_for("admin").pages
    assert "users" not in window_for("wang.jianguo").pages


def test_the_page_speaks_chinese(ctx_for: Any, qtbot: Any) -> None:
    from ops_console.ui.i18n import set_language

    set_language("zh_CN")
    page = _page(ctx_for, qtbot)
    row = _row(page, "chen.jing")
    assert page.proxy.index(row, 1).data() == "社区联络员"
    assert page.proxy.index(row, 4).data() == "启用"
    assert page.new_button.text() == "新增用户(&N)…"
    from PySide6.QtCore import Qt

    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "姓名"


def _fill(dialog: Any, name: str, login: str, role: str) -> None:
    dialog.display_name.setText(name)
    dialog.username.setText(login)
    dialog.role.setCurrentIndex(dialog.role.findData(role))
    dialog.password.setText("secret-pass-1")
    dialog.again.setText("secret-pass-1")


def test_a_new_user_belongs_to_a_known_or_a_new_organization(ctx_for: Any, qtbot: Any) -> None:
    """The organization is chosen among the known ones, or typed in: then its kind is asked
    and the service adds it with the person (audited); the service reads it back."""
    page = _page(ctx_for, qtbot)
    services, admin = page.ctx.services, page.ctx.actor
    known = {o.name for o in services.accounts.list_organizations(admin)}
    dialog = page.new_user()
    box = dialog.organization
    assert [box.itemText(i) for i in range(box.count())][1:] == sorted(known)
    _fill(dialog, "孙丽", "sun.li", "technician")
    box.setCurrentIndex(box.findText("西湖智维科技有限公司"))
    assert not dialog.organization_kind.isEnabled()  # a known one: its kind is known
    assert dialog.organization_kind.currentData() == "firm"
    dialog.ok.click()
    assert dialog.result() == 1
    assert services.accounts.get_user(admin, "sun.li").organization == "西湖智维科技有限公司"
    assert page.proxy.index(_row(page, "sun.li"), 3).data() == "西湖智维科技有限公司"

    # a liaison of a committee the console does not know yet
    dialog = page.new_user()
    _fill(dialog, "孙梅", "he.yan", "liaison")
    dialog.organization.setEditText("  滨江社区居民委员会 ")
    assert dialog.organization_kind.isEnabled()
    assert dialog.organization_kind.currentData() == "community_office"  # from the role
    assert "new organization" in dialog.organization_note.text()
    dialog.ok.click()
    assert dialog.result() == 1
    assert services.accounts.get_user(admin, "he.yan").organization == "滨江社区居民委员会"
    orgs = {o.name: o.kind for o in services.accounts.list_organizations(admin)}
    assert orgs["滨江社区居民委员会"] == "community_office"
    assert len(orgs) == len(known) + 1
    assert _actions(services, "he.yan")[0][2]["organization"] == "滨江社区居民委员会"

    # the next form knows it
    dialog = page.new_user()
    known_now = dialog.organization.findText("滨江社区居民委员会")
    assert known_now > 0
    dialog.organization.setCurrentIndex(known_now)
    assert dialog.organization_name() == "滨江社区居民委员会"
    assert not dialog.new_organization() and not dialog.organization_kind.isEnabled()
    dialog.reject()

    # a login taken already: refused in the form, and the new organization is not added
    dialog = page.new_user()
    _fill(dialog, "重名", "he.yan", "liaison")
    dialog.organization.setEditText("另一个居委会")
    dialog.ok.click()
    assert dialog.result() == 0 and dialog.isVisible()
    assert "另一个居委会" not in {o.name for o in services.accounts.list_organizations(admin)}
    dialog.reject()


def test_the_new_user_form_in_chinese(ctx_for: Any, qtbot: Any, tmp_path: Any) -> None:
    from ops_console.ui.i18n import set_language

    set_language("zh_CN")
    try:
        page = _page(ctx_for, qtbot)
        dialog = page.new_user()
        dialog.organization.setEditText("滨江社区居民委员会")
        texts = [
            dialog.organization_kind.itemText(i) for i in range(dialog.organization_kind.count())
        ]
        assert "社区居委会" in texts
        assert "新的单位" in dialog.organization_note.text()
        dialog.grab().save(str(tmp_path / "new-user-zh_CN.png"))  # for a look
        dialog.reject()
    finally:
        set_language("en")
