"""What work-order calls return: frozen views of one work order in full (with its history,
parts and, for those allowed, the resident's contact), of a list row, and of an
attachment: the list row and the attachment are the repository's rows with their JSON; an
order as the maintenance report counts it is the repository's ``PeriodOrder``."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from typing import Any

from ...db import Session
from ...db.models import Organization, WorkOrder, WorkOrderAttachment
from ...db.repos import attachments as attachment_rows
from ...db.repos import workorders as repo
from ...db.repos.attachments import AttachmentRow
from ...db.repos.workorder_rows import OrderRow
from ...db.repos.workorders import PeriodOrder as PeriodOrder
from ...domain import lifecycle
from ...domain.messages import Msg
from ..formats import JsonFields
from .contacts import ResidentContact
from .core import community_name, contract_code


@dataclass(frozen=True)
class EventInfo:
    seq: int
    kind: str
    at: datetime
    actor: str
    from_status: str | None
    to_status: str
    assignee: str | None
    reason_code: str | None
    note: Msg | None  # a person's words (``text.typed``) or the console's message
    override_reason: str | None


@dataclass(frozen=True)
class PartInfo:
    name: str
    quantity: Decimal
    unit_cost: Decimal

    @property
    def cost(self) -> Decimal:
        return self.quantity * self.unit_cost


@dataclass(frozen=True)
class AttachmentInfo(AttachmentRow, JsonFields):
    """One attachment without its bytes (the fields of ``AttachmentRow``)."""

    @classmethod
    def of_stored(cls, number: str, row: WorkOrderAttachment) -> AttachmentInfo:
        """The attachment just stored (``row``) of the work order ``number``."""
        named = {f.name: getattr(row, f.name) for f in fields(cls) if f.name != "number"}
        return cls(number=number, **named)

    @property
    def is_pdf(self) -> bool:
        return self.media_type == "application/pdf"


@dataclass(frozen=True)
class AttachmentFile:
    """One attachment with its bytes (to open full size or export)."""

    info: AttachmentInfo
    content: bytes


@dataclass(frozen=True)
class WorkOrderRow(OrderRow, JsonFields):
    """A work order as lists show it (the fields of ``OrderRow``; ``title``: rendered in the
    reader's language)."""

    @classmethod
    def of(cls, order: WorkOrderInfo, assignee_name: str | None) -> WorkOrderRow:
        """The row of a work order in full: its fields of the same names, with the
        assignee's name."""
        named = {f.name: getattr(order, f.name) for f in fields(cls) if f.name != "assignee_name"}
        return cls(**named, assignee_name=assignee_name)

    @property
    def assignee_shown(self) -> str:
        """What a list shows: the assignee's name, else their login, else ""."""
        return self.assignee_name or self.assignee or ""


@dataclass(frozen=True)
class WorkOrderInfo(JsonFields):
    """One work order in full.

    Attributes:
        contact: the resident's contact, only for users allowed to see it, else None.
        has_contact: whether a contact is recorded (shown masked to others).
        version: pass it back to save; a stale one is refused as a conflict.
        device_recovered_at: set when the alarm that raised it cleared.
    """

    id: int
    number: str
    kind: str
    source: str
    status: str
    held_from: str | None
    priority: str
    title: Msg  # what people typed (``text.typed``) or the console's message
    description: str | None
    device: str | None
    device_name: str | None
    category: str | None
    community: str
    community_id: int
    contract: str | None
    assignee: str | None
    team: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    resolved_at: datetime | None
    cause_code: str | None
    resolution_code: str | None
    resolution_note: str | None
    labour_minutes: int
    parts: tuple[PartInfo, ...]
    has_contact: bool
    contact: ResidentContact | None
    alarm_rule: str | None
    device_recovered_at: datetime | None
    version: int
    events: tuple[EventInfo, ...]
    zone: str | None = None
    location: str | None = None
    people: tuple[tuple[str, str], ...] = ()  # (login, name) of everyone named in it
    attachments: tuple[AttachmentInfo, ...] = ()  # photos and PDFs, oldest first (no bytes)

    def name_of(self, login: str | None) -> str:
        """A login as people read it: the person's name when known, else the login."""
        if not login:
            return ""
        return dict(self.people).get(login) or login

    @property
    def parts_cost(self) -> Decimal:
        return sum((p.cost for p in self.parts), Decimal(0))

    @property
    def row(self) -> WorkOrderRow:
        """This work order as lists show it (a list updates its row from a write's result)."""
        return WorkOrderRow.of(self, dict(self.people).get(self.assignee or ""))

    @property
    def hold_reason(self) -> str | None:
        """The reason code of the current hold, if on hold."""
        if self.status != lifecycle.Status.ON_HOLD:
            return None
        held = [e for e in self.events if e.kind == "held"]
        return held[-1].reason_code if held else None

    def to_json(self) -> dict[str, Any]:
        d = super().to_json()
        # contact, parts, their total and the events last, as the command has always printed
        d["contact"] = d.pop("contact")
        d["parts"] = d.pop("parts")
        d["parts_cost"] = float(self.parts_cost)
        d["events"] = d.pop("events")
        d["attachments"] = d.pop("attachments")
        return d


def info_of(session: Session, wo: WorkOrder, contact: ResidentContact | None) -> WorkOrderInfo:
    """A work order in full; ``contact`` is the decrypted contact, or None to withhold it."""
    users: dict[int, str] = {}
    people: dict[str, str] = {}

    def name(uid: int | None) -> str | None:
        if uid is None:
            return None
        if uid not in users:
            u = repo.user_by_id(session, uid)
            users[uid] = u.username if u else str(uid)
            if u is not None and u.display_name:
                people[u.username] = u.display_name
        return users[uid]

    attached = tuple(attachment_rows.of_order(session, wo.id, AttachmentInfo))
    logins = {e.actor for e in wo.events} | {wo.created_by} | {a.added_by for a in attached}
    for login, u in repo.users_by_names(session, logins).items():
        if u.display_name:
            people[login] = u.display_name
    device = wo.device
    team = session.get(Organization, wo.team_id) if wo.team_id else None
    return WorkOrderInfo(
        wo.id,
        wo.number,
        wo.kind,
        wo.source,
        wo.status,
        wo.held_from,
        wo.priority,
        wo.title_msg,
        wo.description,
        wo.device.asset_tag if wo.device else None,
        wo.device.name if wo.device else None,
        wo.device.category_code if wo.device else None,
        community_name(session, wo.community_id),
        wo.community_id,
        contract_code(session, wo.contract_id),
        name(wo.assignee_id),
        team.name if team is not None else None,
        wo.created_at,
        wo.created_by,
        wo.updated_at,
        wo.resolved_at,
        wo.cause_code,
        wo.resolution_code,
        wo.resolution_note,
        wo.labour_minutes,
        tuple(PartInfo(p.name, Decimal(p.quantity), Decimal(p.unit_cost)) for p in wo.parts),
        bool(wo.resident_contact_enc),
        contact,
        wo.alarm_rule,
        wo.device_recovered_at,
        wo.version,
        tuple(
            EventInfo(
                e.seq,
                e.kind,
                e.at,
                e.actor,
                e.from_status,
                e.to_status,
                name(e.assignee_id),
                e.reason_code,
                e.note_msg,
                e.override_reason,
            )
            for e in sorted(wo.events, key=lambda e: e.seq)
        ),
        device.zone.name if device is not None and device.zone is not None else None,
        device.location if device is not None else None,
        tuple(sorted(people.items())),
        attached,
    )
