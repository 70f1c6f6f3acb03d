"""The words of a dead poller's alarm, in the reader's language: the Pollers page, the
dashboard and the tray say it the same way."""

from __future__ import annotations

from datetime import datetime

from ..services.pollers import PollerInfo
from .i18n import tr


def dead_text(p: PollerInfo, now: datetime) -> str:
    """The alarm line of a dead poller, in the reader's language."""
    since = p.stopped_at or p.heartbeat_at
    minutes = max(0, int((now - since).total_seconds() // 60))
    parts = [
        tr("{n} devices taken over by {poller}").format(n=f"{n:,}", poller=name)
        for name, n in p.taken_over
    ]
    if p.uncovered:
        parts.append(tr("{n} not covered").format(n=f"{p.uncovered:,}"))
    head = tr("poller {name} stopped {minutes} min ago").format(name=p.name, minutes=minutes)
    return "; ".join([head, *parts])
