"""Photos and PDFs kept with a work order: attach (audited: who, when, file, size, sha256),
list, read one back, thumbnails for the detail panel and the maintenance report.

Who may attach follows DOMAIN.md's role table: the assigned technician, the liaison of the
order's community, a manager or an administrator; never the auditor. (A technician sees
only the orders assigned to them, so ``_load`` already refuses anyone else's.) Attachments stay with
the order whoever it passes to, and are never changed or removed by the console.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from ...db import Session
from ...db.models import WorkOrderAttachment
from ...db.repos import attachments as repo
from ...db.repos import settings as settings_repo
from ...domain.errors import NotFound, PermissionDenied, ValidationError
from .. import audit
from ..context import Actor
from .base import WorkOrderBase
from .media import (
    MAX_MB_SETTING,
    CheckedFile,
    check_file,
    check_kind,
    checked_max_mb,
    max_mb_from,
)
from .views import AttachmentFile, AttachmentInfo


def read_file(path: Path) -> bytes:
    """Read a file to attach, or say clearly why it cannot be read."""
    if not path.exists():
        raise NotFound.of("no file {path}", path=str(path))
    if path.is_dir():
        raise ValidationError.of("{path} is a folder, not a file", path=str(path))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError.of(
            "cannot read {path}: {reason}", path=str(path), reason=exc.strerror or str(exc)
        ) from exc


class AttachmentCalls(WorkOrderBase):
    """Attaching photos and PDFs, and reading them back."""

    def attach(
        self,
        actor: Actor,
        number: str,
        file_name: str,
        data: bytes,
        *,
        kind: str = "other",
        max_mb: int | None = None,
    ) -> AttachmentInfo:
        """Attach a photo or PDF to a work order (audited), or refuse it with nothing written.

        The order and the actor's right to it are checked first, then the file (its type,
        size and pixels: the slow part, outside any transaction), then it is stored.

        Raises:
            PermissionDenied: an auditor, or a technician the order is not assigned to.
            NotFound: no such work order.
            ValidationError: a bad kind or a file that is refused (see ``media.check_file``).

        ``max_mb`` None (the console, the command line): the installation's setting
        ``attachments.max_mb``, so every seat applies the same limit.
        """
        self._may_attach(actor, number, kind)
        limit = self.attachment_max_mb() if max_mb is None else max_mb
        checked = check_file(file_name, data, limit)
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number)
            row = self._store(s, actor, wo.id, number, kind, checked, now)
            return AttachmentInfo.of_stored(number, row)

    def attach_file(
        self,
        actor: Actor,
        number: str,
        path: Path,
        *,
        kind: str = "other",
        max_mb: int | None = None,
    ) -> AttachmentInfo:
        """Attach a file from disk (see :meth:`attach`)."""
        self._may_attach(actor, number, kind)
        return self.attach(actor, number, path.name, read_file(path), kind=kind, max_mb=max_mb)

    def attachment_max_mb(self) -> int:
        """The installation's size limit for one attachment, in MB (setting
        ``attachments.max_mb``; 10 unless an administrator changed it)."""
        with self.db.read() as s:
            stored = settings_repo.values(s, MAX_MB_SETTING).get(MAX_MB_SETTING)
        return max_mb_from(stored)

    def set_attachment_max_mb(self, actor: Actor, value: str) -> int:
        """Change the installation's attachment size limit (administrators; a whole number
        of MB, 1-100), audited with the values before and after; every seat applies it to
        the next file attached."""
        actor.require("settings.write")
        mb_ = checked_max_mb(value)
        now = self.clock.now()
        with self.db.write() as s:
            before = max_mb_from(
                settings_repo.put(s, MAX_MB_SETTING, str(mb_), now, actor.username)
            )
            audit.record(
                s,
                now,
                actor,
                "settings.change",
                "settings",
                "attachments",
                before={MAX_MB_SETTING: before},
                after={MAX_MB_SETTING: mb_},
            )
        return mb_

    def _may_attach(self, actor: Actor, number: str, kind: str) -> None:
        """Refuse before the file is read or checked: the right to attach, the kind, the order
        and the actor's access to it."""
        actor.require("workorder.attach")
        check_kind(kind)
        with self.db.read() as s:
            self._load(s, actor, number)

    def attachments(self, actor: Actor, number: str) -> list[AttachmentInfo]:
        """The order's attachments, oldest first (anyone who may see the order)."""
        actor.require("read")
        with self.db.read() as s:
            wo = self._load(s, actor, number)
            return repo.of_order(s, wo.id, AttachmentInfo)

    def attachment(self, actor: Actor, number: str, attachment_id: int) -> AttachmentFile:
        """One attachment with its bytes.

        Raises:
            NotFound: the order has no attachment of that id.
        """
        actor.require("read")
        with self.db.read() as s:
            wo = self._load(s, actor, number)
            found = repo.one(s, wo.id, attachment_id, AttachmentInfo)
            if found is None:
                raise NotFound.of(
                    "{number} has no attachment {id}", number=number, id=attachment_id
                )
            return AttachmentFile(*found)

    def attachment_thumbnails(self, actor: Actor, number: str) -> dict[int, bytes]:
        """The thumbnails (PNG) of the order's attachments by id."""
        actor.require("read")
        with self.db.read() as s:
            wo = self._load(s, actor, number)
            return {
                r.id: bytes(t)
                for r, t in repo.thumbnails(s, [wo.id], AttachmentInfo)
                if t is not None
            }

    def photos(
        self, actor: Actor, numbers: Iterable[str], kinds: tuple[str, ...] = ("before", "after")
    ) -> dict[str, list[tuple[AttachmentInfo, bytes]]]:
        """The before/after thumbnails of these orders (the ones the actor may see), by number."""
        actor.require("read")
        out: dict[str, list[tuple[AttachmentInfo, bytes]]] = {}
        with self.db.read() as s:
            visible: list[int] = []
            for number, wo_id in repo.order_ids(s, numbers).items():
                try:
                    self._load(s, actor, number)
                except (NotFound, PermissionDenied):
                    continue
                visible.append(wo_id)
            for row, thumb in repo.thumbnails(s, visible, AttachmentInfo, kinds):
                if thumb is not None:
                    out.setdefault(row.number, []).append((row, bytes(thumb)))
        return out

    def _store(
        self,
        s: Session,
        actor: Actor,
        work_order_id: int,
        number: str,
        kind: str,
        checked: CheckedFile,
        now: datetime,
    ) -> WorkOrderAttachment:
        row = WorkOrderAttachment(
            work_order_id=work_order_id,
            kind=kind,
            file_name=checked.file_name,
            media_type=checked.media_type,
            size=len(checked.content),
            sha256=checked.sha256,
            content=checked.content,
            thumbnail=checked.thumbnail,
            added_at=now,
            added_by=actor.username,
        )
        s.add(row)
        s.flush()
        audit.record(
            s,
            now,
            actor,
            "workorder.attach",
            "work_order",
            number,
            after={
                "attachment": row.id,
                "kind": kind,
                "file": checked.file_name,
                "media_type": checked.media_type,
                "size": len(checked.content),
                "sha256": checked.sha256,
            },
        )
        return row
