"""The audit trail: hash-chained entries written in the caller's transaction, and verify."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ..db.models import AuditEntry
from ..db.repos import audit as repo

GENESIS = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return str(value)


def canonical(value: Any) -> str | None:
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
) -> str:
    """Return the SHA-256 of an entry's fields and its predecessor's hash."""
    payload = json.dumps(
        [
            entry_id,
            at.isoformat(timespec="microseconds"),
            actor,
            action,
            entity,
            entity_id,
            before_json,
            after_json,
            prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Any,
    *,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: object | None = None,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Append an entry to the chain inside the caller's transaction.

    The head row is locked first, so concurrent writers (several consoles on one
    PostgreSQL) queue up instead of forking the chain.
    """
    head = repo.lock_head(session, GENESIS)
    entry_id = head.last_id + 1
    at = at.astimezone(UTC)  # hashed exactly as it reads back from either database
    before_json, after_json = canonical(before), canonical(after)
    eid = None if entity_id is None else str(entity_id)
    digest = entry_hash(
        entry_id, at, actor, action, entity, eid, before_json, after_json, head.last_hash
    )
    entry = AuditEntry(
        id=entry_id,
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=eid,
        before_json=before_json,
        after_json=after_json,
        prev_hash=head.last_hash,
        hash=digest,
    )
    session.add(entry)
    head.last_id = entry_id
    head.last_hash = digest
    return entry


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
    """

    ok: bool
    entries: int
    first_broken: int | None
    problem: str | None
    fingerprint: str | None
    last_hash: str | None


def fingerprint_of(last_hash: str | None) -> str | None:
    return None if last_hash is None else hashlib.sha256(last_hash.encode()).hexdigest()


def verify(session: Any) -> VerifyResult:
    """Walk the chain in order and report the first entry that breaks it."""
    expected_id = 1
    prev = GENESIS
    count = 0
    last_hash: str | None = None
    for e in repo.iter_entries(session):
        if e.id != expected_id:
            return VerifyResult(
                False,
                count,
                expected_id,
                f"entry {expected_id} is missing (the chain jumps from {expected_id - 1} to {e.id})",
                None,
                last_hash,
            )
        if e.prev_hash != prev:
            return VerifyResult(
                False,
                count,
                e.id,
                f"entry {e.id} does not link to entry {e.id - 1} (previous hash differs)",
                None,
                last_hash,
            )
        digest = entry_hash(
            e.id,
            e.at,
            e.actor,
            e.action,
            e.entity,
            e.entity_id,
            e.before_json,
            e.after_json,
            e.prev_hash,
        )
        if digest != e.hash:
            return VerifyResult(
                False,
                count,
                e.id,
                f"entry {e.id} was altered ({e.action} {e.entity} {e.entity_id or ''}".rstrip()
                + "): its content no longer matches its hash",
                None,
                last_hash,
            )
        prev = e.hash
        last_hash = e.hash
        count += 1
        expected_id += 1
    h = repo.head(session)
    if h is not None and (h.last_id != count or h.last_hash != (last_hash or GENESIS)):
        return VerifyResult(
            False,
            count,
            count + 1,
            f"entries after {count} were deleted (the head records {h.last_id} entries)",
            None,
            last_hash,
        )
    return VerifyResult(True, count, None, None, fingerprint_of(last_hash), last_hash)
