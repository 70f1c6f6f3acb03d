"""Users, roles, community scoping, sign-in with lockout; communities and zones."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict, Unpack
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ...db import Session, pg_security
from ...db.models import Community, Organization, User, Zone
from ...db.repos import accounts as repo
from ...db.repos import audit as audit_repo
from ...domain.clock import DEFAULT_TIMEZONE
from ...domain.errors import (
    AccountDisabled,
    AuthenticationFailed,
    Conflict,
    NotFound,
    PermissionDenied,
    Problem,
    RoleChanged,
    ValidationError,
    term,
)
from ...domain.phone import phone_problem
from ...domain.text import check_text
from .. import audit
from ..base import ServiceBase
from ..context import ROLES, Actor
from ..formats import JsonFields
from .passwords import MIN_LENGTH, check_password, hash_password
from .scope import community_named

MAX_FAILURES = 5
ORGANIZATION_KINDS = ("firm", "community_office", "subdistrict", "collection_team", "auditor")
"""What an organization is: the maintenance firm, a residents' committee (community office),
a sub-district office, a waste collection team, an auditor."""
LOCKOUT = timedelta(minutes=15)


class UserProfile(TypedDict, total=False):
    """What a new user may be given besides name, password and role (see
    ``AccountsService.add_user``)."""

    display_name: str | None
    communities: list[str] | None
    organization: str | None
    organization_kind: str | None


@dataclass(frozen=True)
class UserInfo(JsonFields):
    id: int
    username: str
    display_name: str
    role: str
    organization: str | None
    communities: tuple[str, ...]
    active: bool
    locked_until: datetime | None

    json_fields = ("username", "display_name", "role", "organization", "communities", "active")


@dataclass(frozen=True)
class CommunityInfo(JsonFields):
    id: int
    name: str
    name_en: str | None
    timezone: str
    zones: tuple[str, ...]
    phone: str | None = None

    json_fields = ("name", "name_en", "timezone", "zones", "phone")

    @classmethod
    def of(cls, c: Community) -> CommunityInfo:
        return cls(c.id, c.name, c.name_en, c.timezone, tuple(z.name for z in c.zones), c.phone)


@dataclass(frozen=True)
class OrganizationInfo(JsonFields):
    name: str
    kind: str

    json_fields = ("name", "kind")


def check_organization(name: str, kind: str) -> None:
    """A new organization's name and kind, or a ValidationError naming what is wrong."""
    check_text(name, "organization", max_length=200)
    if not name.strip():
        raise ValidationError.of("the organization has no name")
    if kind not in ORGANIZATION_KINDS:
        raise ValidationError.of(
            "organization kind {kind!r}: one of {kinds}",
            kind=kind,
            kinds=sorted(ORGANIZATION_KINDS),
        )


def new_organization(s: Session, name: str, kind: str, *, at: datetime, actor: str) -> Organization:
    """Add an organization in the caller's transaction, audited (the name is not checked)."""
    org = Organization(name=name, kind=kind)
    return audit.created(
        s, org, at, actor, "organization.create", "organization", after={"name": name, "kind": kind}
    )


def _office_phone(phone: str) -> str:
    """Return a community office's number as given, or raise naming the problem."""
    problem = phone_problem(phone, term("community phone"))
    if problem is not None:
        raise ValidationError.of_problem(problem)
    return phone.strip()


def _user_info(u: User) -> UserInfo:
    return UserInfo(
        u.id,
        u.username,
        u.display_name,
        u.role,
        u.organization.name if u.organization else None,
        tuple(c.name for c in u.communities),
        u.active,
        u.locked_until,
    )


def actor_of(u: User) -> Actor:
    ids = frozenset(c.id for c in u.communities) if u.communities else None
    return Actor(u.id, u.username, u.role, u.display_name, ids)


class AccountsService(ServiceBase):
    """Sign-in, users and communities."""

    # sign-in ----------------------------------------------------------------------
    def authenticate(self, username: str, password: str) -> Actor:
        """Check a password; lock the account for 15 minutes after 5 failures in a row.

        Raises:
            AuthenticationFailed: wrong name or password, inactive or locked account.
        """
        if self.db.person is not None:
            return self._authenticated_by_server(username)
        now = self.clock.now()
        with self.db.write() as s:
            user = repo.user_by_name(s, username)
            if user is None or not user.active:
                # same message as a wrong password: don't reveal which names exist
                raise AuthenticationFailed.of("wrong user name or password")
            if user.locked_until is not None and user.locked_until > now:
                minutes = max(1, math.ceil((user.locked_until - now).total_seconds() / 60))
                raise refusal(username, "locked", minutes)
            if not check_password(password, user.password_hash):
                user.failed_logins += 1
                locked = user.failed_logins >= MAX_FAILURES
                if locked:
                    user.locked_until = now + LOCKOUT
                    user.failed_logins = 0
                    audit.record(
                        s,
                        now,
                        username,
                        "user.locked",
                        "user",
                        user.id,
                        after={"locked_until": user.locked_until},
                    )
                failure = refusal(username, "now_locked" if locked else "wrong", 0)
            else:
                failure = None
                user.failed_logins = 0
                user.locked_until = None
                user.last_login_at = now
                actor = actor_of(user)
        # the failure counter must be committed before the error is raised
        if failure is not None:
            raise failure
        return actor

    def _authenticated_by_server(self, username: str) -> Actor:
        # a seat of a shared installation: PostgreSQL checked the password when it let the
        # person's own login role in (Database.for_person); a disabled user's role is NOLOGIN
        if username != self.db.person:
            raise AuthenticationFailed.of("wrong user name or password")
        with self.db.write() as s:
            user = repo.user_by_name(s, username)
            if user is None or not user.active:
                raise AuthenticationFailed.of("wrong user name or password")
            pg_security.sign_in_ok(s)  # the failures in a row start again from none
            return actor_of(user)

    def actor(self, username: str) -> Actor:
        """Return the actor for a user name without a password (trusted callers only)."""
        with self.db.read() as s:
            user = repo.user_by_name(s, username)
            if user is None:
                raise NotFound.of("no user named {username!r}", username=username)
            return actor_of(user)

    def has_users(self) -> bool:
        with self.db.read() as s:
            return bool(repo.all_users(s))

    # users ------------------------------------------------------------------------
    def add_user(
        self, actor: Actor, username: str, password: str, role: str, **profile: Unpack[UserProfile]
    ) -> UserInfo:
        """Create a user; ``communities`` scope what the user sees (none: all), the display
        name is the user name unless one is given.

        ``organization`` names the firm, committee or team the person belongs to; when no
        organization has that name and ``organization_kind`` is given, it is added in the
        same transaction (audited), so a refused user leaves no organization behind.
        """
        actor.require("users.write")
        self._check_new_user(username, password, role)
        check_text(profile.get("display_name"), "display name", max_length=100)
        organization, kind = profile.get("organization"), profile.get("organization_kind")
        if organization and kind is not None:
            check_organization(organization, kind)
        with self.db.write() as s:
            return self._insert_user(s, actor.username, username, password, role, **profile)

    def add_first_admin(self, username: str, password: str) -> UserInfo:
        """Create the installation's first administrator; refused once any user exists.

        Only ``init`` and the first-run set-up (``services.setup``) call this, with nobody
        signed in: the check and the insert are one
        transaction that holds the audit chain's lock, so two ``init`` runs at once cannot
        both find the database empty. Audited as 'system' with ``first_admin: true``.

        Raises:
            PermissionDenied: the database already has users (an admin must sign in).
        """
        self._check_new_user(username, password, "admin")
        with self.db.write() as s:
            audit_repo.lock_head(s, audit.GENESIS)
            if repo.any_user(s):
                raise PermissionDenied.of(
                    "this database already has users: adding an administrator needs an "
                    "administrator's sign-in (--user NAME or $OPS_CONSOLE_USER)"
                )
            return self._insert_user(s, "system", username, password, "admin", first_admin=True)

    def _check_new_user(self, username: str, password: str, role: str) -> None:
        problems: list[str] = []
        if (
            not username
            or len(username) > 64
            or not username.replace(".", "").replace("_", "").replace("-", "").isalnum()
        ):
            problems.append(
                Problem.of(
                    "user name {username!r}: use letters, digits, '.', '_' or '-'",
                    username=username,
                )
            )
        if role not in ROLES:
            problems.append(
                Problem.of("role {role!r}: must be one of {roles}", role=role, roles=list(ROLES))
            )
        if len(password) < MIN_LENGTH:
            problems.append(Problem.of("password: at least {n} characters", n=MIN_LENGTH))
        if problems:
            raise ValidationError.of("cannot add user", problems=problems)

    def _insert_user(
        self,
        s: Session,
        by: str,
        username: str,
        password: str,
        role: str,
        *,
        first_admin: bool = False,
        **profile: Unpack[UserProfile],
    ) -> UserInfo:
        now = self.clock.now()
        if repo.user_by_name(s, username) is not None:
            raise Conflict.of("a user named {username!r} already exists", username=username)
        scope = [community_named(s, name) for name in profile.get("communities") or []]
        org = None
        organization, kind = profile.get("organization"), profile.get("organization_kind")
        if organization:
            org = repo.organization_by_name(s, organization)
            if org is None and kind is not None:
                org = new_organization(s, organization, kind, at=now, actor=by)
            if org is None:
                raise NotFound.of(
                    "no organization named {organization!r}", organization=organization
                )
        user = User(
            username=username,
            display_name=profile.get("display_name") or username,
            role=role,
            password_hash=hash_password(password),
            created_at=now,
            organization=org,
            communities=scope,
        )
        s.add(user)
        s.flush()
        if pg_security.is_postgres(s):
            # the person's own login role, in the same transaction as the row
            pg_security.create_login(s, username, password, role)
        info = _user_info(user)
        after: dict[str, object] = {
            "username": username,
            "role": role,
            "communities": list(info.communities),
        }
        if org is not None:
            after["organization"] = org.name
        if first_admin:
            after["first_admin"] = True
        audit.record(s, now, by, "user.create", "user", user.id, after=after)
        return info

    def list_users(self, actor: Actor) -> list[UserInfo]:
        actor.require("read")
        with self.db.read() as s:
            return [_user_info(u) for u in repo.all_users(s)]

    def get_user(self, actor: Actor, username: str) -> UserInfo:
        """One user as ``list_users`` shows them (after a write that returns nothing)."""
        actor.require("read")
        with self.db.read() as s:
            return _user_info(self._user(s, username))

    def unlock(self, actor: Actor, username: str) -> bool:
        """Lift a sign-in lock and reset the failure count (audited); return whether the
        account was locked."""
        actor.require("users.write")
        now = self.clock.now()
        with self.db.write() as s:
            user = repo.user_by_name(s, username)
            if user is None:
                raise NotFound.of("no user named {username!r}", username=username)
            was_locked = user.locked_until is not None and user.locked_until > now
            before = {"locked_until": user.locked_until, "failed_logins": user.failed_logins}
            user.locked_until = None
            user.failed_logins = 0
            if pg_security.is_postgres(s) and user.active and before["locked_until"]:
                pg_security.set_login_active(s, username, True)  # the lock is its NOLOGIN
            audit.record(
                s,
                now,
                actor,
                "user.unlock",
                "user",
                user.id,
                before=before,
                after={"locked_until": None, "failed_logins": 0},
            )
        return was_locked

    def set_role(self, actor: Actor, username: str, role: str) -> UserInfo:
        """Give a user another console role (audited); on PostgreSQL move their login role
        to that role's group in the same transaction."""
        return self.update_user(actor, username, role=role)

    def set_communities(self, actor: Actor, username: str, communities: list[str]) -> UserInfo:
        """Limit a user to these communities (none: all of them), audited; on PostgreSQL the
        row-level security reads the same rows, so the person's reach follows at once."""
        return self.update_user(actor, username, communities=communities)

    def update_user(
        self,
        actor: Actor,
        username: str,
        *,
        role: str | None = None,
        communities: list[str] | None = None,
    ) -> UserInfo:
        """Change a user's role and/or communities in one transaction, each change audited
        (the Users page's edit: both or neither)."""
        actor.require("users.write")
        if role is not None and role not in ROLES:
            raise ValidationError.of(
                "role {role!r}: must be one of {roles}", role=role, roles=list(ROLES)
            )
        with self.db.write() as s:
            user = self._user(s, username)
            if role is not None and user.role != role:
                if user.username == actor.username:
                    raise PermissionDenied.of("you cannot change your own role")
                before = user.role
                user.role = role
                if pg_security.is_postgres(s):
                    pg_security.set_login_role(s, username, role)
                self._audit(s, actor, "user.role", user, {"role": before}, {"role": role})
            if communities is not None:
                self._set_scope(s, actor, user, communities)
            return _user_info(user)

    def _set_scope(self, s: Session, actor: Actor, user: User, communities: list[str]) -> None:
        scope = []
        for name in dict.fromkeys(n.strip() for n in communities if n.strip()):
            scope.append(community_named(s, name))
        before = sorted(c.name for c in user.communities)
        after = sorted(c.name for c in scope)
        if before == after:
            return
        user.communities = scope
        s.flush()
        self._audit(
            s, actor, "user.communities", user, {"communities": before}, {"communities": after}
        )

    def set_active(self, actor: Actor, username: str, active: bool) -> UserInfo:
        """Disable a user (they can no longer sign in; their history stays) or enable them
        again; on PostgreSQL their login role becomes NOLOGIN / LOGIN with it, and a disabled
        person's open sessions are ended once that is committed (so a seat cannot reconnect
        in between): their console says "your account was disabled" at its next action."""
        actor.require("users.write")
        with self.db.write() as s:
            user = self._user(s, username)
            if user.active == active:
                return _user_info(user)
            if user.username == actor.username:
                raise PermissionDenied.of("you cannot disable yourself")
            user.active = active
            postgres = pg_security.is_postgres(s)
            if postgres:
                pg_security.set_login_active(s, username, active)
            action = "user.enable" if active else "user.disable"
            self._audit(s, actor, action, user, {"active": not active}, {"active": active})
            info = _user_info(user)
        if postgres and not active:
            with self.db.write() as s:
                pg_security.end_sessions(s, username)
        return info

    def confirm(self, actor: Actor) -> Actor:
        """Return the signed-in person as the database has them now, before an action.

        Raises:
            AccountDisabled: they were disabled since they signed in (on PostgreSQL their
                sessions were ended, so the database refuses the connection itself).
            RoleChanged: their role or communities changed; ``actor`` of the error is the
                person now, for the console to go on with.
        """
        if actor.user_id is None:  # the system, not a person
            return actor
        try:
            with self.db.glance() as s:  # one statement: the user joined with communities
                user = repo.user_by_name(s, actor.username)
                now = None if user is None or not user.active else actor_of(user)
        except AccountDisabled:
            now = None
        if now is None:
            raise AccountDisabled.of(
                "your account {username} was disabled: ask an administrator",
                username=actor.username,
            )
        if (now.role, now.community_ids) != (actor.role, actor.community_ids):
            changed = RoleChanged.of(
                "your role was changed to {role} since you signed in: the console now shows "
                "what that role may do; try again",
                role=now.role,
            )
            changed.actor = now
            raise changed
        return now

    def set_password(self, actor: Actor, username: str, password: str) -> None:
        """Set a user's password: an admin for anyone, everyone for themselves (audited,
        the password itself never); on PostgreSQL the login role's SCRAM password too."""
        if actor.username != username:
            actor.require("users.write")
        if len(password) < MIN_LENGTH:
            raise ValidationError.of("password: at least {n} characters", n=MIN_LENGTH)
        with self.db.write() as s:
            user = self._user(s, username)
            if pg_security.is_postgres(s):
                # through the database's function: a person may not write the users table,
                # only their own password
                pg_security.set_login_password(s, username, password, hash_password(password))
            else:
                user.password_hash = hash_password(password)
                user.failed_logins = 0
            self._audit(s, actor, "user.password", user, None, {"password": "changed"})

    def _user(self, s: Session, username: str) -> User:
        user = repo.user_by_name(s, username)
        if user is None:
            raise NotFound.of("no user named {username!r}", username=username)
        return user

    def _audit(
        self, s: Session, actor: Actor, action: str, user: User, before: object, after: object
    ) -> None:
        audit.record(
            s, self.clock.now(), actor, action, "user", user.id, before=before, after=after
        )

    # communities ------------------------------------------------------------------
    def add_community(
        self,
        actor: Actor,
        name: str,
        *,
        zones: list[str] | None = None,
        timezone: str = DEFAULT_TIMEZONE,
        name_en: str | None = None,
        address: str | None = None,
        phone: str | None = None,
    ) -> CommunityInfo:
        actor.require("community.write")
        name = name.strip()
        if phone is not None:
            phone = _office_phone(phone)
        check_text(name, "community name")
        check_text(name_en, "English name", max_length=100)
        check_text(address, "address", max_length=200)
        for zone in zones or []:
            check_text(zone, "zone", max_length=100)
        if not name or len(name) > 100:
            raise ValidationError.of("community name: 1-100 characters")
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValidationError.of(
                "--timezone: unknown time zone {timezone!r}", timezone=timezone
            ) from exc
        zone_names = [z.strip() for z in zones or [] if z.strip()]
        if len(set(zone_names)) != len(zone_names):
            raise ValidationError.of("zones: each zone name once")
        now = self.clock.now()
        with self.db.write() as s:
            if repo.community_by_name(s, name) is not None:
                raise Conflict.of("a community named {name!r} already exists", name=name)
            c = Community(
                name=name,
                name_en=name_en,
                timezone=timezone,
                address=address,
                phone=phone,
                zones=[Zone(name=z) for z in zone_names],
            )
            audit.created(
                s,
                c,
                now,
                actor,
                "community.create",
                "community",
                after={"name": name, "timezone": timezone, "zones": zone_names}
                | ({"phone": phone} if phone else {}),
            )
            return CommunityInfo.of(c)

    def add_zone(self, actor: Actor, community: str, zone: str) -> CommunityInfo:
        """Add a zone (building, block, gate area) to an existing community, audited.

        Raises:
            ValidationError: an empty or over-long zone name.
            NotFound: no such community, or the user does not see it.
            Conflict: the community has a zone of that name.
        """
        actor.require("community.write")
        name = zone.strip()
        check_text(name, "zone", max_length=100)
        if not name or len(name) > 100:
            raise ValidationError.of("zone: 1-100 characters")
        now = self.clock.now()
        with self.db.write() as s:
            c = repo.community_by_name(s, community.strip())
            if c is None or not actor.sees_community(c.id):
                raise NotFound.of("no community named {name!r}", name=community)
            if repo.zone(s, c.id, name) is not None:
                raise Conflict.of(
                    "community {community} already has a zone {zone!r}",
                    community=c.name,
                    zone=name,
                )
            z = Zone(name=name)
            c.zones.append(z)
            s.flush()
            audit.record(
                s, now, actor, "community.add_zone", "community", c.id, after={"zone": name}
            )
            return CommunityInfo.of(c)

    def list_communities(self, actor: Actor) -> list[CommunityInfo]:
        actor.require("read")
        with self.db.read() as s:
            return [
                CommunityInfo.of(c) for c in repo.all_communities(s) if actor.sees_community(c.id)
            ]

    def set_community_phone(self, actor: Actor, name: str, phone: str) -> CommunityInfo:
        """Set the community office's phone number (printed on resident notices), audited.

        Raises:
            ValidationError: not a mainland mobile or landline number with its area code.
            NotFound: no such community, or the user does not see it.
        """
        actor.require("community.write")
        number = _office_phone(phone)
        now = self.clock.now()
        with self.db.write() as s:
            c = repo.community_by_name(s, name.strip())
            if c is None or not actor.sees_community(c.id):
                raise NotFound.of("no community named {name!r}", name=name)
            before = c.phone
            c.phone = number
            audit.record(
                s,
                now,
                actor,
                "community.update",
                "community",
                c.id,
                before={"phone": before},
                after={"phone": number},
            )
            return CommunityInfo.of(c)

    def list_organizations(self, actor: Actor) -> list[OrganizationInfo]:
        """Every organization by name: the firm, committees, teams a person may belong to."""
        actor.require("read")
        with self.db.read() as s:
            return [OrganizationInfo(o.name, o.kind) for o in repo.all_organizations(s)]

    def add_organization(self, actor: Actor, name: str, kind: str) -> int:
        actor.require("users.write")
        check_organization(name, kind)
        now = self.clock.now()
        with self.db.write() as s:
            if repo.organization_by_name(s, name) is not None:
                raise Conflict.of("an organization named {name!r} already exists", name=name)
            return new_organization(s, name, kind, at=now, actor=actor.username).id


def refusal(username: str, state: str, minutes: int) -> AuthenticationFailed:
    """Why a sign-in was refused, in the same words whoever checked the password (this
    service, or PostgreSQL for a seat): ``state`` is "now_locked" (this failure locked the
    account), "locked" (for ``minutes`` more) or anything else (a wrong name or password)."""
    if state == "now_locked":
        return AuthenticationFailed.of(
            "account {username} is now locked for 15 minutes after {failures} failed sign-ins",
            username=username,
            failures=MAX_FAILURES,
        )
    if state == "locked":
        return AuthenticationFailed.of(
            "account {username} is locked after {failures} failed sign-ins; "
            "try again in {minutes} minute{s} or ask an administrator",
            username=username,
            failures=MAX_FAILURES,
            minutes=minutes,
            s="s" if minutes > 1 else "",
        )
    return AuthenticationFailed.of("wrong user name or password")
