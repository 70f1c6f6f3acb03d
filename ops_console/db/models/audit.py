"""The hash-chained audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    before_json: Mapped[str | None] = mapped_column(Text)
    after_json: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # PostgreSQL only (written by the database's ops_audit_append): the login role that made
    # the change, hashed with the entry, and the transaction, so the audit trigger can tell
    # whether a transaction's changes are covered by an entry
    db_role: Mapped[str | None] = mapped_column(String(64))
    db_xact: Mapped[int | None] = mapped_column(BigInteger, index=True)


class AuditHead(Base):
    """The chain's head (one row): locked by every append, so writers serialise."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class AuditArchive(Base):
    """Entries moved out of the database into a sealed archive file (oldest first).

    The rows left in ``audit_entries`` continue the chain from ``last_hash``; the archive's
    SHA-256 is also written into the chain by the ``audit.archive`` entry made at the same time.
    """

    __tablename__ = "audit_archives"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    first_id: Mapped[int]
    last_id: Mapped[int] = mapped_column(unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    last_hash: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int]
    before: Mapped[datetime]
    file_name: Mapped[str] = mapped_column(String(255))
    file_sha256: Mapped[str] = mapped_column(String(64))
    # base64 of the Ed25519 public key whose signature closes the file
    signing_key: Mapped[str] = mapped_column(String(64))
