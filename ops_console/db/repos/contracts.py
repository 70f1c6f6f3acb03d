"""Queries over contracts, business calendars and versioned SLA policies."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from ..models import (
    BusinessCalendar,
    Contract,
    SlaPolicy,
    SlaStatement,
    SlaTerm,
    contract_communities,
)


def contract_by_code(session: Session, code: str) -> Contract | None:
    return session.execute(
        select(Contract)
        .options(selectinload(Contract.communities), selectinload(Contract.firm))
        .where(Contract.code == code)
    ).scalar_one_or_none()


def all_contracts(session: Session) -> list[Contract]:
    return list(
        session.execute(
            select(Contract)
            .options(selectinload(Contract.communities), selectinload(Contract.firm))
            .order_by(Contract.code)
        ).scalars()
    )


def contracts_for_community(session: Session, community_id: int, on: date) -> list[Contract]:
    """Return the contracts covering a community on a date, most recently started first."""
    return list(
        session.execute(
            select(Contract)
            .join(contract_communities, contract_communities.c.contract_id == Contract.id)
            .where(
                contract_communities.c.community_id == community_id,
                Contract.starts_on <= on,
                Contract.ends_on >= on,
            )
            .order_by(Contract.starts_on.desc(), Contract.id.desc())
        ).scalars()
    )


def calendars_named(session: Session, name: str) -> list[BusinessCalendar]:
    """Return the calendar ``name`` and its later versions (``name v2``, ...), oldest first."""
    return list(
        session.execute(
            select(BusinessCalendar)
            .where((BusinessCalendar.name == name) | BusinessCalendar.name.startswith(f"{name} v"))
            .order_by(BusinessCalendar.id)
        ).scalars()
    )


def calendars_by_id(session: Session, ids: list[int]) -> dict[int, BusinessCalendar]:
    if not ids:
        return {}
    rows = session.execute(select(BusinessCalendar).where(BusinessCalendar.id.in_(ids))).scalars()
    return {c.id: c for c in rows}


def policies(session: Session, contract_id: int) -> list[SlaPolicy]:
    """Return a contract's policy versions with their terms, oldest first."""
    return list(
        session.execute(
            select(SlaPolicy)
            .options(selectinload(SlaPolicy.terms).selectinload(SlaTerm.calendar))
            .where(SlaPolicy.contract_id == contract_id)
            .order_by(SlaPolicy.version)
        ).scalars()
    )


def policies_by_id(session: Session, ids: list[int]) -> dict[int, SlaPolicy]:
    """The policies with their contract (joined), then their terms with each calendar
    (joined): two statements."""
    if not ids:
        return {}
    rows = session.execute(
        select(SlaPolicy)
        .options(
            selectinload(SlaPolicy.terms).joinedload(SlaTerm.calendar),
            joinedload(SlaPolicy.contract),
        )
        .where(SlaPolicy.id.in_(ids))
    ).scalars()
    return {p.id: p for p in rows}


def statements(
    session: Session,
    contract_id: int | None = None,
    year: int | None = None,
    month: int | None = None,
) -> list[SlaStatement]:
    """Return issued SLA statements (of a contract, of a month), oldest revision first."""
    q = select(SlaStatement)
    if contract_id is not None:
        q = q.where(SlaStatement.contract_id == contract_id)
    if year is not None and month is not None:
        q = q.where(SlaStatement.year == year, SlaStatement.month == month)
    return list(
        session.execute(
            q.order_by(
                SlaStatement.contract_id,
                SlaStatement.year,
                SlaStatement.month,
                SlaStatement.revision,
            )
        ).scalars()
    )
