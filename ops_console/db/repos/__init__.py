"""Queries, one module per area: services call these instead of building SQL."""

from __future__ import annotations

from typing import Any, TypeAlias

from sqlalchemy import Row

# A result row of any width. ``Row`` is variadic (one type per column) since SQLAlchemy 2.1,
# so ``Row[Any]`` would mean a row of exactly one column.
AnyRow: TypeAlias = "Row[*tuple[Any, ...]]"
