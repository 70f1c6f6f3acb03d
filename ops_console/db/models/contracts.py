"""Contracts, business calendars and versioned SLA policies."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...domain.clock import DEFAULT_TIMEZONE
from .base import Base
from .org import Community, Organization, community_links

contract_communities = community_links("contract_communities", "contracts")


class BusinessCalendar(Base):
    """A calendar: 24x7, or working hours per weekday plus holidays and make-up days.

    The hours, holidays and make-up days are stored as JSON text, exactly as
    :mod:`ops_console.domain.calendar` parses them.
    """

    __tablename__ = "calendars"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    always_open: Mapped[bool] = mapped_column(default=False)
    hours_json: Mapped[str] = mapped_column(Text, default="{}")
    holidays_json: Mapped[str] = mapped_column(Text, default="[]")
    makeup_json: Mapped[str] = mapped_column(Text, default="{}")


class Contract(Base):
    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    firm_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    monthly_fee: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    penalty_cap_ratio: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    timezone: Mapped[str] = mapped_column(String(64), default=DEFAULT_TIMEZONE)
    # the [parties] and [availability] tables of the contract file, as JSON (None: not given)
    parties_json: Mapped[str | None] = mapped_column(Text, default=None)
    availability_json: Mapped[str | None] = mapped_column(Text, default=None)

    firm: Mapped[Organization] = relationship()
    communities: Mapped[list[Community]] = relationship(
        secondary=contract_communities, order_by="Community.name"
    )
    policies: Mapped[list[SlaPolicy]] = relationship(
        back_populates="contract", order_by="SlaPolicy.version"
    )


class SlaPolicy(Base):
    """One version of a contract's SLA terms; work orders keep the version they were created under."""

    __tablename__ = "sla_policies"
    __table_args__ = (UniqueConstraint("contract_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"))
    version: Mapped[int]
    effective_from: Mapped[datetime]
    created_at: Mapped[datetime]
    source_digest: Mapped[str] = mapped_column(String(64))
    # The hold reason codes that stop the clocks, as a JSON list; NULL: every reason does
    # (a contract file without a [pause] term).
    stops_clock_json: Mapped[str | None] = mapped_column(Text)

    contract: Mapped[Contract] = relationship(back_populates="policies")
    terms: Mapped[list[SlaTerm]] = relationship(
        back_populates="policy", cascade="all, delete-orphan", order_by="SlaTerm.key"
    )


class SlaTerm(Base):
    """Targets and penalties for one priority (P1..P4) or work-order kind (cleaning)."""

    __tablename__ = "sla_terms"
    __table_args__ = (UniqueConstraint("policy_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("sla_policies.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(16))
    response_minutes: Mapped[int]
    resolution_minutes: Mapped[int]
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id"))
    warning_ratio: Mapped[Decimal] = mapped_column(Numeric(4, 3), default=Decimal("0.8"))
    penalty_per_breach: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    penalty_per_hour: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))

    policy: Mapped[SlaPolicy] = relationship(back_populates="terms")
    calendar: Mapped[BusinessCalendar | None] = relationship()


class SlaStatement(Base):
    """An issued SLA statement (结算单): one revision of one contract's month, never edited.

    A later revision of the same month replaces the earlier one and says so; ``figures_json``
    holds every figure printed, ``figures_sha256`` their digest.
    """

    __tablename__ = "sla_statements"
    __table_args__ = (UniqueConstraint("contract_id", "year", "month", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="RESTRICT"))
    year: Mapped[int]
    month: Mapped[int]
    revision: Mapped[int]
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("sla_statements.id"))
    figures_json: Mapped[str] = mapped_column(Text)
    figures_sha256: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime]
    issued_by: Mapped[str] = mapped_column(String(64))
