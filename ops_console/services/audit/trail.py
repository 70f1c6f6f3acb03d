"""The audit trail: hash-chained entries written in the caller's transaction, and verify."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ...db import Session, pg_security
from ...db.models import AuditArchive, AuditEntry
from ...db.repos import audit as repo

if TYPE_CHECKING:
    from ..context import Actor

GENESIS = "0" * 64


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return str(value)


def canonical(value: object) -> str | None:
    """Serialise a before/after snapshot the same way every time (sorted keys)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_default)


def entry_hash(
    entry_id: int,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    before_json: str | None,
    after_json: str | None,
    prev_hash: str,
    db_role: str | None = None,
) -> str:
    """Return the SHA-256 of an entry's fields and its predecessor's hash.

    On PostgreSQL the database appends the entries (``ops_audit_append``) and hashes the login
    role that made the change with them, as the last field; SQLite's entries have none.
    """
    fields: list[object] = [
        entry_id,
        at.isoformat(timespec="microseconds"),
        actor,
        action,
        entity,
        entity_id,
        before_json,
        after_json,
        prev_hash,
    ]
    if db_role is not None:
        fields.append(db_role)
    payload = json.dumps(
        fields,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditRow:
    """One entry of the chain as it reads back: the fields it is hashed over, in the order
    ``entry_hash`` takes them, and its hash.

    Attributes:
        db_role: PostgreSQL only: the login role that made the change (hashed last).
    """

    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    before_json: str | None
    after_json: str | None
    prev_hash: str
    hash: str
    db_role: str | None = None

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditRow:
        """The entry of a row of ``audit_entries``."""
        return cls(**{f.name: getattr(entry, f.name) for f in fields(cls)})

    @classmethod
    def from_archive(cls, line: dict[str, Any]) -> AuditRow:
        """The entry of an archive file's line (``archive_line``'s dictionary read back).

        Raises:
            TypeError, KeyError, ValueError: the line is no entry.
        """
        return cls(**{**line, "at": datetime.fromisoformat(line["at"])})

    def archive_line(self) -> dict[str, object]:
        """The entry as an archive file keeps it: every field, ``at`` to the microsecond as
        hashed, ``db_role`` only where there is one."""
        line = asdict(self)
        line["at"] = self.at.isoformat(timespec="microseconds")
        if self.db_role is None:
            del line["db_role"]
        return line

    def digest(self) -> str:
        """The hash the entry must carry: ``entry_hash`` of its other fields, in their order."""
        hashed = asdict(self)
        del hashed["hash"]
        return entry_hash(*hashed.values())


def record(
    session: Session,
    at: datetime,
    actor: Actor | str,
    action: str,
    entity: str,
    entity_id: object | None = None,
    *,
    before: object = None,
    after: object = None,
) -> None:
    """Append an entry to the chain inside the caller's transaction: who (a signed-in
    ``Actor``, whose username the log keeps, or a name such as ``"system"``), when, the action
    and the entity it touched, then what the entity was and became.

    The head row is locked first, so concurrent writers (several consoles on one
    PostgreSQL) queue up instead of forking the chain. On PostgreSQL the database appends
    it (``ops_audit_append``: no login role may write the audit tables itself), recording
    the login role; the services' entries then cover their transaction's changes, and the
    database's audit trigger adds none of its own (one entry per change, not two).
    """
    at = at.astimezone(UTC)  # hashed exactly as it reads back from either database
    content: dict[str, Any] = {
        "at": at,
        "actor": actor if isinstance(actor, str) else actor.username,
        "action": action,
        "entity": entity,
        "entity_id": None if entity_id is None else str(entity_id),
        "before_json": canonical(before),
        "after_json": canonical(after),
    }
    if pg_security.is_postgres(session):
        pg_security.audit_append(session, **content)
        return
    head = repo.lock_head(session, GENESIS)
    entry_id = head.last_id + 1
    digest = entry_hash(entry_id, **content, prev_hash=head.last_hash)
    session.add(AuditEntry(id=entry_id, **content, prev_hash=head.last_hash, hash=digest))
    head.last_id = entry_id
    head.last_hash = digest


def record_stamp(
    session: Session,
    at: datetime,
    actor: Actor | str,
    action: str,
    entity: str,
    entity_id: object,
    stamp: str,
    **facts: object,
) -> None:
    """Record that the entity's time ``stamp`` (``"cleared_at"``, ``"acknowledged_at"``...),
    unset until now, was set to ``at``, with the facts that came with it (a reason, a note,
    an outcome): the entry's before is ``{stamp: None}``, its after ``{stamp: at, **facts}``."""
    record(
        session,
        at,
        actor,
        action,
        entity,
        entity_id,
        before={stamp: None},
        after={stamp: at, **facts},
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return only the fields that changed, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


@dataclass(frozen=True)
class VerifyResult:
    """The result of walking the chain.

    Attributes:
        ok: True when every entry links and hashes correctly and none is missing.
        entries: how many entries were checked.
        first_broken: the id of the first bad entry (or of the gap), None when ok.
        problem: a sentence saying what is wrong.
        fingerprint: SHA-256 of the last entry's hash, for an auditor to note down.
        last_hash: the last entry's hash.
        archived: how many older entries were moved to archive files (checked with
            ``audit verify-archive``); the chain in the database continues from them.
    """

    ok: bool
    entries: int
    first_broken: int | None
    problem: str | None
    fingerprint: str | None
    last_hash: str | None
    archived: int = 0


def fingerprint_of(last_hash: str | None) -> str | None:
    return None if last_hash is None else hashlib.sha256(last_hash.encode()).hexdigest()


def verify(session: Session) -> VerifyResult:
    """Walk the chain in order and report the first entry that breaks it.

    After an archive the chain in the database starts at the archive's last entry: the first
    remaining entry must link to its hash, and the ``audit.archive`` entry recorded with the
    newest archive must still be in the chain with the same figures.
    """
    anchor = repo.latest_archive(session)
    expected_id = 1 if anchor is None else anchor.last_id + 1
    prev = GENESIS if anchor is None else anchor.last_hash
    archived = 0 if anchor is None else anchor.last_id
    count = 0
    last_hash: str | None = None if anchor is None else anchor.last_hash

    def broken(at_id: int, problem: str) -> VerifyResult:
        return VerifyResult(False, count, at_id, problem, None, last_hash, archived)

    if anchor is not None:
        problem = _anchor_problem(session, anchor)
        if problem:
            return broken(anchor.last_id, problem)
        oldest = repo.first_id(session)
        if oldest is not None and oldest < expected_id:
            return broken(
                oldest,
                f"entry {oldest} is still in the database although archive {anchor.id} "
                f"holds entries up to {anchor.last_id}",
            )
    for e in repo.iter_entries(session, after=expected_id - 1):
        if e.id != expected_id:
            return broken(
                expected_id,
                f"entry {expected_id} is missing (the chain jumps from {expected_id - 1} to {e.id})",
            )
        if e.prev_hash != prev:
            return broken(
                e.id, f"entry {e.id} does not link to entry {e.id - 1} (previous hash differs)"
            )
        digest = AuditRow.of(e).digest()
        if digest != e.hash:
            return broken(
                e.id,
                f"entry {e.id} was altered ({e.action} {e.entity} {e.entity_id or ''}".rstrip()
                + "): its content no longer matches its hash",
            )
        prev = e.hash
        last_hash = e.hash
        count += 1
        expected_id += 1
    h = repo.head(session)
    if h is not None and (h.last_id != archived + count or h.last_hash != (last_hash or GENESIS)):
        return broken(
            archived + count + 1,
            f"entries after {archived + count} were deleted (the head records {h.last_id} entries)",
        )
    return VerifyResult(True, count, None, None, fingerprint_of(last_hash), last_hash, archived)


def archive_record(archive: AuditArchive) -> dict[str, object]:
    """What the ``audit.archive`` entry records about an archive (and verify compares)."""
    return {
        "first_id": archive.first_id,
        "last_id": archive.last_id,
        "entries": archive.entries,
        "prev_hash": archive.prev_hash,
        "last_hash": archive.last_hash,
        "file": archive.file_name,
        "file_sha256": archive.file_sha256,
        "signing_key": archive.signing_key,
    }


def _anchor_problem(session: Session, anchor: AuditArchive) -> str | None:
    entry = repo.archive_entry(session, anchor.id)
    if entry is None:
        return (
            f"archive {anchor.id} (entries {anchor.first_id}–{anchor.last_id}) has no "
            "audit.archive entry in the chain: the archive record was forged or its entry deleted"
        )
    if entry.after_json != canonical(archive_record(anchor)):
        return (
            f"archive {anchor.id} (entries {anchor.first_id}–{anchor.last_id}) differs from "
            f"what entry {entry.id} recorded when it was made"
        )
    return None
