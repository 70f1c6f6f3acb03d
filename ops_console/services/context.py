"""Who is acting, and the permission checks every service applies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.errors import PermissionDenied, term
from ..domain.lifecycle import Role

ROLES = tuple(r.value for r in Role)

# What each role may do, by permission name. Roles are enforced here, in the
# service layer, whatever the UI shows.
_MANAGER = frozenset(
    {
        "read",
        "read.contacts",
        "workorder.create",
        "workorder.verify",
        "workorder.dispatch",
        "workorder.work",
        "workorder.parts",
        "workorder.attach",
        "workorder.cancel",
        "workorder.override",
        "alarm.ack",
        "care.ack",
        "maintenance.write",
        "inventory.write",
        "contract.write",
        "training.write",
        "report.print",
        "statement.issue",
        "plan.write",
    }
)
PERMISSIONS: dict[str, frozenset[str]] = {
    "technician": frozenset({"read", "workorder.work", "workorder.parts", "workorder.attach"}),
    "liaison": frozenset(
        {
            "read",
            "read.contacts",
            "workorder.create",
            "workorder.verify",
            "workorder.attach",
            "alarm.ack",
            "care.ack",
            "maintenance.write",
        }
    ),
    "manager": _MANAGER,
    # an administrator does what a manager does, and runs the installation
    "admin": _MANAGER
    | frozenset(
        {
            "users.write",
            "community.write",
            "credentials.write",
            "audit.read",
            "audit.archive",
            "database.backup",
            "poll.run",
            "settings.write",
        }
    ),
    "auditor": frozenset({"read", "audit.read", "report.print"}),
}

ACTION_WORDS = {
    "inventory.write": term("change the device inventory"),
    "community.write": term("add or change communities"),
    "users.write": term("manage users"),
    "credentials.write": term("store SNMP credentials"),
    "workorder.create": term("create work orders"),
    "workorder.dispatch": term("assign work orders"),
    "workorder.cancel": term("cancel work orders"),
    "workorder.override": term("override the certification rule"),
    "workorder.verify": term("close or reopen work orders"),
    "workorder.work": term("work on work orders"),
    "workorder.parts": term("record parts and labour"),
    "workorder.attach": term("attach photos and files to work orders"),
    "contract.write": term("import contracts and SLA policies"),
    "training.write": term("edit training records"),
    "alarm.ack": term("acknowledge alarms"),
    "care.ack": term("acknowledge care alerts"),
    "maintenance.write": term("plan maintenance windows"),
    "audit.read": term("read the audit log"),
    "settings.write": term("change the installation's settings"),
    "audit.archive": term("archive old audit entries"),
    "report.print": term("print reports"),
    "statement.issue": term("issue SLA statements"),
    "database.backup": term("back up the database"),
    "poll.run": term("run the poller"),
    "plan.write": term("edit preventive maintenance plans"),
    "read.contacts": term("see residents' contact details"),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in user a service acts for.

    Attributes:
        community_ids: the communities the user may see; None means all of them.
    """

    user_id: int | None
    username: str
    role: str
    display_name: str = ""
    community_ids: frozenset[int] | None = None

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())

    def require(self, permission: str) -> None:
        """Raise PermissionDenied naming the user, the role and what was refused."""
        if not self.can(permission):
            what = ACTION_WORDS.get(permission, permission)
            raise PermissionDenied.of(
                "{username} ({role}) may not {what}",
                username=self.username,
                role=self.role,
                what=what,
            )

    def sees_community(self, community_id: int) -> bool:
        return self.community_ids is None or community_id in self.community_ids

    def require_community(self, community_id: int, name: str) -> None:
        """Refuse a community outside the user's scope, naming it (never by its id)."""
        if not self.sees_community(community_id):
            raise PermissionDenied.of(
                "{username} is not assigned to community {community}",
                username=self.username,
                community=name,
            )

    def scope(self, ids: Iterable[int]) -> list[int]:
        return [i for i in ids if self.sees_community(i)]


SYSTEM = Actor(user_id=None, username="system", role="admin")
"""The product itself (poller, importers run by init): audited as 'system'."""
