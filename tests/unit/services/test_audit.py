"""The audit chain: written with each change, verified, tampering detected."""

from __future__ import annotations

import sqlite3

import pytest

from ops_console.domain.errors import Conflict
from ops_console.services.context import SYSTEM


def _changes(services, admin, n=3):
    for i in range(n):
        services.accounts.add_community(admin, f"社区{i}", zones=["1幢"])


def test_every_change_is_audited_and_the_chain_is_intact(services, admin):
    _changes(services, admin)
    result = services.audit.verify()
    assert result.ok, result.problem
    assert result.entries == 4  # the admin user + three communities
    rows = services.audit.page(admin)
    assert [r.action for r in rows][:3] == ["community.create"] * 3
    assert rows[0].actor == "root"
    assert len(result.fingerprint) == 64


def test_editing_one_row_is_named(services, admin, db_path):
    _changes(services, admin)
    con = sqlite3.connect(db_path)
    con.execute(
        "UPDATE audit_entries SET after_json = replace(after_json, '社区1', '社区X') WHERE id = 3"
    )
    con.commit()
    con.close()
    result = services.audit.verify()
    assert not result.ok
    assert result.first_broken == 3
    assert "entry 3 was altered" in result.problem


def test_deleting_a_row_is_named_as_a_gap(services, admin, db_path):
    _changes(services, admin)
    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM audit_entries WHERE id = 2")
    con.commit()
    con.close()
    result = services.audit.verify()
    assert not result.ok and result.first_broken == 2
    assert "entry 2 is missing" in result.problem


def test_deleting_the_newest_rows_is_detected(services, admin, db_path):
    _changes(services, admin)
    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM audit_entries WHERE id >= 3")
    con.commit()
    con.close()
    result = services.audit.verify()
    assert not result.ok
    assert "deleted" in result.problem


def test_rehashing_an_edited_row_breaks_the_next_link(services, admin, db_path):
    """An attacker who recomputes the edited entry's hash still breaks its successor."""
    from ops_console.services.audit.trail import entry_hash

    _changes(services, admin)
    with services.db.read() as s:
        from ops_console.db.models import AuditEntry

        e = s.get(AuditEntry, 2)
        forged = entry_hash(
            e.id,
            e.at,
            "mallory",
            e.action,
            e.entity,
            e.entity_id,
            e.before_json,
            e.after_json,
            e.prev_hash,
        )
    con = sqlite3.connect(db_path)
    con.execute("UPDATE audit_entries SET actor='mallory', hash=? WHERE id = 2", (forged,))
    con.commit()
    con.close()
    result = services.audit.verify()
    assert not result.ok and result.first_broken == 3
    assert "does not link" in result.problem


def test_a_failed_change_writes_no_audit_entry(services, admin):
    services.accounts.add_community(SYSTEM, "湖滨")
    before = services.audit.count()
    with pytest.raises(Conflict):
        services.accounts.add_community(admin, "湖滨")
    assert services.audit.count() == before
