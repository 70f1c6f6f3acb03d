"""The Users page's dialogs: a new user, a user's role and communities, a new password.

The rules (login names, roles, password length, who may change what) are the accounts
service's, the same the CLI's ``users`` commands meet; the forms only say early what the
service would refuse, and show the service's own words when it does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget

from ...services.accounts import MIN_LENGTH
from ...services.accounts.service import ORGANIZATION_KINDS as KIND_CODES
from ...services.accounts.service import OrganizationInfo, UserInfo
from ...services.context import ROLES as ROLE_CODES
from ..context import UiContext
from ..i18n import ORGANIZATION_KINDS, ROLES, label, tr
from ..widgets import label as make_label
from .form import ServiceForm, combo, line_edit, password_field


def community_list(communities: Sequence[str], ticked: Sequence[str]) -> QListWidget:
    """Communities with a tick each; none ticked means every community."""
    box = QListWidget()
    for name in communities:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if name in ticked else Qt.CheckState.Unchecked)
        box.addItem(item)
    box.setToolTip(tr("None ticked: every community"))
    box.setFixedHeight(min(150, 26 * max(2, len(communities)) + 6))
    return box


def ticked(box: QListWidget) -> list[str]:
    return [
        box.item(i).text()
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


def role_box(current: str = "technician") -> QComboBox:
    return combo([(label(ROLES, code), code) for code in ROLE_CODES], current)


def organization_box(organizations: Sequence[OrganizationInfo]) -> QComboBox:
    """The known organizations (none first), editable so a new name can be typed."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItem("", None)
    for org in organizations:
        box.addItem(org.name, org.kind)
    box.setCurrentIndex(0)
    line = box.lineEdit()
    if line is not None:
        line.setMaxLength(200)
        line.setPlaceholderText(tr("None, or type a new one"))
    return box


def kind_box() -> QComboBox:
    return combo([(label(ORGANIZATION_KINDS, code), code) for code in KIND_CODES])


def password_problems(password: str, again: str) -> list[str]:
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(tr("The password needs at least {n} characters.").format(n=MIN_LENGTH))
    elif password != again:
        problems.append(tr("The two passwords differ."))
    return problems


class NewUserDialog(ServiceForm):
    """Add a person: name, login, role, organization, communities and an initial password.

    The organization is one of those known, none, or a new name typed in: then its kind is
    asked and the service adds it with the person, in one transaction.

    Attributes:
        result_value: the new UserInfo, once accepted.
    """

    conflict_closes = False  # a login taken already: said in the form

    def __init__(
        self,
        ctx: UiContext,
        communities: Sequence[str],
        parent: QWidget | None = None,
        organizations: Sequence[OrganizationInfo] = (),
    ) -> None:
        super().__init__(
            ctx,
            tr("New user"),
            tr(
                "The person signs in with the login and this password and should change it. "
                "On a shared installation their own database login is created with them."
            ),
            tr("&Add user"),
            parent,
        )
        self.display_name = self.add(
            tr("Full &name:"), line_edit(max_length=100, placeholder=tr("e.g. 王建国"))
        )
        self.username = self.add(
            tr("&Login:"), line_edit(max_length=64, placeholder="wang.jianguo")
        )
        self.role = self.add(tr("&Role:"), role_box())
        self.known = {org.name: org.kind for org in organizations}
        self.organization = self.add(tr("&Organization:"), organization_box(organizations))
        self.organization.setToolTip(
            tr(
                "The firm, residents' committee or team the person works for (the SLA statement names it)."
            )
        )
        self.organization_kind = self.add(tr("&Kind of organization:"), kind_box())
        self.organization_note = make_label("", "muted", wrap=True)
        self.form.addRow("", self.organization_note)
        self.organization.editTextChanged.connect(lambda _t: self._organization_changed())
        self.role.currentIndexChanged.connect(lambda _i: self._organization_changed())
        self.communities = self.add(tr("&Communities:"), community_list(communities, []))
        self.form.addRow("", make_label(tr("None ticked: every community"), "muted"))
        self.password = self.add(tr("Initial &password:"), password_field())
        self.again = self.add(tr("Password a&gain:"), password_field())
        self._kind_chosen = False
        self.organization_kind.activated.connect(lambda _i: setattr(self, "_kind_chosen", True))
        self.ready(self._check, self._submit)
        self._organization_changed()

    def organization_name(self) -> str:
        return self.organization.currentText().strip()

    def new_organization(self) -> bool:
        """Whether the typed name is an organization not known yet."""
        name = self.organization_name()
        return bool(name) and name not in self.known

    def _organization_changed(self) -> None:
        new = self.new_organization()
        self.organization_kind.setEnabled(new)
        if new and not self._kind_chosen:  # a liaison's is usually a residents' committee
            kind = "community_office" if self.role.currentData() == "liaison" else "firm"
            self.organization_kind.setCurrentIndex(self.organization_kind.findData(kind))
        elif not new:
            known = self.known.get(self.organization_name())
            if known is not None:
                self.organization_kind.setCurrentIndex(self.organization_kind.findData(known))
        self.organization_note.setText(
            tr("A new organization: it is added with the person.") if new else ""
        )
        self.validate()

    def _check(self) -> list[str]:
        problems = []
        if not self.display_name.text().strip():
            problems.append(tr("Enter the person's name."))
        if not self.username.text().strip():
            problems.append(tr("Enter a login."))
        return problems + password_problems(self.password.text(), self.again.text())

    def _submit(self) -> Callable[[], UserInfo]:
        accounts, actor = self.ctx.services.accounts, self.ctx.actor
        login, name = self.username.text().strip(), self.display_name.text().strip()
        role, scope, password = (
            self.role.currentData(),
            ticked(self.communities),
            self.password.text(),
        )
        org = self.organization_name() or None
        kind = self.organization_kind.currentData() if self.new_organization() else None
        return lambda: accounts.add_user(
            actor, login, password, role, display_name=name, communities=scope,
            organization=org, organization_kind=kind,
        )  # fmt: skip


class EditUserDialog(ServiceForm):
    """Change a person's role and communities (each change audited by the service).

    Attributes:
        result_value: the UserInfo after the change.
    """

    def __init__(
        self,
        ctx: UiContext,
        user: UserInfo,
        communities: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            ctx,
            tr("Role and communities of {name}").format(name=user.display_name),
            tr("A shared installation moves the person's database login with the role."),
            tr("&Save"),
            parent,
        )
        self.user = user
        self.role = self.add(tr("&Role:"), role_box(user.role))
        if user.username == ctx.actor.username:
            self.role.setEnabled(False)
            self.role.setToolTip(tr("You cannot change your own role."))
        self.communities = self.add(
            tr("&Communities:"), community_list(communities, user.communities)
        )
        self.form.addRow("", make_label(tr("None ticked: every community"), "muted"))
        self.ready(submit=self._submit)

    def _submit(self) -> Callable[[], UserInfo]:
        accounts, actor, login = self.ctx.services.accounts, self.ctx.actor, self.user.username
        role, scope = self.role.currentData(), ticked(self.communities)
        return lambda: accounts.update_user(actor, login, role=role, communities=scope)


class PasswordDialog(ServiceForm):
    """Set a new password for a person (the service audits that it changed, never what to).

    Attributes:
        result_value: the UserInfo, once saved.
    """

    def __init__(self, ctx: UiContext, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            tr("New password for {name}").format(name=user.display_name),
            tr("Tell the person the new password in person; it is never shown again."),
            tr("&Set password"),
            parent,
        )
        self.user = user
        self.password = self.add(tr("New &password:"), password_field())
        self.again = self.add(tr("Password a&gain:"), password_field())
        self.ready(lambda: password_problems(self.password.text(), self.again.text()), self._submit)

    def _submit(self) -> Callable[[], UserInfo]:
        accounts, actor = self.ctx.services.accounts, self.ctx.actor
        login, password = self.user.username, self.password.text()

        def save() -> UserInfo:
            accounts.set_password(actor, login, password)
            return accounts.get_user(actor, login)

        return save
