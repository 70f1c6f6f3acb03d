"""The poller registry and the device leases that share the devices among live pollers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Poller(Base):
    """A named poller. ``epoch`` counts its registrations: a poller that lost its database
    and registers again gets a new epoch, so what it did under the old one is fenced off.

    It is live while ``stopped_at`` is None and its heartbeat is younger than the failover
    delay. ``stop_reason`` is ``stopped`` (a clean stop) or ``dead`` (it missed its heartbeats
    and another poller took its devices back); ``devices_at_stop`` is how many it held then.
    """

    __tablename__ = "pollers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    host: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(default=0)
    # {"communities": [names], "zones": [names]}; empty lists = every device
    scope_json: Mapped[str] = mapped_column(Text, default="{}")
    epoch: Mapped[int] = mapped_column(default=1)
    started_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]
    stopped_at: Mapped[datetime | None]
    stop_reason: Mapped[str | None] = mapped_column(String(16))
    devices_at_stop: Mapped[int] = mapped_column(default=0)
    last_cycle_json: Mapped[str] = mapped_column(Text, default="{}")


class DeviceLease(Base):
    """Which poller polls a device. ``token`` (the fencing token) grows each time the lease
    changes hands; a poller stores a device's results only while the lease still carries
    the token it was given, so a poller that was taken over cannot write after the fact.
    ``previous_poller_id`` is the last holder that lost it (for "taken over by" messages).
    """

    __tablename__ = "device_leases"
    __table_args__ = (Index("ix_device_leases_poller", "poller_id"),)

    device_id: Mapped[int] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    poller_id: Mapped[int | None] = mapped_column(ForeignKey("pollers.id", ondelete="SET NULL"))
    token: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), default=0, server_default="0"
    )
    # when the lease last changed hands (claimed, released, created)
    changed_at: Mapped[datetime | None]
    previous_poller_id: Mapped[int | None] = mapped_column(
        ForeignKey("pollers.id", ondelete="SET NULL")
    )
