"""Health spans, poller runs, alarms and care alerts (samples: ``models.series``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, unique_where


class HealthSpan(Base):
    """A span during which a device had one health; ``ends_at`` is None while it lasts."""

    __tablename__ = "health_spans"
    __table_args__ = (
        Index("ix_health_spans_device_start", "device_id", "starts_at"),
        # at most one open span per device (migration 0008)
        unique_where("uq_health_spans_open", "device_id", where="ends_at IS NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    health: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]


class PollerRun(Base):
    """A run of a poller: the time between runs is unknown, not up and not down."""

    __tablename__ = "poller_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    host: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime]
    heartbeat_at: Mapped[datetime]
    stopped_at: Mapped[datetime | None]
    last_cycle_json: Mapped[str] = mapped_column(Text, default="{}")
    # the registered poller this run was an incarnation of (migration 0008)
    poller_id: Mapped[int | None] = mapped_column(ForeignKey("pollers.id", ondelete="SET NULL"))


class AlarmRuleState(Base):
    """The debouncer's counters for one device and rule, kept across restarts."""

    __tablename__ = "alarm_rule_states"

    device_id: Mapped[int] = mapped_column(
        ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True
    )
    rule: Mapped[str] = mapped_column(String(64), primary_key=True)
    failing: Mapped[int] = mapped_column(default=0)
    passing: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=False)
    level: Mapped[str | None] = mapped_column(String(16))


class Alarm(Base):
    """A device fault. Its hand-over to work orders is recorded as it happened:
    ``handover_status`` pending (not yet, or failed and due again at ``handover_next_at``),
    done (``work_order_id``, ``handed_over_at``) or failed (refused for good, no more retries);
    ``handover_attempts`` and ``handover_error`` (the last reason) say how it went (migration 0003).

    Telling the work order that the alarm cleared ("device recovered") is recorded the same way
    (migration 0005): ``recovery_status`` is NULL while the alarm is open (or when it has no work
    order and never will), pending from its clearing until the work-order service recorded it
    (due again at ``recovery_next_at`` after a failure), done, or failed (it can never succeed,
    e.g. the work order was closed or cancelled: ``recovery_error`` says why).
    """

    __tablename__ = "alarms"
    __table_args__ = (
        Index("ix_alarms_device_rule_open", "device_id", "rule", "cleared_at"),
        Index("ix_alarms_handover_due", "handover_status", "handover_next_at"),
        Index("ix_alarms_recovery_due", "recovery_status", "recovery_next_at"),
        # at most one open alarm per device and rule (migration 0008)
        unique_where("uq_alarms_open_device_rule", "device_id", "rule", where="cleared_at IS NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(64))
    # critical, major, minor, warning
    severity: Mapped[str] = mapped_column(String(16))
    # the message as a code plus parameters (domain.messages.Msg as JSON), rendered in the
    # reader's language when shown; never a sentence (migration 0016)
    message_data: Mapped[str] = mapped_column(Text)
    opened_at: Mapped[datetime] = mapped_column(index=True)
    cleared_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"))
    handed_over_at: Mapped[datetime | None]
    repeat_count: Mapped[int] = mapped_column(default=0)
    # the work order an alarm dispatches: repair, inspection or cleaning (a bin's overflow)
    work_kind: Mapped[str] = mapped_column(String(16), default="repair")
    # poll (debounced), trap (an event), stale (no data while the poller runs)
    source: Mapped[str] = mapped_column(String(16), default="poll")
    # pending, done, failed (see the class docstring)
    handover_status: Mapped[str] = mapped_column(
        String(16), default="pending", server_default="pending"
    )
    handover_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    handover_error: Mapped[str | None] = mapped_column(String(500))
    handover_next_at: Mapped[datetime | None]
    # NULL, pending, done, failed (see the class docstring)
    recovery_status: Mapped[str | None] = mapped_column(String(16))
    recovery_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    recovery_error: Mapped[str | None] = mapped_column(String(500))
    recovery_next_at: Mapped[datetime | None]


class CareAlert(Base):
    """A person event from a wristband (SOS, fall, removal): never a repair work order."""

    __tablename__ = "care_alerts"
    # one alert per band event (migration 0008)
    __table_args__ = (
        Index("uq_care_alerts_event", "device_id", "kind", "band_id", "raised_at", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    band_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    raised_at: Mapped[datetime] = mapped_column(index=True)
    resident_enc: Mapped[str | None] = mapped_column(Text)
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(String(500))
    # closed with the outcome once the person was looked after (migration 0016)
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str | None] = mapped_column(String(500))
