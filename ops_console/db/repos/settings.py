"""Installation settings (``settings``): values by name, written with who and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Setting


def values(session: Session, prefix: str = "") -> dict[str, str]:
    """name → stored value (JSON) of the settings whose name starts with ``prefix``."""
    q = select(Setting.name, Setting.value)
    if prefix:
        q = q.where(Setting.name.startswith(prefix, autoescape=True))
    return {r[0]: r[1] for r in session.execute(q)}


def put(session: Session, name: str, value: str, at: datetime, by: str) -> str | None:
    """Store a setting; returns the value it had (None if it was not set)."""
    row = session.get(Setting, name)
    if row is None:
        session.add(Setting(name=name, value=value, updated_at=at, updated_by=by))
        return None
    before = row.value
    row.value, row.updated_at, row.updated_by = value, at, by
    return before
