"""Reading and verifying the audit log (writing happens in each service's transaction)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from ...db import Session
from ...db.engine import Database
from ...db.models import AuditArchive
from ...db.repos import audit as repo
from ...domain.errors import ValidationError
from ..base import ServiceBase
from ..context import Actor
from . import trail as audit
from .trail import GENESIS, VerifyResult, verify
from .trail import AuditRow as AuditRow  # the log's rows: the Audit page reads them from here

RETENTION_DAYS = 180
"""Audit entries stay in the database at least this long (the Cybersecurity Law's six months)."""
ARCHIVE_FORMAT = "ops-console audit archive"


@dataclass(frozen=True)
class ArchiveResult:
    """What ``archive`` moved out: entries ``first_id``..``last_id`` into ``path``."""

    archive_id: int
    first_id: int
    last_id: int
    entries: int
    path: Path
    sha256: str


@dataclass(frozen=True)
class ArchiveCheck:
    """The result of checking an archive file.

    Attributes:
        ok: the file is whole: every entry hashes and links, the header matches them.
        recorded: the database holds an archive record with this file's SHA-256 and signing
            key (None when no database was consulted).
        signed_by: base64 of the Ed25519 public key whose signature closes the file.
    """

    ok: bool
    problem: str | None
    first_id: int | None = None
    last_id: int | None = None
    entries: int = 0
    sha256: str | None = None
    recorded: bool | None = None
    signed_by: str | None = None


class AuditService(ServiceBase):
    """The audit log as auditors and admins see it."""

    def verify(self, actor: Actor | None = None) -> VerifyResult:
        """Walk the whole chain; anyone may verify (it reveals no content)."""
        with self.db.read() as s:
            return verify(s)

    def page(
        self,
        actor: Actor,
        *,
        after_id: int | None = None,
        limit: int = 200,
        actor_name: str | None = None,
        entity: str | None = None,
        action: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[AuditRow]:
        """Return a page of entries, newest first (keyset pagination by id)."""
        actor.require("audit.read")
        with self.db.read() as s:
            return [
                AuditRow.of(e)
                for e in repo.page(
                    s,
                    after_id=after_id,
                    limit=limit,
                    actor=actor_name,
                    entity=entity,
                    action=action,
                    since=since,
                    until=until,
                )
            ]

    def count(self) -> int:
        with self.db.read() as s:
            return repo.count(s)

    def archive(
        self, actor: Actor, *, before: datetime, path: Path, signing_key: bytes
    ) -> ArchiveResult:
        """Move the oldest entries, all written before ``before``, into a signed archive file.

        ``before`` must be at least RETENTION_DAYS ago. The file (JSON Lines: a header naming
        the public signing key, one entry per line with every field needed to re-hash it, and
        an Ed25519 signature over all of it as the last line) appears whole or not at all. In
        the same transaction the entries are deleted, an archive record keeps the chain's new
        start, and an ``audit.archive`` entry writes the file's SHA-256 into the chain.

        Args:
            signing_key: the installation's Ed25519 private key (``secrets.archive_signing_key``).
        """
        actor.require("audit.archive")
        signer = Ed25519PrivateKey.from_private_bytes(signing_key)
        public = _public_b64(signer)
        now = self.clock.now()
        if before.tzinfo is None:
            raise ValidationError("--before: give a time zone (or a date)")
        latest = now - timedelta(days=RETENTION_DAYS)
        if before > latest:
            raise ValidationError.of(
                "audit entries are kept at least {days} days: archive only before "
                "{latest} (asked: {before})",
                days=RETENTION_DAYS,
                latest=latest.date().isoformat(),
                before=before.date().isoformat(),
            )
        target = Path(path)
        if target.exists():
            raise ValidationError.of(
                "{path}: exists already; archives are never overwritten", path=path
            )
        if not target.parent.is_dir():
            raise ValidationError.of(
                "{path}: folder {parent} does not exist", path=path, parent=target.parent
            )
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            with self.db.write() as s:
                repo.lock_head(s, GENESIS)
                prior = repo.latest_archive(s)
                first = 1 if prior is None else prior.last_id + 1
                last = repo.last_id_before(s, before)
                if last < first:
                    raise ValidationError.of(
                        "no audit entries before {before} left to archive",
                        before=before.date().isoformat(),
                    )
                prev_hash = GENESIS if prior is None else prior.last_hash
                digest, last_hash, count = _write_archive(
                    s, partial, first, last, prev_hash, before, now, actor.username, signer
                )
                record = AuditArchive(
                    id=1 if prior is None else prior.id + 1,
                    at=now,
                    actor=actor.username,
                    first_id=first,
                    last_id=last,
                    prev_hash=prev_hash,
                    last_hash=last_hash,
                    entries=count,
                    before=before,
                    file_name=target.name,
                    file_sha256=digest,
                    signing_key=public,
                )
                s.add(record)
                repo.delete_through(s, last)
                s.flush()
                audit.record(
                    s,
                    now,
                    actor,
                    "audit.archive",
                    "audit",
                    record.id,
                    after=audit.archive_record(record),
                )
                # the file takes its name before the commit: if the rename fails nothing is
                # deleted; if the commit fails the file is removed below
                os.replace(partial, target)
            return ArchiveResult(record.id, first, last, count, target, digest)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise ValidationError.of(
                "{path}: cannot write: {strerror}", path=path, strerror=exc.strerror or str(exc)
            ) from exc
        except BaseException:
            partial.unlink(missing_ok=True)
            if target.exists() and not _recorded(self.db, target):
                target.unlink()
            raise

    def archives(self, actor: Actor) -> list[dict[str, Any]]:
        """The archives made so far, oldest first."""
        actor.require("audit.read")
        with self.db.read() as s:
            return [
                {
                    "id": a.id,
                    "at": a.at,
                    "actor": a.actor,
                    "first_id": a.first_id,
                    "last_id": a.last_id,
                    "entries": a.entries,
                    "before": a.before,
                    "file": a.file_name,
                    "sha256": a.file_sha256,
                }
                for a in repo.archives(s)
            ]

    def check_archive(self, path: Path, *, with_database: bool = True) -> ArchiveCheck:
        """Check an archive file: header, every entry's hash and link; and its record."""
        result = read_archive(Path(path))
        if not result.ok or not with_database:
            return result
        with self.db.read() as s:
            recorded = any(
                a.file_sha256 == result.sha256 and a.signing_key == result.signed_by
                for a in repo.archives(s)
            )
        return replace(result, recorded=recorded)


def _write_archive(
    session: Session,
    partial: Path,
    first: int,
    last: int,
    prev_hash: str,
    before: datetime,
    now: datetime,
    username: str,
    signer: Ed25519PrivateKey,
) -> tuple[str, str, int]:
    """Write entries first..last to ``partial``, signed, fsynced; return (sha256, last hash,
    count)."""
    body = bytearray()
    count = 0
    last_hash = prev_hash
    expected = first
    with open(partial, "wb") as fh:

        def put(obj: dict[str, Any]) -> None:
            line = (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
            body.extend(line)
            fh.write(line)

        put(
            {
                "format": ARCHIVE_FORMAT,
                "version": 1,
                "first_id": first,
                "last_id": last,
                "entries": last - first + 1,
                "prev_hash": prev_hash,
                "before": before.isoformat(),
                "created_at": now.isoformat(),
                "created_by": username,
                "signing_key": _public_b64(signer),
            }
        )
        for e in repo.iter_entries(session, after=first - 1, through=last):
            if e.id != expected or e.prev_hash != last_hash:
                raise ValidationError.of(
                    "the audit chain is broken at entry {id}: run 'audit verify'; nothing "
                    "was archived",
                    id=expected,
                )
            put(AuditRow.of(e).archive_line())
            last_hash = e.hash
            expected += 1
            count += 1
        signature = base64.b64encode(signer.sign(bytes(body))).decode()
        put({"signature": signature})
        fh.flush()
        os.fsync(fh.fileno())
    if count != last - first + 1:
        raise ValidationError.of(
            "the audit chain is broken at entry {id}: run 'audit verify'; nothing was archived",
            id=expected,
        )
    return hashlib.sha256(bytes(body)).hexdigest(), last_hash, count


def _public_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def _signature_problem(header: dict[str, Any], signed: bytes, last_line: str) -> str | None:
    """Why the closing signature does not hold, or None when it does."""
    try:
        closing = json.loads(last_line)
        signature = base64.b64decode(closing["signature"], validate=True)
        public = base64.b64decode(str(header["signing_key"]), validate=True)
        Ed25519PublicKey.from_public_bytes(public).verify(signature, signed)
    except (ValueError, KeyError, TypeError, binascii.Error):
        return "the file is not signed (no signature line or no signing key)"
    except InvalidSignature:
        return "the signature does not match the file: it was changed after it was written"
    return None


def _recorded(db: Database, target: Path) -> bool:
    try:
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        with db.read() as s:
            return any(a.file_sha256 == digest for a in repo.archives(s))
    except Exception:  # only deciding whether to clean up: keep the file when unsure
        return True


def read_archive(path: Path) -> ArchiveCheck:
    """Check an archive file on its own: header, then every entry re-hashed and linked."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return ArchiveCheck(False, f"{path}: cannot read: {exc.strerror or exc}")
    digest = hashlib.sha256(raw).hexdigest()
    lines = raw.decode("utf-8", errors="replace").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # the last line is the signature over every byte before it
    closing = lines.pop() if len(lines) > 1 and lines[-1].startswith('{"signature"') else ""
    signed = raw[: len(raw) - len(closing.encode("utf-8")) - 1] if closing else b""
    try:
        header = json.loads(lines[0]) if lines else None
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != ARCHIVE_FORMAT:
        return ArchiveCheck(False, f"{path}: not an Ops Console audit archive", sha256=digest)
    first, last = header.get("first_id"), header.get("last_id")
    if not isinstance(first, int) or not isinstance(last, int):
        return ArchiveCheck(
            False, f"{path}: the header names no first_id and last_id", sha256=digest
        )
    unsigned = _signature_problem(header, signed, closing)
    prev = header.get("prev_hash")
    expected = first
    for n, line in enumerate(lines[1:], start=2):
        try:
            e = AuditRow.from_archive(json.loads(line))
            computed = e.digest()
        except (ValueError, KeyError, TypeError):
            return ArchiveCheck(False, f"{path}: line {n}: not an audit entry", sha256=digest)
        if e.id != expected:
            return ArchiveCheck(
                False, f"{path}: line {n}: entry {expected} is missing", sha256=digest
            )
        if e.prev_hash != prev:
            return ArchiveCheck(
                False,
                f"{path}: line {n}: entry {e.id} does not link to the entry before it",
                sha256=digest,
            )
        if computed != e.hash:
            return ArchiveCheck(
                False,
                f"{path}: line {n}: entry {e.id} was altered: its content no longer "
                "matches its hash",
                sha256=digest,
            )
        prev = e.hash
        expected += 1
    count = expected - first
    if expected - 1 != last or header.get("entries") != count:
        return ArchiveCheck(
            False,
            f"{path}: the header announces entries {first}–{last} but the file holds "
            f"{first}–{expected - 1}",
            sha256=digest,
        )
    if unsigned:
        return ArchiveCheck(False, f"{path}: {unsigned}", sha256=digest)
    return ArchiveCheck(True, None, first, last, count, digest, signed_by=header["signing_key"])
