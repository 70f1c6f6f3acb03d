"""The audit chain's witness: signed checkpoints of its head kept outside the database.

The hash chain shows any edit of history, but not a cut at its end: whoever can write the
database can delete the newest entries and set ``audit_head`` back to match. So the head is
also written down elsewhere, as a checkpoint signed with the installation's Ed25519 key (the
one that signs audit archives, kept in the keyring): one JSON line per checkpoint, appended to
a witness log in the admin's data folder or on another disk or share
(``$OPS_CONSOLE_AUDIT_WITNESS``). ``audit verify`` checks that the database's chain still
holds the last witnessed entry with the same hash, then appends a new checkpoint; the console
and the poller append one at least daily.

Each line carries the public key, the database it witnesses and the SHA-256 of the line
before it, and is signed over all of that: a line cannot be forged without the key, nor
dropped from the middle without breaking the next one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import filelock
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from ...db.engine import Database
from ...db.repos import audit as repo
from ...domain.errors import OpsError
from ...paths import data_dir
from .trail import VerifyResult, verify

log = logging.getLogger(__name__)

WITNESS_ENV = "OPS_CONSOLE_AUDIT_WITNESS"
FORMAT = "ops-console audit witness 1"
DAILY = timedelta(days=1)


class WitnessError(OpsError):
    """The witness log cannot be read or written, or it contradicts the database."""


@dataclass(frozen=True)
class Checkpoint:
    """One witnessed head of the chain.

    Attributes:
        at: when it was written.
        database: the database it witnesses (its URL, password hidden).
        last_id: the newest entry's id then.
        last_hash: that entry's hash.
        public_key: base64 of the Ed25519 key that signed it.
    """

    at: datetime
    database: str
    last_id: int
    last_hash: str
    public_key: str


def witness_path() -> Path:
    """Return the witness log: ``$OPS_CONSOLE_AUDIT_WITNESS`` or the data folder's file."""
    override = os.environ.get(WITNESS_ENV)
    return Path(override).expanduser() if override else data_dir() / "audit-witness.jsonl"


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _public_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def read_log(path: Path, database: str) -> list[Checkpoint]:
    """Return the checkpoints of ``database`` in the log, oldest first, each one checked.

    Raises:
        WitnessError: a line is malformed, badly signed, signed by another key than the
            first line's, or does not follow the line before it.
    """
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise WitnessError(f"cannot read the audit witness log {path}: {exc.strerror}") from exc
    found: list[Checkpoint] = []
    prev = ""
    trusted: str | None = None
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
            signature = base64.b64decode(record.pop("signature"), validate=True)
            public = str(record["public_key"])
            Ed25519PublicKey.from_public_bytes(base64.b64decode(public, validate=True)).verify(
                signature, _canonical(record)
            )
            if record["format"] != FORMAT:
                raise ValueError(record["format"])
        except InvalidSignature:
            raise WitnessError(
                f"audit witness log {path}, line {number}: the signature does not match: "
                "the line was changed"
            ) from None
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            raise WitnessError(
                f"audit witness log {path}, line {number}: not a signed checkpoint"
            ) from None
        if trusted is None:
            trusted = public
        elif public != trusted:
            raise WitnessError(
                f"audit witness log {path}, line {number}: signed with another key than "
                "the log's first line"
            )
        if record["prev"] != prev:
            raise WitnessError(
                f"audit witness log {path}, line {number}: does not follow line {number - 1} "
                "(a line was removed or changed)"
            )
        prev = hashlib.sha256(line.encode()).hexdigest()
        if record["database"] == database:
            found.append(
                Checkpoint(
                    datetime.fromisoformat(record["at"]),
                    record["database"],
                    int(record["last_id"]),
                    str(record["last_hash"]),
                    public,
                )
            )
    return found


def last_checkpoint(db: Database, path: Path | None = None) -> Checkpoint | None:
    """Return the newest checkpoint of ``db`` in the witness log, or None."""
    found = read_log(path or witness_path(), db.display_url)
    return found[-1] if found else None


def contradiction(db: Database, result: VerifyResult, checkpoint: Checkpoint | None) -> str | None:
    """Say how the database's chain contradicts the last checkpoint, or None when it holds it."""
    if checkpoint is None:
        return None
    last_id = result.archived + result.entries
    when = checkpoint.at.isoformat(timespec="seconds")
    if checkpoint.last_id > last_id:
        return (
            f"audit chain TRUNCATED: the chain ends at entry {last_id}, but the witness log saw entry "
            f"{checkpoint.last_id} on {when}: the newest entries were removed"
        )
    if checkpoint.last_id <= result.archived:
        return None  # in an archive file: 'audit verify-archive' checks it
    with db.read() as s:
        entry = next(iter(repo.iter_entries(s, after=checkpoint.last_id - 1)), None)
    if entry is None or entry.id != checkpoint.last_id or entry.hash != checkpoint.last_hash:
        return (
            f"audit chain REWRITTEN: entry {checkpoint.last_id} is not the one the witness log "
            f"saw on {when}: "
            "the chain was rewritten from there"
        )
    return None


def append_checkpoint(
    db: Database, result: VerifyResult, signing_key: bytes, now: datetime, path: Path | None = None
) -> Checkpoint:
    """Append a signed checkpoint of the verified head ``result`` to the witness log.

    The line is written with one ``write`` in append mode and fsync'd before this returns.

    Raises:
        WitnessError: the log cannot be written, or was signed with another key.
    """
    target = path or witness_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with filelock.FileLock(f"{target}.lock", timeout=60):  # one appender at a time
            return _append(db, result, signing_key, now, target)
    except filelock.Timeout as exc:
        raise WitnessError(f"the audit witness log {target} is locked by another process") from exc
    except OSError as exc:
        raise WitnessError(f"cannot write the audit witness log {target}: {exc.strerror}") from exc


def _append(
    db: Database, result: VerifyResult, signing_key: bytes, now: datetime, target: Path
) -> Checkpoint:
    signer = Ed25519PrivateKey.from_private_bytes(signing_key)
    public = _public_b64(signer)
    try:
        lines = target.read_text("utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    except OSError as exc:
        raise WitnessError(f"cannot read the audit witness log {target}: {exc.strerror}") from exc
    existing = read_log(target, db.display_url) if lines else []
    if existing and existing[0].public_key != public:
        raise WitnessError(
            f"the audit witness log {target} was signed with another key than this "
            "installation's: choose another file with $" + WITNESS_ENV
        )
    record: dict[str, Any] = {
        "format": FORMAT,
        "at": now.isoformat(),
        "database": db.display_url,
        "last_id": result.archived + result.entries,
        "last_hash": result.last_hash or "",
        "public_key": public,
        "prev": hashlib.sha256(lines[-1].encode()).hexdigest() if lines else "",
    }
    record["signature"] = base64.b64encode(signer.sign(_canonical(record))).decode()
    line = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    with target.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())
    return Checkpoint(now, db.display_url, int(record["last_id"]), record["last_hash"], public)


def witness_if_due(
    db: Database, signing_key: Callable[[], bytes], now: datetime, path: Path | None = None
) -> Checkpoint | None:
    """Append a checkpoint when the last one of ``db`` is a day old (the poller's daily step).

    A chain that is broken, or contradicts the log, is never witnessed: that is logged, and
    ``audit verify`` says what is wrong.
    """
    target = path or witness_path()
    last = last_checkpoint(db, target)
    if last is not None and now - last.at < DAILY:
        return None
    with db.read() as s:
        result = verify(s)
    problem = result.problem if not result.ok else contradiction(db, result, last)
    if problem:
        log.error("audit chain not witnessed: %s", problem)
        return None
    return append_checkpoint(db, result, signing_key(), now, target)


def checked(db: Database, result: VerifyResult, path: Path | None = None) -> VerifyResult:
    """Return ``result``, or a broken one when the chain contradicts the last checkpoint.

    For readers that show a ``VerifyResult`` (the console's Audit page): a truncation found by
    the witness reads like any other break, at the witnessed entry.
    """
    if not result.ok:
        return result
    last = last_checkpoint(db, path)
    problem = contradiction(db, result, last)
    if problem is None or last is None:
        return result
    return replace(result, ok=False, first_broken=last.last_id, problem=problem, fingerprint=None)
