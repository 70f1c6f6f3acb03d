"""The audit witness: cutting the newest entries and rewriting audit_head no longer passes."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from datetime import UTC, datetime, timedelta

import pytest

from ops_console.cli import main
from ops_console.db.engine import Database
from ops_console.secrets import SecretStore
from ops_console.services.audit import witness
from ops_console.services.audit.trail import verify


@pytest.fixture
def url(tmp_path, monkeypatch):
    u = f"sqlite:///{tmp_path / 'ops.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("rootpass1\n"))
    assert main(["init", "--db", u, "--admin", "root", "--password-stdin"]) == 0
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    return u


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _truncate(url: str, keep: int) -> None:
    """What an attacker with write access to the database does: cut the end, fix the head."""
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    con.execute("DELETE FROM audit_entries WHERE id > ?", (keep,))
    (last_hash,) = con.execute("SELECT hash FROM audit_entries WHERE id = ?", (keep,)).fetchone()
    con.execute("UPDATE audit_head SET last_id = ?, last_hash = ?", (keep, last_hash))
    con.commit()
    con.close()


def test_truncation_with_a_rewritten_head_is_caught_by_the_witness(url, tmp_path, capsys):
    run(capsys, "communities", "add", "湖滨", "--db", url)
    code, out, _ = run(capsys, "audit", "verify", "--db", url)
    assert code == 0 and "witness: checkpoint of entry 2 appended to" in out
    for name in ("张江", "科技园"):
        run(capsys, "communities", "add", name, "--db", url)
    code, out, _ = run(capsys, "audit", "verify", "--db", url)
    assert code == 0 and "checkpoint of entry 4 appended" in out

    _truncate(url, keep=2)
    with Database(url).read() as s:  # the chain alone cannot tell: it is intact
        assert verify(s).ok
    code, out, err = run(capsys, "audit", "verify", "--db", url)
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(
        "audit chain TRUNCATED: the chain ends at entry 2, but the witness log saw entry 4 on "
    )
    assert "the newest entries were removed" in lines[0]
    # and no checkpoint of the cut chain was written: it stays caught
    assert run(capsys, "audit", "verify", "--db", url)[0] == 1


def test_a_rewritten_entry_at_the_witnessed_head_is_caught(url, tmp_path, capsys):
    run(capsys, "communities", "add", "湖滨", "--db", url)
    assert run(capsys, "audit", "verify", "--db", url)[0] == 0
    # rewrite the witnessed entry and re-hash it and the head: a consistent, other history
    from ops_console.db.models import AuditEntry, AuditHead
    from ops_console.services.audit.trail import entry_hash

    db = Database(url)
    with db.write() as s:
        e = s.get(AuditEntry, 2)
        e.actor = "mallory"
        e.hash = entry_hash(
            e.id, e.at, e.actor, e.action, e.entity, e.entity_id, e.before_json,
            e.after_json, e.prev_hash,
        )  # fmt: skip
        s.get(AuditHead, 1).last_hash = e.hash
    with db.read() as s:
        assert verify(s).ok  # the chain alone cannot tell
    db.dispose()
    code, _, err = run(capsys, "audit", "verify", "--db", url)
    assert code == 1 and "audit chain REWRITTEN: entry 2 is not the one the witness log saw" in err


def test_the_witness_log_can_live_elsewhere_and_is_itself_checked(
    url, tmp_path, capsys, monkeypatch
):
    elsewhere = tmp_path / "share" / "witness.jsonl"
    monkeypatch.setenv("OPS_CONSOLE_AUDIT_WITNESS", str(elsewhere))
    assert run(capsys, "audit", "verify", "--db", url)[0] == 0
    assert run(capsys, "audit", "verify", "--db", url)[0] == 0
    lines = elsewhere.read_text("utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["last_id"] == 1 and first["database"].endswith("ops.db")
    # the public half of the installation's key signs it; the private half stays in the keyring
    assert SecretStore().archive_signing_key().hex() not in elsewhere.read_text("utf-8")

    # a forged line (say, to move the witnessed head back) breaks the signature
    first["last_id"] = 0
    elsewhere.write_text(json.dumps(first) + "\n" + lines[1] + "\n", "utf-8")
    code, _, err = run(capsys, "audit", "verify", "--db", url)
    assert code == 1 and "line 1: the signature does not match" in err
    # dropping a line in the middle shows too
    elsewhere.write_text(lines[1] + "\n", "utf-8")
    code, _, err = run(capsys, "audit", "verify", "--db", url)
    assert code == 1 and "line 1: does not follow line 0" in err
    # --witness names another file
    other = tmp_path / "other.jsonl"
    assert run(capsys, "audit", "verify", "--db", url, "--witness", str(other))[0] == 0
    assert len(other.read_text("utf-8").splitlines()) == 1


def test_the_poller_witnesses_at_most_daily(url, tmp_path):
    db = Database(url)
    path = tmp_path / "w.jsonl"
    key = SecretStore().archive_signing_key
    t0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
    assert witness.witness_if_due(db, key, t0, path) is not None
    assert witness.witness_if_due(db, key, t0 + timedelta(hours=23), path) is None
    again = witness.witness_if_due(db, key, t0 + timedelta(hours=24), path)
    assert again is not None and again.last_id == 1
    assert len(path.read_text("utf-8").splitlines()) == 2
    # a cut chain is never witnessed
    with Database(url).write() as s:
        from ops_console.services import audit

        audit.record(s, at=t0, actor="root", action="x", entity="y", entity_id="1")
    witness.witness_if_due(db, key, t0 + timedelta(days=2), path)
    _truncate(url, keep=1)
    assert witness.witness_if_due(db, key, t0 + timedelta(days=3), path) is None
    assert witness.last_checkpoint(db, path).last_id == 2
    db.dispose()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_audit_report_prints_the_last_checkpoint(url, tmp_path, capsys, lang):
    from pypdf import PdfReader

    assert run(capsys, "audit", "verify", "--db", url)[0] == 0
    log = json.loads(witness.witness_path().read_text("utf-8").splitlines()[-1])
    pdf, csv = tmp_path / "audit.pdf", tmp_path / "audit.csv"
    argv = ["report", "audit", "--from", "2026-01-01", "--to", "2026-12-31", "--lang", lang]
    code, _, err = run(capsys, *argv, "--out", str(pdf), "--csv", str(csv), "--db", url)
    assert code == 0, err
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    label = "最近一次见证检查点" if lang == "zh_CN" else "Last witness checkpoint"
    assert label in text and log["last_hash"][:16] in text
    assert log["last_hash"][:16] in csv.read_text("utf-8-sig")
