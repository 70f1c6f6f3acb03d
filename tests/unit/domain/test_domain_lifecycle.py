"""Tests of the work-order lifecycle: every transition, the role matrix, hold reasons."""

from __future__ import annotations

import itertools

import pytest

from ops_console.domain.errors import PermissionDenied, TransitionRefused, ValidationError
from ops_console.domain.lifecycle import (
    Action,
    HoldReason,
    LifecycleState,
    Role,
    Status,
    allowed_actions,
    check_cancel_reason,
    check_hold_reason,
    check_role,
    may_perform,
    next_status,
    parse_hold_reason,
    priority_for_criticality,
)

# Every transition DOMAIN.md's diagram allows; everything else is refused.
ALLOWED = {
    ("new", "assign"): "assigned",
    ("new", "cancel"): "cancelled",
    ("assigned", "accept"): "in_progress",
    ("assigned", "hold"): "on_hold",
    ("in_progress", "resolve"): "resolved",
    ("in_progress", "reassign"): "assigned",
    ("in_progress", "hold"): "on_hold",
    ("resolved", "close"): "closed",
    ("resolved", "reopen"): "in_progress",
}


@pytest.mark.parametrize(("current", "action"), sorted(ALLOWED))
def test_allowed_transition(current: str, action: str) -> None:
    assert next_status(current, action) == ALLOWED[current, action]


REFUSED = [
    (s.value, a.value)
    for s, a in itertools.product(Status, Action)
    if (s.value, a.value) not in ALLOWED and not (s is Status.ON_HOLD and a is Action.RESUME)
]


@pytest.mark.parametrize(("current", "action"), REFUSED)
def test_refused_transition(current: str, action: str) -> None:
    with pytest.raises(TransitionRefused, match=f"cannot {action} a work order that is {current}"):
        next_status(current, action, held_from="assigned")


def test_refusal_names_the_allowed_actions() -> None:
    with pytest.raises(TransitionRefused) as info:
        next_status("resolved", "accept")
    assert str(info.value) == (
        "cannot accept a work order that is resolved; allowed now: close, reopen"
    )


def test_refusal_on_a_final_status() -> None:
    with pytest.raises(
        TransitionRefused, match="allowed now: nothing, a closed work order is final"
    ):
        next_status("closed", "reopen")


@pytest.mark.parametrize("held_from", ["assigned", "in_progress"])
def test_resume_returns_to_the_status_left(held_from: str) -> None:
    assert next_status("on_hold", "resume", held_from) == held_from


@pytest.mark.parametrize("held_from", [None, "new", "resolved", "bogus"])
def test_resume_without_a_valid_previous_status(held_from: str | None) -> None:
    with pytest.raises(ValidationError, match="status before the hold is unknown"):
        next_status("on_hold", "resume", held_from)


def test_unknown_status_and_action() -> None:
    with pytest.raises(ValidationError, match='unknown work-order status "open"'):
        next_status("open", "assign")
    with pytest.raises(ValidationError, match='unknown work-order action "fix"'):
        next_status("new", "fix")


def test_allowed_actions() -> None:
    assert allowed_actions("new") == (Action.ASSIGN, Action.CANCEL)
    assert allowed_actions("on_hold") == (Action.RESUME,)
    assert allowed_actions("cancelled") == ()
    assert set(allowed_actions("in_progress")) == {"resolve", "reassign", "hold"}


def test_state_remembers_where_the_hold_came_from() -> None:
    state = LifecycleState()
    for action in ("assign", "hold"):
        state = state.apply(action)
    assert state == LifecycleState(Status.ON_HOLD, Status.ASSIGNED)
    state = state.apply("resume").apply("accept").apply("hold")
    assert state.held_from is Status.IN_PROGRESS
    state = state.apply("resume")
    assert state == LifecycleState(Status.IN_PROGRESS)
    state = state.apply("resolve").apply("reopen").apply("resolve").apply("close")
    assert state.status is Status.CLOSED


def test_refused_state_change_changes_nothing() -> None:
    state = LifecycleState(Status.RESOLVED)
    with pytest.raises(TransitionRefused):
        state.apply("hold")
    assert state == LifecycleState(Status.RESOLVED)


MANAGING = {"assign", "reassign", "cancel"}
ASSIGNEE = {"accept", "hold", "resume", "resolve"}
VERIFYING = {"close", "reopen"}


@pytest.mark.parametrize(
    ("role", "action", "is_assignee"),
    list(itertools.product([r.value for r in Role], [a.value for a in Action], [False, True])),
)
def test_role_matrix(role: str, action: str, is_assignee: bool) -> None:
    expected = {
        "manager": True,
        "admin": True,
        "auditor": False,
        "liaison": action in VERIFYING,
        "technician": is_assignee and action in ASSIGNEE,
    }[role]
    assert may_perform(role, action, is_assignee=is_assignee) is expected
    if expected:
        check_role(role, action, is_assignee=is_assignee)
    else:
        with pytest.raises(PermissionDenied):
            check_role(role, action, is_assignee=is_assignee)


def test_role_messages() -> None:
    with pytest.raises(
        PermissionDenied, match="a technician may accept only work orders assigned to them"
    ):
        check_role("technician", "accept", is_assignee=False)
    with pytest.raises(
        PermissionDenied,
        match="role auditor may not close work orders; allowed: liaison, manager, admin",
    ):
        check_role("auditor", "close", is_assignee=False)
    with pytest.raises(PermissionDenied, match="allowed: the assigned technician, manager, admin"):
        check_role("liaison", "resolve", is_assignee=False)
    with pytest.raises(PermissionDenied, match="allowed: manager, admin"):
        check_role("technician", "assign", is_assignee=True)
    with pytest.raises(ValidationError, match='unknown role "boss"'):
        may_perform("boss", "assign", is_assignee=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("waiting_parts", (HoldReason.WAITING_PARTS, "")),
        (
            "waiting_parts: compressor from Hangzhou",
            (HoldReason.WAITING_PARTS, "compressor from Hangzhou"),
        ),
        (" Weather :typhoon", (HoldReason.WEATHER, "typhoon")),
        ("other: 住户要求改期", (HoldReason.OTHER, "住户要求改期")),
        ("resident_not_home", (HoldReason.RESIDENT_NOT_HOME, "")),
        ("access_denied", (HoldReason.ACCESS_DENIED, "")),
        ("authority_approval: a: b", (HoldReason.AUTHORITY_APPROVAL, "a: b")),
    ],
)
def test_parse_hold_reason(text: str, expected: tuple[HoldReason, str]) -> None:
    assert parse_hold_reason(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "a hold needs a reason code"),
        ("  : why", "a hold needs a reason code"),
        ("lunch", 'unknown hold reason "lunch"'),
        ("other", 'reason "other" needs a text'),
        ("other:   ", 'reason "other" needs a text'),
    ],
)
def test_parse_hold_reason_refuses(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_hold_reason(text)


def test_check_hold_reason_with_separate_text() -> None:
    assert check_hold_reason("other", " gate locked ") == (HoldReason.OTHER, "gate locked")
    assert check_hold_reason("weather") == (HoldReason.WEATHER, "")


def test_cancel_needs_a_reason() -> None:
    assert check_cancel_reason("  duplicate of WO-2026-000012 ") == "duplicate of WO-2026-000012"
    for blank in (None, "", "   "):
        with pytest.raises(ValidationError, match="needs a reason"):
            check_cancel_reason(blank)


@pytest.mark.parametrize(
    ("criticality", "priority"),
    [("life_safety", "P1"), ("high", "P2"), ("normal", "P3"), ("low", "P4")],
)
def test_priority_from_criticality(criticality: str, priority: str) -> None:
    assert priority_for_criticality(criticality) == priority


def test_unknown_criticality() -> None:
    with pytest.raises(ValidationError, match='unknown criticality "urgent"'):
        priority_for_criticality("urgent")


def test_every_action_needs_one_permission_of_the_role_table() -> None:
    from ops_console.domain.lifecycle import PERMISSION_FOR, Action, permission_for
    from ops_console.services.context import ACTION_WORDS

    assert set(PERMISSION_FOR) == set(Action)
    assert all(permission_for(a.value) in ACTION_WORDS for a in Action)
