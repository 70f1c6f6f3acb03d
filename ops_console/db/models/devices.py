"""Device categories, devices, their current state and maintenance windows."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base
from .contracts import Contract
from .org import Community, Zone


class DeviceCategory(Base):
    """A category code of DOMAIN.md; its polling profile lives in resources/profiles/."""

    __tablename__ = "device_categories"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(100))
    name_zh: Mapped[str] = mapped_column(String(100))


class Device(Base):
    __tablename__ = "devices"
    __table_args__ = (
        Index("ix_devices_community_category", "community_id", "category_code"),
        Index("ix_devices_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    asset_tag: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category_code: Mapped[str] = mapped_column(ForeignKey("device_categories.code"))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"))
    location: Mapped[str | None] = mapped_column(String(200))
    vendor: Mapped[str | None] = mapped_column(String(100))
    model: Mapped[str | None] = mapped_column(String(100))
    serial: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(255))
    snmp_version: Mapped[str] = mapped_column(String(8), default="v2c")
    snmp_port: Mapped[int] = mapped_column(default=161)
    credential: Mapped[str | None] = mapped_column(String(100))
    poll_interval_s: Mapped[int] = mapped_column(default=300)
    install_date: Mapped[date | None]
    warranty_end: Mapped[date | None]
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    # in_service, under_maintenance, retired
    status: Mapped[str] = mapped_column(String(20), default="in_service")
    # low, normal, high, life_safety
    criticality: Mapped[str] = mapped_column(String(16), default="normal")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # lower-cased tag, name, location and address for the search box (migration 0002)
    search_text: Mapped[str] = mapped_column(String(800), default="", index=True)

    category: Mapped[DeviceCategory] = relationship()
    community: Mapped[Community] = relationship()
    zone: Mapped[Zone | None] = relationship()
    contract: Mapped[Contract | None] = relationship()


class DeviceState(Base):
    """The current health of a device, kept apart from its inventory record."""

    __tablename__ = "device_states"

    device_id: Mapped[int] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    # up, degraded, down, unknown
    health: Mapped[str] = mapped_column(String(16), default="unknown")
    health_since: Mapped[datetime | None]
    last_poll_at: Mapped[datetime | None]
    last_ok_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    # JSON: per-metric last values for the status grid (e.g. manual passage working)
    summary_json: Mapped[str] = mapped_column(Text, default="{}")


class MaintenanceWindow(Base):
    """A planned window for a device or a whole community: no alarms, no SLA, no availability."""

    __tablename__ = "maintenance_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(String(500))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
