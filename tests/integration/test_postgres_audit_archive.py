"""An audit archive of PostgreSQL entries (which hash the login role, db_role) verifies: the
archive file carries db_role, and verify-archive hashes it as the database did. The owner makes
the archive: no login role may delete audit entries."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from tests.integration.postgres import find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]


def test_an_archive_of_postgresql_entries_verifies(tmp_path):
    with postgres_server() as url:
        db = Database(url)
        migrate.upgrade(db)
        keys = SecretStore(MemoryKeyring())
        january = Services(db, FixedClock(datetime(2026, 1, 5, tzinfo=UTC)), keys)
        january.accounts.add_first_admin("root", "rootpass1")
        root = january.accounts.actor("root")
        january.accounts.add_community(root, "湖滨")
        november = Services(db, FixedClock(datetime(2026, 11, 2, tzinfo=UTC)), keys)
        november.accounts.add_community(root, "张江")
        path = tmp_path / "audit-2026-01.jsonl"
        made = november.audit.archive(
            root,
            before=datetime(2026, 5, 1, tzinfo=UTC),
            path=path,
            signing_key=keys.archive_signing_key(),
        )
        assert (made.first_id, made.last_id) == (1, 2)
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert {e.get("db_role") for e in lines[1:-1]} == {"ops"}
        check = november.audit.check_archive(path)
        assert check.ok, check.problem
        assert november.audit.verify().ok
        db.dispose()
