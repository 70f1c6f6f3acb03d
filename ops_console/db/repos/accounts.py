"""Queries over users and communities."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from ..models import Community, Organization, User, Zone


def user_by_name(session: Session, username: str) -> User | None:
    """The user with their communities, in one statement (joined)."""
    return (
        session.execute(
            select(User).options(joinedload(User.communities)).where(User.username == username)
        )
        .unique()
        .scalar_one_or_none()
    )


def usernames(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """The user names of these user ids, in one query."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in rows}


def display_names(session: Session, logins: Iterable[str]) -> dict[str, str]:
    """The display names of these logins, in one query (logins without a user are left out)."""
    wanted = sorted(set(logins))
    if not wanted:
        return {}
    rows = session.execute(
        select(User.username, User.display_name).where(User.username.in_(wanted))
    )
    return {login: name for login, name in rows if name}


def any_user(session: Session) -> bool:
    return session.execute(select(User.id).limit(1)).first() is not None


def all_users(session: Session) -> list[User]:
    return list(
        session.execute(
            select(User)
            .options(selectinload(User.communities), selectinload(User.organization))
            .order_by(User.role, User.username)
        ).scalars()
    )


def community_by_name(session: Session, name: str) -> Community | None:
    return session.execute(select(Community).where(Community.name == name)).scalar_one_or_none()


def any_community(session: Session) -> bool:
    return session.execute(select(Community.id).limit(1)).first() is not None


def all_communities(session: Session) -> list[Community]:
    return list(
        session.execute(
            select(Community).options(selectinload(Community.zones)).order_by(Community.name)
        ).scalars()
    )


def zone(session: Session, community_id: int, name: str) -> Zone | None:
    return session.execute(
        select(Zone).where(Zone.community_id == community_id, Zone.name == name)
    ).scalar_one_or_none()


def organization_by_name(session: Session, name: str) -> Organization | None:
    return session.execute(
        select(Organization).where(Organization.name == name)
    ).scalar_one_or_none()


def all_organizations(session: Session) -> list[Organization]:
    return list(session.execute(select(Organization).order_by(Organization.name)).scalars())
