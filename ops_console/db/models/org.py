"""Communities, their zones, and organizations (firms, offices, teams)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.clock import DEFAULT_TIMEZONE
from .base import Base


class Community(Base):
    __tablename__ = "communities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    address: Mapped[str | None] = mapped_column(String(300))
    # the community office's number residents call (printed on every resident notice)
    phone: Mapped[str | None] = mapped_column(String(40))

    zones: Mapped[list[Zone]] = relationship(
        back_populates="community", cascade="all, delete-orphan", order_by="Zone.name"
    )


class Zone(Base):
    __tablename__ = "zones"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))

    community: Mapped[Community] = relationship(back_populates="zones")


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # firm, community_office, subdistrict, collection_team, auditor
    kind: Mapped[str] = mapped_column(String(32))
