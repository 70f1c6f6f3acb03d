"""Verification (DOMAIN.md): who closes a resolved work order, with what, and what an override is.

A resolved work order waits for the liaison of its community, who closes it with a
verification note (optionally with the resident's sign-off) or reopens it with a reason.
Where the community has no liaison, a manager verifies in their place. A manager (or admin)
who closes an order of a community that has a liaison, without that liaison, overrides the
verification: a written reason is required, and the close is audited and listed on the
SLA statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import PermissionDenied, ValidationError
from .text import check_text

VERIFIED = "verified"
VERIFIED_SIGNED_OFF = "verified_signed_off"
CLOSED_UNVERIFIED = "closed_unverified"
CLOSE_CODES = (VERIFIED, VERIFIED_SIGNED_OFF, CLOSED_UNVERIFIED)
MAX_TEXT = 2000


@dataclass(frozen=True, slots=True)
class CloseRecord:
    """What a close stores on its event.

    Attributes:
        reason_code: ``verified``, ``verified_signed_off`` or ``closed_unverified``.
        note: the verification note (for an override, an optional note).
        override_reason: the written reason of a close without the liaison, else None.
    """

    reason_code: str
    note: str | None
    override_reason: str | None

    @property
    def override(self) -> bool:
        return self.reason_code == CLOSED_UNVERIFIED


def _filled(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def close_record(
    role: str,
    *,
    liaison_of_community: bool,
    community_has_liaison: bool,
    note: str | None,
    override_reason: str | None = None,
    signed_off: bool = False,
) -> CloseRecord:
    """Decide how a close is recorded, or refuse it with a message saying what is missing.

    Args:
        role: the closing user's role.
        liaison_of_community: the user is a liaison of the work order's community.
        community_has_liaison: the community has at least one active liaison.
        note: the verification note (what was checked, with whom).
        override_reason: a manager's written reason to close without the liaison.
        signed_off: the resident signed the work off.

    Raises:
        PermissionDenied: a liaison of another community, or a role that never closes.
        ValidationError: a missing note or reason, or a reason where none belongs.
    """
    check_text(note, "verification note", multiline=True, max_length=MAX_TEXT)
    check_text(override_reason, "override reason", multiline=True, max_length=MAX_TEXT)
    note, override_reason = _filled(note), _filled(override_reason)
    if role == "liaison":
        if not liaison_of_community:
            raise PermissionDenied.of(
                "only a liaison of the work order's community may verify and close it"
            )
        if override_reason is not None:
            raise ValidationError.of(
                "a liaison verifies the work order: an override reason is only for a "
                "manager's close without the liaison"
            )
    elif role in ("manager", "admin"):
        if community_has_liaison:
            if override_reason is None:
                raise ValidationError.of(
                    "the community's liaison verifies this work order: a manager's close "
                    "without the liaison is an override and needs a written reason"
                )
            return CloseRecord(CLOSED_UNVERIFIED, note, override_reason)
        if override_reason is not None:
            raise ValidationError.of(
                "this community has no liaison: a manager verifies in their place, "
                "with a verification note and no override reason"
            )
    else:
        raise PermissionDenied.of(
            "a user with the role {role} may not {action} work orders; allowed: {who}",
            role=role,
            action="close",
            who=["liaison", "manager", "admin"],
        )
    if note is None:
        raise ValidationError.of(
            "a verification note is required: say what was checked (and with whom)"
        )
    return CloseRecord(VERIFIED_SIGNED_OFF if signed_off else VERIFIED, note, None)


def check_reopen_reason(reason: str | None) -> str:
    """Return the reopen reason, stripped; refuse an empty one.

    Raises:
        ValidationError: no reason, or one with control characters or too long.
    """
    check_text(reason, "reopen reason", multiline=True, max_length=MAX_TEXT)
    text = _filled(reason)
    if text is None:
        raise ValidationError.of("a reason is required to reopen: say why the fix did not hold")
    return text
