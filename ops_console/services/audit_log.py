"""Reading and verifying the audit log (writing happens in each service's transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..db.engine import Database
from ..db.repos import audit as repo
from ..domain.clock import Clock
from .audit import VerifyResult, verify
from .context import Actor


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    before_json: str | None
    after_json: str | None
    hash: str


class AuditService:
    """The audit log as auditors and admins see it."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

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
                AuditRow(
                    e.id,
                    e.at,
                    e.actor,
                    e.action,
                    e.entity,
                    e.entity_id,
                    e.before_json,
                    e.after_json,
                    e.hash,
                )
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
