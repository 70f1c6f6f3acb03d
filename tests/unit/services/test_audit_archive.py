"""Archiving old audit entries: kept 180 days, sealed by the chain, verify goes on after them."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta

import pytest

from ops_console.domain.errors import PermissionDenied, ValidationError

KEY = bytes(range(32))  # a fixed Ed25519 private key for the tests


def _history(services, admin, clock, days=(0, 10, 20, 200, 210)):
    """Communities added on the given days after the clock's start, then the clock moves on."""
    start = clock.current
    for i, day in enumerate(days):
        clock.current = start + timedelta(days=day)
        services.accounts.add_community(admin, f"社区{i}")
    return start


@pytest.fixture
def aged(services, admin, clock):
    """Entries 1 (admin user) and 2–4 are > 180 days old at the end; 5–6 are recent."""
    start = _history(services, admin, clock)
    clock.current = start + timedelta(days=215)
    return start


def test_archive_moves_the_old_run_and_verify_goes_on(services, admin, clock, aged, tmp_path):
    path = tmp_path / "audit-2026.jsonl"
    cutoff = aged + timedelta(days=30)
    r = services.audit.archive(admin, before=cutoff, signing_key=KEY, path=path)
    assert (r.first_id, r.last_id, r.entries) == (1, 4, 4)
    assert services.audit.count() == 3  # entries 5, 6 and the audit.archive entry 7
    result = services.audit.verify()
    assert result.ok, result.problem
    assert (result.archived, result.entries) == (4, 3)
    newest = services.audit.page(admin)[0]
    assert newest.action == "audit.archive"
    assert json.loads(newest.after_json)["file_sha256"] == r.sha256
    check = services.audit.check_archive(path)
    assert check.ok and check.recorded and (check.first_id, check.last_id) == (1, 4)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["format"] == "ops-console audit archive"
    assert [json.loads(x)["id"] for x in lines[1:-1]] == [1, 2, 3, 4]
    assert set(json.loads(lines[-1])) == {"signature"}
    assert check.signed_by == json.loads(lines[0])["signing_key"]
    assert "社区0" in lines[2]  # Chinese kept readable, not escaped


def test_a_second_archive_continues_from_the_first(services, admin, clock, aged, tmp_path):
    services.audit.archive(
        admin, before=aged + timedelta(days=5), signing_key=KEY, path=tmp_path / "a.jsonl"
    )
    second = services.audit.archive(
        admin, before=aged + timedelta(days=30), signing_key=KEY, path=tmp_path / "b.jsonl"
    )
    assert (second.first_id, second.last_id) == (3, 4)
    assert services.audit.verify().ok
    assert services.audit.check_archive(tmp_path / "b.jsonl").ok
    assert [a["file"] for a in services.audit.archives(admin)] == ["a.jsonl", "b.jsonl"]


def test_entries_younger_than_180_days_stay(services, admin, clock, aged, tmp_path):
    too_recent = clock.current - timedelta(days=179)
    with pytest.raises(ValidationError, match="kept at least 180 days"):
        services.audit.archive(admin, before=too_recent, signing_key=KEY, path=tmp_path / "x.jsonl")
    assert not (tmp_path / "x.jsonl").exists()
    assert services.audit.count() == 6


def test_nothing_to_archive_and_refusals_write_nothing(services, admin, clock, aged, tmp_path):
    with pytest.raises(ValidationError, match="no audit entries before"):
        services.audit.archive(
            admin, before=aged - timedelta(days=1), signing_key=KEY, path=tmp_path / "x.jsonl"
        )
    (tmp_path / "exists.jsonl").write_text("keep me")
    with pytest.raises(ValidationError, match="exists already"):
        services.audit.archive(
            admin, before=aged + timedelta(days=30), signing_key=KEY, path=tmp_path / "exists.jsonl"
        )
    assert (tmp_path / "exists.jsonl").read_text() == "keep me"
    with pytest.raises(ValidationError, match="does not exist"):
        services.audit.archive(
            admin,
            before=aged + timedelta(days=30),
            signing_key=KEY,
            path=tmp_path / "no" / "x.jsonl",
        )
    services.accounts.add_user(admin, "aud", "audpass12", "auditor")
    with pytest.raises(PermissionDenied):
        services.audit.archive(
            services.accounts.actor("aud"),
            before=aged + timedelta(days=30),
            signing_key=KEY,
            path=tmp_path / "y.jsonl",
        )
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".jsonl") == ["exists.jsonl"]
    assert services.audit.count() == 7  # + the auditor user
    assert services.audit.verify().ok


def test_a_broken_chain_is_not_archived(services, admin, clock, aged, tmp_path, db_path):
    con = sqlite3.connect(db_path)
    con.execute("UPDATE audit_entries SET prev_hash = 'x' WHERE id = 3")
    con.commit()
    con.close()
    with pytest.raises(ValidationError, match="broken at entry 3"):
        services.audit.archive(
            admin, before=aged + timedelta(days=30), signing_key=KEY, path=tmp_path / "x.jsonl"
        )
    assert not list(tmp_path.glob("*x.jsonl*"))
    assert services.audit.count() == 6


def test_an_edited_archive_file_is_named(services, admin, clock, aged, tmp_path):
    path = tmp_path / "a.jsonl"
    services.audit.archive(admin, before=aged + timedelta(days=30), signing_key=KEY, path=path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("社区1", "社区X"), encoding="utf-8")
    check = services.audit.check_archive(path)
    assert not check.ok
    assert "line 4: entry 3 was altered" in check.problem
    # dropping a line is named as a gap
    lines = text.splitlines(keepends=True)
    path.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")
    assert "entry 2 is missing" in services.audit.check_archive(path).problem
    path.write_text("hello\n", encoding="utf-8")
    assert "not an Ops Console audit archive" in services.audit.check_archive(path).problem


def test_a_forged_archive_record_is_detected(services, admin, clock, aged, tmp_path, db_path):
    """Deleting old entries and inserting an archive record by hand does not fool verify."""
    services.audit.archive(
        admin, before=aged + timedelta(days=5), signing_key=KEY, path=tmp_path / "a.jsonl"
    )
    con = sqlite3.connect(db_path)
    row = con.execute("SELECT hash FROM audit_entries WHERE id = 4").fetchone()
    con.execute("DELETE FROM audit_entries WHERE id <= 4")
    con.execute(
        "INSERT INTO audit_archives (id, at, actor, first_id, last_id, prev_hash, last_hash, "
        "entries, before, file_name, file_sha256, signing_key) VALUES (2, "
        "'2026-01-01 00:00:00.000000', 'root', 3, 4, 'x', ?, 2, '2026-01-01 00:00:00.000000', "
        "'fake.jsonl', 'y', 'z')",
        row,
    )
    con.commit()
    con.close()
    result = services.audit.verify()
    assert not result.ok
    assert "archive 2" in result.problem and "no audit.archive entry" in result.problem


def test_entries_left_behind_an_archive_are_named(services, admin, clock, aged, tmp_path, db_path):
    """Altering the archive's record in SQL (to hide entries) is caught by its chain entry."""
    services.audit.archive(
        admin, before=aged + timedelta(days=30), signing_key=KEY, path=tmp_path / "a.jsonl"
    )
    con = sqlite3.connect(db_path)
    con.execute("UPDATE audit_archives SET entries = 3")
    con.commit()
    con.close()
    result = services.audit.verify()
    assert not result.ok and "differs from what entry 7 recorded" in result.problem


def test_before_needs_a_time_zone(services, admin, aged, tmp_path):
    with pytest.raises(ValidationError, match="time zone"):
        services.audit.archive(
            admin, before=datetime(2026, 1, 1), signing_key=KEY, path=tmp_path / "x.jsonl"
        )


def test_a_rehashed_archive_fails_its_signature(services, admin, clock, aged, tmp_path):
    """Editing an entry and recomputing every hash after it still breaks the signature."""
    from ops_console.services.audit.trail import entry_hash

    path = tmp_path / "a.jsonl"
    services.audit.archive(admin, before=aged + timedelta(days=30), path=path, signing_key=KEY)
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [json.loads(x) for x in lines[1:-1]]
    prev = json.loads(lines[0])["prev_hash"]
    for e in entries:
        if e["id"] == 3:
            e["after_json"] = e["after_json"].replace("社区1", "社区X")
        e["prev_hash"] = prev
        e["hash"] = prev = entry_hash(
            e["id"],
            datetime.fromisoformat(e["at"]),
            e["actor"],
            e["action"],
            e["entity"],
            e["entity_id"],
            e["before_json"],
            e["after_json"],
            e["prev_hash"],
        )
    forged = [
        lines[0],
        *(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in entries),
    ]
    path.write_text("\n".join([*forged, lines[-1]]) + "\n", encoding="utf-8")
    check = services.audit.check_archive(path)
    assert not check.ok and "signature does not match" in check.problem
    path.write_text("\n".join(forged) + "\n", encoding="utf-8")  # signature line dropped
    assert "not signed" in services.audit.check_archive(path).problem


def test_an_archive_signed_by_another_key_is_whole_but_not_ours(
    services, admin, clock, aged, tmp_path
):
    path = tmp_path / "a.jsonl"
    services.audit.archive(
        admin, before=aged + timedelta(days=30), path=path, signing_key=bytes(32)
    )
    with services.db.write() as s:  # this installation's record names a different key
        from ops_console.db.models import AuditArchive

        s.get(AuditArchive, 1).signing_key = "another"
    check = services.audit.check_archive(path)
    assert check.ok and check.recorded is False
