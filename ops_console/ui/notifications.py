"""Tray notifications for new P1 (critical) alarms, dead pollers and SLA breaches, switchable
in Settings; and for care alerts: a new SOS or fall raises a tray notification and the SOS banner, which
stays until each is acknowledged (with a beep when the sound is on), whatever the setting."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from ..domain.lifecycle import Role
from ..services.pollers import PollerInfo
from . import settings as ui_settings
from .alarm_text import AlarmTexts
from .care_banner import CareBanner
from .care_text import CARE_KINDS, headline
from .context import UiContext
from .i18n import label, tr
from .poller_text import dead_text
from .widgets import icon
from .workorder_text import words

if TYPE_CHECKING:
    from ..services.monitoring.alarms import AlarmInfo
    from ..services.monitoring.care import CareView
    from ..services.sla.service import SlaEvent
    from .poller_thread import StoredBatch
    from .tasks import TaskControl

P1_SEVERITY = "critical"  # an alarm of this severity opens a P1 work order
WATCHING_ROLES = (Role.ADMIN, Role.MANAGER)


class Notifier(Protocol):
    """Where notifications go (the system tray; a list in tests)."""

    def notify(self, title: str, text: str, critical: bool = False) -> None: ...


class TrayNotifier:
    """Notifications through a QSystemTrayIcon, or the status bar where there is no tray.

    Attributes:
        tray: the tray icon, None when the platform has no system tray.
    """

    def __init__(self, parent: QWidget, fallback: Callable[[str], object] | None = None) -> None:
        self.fallback = fallback
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon("app"), parent)
            self.tray.setToolTip(tr("Ops Console"))
            self.tray.show()

    def notify(self, title: str, text: str, critical: bool = False) -> None:
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            kind = (
                QSystemTrayIcon.MessageIcon.Critical
                if critical
                else QSystemTrayIcon.MessageIcon.Warning
            )
            self.tray.showMessage(title, text, kind, 15_000)
        elif self.fallback is not None:
            self.fallback(f"{title}: {text}")


class NotificationCenter(QObject):
    """Watches for new P1 alarms and SLA breaches and tells the notifier, unless switched off.

    Alarms already open when the console starts are not "new": the first look only
    remembers them. Checks run in the background (every ``interval_ms`` and whenever a poll
    opened alarms); the SLA reminders are fired by ``services.sla.service.check_reminders``.
    """

    def __init__(
        self,
        ctx: UiContext,
        notifier: Notifier,
        interval_ms: int = 60_000,
        *,
        care_interval_ms: int = 10_000,
        window: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.notifier = notifier
        self.window = window
        self._seen: set[int] | None = None
        self._dead_seen: set[tuple[str, str]] | None = None
        self._care_seen: set[int] | None = None
        self._busy = False
        self._care_busy = False
        self.banner: CareBanner | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        # an SOS cannot wait for the minute's check: its own, cheap, frequent one
        self.care_timer = QTimer(self)
        self.care_timer.setInterval(care_interval_ms)
        self.care_timer.timeout.connect(self.check_care)
        ctx.events.samples_stored.connect(self._on_samples)
        ctx.events.care_changed.connect(self.check_care)

    def start(self) -> None:
        self.check()
        self.timer.start()
        if self.ctx.actor.can("care.ack"):
            self.check_care()
            self.care_timer.start()

    # care alerts -----------------------------------------------------------------------
    def check_care(self) -> None:
        """Read the open care alerts in the background; raise or update the SOS banner."""
        if self._care_busy or not self.ctx.actor.can("care.ack"):
            return
        self._care_busy = True
        services, actor = self.ctx.services, self.ctx.actor

        def done(rows: list[CareView]) -> None:
            self._care_busy = False
            self._show_care(rows)

        def failed(_exc: Exception) -> None:
            self._care_busy = False

        self.ctx.runner.run(
            lambda _c: services.monitoring.care_alerts(actor, open_only=True),
            success=done,
            failure=failed,
            name="care alerts",
        )

    def _show_care(self, rows: list[CareView]) -> None:
        urgent = [c for c in rows if c.urgent]
        first = self._care_seen is None
        seen = self._care_seen or set()
        new = [c for c in urgent if c.id not in seen]
        self._care_seen = seen | {c.id for c in urgent}
        for c in ([] if first else new)[:5]:
            self.notifier.notify(
                tr("Care alert: {kind}").format(kind=label(CARE_KINDS, c.kind)), headline(c), True
            )
        if new and ui_settings.get(self.ctx.settings, "care_sound"):
            QApplication.beep()
        if not urgent:
            if self.banner is not None:
                self.banner.set_alerts([])
                self.banner = None
            return
        if self.banner is None:
            self.banner = CareBanner(self.ctx, self.window)
            self.banner.set_alerts(urgent)
            self.banner.open()
        else:
            self.banner.set_alerts(urgent)

    def enabled(self) -> bool:
        return bool(ui_settings.get(self.ctx.settings, "notifications"))

    def _on_samples(self, batch: StoredBatch) -> None:
        if any(a.severity == P1_SEVERITY for a in batch.new_alarms):
            self.check()

    def _sla_concerns_me(self, event: SlaEvent) -> bool:
        actor = self.ctx.actor
        return (
            actor.role in WATCHING_ROLES
            or actor.username in event.notify
            or event.assignee == actor.username
        )

    def check(self) -> None:
        """Look for new P1 alarms and dead pollers and (when notifications are on) fire SLA
        reminders."""
        if self._busy:
            return
        self._busy = True
        services, actor = self.ctx.services, self.ctx.actor
        with_sla = self.enabled() and actor.can("read")
        registry = services.pollers

        def load(
            _control: TaskControl,
        ) -> tuple[list[AlarmInfo], list[SlaEvent], list[PollerInfo]]:
            alarms = services.monitoring.list_alarms(actor, open_only=True, limit=500)
            sla = services.sla.check_reminders(services.clock.now()) if with_sla else []
            dead = [p for p in registry.list_pollers(actor) if p.alarm] if actor.can("read") else []
            return alarms, sla, dead

        def done(result: tuple[list[AlarmInfo], list[SlaEvent], list[PollerInfo]]) -> None:
            self._busy = False
            self._show(result[0], result[1])
            self._show_dead(result[2])

        def failed(_exc: Exception) -> None:
            self._busy = False

        self.ctx.runner.run(load, success=done, failure=failed, name="notifications")

    def _show_dead(self, dead: list[PollerInfo]) -> None:
        """A poller newly dead: "poller 湖滨-1 stopped 2 min ago; 3,400 devices taken over by
        湖滨-2" (or "… not covered"). One already dead when the console started is not news."""
        keys = {(p.name, (p.stopped_at or p.heartbeat_at).isoformat()): p for p in dead}
        first = self._dead_seen is None
        new = [p for k, p in keys.items() if k not in (self._dead_seen or set())]
        self._dead_seen = (self._dead_seen or set()) | set(keys)
        if first or not self.enabled():
            return
        now = self.ctx.services.clock.now()
        for p in new[:5]:
            self.notifier.notify(
                tr("Poller stopped: {name}").format(name=p.name), dead_text(p, now), True
            )

    def _show(self, alarms: list[AlarmInfo], sla: list[SlaEvent]) -> None:
        critical = [a for a in alarms if a.severity == P1_SEVERITY]
        first = self._seen is None
        seen = self._seen or set()
        new = [a for a in critical if a.id not in seen]
        self._seen = seen | {a.id for a in critical}
        if first or not self.enabled():
            new = []
        texts = AlarmTexts() if new else None
        for a in new[:5]:  # a burst of alarms must not bury the desktop
            assert texts is not None
            self.notifier.notify(
                tr("P1 alarm: {device}").format(device=a.device_name or a.asset_tag),
                f"{a.asset_tag} · {a.community} · {texts.message(a, device=False)}",
                True,
            )
        if len(new) > 5:
            self.notifier.notify(
                tr("P1 alarms"), tr("{n} more new P1 alarms").format(n=len(new) - 5), True
            )
        breaches = [e for e in sla if e.kind == "breached" and self._sla_concerns_me(e)]
        for e in breaches[:5]:
            target = tr("response") if e.target == "response" else tr("resolution")
            self.notifier.notify(
                tr("SLA breached: {number}").format(number=e.number),
                tr("{number} ({priority}) missed its {target} target: {title}").format(
                    number=e.number, priority=e.priority, target=target, title=words(e.title)
                ),
                False,
            )
        if len(breaches) > 5:
            self.notifier.notify(
                tr("SLA breaches"), tr("{n} more SLA breaches").format(n=len(breaches) - 5)
            )
