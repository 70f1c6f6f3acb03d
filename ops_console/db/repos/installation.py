"""Queries over the installation key, its stored secrets and its enrolled hosts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import EnrolledHost, InstallationKey, StoredSecret


def key_row(session: Session, *, lock: bool = False) -> InstallationKey | None:
    q = select(InstallationKey).where(InstallationKey.id == 1)
    if lock:
        q = q.with_for_update()
    return session.execute(q).scalar_one_or_none()


def all_secrets(session: Session) -> list[StoredSecret]:
    return list(session.execute(select(StoredSecret).order_by(StoredSecret.name)).scalars())


def approved_hosts(session: Session) -> list[EnrolledHost]:
    q = select(EnrolledHost).where(EnrolledHost.sealed_key.is_not(None))
    return list(session.execute(q.order_by(EnrolledHost.host)).scalars())


def all_hosts(session: Session) -> list[EnrolledHost]:
    return list(session.execute(select(EnrolledHost).order_by(EnrolledHost.host)).scalars())
