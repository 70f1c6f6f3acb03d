"""Raising a work order by hand and editing its fields (title, description, priority, the
resident's contact, stored encrypted)."""

from __future__ import annotations

from ...domain import lifecycle
from ...domain.errors import Problem, TransitionRefused, ValidationError
from ...domain.messages import LANGUAGES, Msg, render
from ...domain.phone import phone_problem
from ...domain.text import text_problem
from .. import audit
from ..accounts import community_named, visible_device
from ..context import Actor
from .base import WorkOrderBase
from .contacts import ResidentContact
from .core import FINAL, HAND_SOURCES, KINDS, new_order
from .views import WorkOrderInfo

TITLE_MAX = 200


def title_problem(title: str) -> Problem | None:
    """The problem with a (stripped) title, if any."""
    if not title or len(title) > TITLE_MAX:
        return Problem.of("title: 1-200 characters")
    return None


def priority_problem(priority: str) -> Problem | None:
    """The problem with a priority code, if any."""
    if priority not in lifecycle.PRIORITIES:
        return Problem.of(
            "priority: {priority!r} is not one of {priorities}",
            priority=priority,
            priorities=list(lifecycle.PRIORITIES),
        )
    return None


class CreateCalls(WorkOrderBase):
    """Creating and editing work orders."""

    def create(
        self,
        actor: Actor,
        *,
        title: str,
        priority: str,
        source: str,
        kind: str = "repair",
        device: str | None = None,
        community: str | None = None,
        description: str | None = None,
        contact: ResidentContact | None = None,
        contact_consent: bool = False,
    ) -> WorkOrderInfo:
        """Raise a work order by hand (a liaison for a resident's report, a manager...).

        Args:
            device: an asset tag; optional for residents' reports, which then name a community.
            contact: the resident's name and phone, stored encrypted.

        Raises:
            ValidationError: a bad field, or neither device nor community.
            NotFound: an unknown device or community.
        """
        actor.require("workorder.create")
        title = (title or "").strip()
        problems: list[str] = [
            p for p in (title_problem(title), priority_problem(priority)) if p is not None
        ]
        if source not in HAND_SOURCES:
            problems.append(
                Problem.of(
                    "source: {source!r} is not one of {sources}",
                    source=source,
                    sources=list(HAND_SOURCES),
                )
            )
        if kind not in KINDS:
            problems.append(
                Problem.of("kind: {kind!r} is not one of {kinds}", kind=kind, kinds=list(KINDS))
            )
        if not device and not community:
            problems.append(
                Problem.of("device or community: name the device's asset tag or the community")
            )
        if contact is not None and not (contact.name.strip() or contact.phone.strip()):
            contact = None
        for text, field, multiline in (
            (title, "title", False),
            (description, "description", True),
            (contact.name if contact else None, "contact name", False),
        ):
            bad_text = text_problem(text or "", field, multiline=multiline)
            if bad_text is not None:
                problems.append(bad_text)
        if contact is not None and contact.phone.strip():
            bad_phone = phone_problem(contact.phone)
            if bad_phone is not None:
                problems.append(bad_phone)
        if len(problems) == 1:
            raise ValidationError.of_problem(problems[0])
        if problems:
            raise ValidationError.of("cannot create the work order", problems=problems)
        now = self.clock.now()
        with self.db.write() as s:
            dev = None
            if device:
                dev = visible_device(s, actor, device)
                community_id = dev.community_id
            else:
                named = community_named(s, community)
                actor.require_community(named.id, named.name)
                community_id = named.id
            wo = new_order(
                s,
                at=now,
                actor=actor.username,
                title=title,
                priority=priority,
                source=source,
                kind=kind,
                device=dev,
                community_id=community_id,
                description=description,
                contact_enc=self.contacts.encrypt(s, contact),
                contact_consent=contact_consent,
            )
            return self._info(s, actor, wo)

    def update(
        self,
        actor: Actor,
        number: str,
        *,
        version: int,
        title: str | None = None,
        description: str | None = None,
        priority: str | None = None,
        contact: ResidentContact | None = None,
    ) -> WorkOrderInfo:
        """Edit fields; ``version`` is required: a stale one is refused as a conflict."""
        actor.require("workorder.create")
        for problem in (
            None if priority is None else priority_problem(priority),
            None if title is None else title_problem(title.strip()),
        ):
            if problem is not None:
                raise ValidationError.of_problem(problem)
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            enc = self.contacts.encrypt(s, contact)
            if wo.status in FINAL:
                raise TransitionRefused.of(
                    "{number} is {status}: it can no longer be edited",
                    number=number,
                    status=wo.status,
                )
            shown = str(wo.title_msg)
            before = {"title": shown, "description": wo.description, "priority": wo.priority}
            if title is not None and not _same_title(wo.title_msg, title.strip()):
                # a person's words replace the console's message
                wo.title, wo.title_data = title.strip(), None
            if description is not None:
                wo.description = description
            if priority is not None:
                wo.priority = priority
            after = {
                "title": str(wo.title_msg),
                "description": wo.description,
                "priority": wo.priority,
            }
            b, a = audit.diff(before, after)
            if enc is not None:
                wo.resident_contact_enc = enc
                a["resident_contact"] = "(encrypted, changed)"
            if not a:
                return self._info(s, actor, wo)
            wo.updated_at = now
            audit.record(s, now, actor, "workorder.update", "work_order", number, before=b, after=a)
            return self._save(s, actor, wo)


def _same_title(title: Msg, typed_text: str) -> bool:
    """Whether an edit form gave back the title as it showed it (in either language)."""
    return typed_text in {render(title, lang) for lang in LANGUAGES}
