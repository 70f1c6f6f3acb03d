"""Accounts: password hashes, lockout, roles and community scoping."""

from __future__ import annotations

import pytest

from ops_console.domain.errors import (
    AuthenticationFailed,
    Conflict,
    PermissionDenied,
    ValidationError,
)
from ops_console.services.context import SYSTEM


def test_password_is_stored_as_a_salted_scrypt_hash(services, admin):
    services.accounts.add_user(admin, "li.na", "correct-horse", "liaison")
    with services.db.read() as s:
        from ops_console.db.repos.accounts import user_by_name

        stored = user_by_name(s, "li.na").password_hash
    assert stored.startswith("scrypt$")
    assert "correct-horse" not in stored
    other = services.accounts.add_user(admin, "li.na2", "correct-horse", "liaison")
    with services.db.read() as s:
        assert user_by_name(s, other.username).password_hash != stored  # salted


def test_sign_in_returns_the_actor(services, admin):
    services.accounts.add_user(admin, "wang", "password1", "technician")
    actor = services.accounts.authenticate("wang", "password1")
    assert actor.username == "wang" and actor.role == "technician"


def test_five_failures_lock_the_account_for_fifteen_minutes(services, admin, clock):
    services.accounts.add_user(admin, "wang", "password1", "technician")
    for _ in range(4):
        with pytest.raises(AuthenticationFailed, match="wrong user name or password"):
            services.accounts.authenticate("wang", "nope")
    with pytest.raises(AuthenticationFailed, match="locked for 15 minutes"):
        services.accounts.authenticate("wang", "nope")
    # even the right password is refused while locked
    with pytest.raises(AuthenticationFailed, match="is locked"):
        services.accounts.authenticate("wang", "password1")
    clock.advance(minutes=14)
    with pytest.raises(AuthenticationFailed, match="try again in 1 minute "):
        services.accounts.authenticate("wang", "password1")
    clock.advance(minutes=1, seconds=1)
    assert services.accounts.authenticate("wang", "password1").username == "wang"


def test_a_success_resets_the_failure_count(services, admin):
    services.accounts.add_user(admin, "wang", "password1", "technician")
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            services.accounts.authenticate("wang", "nope")
    services.accounts.authenticate("wang", "password1")
    for _ in range(4):
        with pytest.raises(AuthenticationFailed, match="wrong"):
            services.accounts.authenticate("wang", "nope")


def test_unknown_user_gets_the_same_message_as_a_wrong_password(services):
    with pytest.raises(AuthenticationFailed, match=r"^wrong user name or password$"):
        services.accounts.authenticate("nobody", "x")


@pytest.mark.parametrize("role", ["technician", "liaison", "manager", "auditor"])
def test_only_admins_manage_users(services, admin, role):
    services.accounts.add_user(admin, "someone", "password1", role)
    actor = services.accounts.actor("someone")
    with pytest.raises(PermissionDenied, match=f"someone \\({role}\\) may not manage users"):
        services.accounts.add_user(actor, "x", "password1", "technician")


def test_auditor_cannot_change_the_inventory(services, admin):
    services.accounts.add_user(admin, "audit", "password1", "auditor")
    with pytest.raises(PermissionDenied, match="may not change the device inventory"):
        services.inventory.retire(services.accounts.actor("audit"), "X-1")


def test_bad_user_input_is_listed(services, admin):
    with pytest.raises(ValidationError) as err:
        services.accounts.add_user(admin, "bad name!", "short", "boss")
    text = str(err.value)
    assert "user name" in text and "role 'boss'" in text and "at least 8" in text


def test_duplicate_user_and_community(services, admin):
    services.accounts.add_community(admin, "湖滨", zones=["1幢"])
    with pytest.raises(Conflict):
        services.accounts.add_community(admin, "湖滨")
    with pytest.raises(Conflict):
        services.accounts.add_user(admin, "root", "password1", "admin")


def test_unknown_timezone_is_refused(services, admin):
    with pytest.raises(ValidationError, match="unknown time zone 'Mars/Olympus'"):
        services.accounts.add_community(admin, "X", timezone="Mars/Olympus")


def test_liaison_sees_only_their_communities(services, admin):
    services.accounts.add_community(SYSTEM, "湖滨")
    services.accounts.add_community(SYSTEM, "张江")
    services.accounts.add_user(admin, "li", "password1", "liaison", communities=["湖滨"])
    li = services.accounts.actor("li")
    assert [c.name for c in services.accounts.list_communities(li)] == ["湖滨"]
    with pytest.raises(PermissionDenied, match="not assigned to community 张江"):
        services.inventory.list_devices(li, community="张江")
