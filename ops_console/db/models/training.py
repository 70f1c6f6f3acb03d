"""Courses and training records (certificates)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts import User
from .base import Base


class Course(Base):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    # category codes separated by ";" (empty: certifies none, e.g. a safety course)
    categories: Mapped[str] = mapped_column(String(300), default="")
    validity_months: Mapped[int]
    # roles for which the course is mandatory, separated by ";"
    mandatory_for: Mapped[str] = mapped_column(String(200), default="")


class TrainingRecord(Base):
    __tablename__ = "training_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    completed_on: Mapped[date]
    score: Mapped[int | None]
    certificate_no: Mapped[str | None] = mapped_column(String(64))
    expires_on: Mapped[date]

    user: Mapped[User] = relationship()
    course: Mapped[Course] = relationship()
