"""Alarm messages, poll errors and alarm hand-overs in the console's language.

Alarm messages and poll errors are stored as a code plus parameters
(``domain.messages.Msg``) and rendered here with the message catalogue in the console's
language. Hand-over failures are still stored as English reasons, recognised below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..domain.messages import Msg, render
from .i18n import N, current_language, tr
from .widgets import local

if TYPE_CHECKING:
    from ..services.monitoring import AlarmInfo


def _fill(template: str, original: str, **params: Any) -> str:
    """``template`` translated and filled in; ``original`` when it has no translation."""
    translated = tr(template)
    if translated == template:
        return original
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):
        return original


class AlarmTexts:
    """Alarm messages and hand-overs in the console's language.

    Args:
        profiles: unused (kept for the callers); the labels travel inside the messages.
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
                reason=handover_error(alarm.handover_error, short=not detail)
                or tr("no reason recorded")
            )
        if not alarm.handover_attempts:
            return tr("Pending")
        error = handover_error(alarm.handover_error, short=not detail)
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
                reason=recovery_error(alarm.recovery_error, short=not detail)
                or tr("no reason recorded")
            )
        if status != "pending" or not alarm.recovery_attempts:
            return ""
        error = handover_error(alarm.recovery_error, short=not detail)
        if not detail:
            return tr("Recovery retrying (attempt {n} failed)").format(n=alarm.recovery_attempts)
        nxt = local(alarm.recovery_next_at) if alarm.recovery_next_at else "-"
        return tr("Recovery not recorded yet (attempt {n} failed: {error}; next {time})").format(
            n=alarm.recovery_attempts, error=error, time=nxt
        )


_FINAL = re.compile(
    r"work order (?P<number>\S+) is (?P<status>closed|cancelled): "
    r"it is not marked device recovered"
)


def recovery_error(text: str | None, short: bool = False) -> str:
    """Why a work order is never marked "device recovered", in the console's language."""
    if not text:
        return ""
    m = _FINAL.fullmatch(text)
    if not m:
        return handover_error(text, short)
    if m["status"] == "closed":
        if short:
            return tr("work order closed")
        return _fill(
            N("work order {number} was closed before it could be marked device recovered"),
            text,
            number=m["number"],
        )
    if short:
        return tr("work order cancelled")
    return _fill(
        N("work order {number} was cancelled before it could be marked device recovered"),
        text,
        number=m["number"],
    )


_RETIRED = re.compile(r"device (?P<device>\S+) is retired: its alarms raise no work order")
_UNAVAILABLE = re.compile(r"(?:RuntimeError: )?work-order service unavailable \(no \w+\)")


def handover_error(text: str | None, short: bool = False) -> str:
    """Why a hand-over failed, in the console's language (unknown reasons as stored);
    ``short``: a few words where the row already names the device."""
    if not text:
        return ""
    m = _RETIRED.fullmatch(text)
    if m:
        if short:
            return tr("device retired")
        return _fill(
            N("device {device} is retired: its alarms raise no work order"),
            text,
            device=m["device"],
        )
    if _UNAVAILABLE.fullmatch(text):
        return tr("work-order service unavailable")
    return text


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
