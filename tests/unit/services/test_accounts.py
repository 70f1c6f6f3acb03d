"""Accounts: password hashes, lockout, roles and community scoping."""

from __future__ import annotations

import json

import pytest

from ops_console.domain.errors import (
    AuthenticationFailed,
    Conflict,
    NotFound,
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


def test_an_admin_changes_a_users_communities_and_the_scope_follows(services, admin):
    services.accounts.add_community(admin, "湖滨")
    services.accounts.add_community(admin, "张江")
    services.accounts.add_user(admin, "li.na", "password1", "liaison", communities=["湖滨"])
    liaison = services.accounts.actor("li.na")
    assert [c.name for c in services.accounts.list_communities(liaison)] == ["湖滨"]
    info = services.accounts.set_communities(admin, "li.na", ["张江", " 张江 "])
    assert info.communities == ("张江",)
    liaison = services.accounts.actor("li.na")
    assert [c.name for c in services.accounts.list_communities(liaison)] == ["张江"]
    assert services.accounts.set_communities(admin, "li.na", []).communities == ()
    assert services.accounts.actor("li.na").community_ids is None  # every community
    with pytest.raises(NotFound, match="no community named '枫林'"):
        services.accounts.set_communities(admin, "li.na", ["湖滨", "枫林"])
    assert services.accounts.actor("li.na").community_ids is None  # nothing half-written
    with pytest.raises(PermissionDenied, match="may not manage users"):
        services.accounts.set_communities(liaison, "li.na", ["湖滨"])
    with services.db.read() as s:
        from ops_console.db.models import AuditEntry

        entries = s.query(AuditEntry).filter_by(action="user.communities").all()
    assert [(json.loads(e.before_json), json.loads(e.after_json)) for e in entries] == [
        ({"communities": ["湖滨"]}, {"communities": ["张江"]}),
        ({"communities": ["张江"]}, {"communities": []}),
    ]


def test_a_zone_is_added_to_an_existing_community(services, admin):
    services.accounts.add_community(admin, "湖滨", zones=["1幢"])
    c = services.accounts.add_zone(admin, "湖滨", " 北门 ")
    assert c.zones == ("1幢", "北门")
    assert services.accounts.list_communities(admin)[0].zones == ("1幢", "北门")
    with pytest.raises(Conflict, match="already has a zone '北门'"):
        services.accounts.add_zone(admin, "湖滨", "北门")
    with pytest.raises(NotFound, match="no community named '枫林'"):
        services.accounts.add_zone(admin, "枫林", "1幢")
    with pytest.raises(ValidationError, match="zone: 1-100 characters"):
        services.accounts.add_zone(admin, "湖滨", "   ")
    services.accounts.add_user(admin, "boss", "password1", "manager")
    with pytest.raises(PermissionDenied, match="may not add or change communities"):
        services.accounts.add_zone(services.accounts.actor("boss"), "湖滨", "2幢")
    with services.db.read() as s:
        from ops_console.db.models import AuditEntry

        entry = s.query(AuditEntry).filter_by(action="community.add_zone").one()
    assert (entry.actor, json.loads(entry.after_json)) == ("root", {"zone": "北门"})
