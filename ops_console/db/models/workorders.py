"""Work orders, their status history, parts, numbering and preventive plans."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, LargeBinary, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.messages import Msg, text_or_message, typed
from .accounts import User
from .base import Base, unique_where
from .contracts import Contract
from .devices import Device
from .org import Community


class WorkOrder(Base):
    __tablename__ = "work_orders"
    __table_args__ = (
        Index("ix_work_orders_status", "status"),
        Index("ix_work_orders_created_at", "created_at"),
        Index("ix_work_orders_device_rule", "device_id", "alarm_rule"),
        Index("ix_work_orders_contract_resolved", "contract_id", "resolved_at"),
        # an alarm raises at most one open work order per device and rule (migration 0008)
        unique_where(
            "uq_work_orders_open_alarm",
            "device_id",
            "alarm_rule",
            where="source = 'alarm' AND status NOT IN ('closed', 'cancelled')",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    # repair, inspection, cleaning
    kind: Mapped[str] = mapped_column(String(16), default="repair")
    # alarm, liaison, resident_phone, resident_walk_in, resident_app, preventive
    source: Mapped[str] = mapped_column(String(20))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    sla_policy_id: Mapped[int | None] = mapped_column(ForeignKey("sla_policies.id"))
    priority: Mapped[str] = mapped_column(String(2))
    # what people typed; a title the console raises is a message instead (``title_data``)
    title: Mapped[str] = mapped_column(String(200))
    # the JSON of a domain.messages.Msg (``workorder.alarm_title``…), rendered when shown
    title_data: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="new")
    held_from: Mapped[str | None] = mapped_column(String(16))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # the team dispatched (e.g. the collection team for a cleaning order), if any
    team_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]
    # the last resolve while resolved or closed (None once reopened): narrows SLA reports
    resolved_at: Mapped[datetime | None]
    cause_code: Mapped[str | None] = mapped_column(String(32))
    resolution_code: Mapped[str | None] = mapped_column(String(32))
    resolution_note: Mapped[str | None] = mapped_column(Text)
    labour_minutes: Mapped[int] = mapped_column(default=0)
    # Fernet token of {"name": ..., "phone": ...}; key from the keyring, never in the database
    resident_contact_enc: Mapped[str | None] = mapped_column(Text)
    contact_consent: Mapped[bool] = mapped_column(default=False)
    alarm_rule: Mapped[str | None] = mapped_column(String(64))
    device_recovered_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    device: Mapped[Device | None] = relationship()
    assignee: Mapped[User | None] = relationship()
    # read only: loaded with the order (``repos.workorders.by_number``) so its detail names
    # them without a query each; the ids above are what is written
    community: Mapped[Community] = relationship(viewonly=True)
    contract: Mapped[Contract | None] = relationship(viewonly=True)
    events: Mapped[list[WorkOrderEvent]] = relationship(
        back_populates="work_order", order_by="WorkOrderEvent.seq", cascade="all, delete-orphan"
    )
    parts: Mapped[list[WorkOrderPart]] = relationship(
        back_populates="work_order", order_by="WorkOrderPart.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def title_msg(self) -> Msg:
        """The title in words of any language: the console's message, or what a person typed."""
        return text_or_message(self.title, self.title_data) or typed("")


class WorkOrderEvent(Base):
    """One lifecycle step: time, actor, from/to status, note and hold reason."""

    __tablename__ = "work_order_events"
    __table_args__ = (UniqueConstraint("work_order_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"))
    seq: Mapped[int]
    # created, assigned, reassigned, accepted, held, resumed, resolved, reopened, closed, cancelled
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    # a note the console writes itself: the JSON of a domain.messages.Msg
    note_data: Mapped[str | None] = mapped_column(Text)
    override_reason: Mapped[str | None] = mapped_column(Text)

    work_order: Mapped[WorkOrder] = relationship(back_populates="events")

    @property
    def note_msg(self) -> Msg | None:
        """The note in words of any language: the console's message, or what a person typed."""
        return text_or_message(self.note, self.note_data)


class WorkOrderPart(Base):
    __tablename__ = "work_order_parts"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    unit_cost: Mapped[Decimal] = mapped_column(Numeric(12, 2))

    work_order: Mapped[WorkOrder] = relationship(back_populates="parts")


class WorkOrderAttachment(Base):
    """A photo or PDF kept with a work order: its bytes, a small PNG thumbnail and who added it.

    The bytes live in the database, not in a folder beside it, so every seat of a shared
    PostgreSQL installation reads the same files under the same row-level security.
    """

    __tablename__ = "work_order_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(
        ForeignKey("work_orders.id", ondelete="CASCADE"), index=True
    )
    # before, after, signoff, other
    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(255))
    # image/jpeg, image/png (a HEIC photo is stored converted to JPEG), application/pdf
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    added_at: Mapped[datetime]
    added_by: Mapped[str] = mapped_column(String(64))


class WorkOrderCounter(Base):
    """The last number issued per year; incremented under a row lock."""

    __tablename__ = "work_order_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class PreventivePlan(Base):
    __tablename__ = "preventive_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    category_code: Mapped[str | None] = mapped_column(ForeignKey("device_categories.code"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id"))
    # either every N days or monthly on a day (29-31: the last day of shorter months)
    every_days: Mapped[int | None]
    day_of_month: Mapped[int | None]
    kind: Mapped[str] = mapped_column(String(16), default="inspection")
    priority: Mapped[str] = mapped_column(String(2), default="P4")
    starts_on: Mapped[date]
    active: Mapped[bool] = mapped_column(default=True)
    # copied into the description of each work order the plan generates
    checklist: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime | None]


class PreventiveRun(Base):
    """A plan's due date for one device: generated once, never twice."""

    __tablename__ = "preventive_runs"
    __table_args__ = (UniqueConstraint("plan_id", "device_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("preventive_plans.id", ondelete="CASCADE"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    due_on: Mapped[date]
    work_order_id: Mapped[int | None] = mapped_column(ForeignKey("work_orders.id"))


class SlaReminder(Base):
    """A reminder fired for a work order (at the warning ratio or at the deadline)."""

    __tablename__ = "sla_reminders"
    __table_args__ = (UniqueConstraint("work_order_id", "target", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id", ondelete="CASCADE"))
    # response, resolution
    target: Mapped[str] = mapped_column(String(16))
    # at_risk, breached
    kind: Mapped[str] = mapped_column(String(16))
    fired_at: Mapped[datetime]
