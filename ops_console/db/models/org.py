"""Communities, their zones, and organizations (firms, offices, teams)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
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


def community_links(name: str, owner: str) -> Table:
    """The table linking rows of ``owner`` (a table name: users, contracts) to communities,
    many to many: one row per pair, keyed by both ids (``<owner>_id``, ``community_id``),
    deleted with either of them."""
    owner_id = f"{owner.removesuffix('s')}_id"
    return Table(
        name,
        Base.metadata,
        Column(owner_id, ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True),
        Column("community_id", ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True),
    )


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # firm, community_office, subdistrict, collection_team, auditor
    kind: Mapped[str] = mapped_column(String(32))
