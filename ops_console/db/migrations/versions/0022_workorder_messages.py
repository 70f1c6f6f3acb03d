"""work-order titles and timeline notes the console writes are stored as a code plus
parameters (title_data, note_data: JSON of domain.messages.Msg), rendered in the reader's
language; the English titles and notes stored before are taken apart into codes here

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

# The words the console wrote before 0022, frozen here: this migration must read what older
# versions wrote, whatever later versions say.
_ALARM_NOTE = re.compile(r"alarm (\d+): (\S+) \((\w+)\)")
_PLAN_NOTE = re.compile(r"plan (\d+), due (\d{4}-\d\d-\d\d)")
_LEVELS = ("ok", "warning", "critical", "compliance")


def _msg(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _level(severity: str) -> dict[str, Any]:
    if severity in _LEVELS:
        return _msg(f"level.{severity}")
    return _msg("text.typed", text=severity)


def only_fields(note: str) -> bool:
    """Whether a created event's note is nothing but ``source=…; kind=…`` (the order's own
    source and kind, which the history import used to copy into the timeline)."""
    parts = [p for p in note.replace(",", ";").split(";") if p.strip()]
    return bool(parts) and all(
        re.fullmatch(r"\s*(source|kind)\s*=\s*[a-z_]+\s*", p) is not None for p in parts
    )


def event_note(
    note: str, alarms: dict[int, tuple[str, str]], plans: dict[int, str]
) -> dict[str, Any] | None:
    """A note the console wrote, as a message; None for a person's note (kept as written)."""
    text = note.strip()
    if text == "automatic dispatch":
        return _msg("workorder.dispatched")
    m = _ALARM_NOTE.fullmatch(text)
    if m:
        alarm_id, severity = int(m[1]), m[3]
        if alarm_id in alarms:
            message = json.loads(alarms[alarm_id][0])
            return _msg(
                "workorder.raised_by_alarm", id=alarm_id, severity=_level(severity), alarm=message
            )
        return _msg("workorder.raised_by_alarm_rule", id=alarm_id, severity=_level(severity))
    m = _PLAN_NOTE.fullmatch(text)
    if m:
        return _msg("workorder.preventive_due", plan=plans.get(int(m[1]), m[1]), date=m[2])
    return None


def upgrade() -> None:
    with op.batch_alter_table("work_orders") as batch:
        batch.add_column(sa.Column("title_data", sa.Text(), nullable=True))
    with op.batch_alter_table("work_order_events") as batch:
        batch.add_column(sa.Column("note_data", sa.Text(), nullable=True))
    bind = op.get_bind()
    alarms = {
        row[0]: (row[1], row[2])
        for row in bind.execute(sa.text("SELECT id, message_data, severity FROM alarms"))
    }
    plans = {row[0]: row[1] for row in bind.execute(sa.text("SELECT id, name FROM preventive_plans"))}
    # an alarm's order was titled "<device name>: <the alarm's message in English>"
    raised = bind.execute(
        sa.text(
            "SELECT w.id, w.title, d.name, "
            "(SELECT min(a.id) FROM alarms a WHERE a.work_order_id = w.id) "
            "FROM work_orders w JOIN devices d ON d.id = w.device_id WHERE w.source = 'alarm'"
        )
    ).all()
    for wo_id, title, device_name, alarm_id in raised:
        if alarm_id is None or not (title or "").startswith(f"{device_name}: "):
            continue  # imported history: a person's title
        data = _msg(
            "workorder.alarm_title", device=device_name, alarm=json.loads(alarms[alarm_id][0])
        )
        bind.execute(
            sa.text("UPDATE work_orders SET title = '', title_data = :d WHERE id = :i"),
            {"d": _dumps(data), "i": wo_id},
        )
    # a plan's order was titled "<plan name>: <device name>"
    planned = bind.execute(
        sa.text(
            "SELECT w.id, w.title, p.name, d.name FROM preventive_runs r "
            "JOIN work_orders w ON w.id = r.work_order_id "
            "JOIN preventive_plans p ON p.id = r.plan_id JOIN devices d ON d.id = r.device_id"
        )
    ).all()
    for wo_id, title, plan_name, device_name in planned:
        if title != f"{plan_name}: {device_name}"[:200]:
            continue  # imported history adopted by a plan: a person's title
        data = _msg("workorder.preventive_title", plan=plan_name, device=device_name)
        bind.execute(
            sa.text("UPDATE work_orders SET title = '', title_data = :d WHERE id = :i"),
            {"d": _dumps(data), "i": wo_id},
        )
    events = bind.execute(
        sa.text("SELECT id, kind, note FROM work_order_events WHERE note IS NOT NULL")
    ).all()
    for event_id, kind, note in events:
        if kind == "created" and only_fields(note):
            bind.execute(
                sa.text("UPDATE work_order_events SET note = NULL WHERE id = :i"), {"i": event_id}
            )
            continue
        found = event_note(note, alarms, plans)
        if found is not None:
            bind.execute(
                sa.text("UPDATE work_order_events SET note = NULL, note_data = :d WHERE id = :i"),
                {"d": _dumps(found), "i": event_id},
            )


def downgrade() -> None:
    from ops_console.domain.messages import Msg

    bind = op.get_bind()
    for wo_id, data in bind.execute(
        sa.text("SELECT id, title_data FROM work_orders WHERE title_data IS NOT NULL")
    ).all():
        bind.execute(
            sa.text("UPDATE work_orders SET title = :t WHERE id = :i"),
            {"t": str(Msg.from_json(data))[:200], "i": wo_id},
        )
    for event_id, data in bind.execute(
        sa.text("SELECT id, note_data FROM work_order_events WHERE note_data IS NOT NULL")
    ).all():
        bind.execute(
            sa.text("UPDATE work_order_events SET note = :t WHERE id = :i"),
            {"t": str(Msg.from_json(data)), "i": event_id},
        )
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy of work_orders would break the
    # foreign keys that point at it
    op.drop_column("work_order_events", "note_data")
    op.drop_column("work_orders", "title_data")
