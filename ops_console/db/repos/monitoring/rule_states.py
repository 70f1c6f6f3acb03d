"""Alarm rule states: each device's debounce counters per rule."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from ._tables import _rules, driver_rows_in
from .rows import RuleStateRow


def rule_states(session: Session, ids: Sequence[int]) -> dict[tuple[int, str], RuleStateRow]:
    """(device id, rule) → the debouncer's state of that rule (plain driver rows: read for
    every batch of poll results)."""
    rows = driver_rows_in(
        session,
        "SELECT device_id, rule, failing, passing, active, level FROM alarm_rule_states",
        "device_id",
        ids,
    )
    return {(r[0], r[1]): RuleStateRow(r[0], r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows}


def save_rule_states(
    session: Session,
    inserts: list[dict[str, Any]],
    updates: list[dict[str, Any]],
    deletes: list[dict[str, Any]],
) -> None:
    """Apply debouncer changes: rows are dicts of the columns (``b_id``/``b_rule`` as keys)."""
    if inserts:
        session.execute(insert(_rules), inserts)
    if updates:
        session.execute(
            update(_rules)
            .where(_rules.c.device_id == bindparam("b_id"), _rules.c.rule == bindparam("b_rule"))
            .values(
                failing=bindparam("v_failing"),
                passing=bindparam("v_passing"),
                active=bindparam("v_active"),
                level=bindparam("v_level"),
            ),
            [
                {"b_id": u["b_id"], "b_rule": u["b_rule"]}
                | {f"v_{k}": u[k] for k in ("failing", "passing", "active", "level")}
                for u in updates
            ],
        )
    if deletes:
        session.execute(
            delete(_rules).where(
                _rules.c.device_id == bindparam("b_id"), _rules.c.rule == bindparam("b_rule")
            ),
            deletes,
        )


def active_rule_devices(session: Session, rule: str) -> set[int]:
    q = select(_rules.c.device_id).where(_rules.c.rule == rule, _rules.c.active.is_(True))
    return {r[0] for r in session.connection().execute(q)}
