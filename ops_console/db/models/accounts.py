"""Staff and users: login, role, community scope, lockout state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .org import Community, Organization, community_links

user_communities = community_links("user_communities", "users")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    # technician, liaison, manager, admin, auditor
    role: Mapped[str] = mapped_column(String(16))
    # deferred: on PostgreSQL no login role may read the hashes, so loading a user leaves it out
    password_hash: Mapped[str] = mapped_column(String(256), deferred=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]

    organization: Mapped[Organization | None] = relationship()
    communities: Mapped[list[Community]] = relationship(
        secondary=user_communities, order_by="Community.name"
    )
