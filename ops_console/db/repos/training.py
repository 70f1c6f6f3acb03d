"""Queries over courses and training records."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ..models import Course, TrainingRecord, User


def all_courses(session: Session) -> list[Course]:
    return list(session.execute(select(Course).order_by(Course.code)).scalars())


def course_by_code(session: Session, code: str) -> Course | None:
    return session.execute(select(Course).where(Course.code == code)).scalar_one_or_none()


def records(session: Session, user_ids: Iterable[int] | None = None) -> list[TrainingRecord]:
    """Return training records with their course (joined: one statement, not two),
    optionally of some users only."""
    q = select(TrainingRecord).options(joinedload(TrainingRecord.course))
    if user_ids is not None:
        q = q.where(TrainingRecord.user_id.in_(list(user_ids)))
    return list(
        session.execute(q.order_by(TrainingRecord.user_id, TrainingRecord.completed_on)).scalars()
    )


def record_for(
    session: Session, user_id: int, course_id: int, certificate_no: str | None, completed_on: object
) -> TrainingRecord | None:
    """Return the record of a user and course with this certificate (or completion date)."""
    q = select(TrainingRecord).where(
        TrainingRecord.user_id == user_id, TrainingRecord.course_id == course_id
    )
    if certificate_no:
        q = q.where(TrainingRecord.certificate_no == certificate_no)
    else:
        q = q.where(TrainingRecord.completed_on == completed_on)
    return session.execute(q).scalars().first()


def active_users(session: Session) -> list[User]:
    return list(
        session.execute(
            select(User)
            .options(joinedload(User.organization))
            .where(User.active.is_(True))
            .order_by(User.username)
        ).scalars()
    )
