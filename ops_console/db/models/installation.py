"""A shared installation's secrets in the database, encrypted under the installation key, and
the hosts that hold that key (enrolled by an admin)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class InstallationKey(Base):
    """One row: the fingerprint of the key every stored secret is encrypted under now."""

    __tablename__ = "installation_key"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    key_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    rotated_at: Mapped[datetime | None]


class StoredSecret(Base):
    """A secret the pollers need (an SNMP credential): AES-GCM under a data key of its own,
    which is itself wrapped (AES-GCM) under the installation key; both bound to the name."""

    __tablename__ = "stored_secrets"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key_id: Mapped[str] = mapped_column(String(16))
    wrapped_key: Mapped[str] = mapped_column(Text)
    ciphertext: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(64))


class EnrolledHost(Base):
    """A host that asked for the installation key (its X25519 public key) and, once an admin
    approved it, the key sealed for that host alone (re-sealed at every rotation)."""

    __tablename__ = "enrolled_hosts"

    host: Mapped[str] = mapped_column(String(100), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    sealed_key: Mapped[str | None] = mapped_column(Text)
    key_id: Mapped[str | None] = mapped_column(String(16))
    requested_at: Mapped[datetime]
    requested_by: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime | None]
    approved_by: Mapped[str | None] = mapped_column(String(64))
