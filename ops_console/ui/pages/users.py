"""The Users page (administrators): people, their roles and communities; add, edit, disable or
enable, set a new password, unlock. Every write is the accounts service's, audited there, and
on a shared installation the person's own database login follows it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ...services.accounts.service import OrganizationInfo, UserInfo
from ..context import UiContext
from ..i18n import ROLES, N, label, tr
from ..models.records import RecordsModel
from ..widgets import local
from .records import RecordsPage

COLUMNS = (N("Full name"), N("Role"), N("Communities"), N("Organization"), N("State"))
NAME, ROLE, COMMUNITIES, ORGANIZATION, STATE = range(len(COLUMNS))


@dataclass(frozen=True)
class UsersView:
    """What the page reads in the background: the people, the community names and the
    organizations."""

    users: list[UserInfo]
    communities: list[str]
    now: datetime
    organizations: list[OrganizationInfo]


def locked(u: UserInfo, now: datetime) -> bool:
    return u.locked_until is not None and u.locked_until > now


class UsersPage(RecordsPage[UserInfo]):
    key = "users"

    def __init__(self, ctx: UiContext) -> None:
        model: RecordsModel[UserInfo] = RecordsModel(
            COLUMNS,
            self._text,
            tooltip=self._tooltip,
            muted=lambda u: not u.active,
            key=lambda u: u.username,
        )
        super().__init__(
            ctx,
            tr(
                "Who may sign in, with which role, for which communities. Names are shown; "
                "hover a name for the login."
            ),
            model,
            tr("Users"),
        )
        self.now = ctx.services.clock.now()
        self.communities: list[str] = []
        self.organizations: list[OrganizationInfo] = []
        self.new_button = self.button(tr("&New user…"), self.new_user, primary=True)
        self.edit_button = self.button(tr("&Role and communities…"), self.edit_user)
        self.password_button = self.button(tr("Set &password…"), self.reset_password)
        self.active_button = self.button(tr("&Disable"), self.toggle_active)
        self.unlock_button = self.button(tr("&Unlock"), self.unlock)
        self.view.doubleClicked.connect(lambda _i: self.edit_user())
        self.selection_changed()

    # reading ---------------------------------------------------------------------------
    def _text(self, u: UserInfo, col: int) -> str:
        if col == NAME:
            return u.display_name
        if col == ROLE:
            return label(ROLES, u.role)
        if col == COMMUNITIES:
            sep = "、"
            return sep.join(u.communities) or tr("(all)")
        if col == ORGANIZATION:
            return u.organization or ""
        if not u.active:
            return tr("disabled")
        if locked(u, self.now):
            return tr("locked until {t}").format(t=local(u.locked_until, "%H:%M"))
        return tr("active")

    def _tooltip(self, u: UserInfo, col: int) -> str | None:
        return tr("Login: {login}").format(login=u.username) if col == NAME else None

    def load_all(self) -> UsersView:
        accounts, actor = self.ctx.services.accounts, self.ctx.actor
        return UsersView(
            accounts.list_users(actor),
            [c.name for c in accounts.list_communities(actor)],
            self.ctx.services.clock.now(),
            accounts.list_organizations(actor),
        )

    def loaded(self, result: Any) -> None:
        view: UsersView = result
        self.now = view.now
        self.communities = view.communities
        self.organizations = view.organizations
        super().loaded(view.users)

    def selection_changed(self) -> None:
        u = self.selected()
        mine = u is not None and u.username == self.ctx.actor.username
        for b in (self.edit_button, self.password_button):
            b.setEnabled(u is not None)
        self.active_button.setEnabled(u is not None and not mine)
        self.active_button.setText(tr("&Enable") if u and not u.active else tr("&Disable"))
        self.unlock_button.setEnabled(u is not None and locked(u, self.now))

    # writing ---------------------------------------------------------------------------
    def new_user(self) -> Any:
        from ..dialogs.users import NewUserDialog

        dialog = NewUserDialog(self.ctx, self.communities, self, self.organizations)

        def added(result: int) -> None:  # a new organization is known to the next form
            if result and dialog.new_organization():
                name, kind = dialog.organization_name(), dialog.organization_kind.currentData()
                self.organizations = sorted(
                    [*self.organizations, OrganizationInfo(name, str(kind))], key=lambda o: o.name
                )

        dialog.finished.connect(added)
        return self.open_form(dialog)

    def edit_user(self) -> Any:
        from ..dialogs.users import EditUserDialog

        u = self.selected()
        return (
            None
            if u is None
            else self.open_form(EditUserDialog(self.ctx, u, self.communities, self))
        )

    def reset_password(self) -> Any:
        from ..dialogs.users import PasswordDialog

        u = self.selected()
        return None if u is None else self.open_form(PasswordDialog(self.ctx, u, self))

    def toggle_active(self) -> None:
        u = self.selected()
        if u is None:
            return
        accounts, actor, login, active = (
            self.ctx.services.accounts, self.ctx.actor, u.username, not u.active,
        )  # fmt: skip
        self.write(lambda: accounts.set_active(actor, login, active), *self._buttons())

    def unlock(self) -> None:
        u = self.selected()
        if u is None:
            return
        accounts, actor, login = self.ctx.services.accounts, self.ctx.actor, u.username

        def unlock() -> UserInfo:
            accounts.unlock(actor, login)
            return accounts.get_user(actor, login)

        self.write(unlock, *self._buttons())

    def _buttons(self) -> Sequence[Any]:
        return (self.edit_button, self.password_button, self.active_button, self.unlock_button)
