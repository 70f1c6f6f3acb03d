"""The one audited create-or-update: a new row with its whole audit entry, an update with
only what changed, no entry when nothing did; in the caller's transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from ops_console.db.engine import Database
from ops_console.db.models import AuditEntry, Course
from ops_console.services import audit

AT = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)


def _save(db: Database, values: dict[str, object]) -> audit.Saved:
    with db.write() as s:
        row = s.scalars(select(Course).where(Course.code == "SAFE-1")).one_or_none()
        _, saved = audit.save(
            s,
            row,
            values,
            create=lambda: Course(code="SAFE-1", **values),
            at=AT,
            actor="admin",
            entity="course",
            entity_id="SAFE-1",
            actions=("course.create", "course.update"),
        )
        return saved


def _entries(db: Database) -> list[tuple[str, object, object]]:
    with db.read() as s:
        return [
            (
                e.action,
                e.before_json and json.loads(e.before_json),
                json.loads(e.after_json or "null"),
            )
            for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def test_create_then_update_only_what_changed_then_nothing(db: Database) -> None:
    first = {"title": "安全", "validity_months": 12, "categories": "", "mandatory_for": ""}
    assert _save(db, first) is audit.Saved.CREATED
    assert _save(db, first | {"validity_months": 24}) is audit.Saved.UPDATED
    assert _save(db, first | {"validity_months": 24}) is audit.Saved.UNCHANGED
    assert _entries(db) == [
        ("course.create", None, first),
        ("course.update", {"validity_months": 12}, {"validity_months": 24}),
    ]
    with db.read() as s:
        assert s.scalars(select(Course.validity_months)).one() == 24


def test_the_snapshot_decides_what_the_entry_shows(db: Database) -> None:
    with db.write() as s:
        course, saved = audit.save(
            s,
            None,
            {"title": "x"},
            create=lambda: Course(code="C-2", title="x", validity_months=6),
            at=AT,
            actor="admin",
            entity="course",
            entity_id="C-2",
            actions=("course.create", "course.update"),
            snapshot=lambda c: {"code": c.code, "months": c.validity_months},
        )
        assert saved is audit.Saved.CREATED and course.id is not None  # flushed: it has its id
    assert _entries(db) == [("course.create", None, {"code": "C-2", "months": 6})]
