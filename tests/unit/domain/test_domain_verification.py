"""domain.verification: who closes a resolved order, with what; what an override is."""

from __future__ import annotations

import pytest

from ops_console.domain.errors import PermissionDenied, ValidationError
from ops_console.domain.verification import (
    CLOSED_UNVERIFIED,
    VERIFIED,
    VERIFIED_SIGNED_OFF,
    check_reopen_reason,
    close_record,
)


def rec(role, *, mine=True, liaison=True, note=None, reason=None, signed=False):
    return close_record(
        role,
        liaison_of_community=mine,
        community_has_liaison=liaison,
        note=note,
        override_reason=reason,
        signed_off=signed,
    )


def test_the_liaison_verifies_with_a_note():
    r = rec("liaison", note="  门已修好 ")
    assert (r.reason_code, r.note, r.override_reason, r.override) == (
        VERIFIED,
        "门已修好",
        None,
        False,
    )
    assert rec("liaison", note="ok", signed=True).reason_code == VERIFIED_SIGNED_OFF
    with pytest.raises(ValidationError, match="verification note is required"):
        rec("liaison", note="   ")
    with pytest.raises(ValidationError, match="only for a manager"):
        rec("liaison", note="ok", reason="because")
    with pytest.raises(PermissionDenied, match="community"):
        rec("liaison", mine=False, note="ok")


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_a_manager_without_the_liaison_overrides_with_a_written_reason(role):
    with pytest.raises(ValidationError, match="needs a written reason"):
        rec(role, note="looked at it")
    r = rec(role, reason=" 联络员休假 ")
    assert (r.reason_code, r.override_reason, r.note, r.override) == (
        CLOSED_UNVERIFIED,
        "联络员休假",
        None,
        True,
    )


def test_where_there_is_no_liaison_a_manager_verifies():
    r = rec("manager", liaison=False, note="现场确认")
    assert (r.reason_code, r.override) == (VERIFIED, False)
    with pytest.raises(ValidationError, match="no liaison"):
        rec("manager", liaison=False, note="ok", reason="x")
    with pytest.raises(ValidationError, match="verification note"):
        rec("manager", liaison=False)


@pytest.mark.parametrize("role", ["technician", "auditor"])
def test_other_roles_never_close(role):
    with pytest.raises(PermissionDenied, match=f"role {role} may not close"):
        rec(role, note="ok")


def test_texts_are_checked():
    with pytest.raises(ValidationError, match="control character"):
        rec("liaison", note="ok\x1b[2J")
    with pytest.raises(ValidationError, match="longer than"):
        rec("manager", reason="x" * 2001)


def test_reopen_needs_a_reason():
    assert check_reopen_reason("  still broken ") == "still broken"
    for empty in (None, "", "  \n "):
        with pytest.raises(ValidationError, match="reason is required to reopen"):
            check_reopen_reason(empty)
