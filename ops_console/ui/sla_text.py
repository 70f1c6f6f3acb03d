"""SLA clocks in words: the one formatter of the screens for durations and clock readings.

The figures come from the SLA service (``ClockView``: business minutes used, left and late,
the state, risk and deadline, all read by ``domain.sla.compute_clock``); this module only
turns them into text. Durations are business time, shown in hours and minutes (a business
day is not 24 hours, so no "days"), and labelled as business time where there is room.
"""

from __future__ import annotations

from typing import Any

from ..services.sla import ClockView
from .i18n import tr
from .widgets import icon, local

INF = float("inf")
STOPPED_LATE = 1e9  # sort value of a clock that stopped late: after the open ones


def duration(minutes: float) -> str:
    """Business minutes as ``3h 05m`` or ``45m`` (whole minutes, rounded down)."""
    m = int(abs(minutes))
    h, mm = divmod(m, 60)
    if h:
        return tr("{h}h {m}m").format(h=h, m=f"{mm:02d}")
    return tr("{m}m").format(m=mm)


def clock_text(view: ClockView, *, say_paused: bool = True) -> tuple[str, float, str]:
    """A clock as text, sort value and risk: ``2h 05m left``, ``paused, late 1h 00m``.

    The sort value is the business minutes left (negative when late) for an open clock,
    :data:`STOPPED_LATE` for a stopped late one and infinity otherwise. The risk is
    ``breached``, ``at_risk``, ``ok`` or ``""`` (no clock). Without ``say_paused`` a paused
    clock reads like a running one (a table shows the pause as an icon instead).
    """
    if view is None or view.state == "not_started":
        return "", INF, ""
    if view.state == "stopped":
        if view.breached:
            return (
                tr("missed by {t}").format(t=duration(view.minutes_late)),
                STOPPED_LATE,
                "breached",
            )
        return tr("met"), INF, "ok"
    paused = say_paused and view.state == "paused"
    if view.breached:
        text = tr("paused, late {t}") if paused else tr("late {t}")
        return text.format(t=duration(view.minutes_late)), -view.minutes_late, "breached"
    text = tr("paused, {t} left") if paused else tr("{t} left")
    risk = "at_risk" if view.at_risk else "ok"
    return text.format(t=duration(view.minutes_left)), view.minutes_left, risk


def sort_value(view: ClockView) -> float:
    """The sort value of :func:`clock_text`, without building the text."""
    if view is None or view.state == "not_started":
        return INF
    if view.state == "stopped":
        return STOPPED_LATE if view.breached else INF
    return -float(view.minutes_late) if view.breached else float(view.minutes_left)


def clock_tooltip(view: ClockView) -> str:
    """The figures behind a clock cell, in business minutes, with the deadline."""
    if view is None or view.state == "not_started":
        return ""
    lines = [
        tr("Business time: {used} of {target} min used").format(
            used=f"{view.minutes:,.1f}", target=f"{view.target_minutes:,}"
        )
    ]
    if view.breached:
        lines.append(tr("{n} business min late").format(n=f"{view.minutes_late:,.1f}"))
    elif view.state != "stopped":
        lines.append(tr("{n} business min left").format(n=f"{view.minutes_left:,.1f}"))
    if view.state == "paused":
        lines.append(tr("Clock paused while on hold"))
    if view.deadline is not None:
        if view.breached or view.state == "stopped":
            text = tr("Deadline reached {t}")
        else:
            text = tr("Deadline {t} if the clock keeps running")
        lines.append(text.format(t=local(view.deadline)))
    return "\n".join(lines)


_ICONS: dict[str, Any] = {}


def paused_icon() -> Any:
    """The pause sign tables put beside a paused clock (built once, after the application)."""
    if "paused" not in _ICONS:
        _ICONS["paused"] = icon("paused")
    return _ICONS["paused"]
