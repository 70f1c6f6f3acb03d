"""Alarm messages, poll errors and alarm hand-overs in the console's language.

Alarm messages, poll errors and hand-over reasons are stored as a code plus parameters
(``domain.messages.Msg``) and rendered here with the message catalogue
(``resources/messages.toml``) in the console's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..domain.messages import Msg, catalogue, render
from .i18n import current_language, tr
from .widgets import local

if TYPE_CHECKING:
    from ..services.monitoring import AlarmInfo


class AlarmTexts:
    """Alarm messages and hand-overs in the console's language.

    Args:
        profiles: unused (the labels travel inside the messages); the pages pass none, since
            loading the device profiles cost the GUI thread 200 ms when the Alarms page was
            built.
    """

    def __init__(self, profiles: Mapping[str, Any] | None = None) -> None:
        self.lang = current_language()

    def message(self, alarm: AlarmInfo, device: bool = True) -> str:
        """The alarm's message in the console's language; without the leading asset tag when
        ``device`` is False (a column beside the device)."""
        return message_text(alarm.message, device)

    def handover(self, alarm: AlarmInfo, detail: bool = False) -> str:
        """The hand-over to work orders in a few words: the work order, or why none (yet);
        with ``detail`` the whole reason and when the next attempt is due (for a tooltip).
        A work order not yet (or never to be) told that the alarm cleared says so."""
        if alarm.work_order_number:
            recovery = self.recovery(alarm, detail)
            number = str(alarm.work_order_number)
            return f"{number} · {recovery}" if recovery else number
        if alarm.handover_status == "done":
            return tr("Handed over")
        if alarm.handover_status == "failed":
            return tr("Refused: {reason}").format(
                reason=reason_text(alarm.handover_error, short=not detail)
                or tr("no reason recorded")
            )
        if not alarm.handover_attempts:
            return tr("Pending")
        error = reason_text(alarm.handover_error, short=not detail)
        if not detail:
            return tr("Retrying (attempt {n} failed: {error})").format(
                n=alarm.handover_attempts, error=error
            )
        nxt = local(alarm.handover_next_at) if alarm.handover_next_at else "-"
        return tr("Retrying (attempt {n} failed: {error}; next {time})").format(
            n=alarm.handover_attempts, error=error, time=nxt
        )

    def recovery(self, alarm: AlarmInfo, detail: bool = False) -> str:
        """What went wrong telling the work order that the alarm cleared ("device
        recovered"); empty when nothing did (open, told, or not tried yet)."""
        status = getattr(alarm, "recovery_status", None)
        if status == "failed":
            return tr("Not marked recovered: {reason}").format(
                reason=reason_text(alarm.recovery_error, short=not detail)
                or tr("no reason recorded")
            )
        if status != "pending" or not alarm.recovery_attempts:
            return ""
        error = reason_text(alarm.recovery_error, short=not detail)
        if not detail:
            return tr("Recovery retrying (attempt {n} failed)").format(n=alarm.recovery_attempts)
        nxt = local(alarm.recovery_next_at) if alarm.recovery_next_at else "-"
        return tr("Recovery not recorded yet (attempt {n} failed: {error}; next {time})").format(
            n=alarm.recovery_attempts, error=error, time=nxt
        )


def reason_text(reason: Msg | None, short: bool = False) -> str:
    """Why a hand-over (or the recovery notice) failed, in the console's language; ``short``:
    a few words (the code's ``_short`` form) where the row already names the device."""
    if reason is None:
        return ""
    if short and f"{reason.code}_short" in catalogue():
        return render(Msg(f"{reason.code}_short", dict(reason.params)), current_language())
    return render(reason, current_language())


def message_text(msg: Msg | None, device: bool = True) -> str:
    """A stored message in the console's language; ``device=False`` leaves out the leading
    asset tag (a column beside the device already names it)."""
    if msg is None:
        return ""
    lang = current_language()
    if not device and "device" in msg.params:
        text = render(Msg(msg.code, {**msg.params, "device": ""}), lang).lstrip(" :：")
        if text:
            return text
    return render(msg, lang)
