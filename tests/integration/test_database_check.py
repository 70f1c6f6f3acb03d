"""Database.check turns every SQLAlchemy failure into a DatabaseError with the reason."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import TimeoutError as PoolTimeout

from ops_console.db.engine import Database, DatabaseError


def test_a_driver_error_reports_the_drivers_reason(tmp_path):
    db = Database(f"sqlite:///{tmp_path}")  # a folder, which SQLite cannot open
    with pytest.raises(DatabaseError, match=r"cannot reach the database .*unable to open"):
        db.check()


def test_an_error_without_a_driver_cause_is_a_database_error_too(tmp_path, monkeypatch):
    db = Database(f"sqlite:///{tmp_path / 'ops.db'}")

    def refuse():
        raise PoolTimeout("QueuePool limit of size 5 overflow 10 reached")

    monkeypatch.setattr(db.engine, "connect", refuse)
    with pytest.raises(DatabaseError, match=r"cannot reach the database .*QueuePool limit"):
        db.check()
