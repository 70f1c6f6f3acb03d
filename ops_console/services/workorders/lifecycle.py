"""Moving work orders through the lifecycle by hand: dispatch (with the certification rule),
accept, hold and resume, resolve, close (not while an alarm's device still fails), reopen,
cancel. Each call is one audited transaction; a stale ``version`` is refused as a conflict."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...db import Session
from ...db.models import WorkOrder
from ...db.repos import workorders as repo
from ...domain import lifecycle, verification
from ...domain.errors import NotFound, TransitionRefused, ValidationError
from ...domain.text import check_text
from ..context import Actor
from ..training import local_today
from .base import WorkOrderBase
from .core import FAILING, apply_action, assign_action, next_state
from .costs import append_part, check_part
from .dispatch import certification_override, dispatch_automatically
from .views import WorkOrderInfo


class LifecycleCalls(WorkOrderBase):
    """The lifecycle part of the work-order service."""

    def assign(
        self,
        actor: Actor,
        number: str,
        assignee: str,
        *,
        version: int | None = None,
        override_reason: str | None = None,
        note: str | None = None,
    ) -> WorkOrderInfo:
        """Assign (from new) or reassign (from in progress) to a technician.

        The technician must hold a valid certification for the device's category; a user
        with ``workorder.override`` (a manager) may assign anyway with a written reason,
        which is stored on the event and audited.

        Raises:
            TransitionRefused: not allowed now, or the technician is not certified.
            Conflict: ``version`` is stale.
        """
        actor.require(lifecycle.permission_for(lifecycle.Action.ASSIGN))
        check_text(note, "note", multiline=True)
        check_text(override_reason, "override reason", multiline=True)
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            action = assign_action(wo)
            self._check(actor, wo, action)
            next_state(wo, action)  # refuse by the lifecycle first, before naming a technician
            user = repo.users_by_names(s, [assignee]).get(assignee)
            if user is None or not user.active:
                raise NotFound.of("no active user named {assignee!r}", assignee=assignee)
            if user.role != lifecycle.Role.TECHNICIAN:
                raise ValidationError.of(
                    "{assignee} is a {role}; work orders go to technicians",
                    assignee=assignee,
                    role=user.role,
                )
            if user.communities and wo.community_id not in {c.id for c in user.communities}:
                raise ValidationError.of(
                    "{assignee} is not assigned to this work order's community", assignee=assignee
                )
            override = certification_override(s, wo, user, override_reason, local_today(now))
            if override is not None:
                actor.require("workorder.override")
            apply_action(
                s,
                wo,
                action,
                at=now,
                actor=actor.username,
                assignee_id=user.id,
                note=note,
                override_reason=override,
                audit_extra={
                    "assignee": assignee,
                    **({"certification_override": True} if override else {}),
                },
            )
            return self._save(s, actor, wo)

    def auto_dispatch(
        self, actor: Actor, number: str, *, version: int | None = None
    ) -> WorkOrderInfo:
        """Assign to the certified technician of the contract with the fewest open work orders
        (cleaning orders: to the collection team).

        Raises:
            NotFound: nobody qualifies.
        """
        actor.require(lifecycle.permission_for(lifecycle.Action.ASSIGN))
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            action = assign_action(wo)
            self._check(actor, wo, action)
            next_state(wo, action)  # refuse early, clearly
            user = dispatch_automatically(
                s, wo, action, at=now, actor=actor.username, today=local_today(now)
            )
            if user is None:
                raise NotFound.of(
                    "{number}: no certified technician is available for automatic dispatch",
                    number=number,
                )
            return self._save(s, actor, wo)

    def _transition(
        self,
        actor: Actor,
        number: str,
        action: lifecycle.Action,
        *,
        version: int | None,
        note: str | None = None,
        reason_code: str | None = None,
        before_apply: Callable[[Session, WorkOrder], None] | None = None,
    ) -> WorkOrderInfo:
        """Take ``action`` on the work order: check its permission (``lifecycle.PERMISSION_FOR``),
        the role and the lifecycle first, then ``before_apply`` (which may refuse too or fill
        fields in), then move it."""
        actor.require(lifecycle.permission_for(action))
        check_text(note, "note", multiline=True)
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            self._check(actor, wo, action)
            next_state(wo, action)  # refuse before before_apply's own checks
            if before_apply is not None:
                before_apply(s, wo)
            apply_action(
                s, wo, action, at=now, actor=actor.username, note=note, reason_code=reason_code
            )
            return self._save(s, actor, wo)

    def accept(
        self, actor: Actor, number: str, *, version: int | None = None, note: str | None = None
    ) -> WorkOrderInfo:
        """The assigned technician takes the work order on (the response clock stops)."""
        return self._transition(actor, number, lifecycle.Action.ACCEPT, version=version, note=note)

    def hold(
        self,
        actor: Actor,
        number: str,
        reason: str,
        *,
        text: str | None = None,
        version: int | None = None,
    ) -> WorkOrderInfo:
        """Put on hold with a reason code (``waiting_parts`` or ``other: why``); the clocks pause.

        Raises:
            ValidationError: an unknown reason code, or ``other`` without a text.
        """
        if text is not None:
            code, note = lifecycle.check_hold_reason(reason, text)
        else:
            code, note = lifecycle.parse_hold_reason(reason)
        return self._transition(
            actor,
            number,
            lifecycle.Action.HOLD,
            version=version,
            note=note or None,
            reason_code=code.value,
        )

    def resume(
        self, actor: Actor, number: str, *, version: int | None = None, note: str | None = None
    ) -> WorkOrderInfo:
        """End a hold: back to the status it left."""
        return self._transition(actor, number, lifecycle.Action.RESUME, version=version, note=note)

    def resolve(
        self,
        actor: Actor,
        number: str,
        *,
        cause: str | None = None,
        resolution: str | None = None,
        note: str | None = None,
        labour_minutes: int | None = None,
        parts: Sequence[tuple[str, object, object]] = (),
        version: int | None = None,
    ) -> WorkOrderInfo:
        """Record the fix (cause and resolution codes, note, labour, parts used) as one step:
        the resolution clock stops. Everything is checked before anything is written, and a
        refused resolve records none of it (no part, no version, no audit entry).

        Args:
            parts: (name, quantity, unit cost) of each part used, recorded with the resolve.
        """
        if labour_minutes is not None and labour_minutes < 0:
            raise ValidationError.of("labour minutes must not be negative")
        check_text(cause, "cause")
        check_text(resolution, "resolution")
        checked = [check_part(*part) for part in parts]
        if checked:
            actor.require("workorder.parts")
        now = self.clock.now()

        def fill(s: Session, wo: WorkOrder) -> None:
            with s.no_autoflush:  # written with the resolve: one UPDATE, one new version
                for part in checked:
                    append_part(s, wo, part, at=now, actor=actor.username)
            if cause:
                wo.cause_code = cause.strip()[:32]
            if resolution:
                wo.resolution_code = resolution.strip()[:32]
            if note:
                wo.resolution_note = note
            if labour_minutes is not None:
                wo.labour_minutes = labour_minutes

        return self._transition(
            actor,
            number,
            lifecycle.Action.RESOLVE,
            version=version,
            note=note,
            before_apply=fill,
        )

    def reopen(
        self,
        actor: Actor,
        number: str,
        *,
        reason: str | None = None,
        note: str | None = None,
        version: int | None = None,
    ) -> WorkOrderInfo:
        """The fix did not hold: back to in progress (the clock resumes now), with a reason.

        Args:
            reason: why the fix did not hold (required; ``note`` is an older name for it).

        Raises:
            ValidationError: no reason.
        """
        text = verification.check_reopen_reason(reason if reason is not None else note)
        return self._transition(actor, number, lifecycle.Action.REOPEN, version=version, note=text)

    def close(
        self,
        actor: Actor,
        number: str,
        *,
        note: str | None = None,
        override_reason: str | None = None,
        signed_off: bool = False,
        version: int | None = None,
    ) -> WorkOrderInfo:
        """Close a resolved work order: the liaison's verification, or a manager's override.

        The liaison of the work order's community closes with a verification note (and
        ``signed_off`` when the resident signed the work off); where the community has no
        liaison, a manager verifies in their place. A manager or admin closing an order of a
        community that has a liaison overrides the verification: ``override_reason`` is
        required, stored on the event, audited and listed on the SLA statement.

        Raises:
            ValidationError: no verification note, or no override reason where one is needed.
            PermissionDenied: a liaison of another community, or a role that may not close.
            TransitionRefused: not resolved, or an alarm-raised order whose device is still
                down or degraded.
        """
        actor.require(lifecycle.permission_for(lifecycle.Action.CLOSE))
        now = self.clock.now()
        with self.db.write() as s:
            wo = self._load(s, actor, number, version)
            self._check(actor, wo, "close")
            next_state(wo, "close")  # refuse by the lifecycle first
            if wo.source == "alarm" and wo.device_id is not None:
                health = repo.device_health(s, wo.device_id)
                if health in FAILING:
                    tag = wo.device.asset_tag if wo.device else wo.device_id
                    raise TransitionRefused.of(
                        "cannot close {number}: its device {tag} is still {health}; close it once the device has recovered, or reopen it",
                        number=wo.number,
                        tag=tag,
                        health=health,
                    )
            record = verification.close_record(
                actor.role,
                liaison_of_community=actor.role == "liaison"
                and actor.sees_community(wo.community_id),
                community_has_liaison=bool(repo.community_liaisons(s, wo.community_id)),
                note=note,
                override_reason=override_reason,
                signed_off=signed_off,
            )
            apply_action(
                s,
                wo,
                "close",
                at=now,
                actor=actor.username,
                note=record.note,
                reason_code=record.reason_code,
                override_reason=record.override_reason,
                audit_extra={"verification": record.reason_code},
            )
            return self._save(s, actor, wo)

    def cancel(
        self, actor: Actor, number: str, reason: str, *, version: int | None = None
    ) -> WorkOrderInfo:
        """Cancel a new work order (a manager, with a reason); it leaves every SLA figure."""
        text = lifecycle.check_cancel_reason(reason)
        return self._transition(actor, number, lifecycle.Action.CANCEL, version=version, note=text)
