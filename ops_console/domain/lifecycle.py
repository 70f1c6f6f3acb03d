"""The work-order lifecycle of DOMAIN.md: statuses, transitions, who may act, hold reasons."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from ops_console.domain.errors import (
    Message,
    PermissionDenied,
    TransitionRefused,
    ValidationError,
    term,
)


class Status(StrEnum):
    """Where a work order stands."""

    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "on_hold"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Action(StrEnum):
    """What a person does to a work order."""

    ASSIGN = "assign"
    REASSIGN = "reassign"
    ACCEPT = "accept"
    HOLD = "hold"
    RESUME = "resume"
    RESOLVE = "resolve"
    CLOSE = "close"
    REOPEN = "reopen"
    CANCEL = "cancel"


class Role(StrEnum):
    """A user's role (DOMAIN.md "Who uses it")."""

    TECHNICIAN = "technician"
    LIAISON = "liaison"
    MANAGER = "manager"
    ADMIN = "admin"
    AUDITOR = "auditor"


class HoldReason(StrEnum):
    """Why a work order is put on hold; ``other`` needs a text."""

    WAITING_PARTS = "waiting_parts"
    RESIDENT_NOT_HOME = "resident_not_home"
    ACCESS_DENIED = "access_denied"
    AUTHORITY_APPROVAL = "authority_approval"
    WEATHER = "weather"
    OTHER = "other"


# The transitions of the DOMAIN.md diagram; ``resume`` is resolved through ``held_from``.
_TRANSITIONS: dict[Status, dict[Action, Status | None]] = {
    Status.NEW: {Action.ASSIGN: Status.ASSIGNED, Action.CANCEL: Status.CANCELLED},
    Status.ASSIGNED: {Action.ACCEPT: Status.IN_PROGRESS, Action.HOLD: Status.ON_HOLD},
    Status.IN_PROGRESS: {
        Action.RESOLVE: Status.RESOLVED,
        Action.REASSIGN: Status.ASSIGNED,
        Action.HOLD: Status.ON_HOLD,
    },
    Status.ON_HOLD: {Action.RESUME: None},
    Status.RESOLVED: {Action.CLOSE: Status.CLOSED, Action.REOPEN: Status.IN_PROGRESS},
    Status.CLOSED: {},
    Status.CANCELLED: {},
}
_HOLDABLE = (Status.ASSIGNED, Status.IN_PROGRESS)

# Open: in the firm's hands (not yet resolved). A resolved order waits for the liaison's
# verification and is counted there, not as open work; the dashboard's "Open P1" tiles, the
# list's "Open" filter and the repositories all read this one set.
OPEN_STATUSES = frozenset({Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD})

# Who may act: roles allowed outright, and actions a technician may take on their own orders.
_ROLES_FOR: dict[Action, frozenset[Role]] = {
    Action.ASSIGN: frozenset({Role.MANAGER, Role.ADMIN}),
    Action.REASSIGN: frozenset({Role.MANAGER, Role.ADMIN}),
    Action.CANCEL: frozenset({Role.MANAGER, Role.ADMIN}),
    Action.ACCEPT: frozenset({Role.MANAGER, Role.ADMIN}),
    Action.HOLD: frozenset({Role.MANAGER, Role.ADMIN}),
    Action.RESUME: frozenset({Role.MANAGER, Role.ADMIN}),
    Action.RESOLVE: frozenset({Role.MANAGER, Role.ADMIN}),
    Action.CLOSE: frozenset({Role.LIAISON, Role.MANAGER, Role.ADMIN}),
    Action.REOPEN: frozenset({Role.LIAISON, Role.MANAGER, Role.ADMIN}),
}
_ASSIGNEE_ACTIONS = frozenset({Action.ACCEPT, Action.HOLD, Action.RESUME, Action.RESOLVE})

# The permission (services/context.py's role table) each action needs: the services check it,
# the window enables a button by it. The one place this is written.
PERMISSION_FOR: dict[Action, str] = {
    Action.ASSIGN: "workorder.dispatch",
    Action.REASSIGN: "workorder.dispatch",
    Action.ACCEPT: "workorder.work",
    Action.HOLD: "workorder.work",
    Action.RESUME: "workorder.work",
    Action.RESOLVE: "workorder.work",
    Action.CLOSE: "workorder.verify",
    Action.REOPEN: "workorder.verify",
    Action.CANCEL: "workorder.cancel",
}

PRIORITY_FOR_CRITICALITY: dict[str, str] = {
    "life_safety": "P1",
    "high": "P2",
    "normal": "P3",
    "low": "P4",
}
PRIORITIES: tuple[str, ...] = ("P1", "P2", "P3", "P4")


_E = TypeVar("_E", bound=StrEnum)

# what an unknown name of each enum is told with (Message: collected for translation)
_UNKNOWN: dict[type[StrEnum], Message] = {
    Status: Message('unknown work-order status "{value}" (known: {known})'),
    Action: Message('unknown work-order action "{value}" (known: {known})'),
    Role: Message('unknown role "{value}" (known: {known})'),
}


def _named(kind: type[_E], value: str) -> _E:
    """The member of ``kind`` named ``value``; refused with the names it knows."""
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(m.value for m in kind)
        raise ValidationError.of(_UNKNOWN[kind].template, value=value, known=known) from None


def allowed_actions(status: str) -> tuple[Action, ...]:
    """Return the actions the lifecycle allows from a status, in diagram order.

    Raises:
        ValidationError: the status is unknown.
    """
    return tuple(_TRANSITIONS[_named(Status, status)])


def next_status(current: str, action: str, held_from: str | None = None) -> Status:
    """Return the status a work order moves to when ``action`` is taken.

    Args:
        current: the work order's status.
        action: the action taken.
        held_from: for a work order on hold, the status it left (assigned or in_progress);
            ``resume`` returns to it.

    Raises:
        TransitionRefused: the lifecycle does not allow the action now; the message says
            which actions are allowed.
        ValidationError: an unknown status or action, or resuming without a valid
            ``held_from``.
    """
    status, act = _named(Status, current), _named(Action, action)
    moves = _TRANSITIONS[status]
    if act not in moves:
        if not moves:
            raise TransitionRefused.of(
                "cannot {action} a work order that is {status}; allowed now: nothing, "
                "a {status} work order is final",
                action=act,
                status=status,
            )
        raise TransitionRefused.of(
            "cannot {action} a work order that is {status}; allowed now: {allowed}",
            action=act,
            status=status,
            allowed=[m.value for m in moves],
        )
    target = moves[act]
    if target is None:
        if held_from not in _HOLDABLE:
            raise ValidationError.of(
                "cannot resume: the status before the hold is unknown ({held_from!r}); "
                "expected assigned or in_progress",
                held_from=held_from,
            )
        return Status(held_from)
    return target


@dataclass(frozen=True, slots=True)
class LifecycleState:
    """A work order's status and, while on hold, the status it left.

    Attributes:
        status: the current status.
        held_from: the status before the hold while on hold, else None.
    """

    status: Status = Status.NEW
    held_from: Status | None = None

    def apply(self, action: str) -> LifecycleState:
        """Return the state after ``action``; raises like :func:`next_status`."""
        target = next_status(self.status, action, self.held_from)
        if target is Status.ON_HOLD:
            return LifecycleState(target, self.status)
        return LifecycleState(target)


def permission_for(action: str) -> str:
    """The permission ``action`` needs (refused with a clear message if it is no action)."""
    return PERMISSION_FOR[_named(Action, action)]


def may_perform(role: str, action: str, *, is_assignee: bool) -> bool:
    """Whether a user with ``role`` may take ``action`` (not whether the status allows it).

    Managers and admins may do everything; a technician may accept, hold, resume and
    resolve work orders assigned to them; a liaison may close and reopen; an auditor nothing.

    Raises:
        ValidationError: an unknown role or action.
    """
    who, act = _named(Role, role), _named(Action, action)
    if who in _ROLES_FOR[act]:
        return True
    return who is Role.TECHNICIAN and is_assignee and act in _ASSIGNEE_ACTIONS


def check_role(role: str, action: str, *, is_assignee: bool) -> None:
    """Raise unless a user with ``role`` may take ``action``.

    Raises:
        PermissionDenied: with a message saying who may.
        ValidationError: an unknown role or action.
    """
    if may_perform(role, action, is_assignee=is_assignee):
        return
    act = Action(action)
    if role == Role.TECHNICIAN and act in _ASSIGNEE_ACTIONS:
        raise PermissionDenied.of(
            "a technician may {action} only work orders assigned to them", action=act
        )
    who = [r.value for r in Role if r in _ROLES_FOR[act]]
    if act in _ASSIGNEE_ACTIONS:
        who.insert(0, term("the assigned technician"))
    raise PermissionDenied.of(
        "a user with the role {role} may not {action} work orders; allowed: {who}",
        role=role,
        action=act,
        who=who,
    )


def parse_hold_reason(text: str) -> tuple[HoldReason, str]:
    """Parse a hold reason written ``code`` or ``code: free text``.

    Returns:
        The reason code and the text (empty when none).

    Raises:
        ValidationError: empty, an unknown code, or ``other`` without a text.
    """
    code, _, rest = (text or "").partition(":")
    return check_hold_reason(code, rest)


def check_hold_reason(code: str, text: str | None = None) -> tuple[HoldReason, str]:
    """Validate a hold reason code and its text; see :func:`parse_hold_reason`."""
    key = (code or "").strip().lower()
    note = (text or "").strip()
    if not key:
        raise ValidationError.of("a hold needs a reason code")
    try:
        reason = HoldReason(key)
    except ValueError:
        known = ", ".join(r.value for r in HoldReason)
        raise ValidationError.of(
            'unknown hold reason "{code}" (known: {known})', code=code.strip(), known=known
        ) from None
    if reason is HoldReason.OTHER and not note:
        raise ValidationError.of('a hold for reason "other" needs a text: "other: why"')
    return reason, note


def check_cancel_reason(reason: str | None) -> str:
    """Return the stripped reason for a cancel.

    Raises:
        ValidationError: the reason is missing or blank.
    """
    cleaned = (reason or "").strip()
    if not cleaned:
        raise ValidationError.of("cancelling a work order needs a reason")
    return cleaned


def priority_for_criticality(criticality: str) -> str:
    """Return the priority of a work order raised for a device of this criticality.

    Raises:
        ValidationError: an unknown criticality.
    """
    try:
        return PRIORITY_FOR_CRITICALITY[criticality]
    except KeyError:
        known = ", ".join(PRIORITY_FOR_CRITICALITY)
        raise ValidationError.of(
            'unknown criticality "{criticality}" (known: {known})',
            criticality=criticality,
            known=known,
        ) from None
