"""Tray notifications for new P1 alarms and SLA breaches, and the Settings switch."""

from __future__ import annotations

from typing import Any

from ops_console.ui.notifications import NotificationCenter, TrayNotifier
from ops_console.ui.poller_thread import NewAlarm, StoredBatch
from ops_console.ui.settings import put

from .conftest import make_ctx


class FakeNotifier:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str, bool]] = []

    def notify(self, title: str, text: str, critical: bool = False) -> None:
        self.shown.append((title, text, critical))


def _center(demo_services: Any, on: bool) -> tuple[NotificationCenter, FakeNotifier, Any]:
    ctx = make_ctx(demo_services, "admin")
    put(ctx.settings, "notifications", on)
    fake = FakeNotifier()
    return NotificationCenter(ctx, fake), fake, ctx


def test_new_p1_alarm_and_sla_breach_notified(demo_services: Any) -> None:
    center, fake, ctx = _center(demo_services, True)
    center.check()  # first look: open alarms are remembered, SLA reminders fire
    assert not [s for s in fake.shown if s[2]]  # no alarm is "new" at start-up
    breaches = [s for s in fake.shown if s[0].startswith("SLA breached")]
    assert breaches and "missed its" in breaches[0][1]
    critical = [
        a
        for a in demo_services.monitoring.list_alarms(ctx.actor, open_only=True)
        if a.severity == "critical"
    ]
    assert critical, "the demo has open critical alarms"
    assert center._seen is not None
    center._seen.discard(critical[0].id)  # as if it had just opened
    fake.shown.clear()
    batch = StoredBatch(
        critical[0].opened_at, 1, 1, 0, 1, 1, 0, (NewAlarm(critical[0].id, 1, "x", "critical"),)
    )
    ctx.events.samples_stored.emit(batch)  # a poll opened it
    a = critical[0]
    assert a.message.code == "alarm.unreachable" and a.message.params["device"] == a.asset_tag
    english = str(a.message)
    assert [s for s in fake.shown if s[2]] == [
        (
            f"P1 alarm: {a.device_name}",
            # the tag is said once; the message as the Alarms page words it
            f"{a.asset_tag} · {a.community} · {english[len(a.asset_tag) + 1 :]}",
            True,
        )
    ]
    fake.shown.clear()
    center.check()  # SLA reminders fire once each
    assert not fake.shown


def test_switched_off_in_settings(demo_services: Any, qtbot: Any) -> None:
    from ops_console.ui.pages.settings import SettingsPage

    center, fake, ctx = _center(demo_services, True)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.notifications.setChecked(False)  # the user turns them off
    center.check()
    assert center._seen is not None
    center._seen.clear()
    center.check()
    assert fake.shown == []


def test_tray_notifier_falls_back_without_tray(qtbot: Any) -> None:
    from PySide6.QtWidgets import QWidget

    w = QWidget()
    qtbot.addWidget(w)
    got: list[str] = []
    tray = TrayNotifier(w, got.append)
    tray.notify("P1 alarm: gate", "HB-GATE-003")
    assert tray.tray is not None or got == ["P1 alarm: gate: HB-GATE-003"]


def test_p1_alarm_notification_in_chinese(demo_services: Any) -> None:
    from ops_console.ui.i18n import set_language

    set_language("zh_CN")
    center, fake, ctx = _center(demo_services, True)
    center.check()
    open_ = demo_services.monitoring.list_alarms(ctx.actor, open_only=True)
    a = next(x for x in open_ if x.severity == "critical" and x.rule == "unreachable")
    assert center._seen is not None
    center._seen.discard(a.id)
    fake.shown.clear()
    center.check()
    title, text, _ = next(s for s in fake.shown if s[2])
    assert title.startswith("P1 告警")
    assert text.startswith(f"{a.asset_tag} · {a.community} · 无法连接：")


def _dead_poller(services: Any) -> None:
    """湖滨-1 and 湖滨-2 poll 湖滨; 湖滨-1 goes silent and 湖滨-2 takes its devices over."""
    from ops_console.services.pollers import PollerScope, PollersService

    clock = services.clock
    reg = PollersService(services.db, clock)
    a = reg.register("湖滨-1", "host-a", 11, PollerScope(("湖滨",)))
    b = reg.register("湖滨-2", "host-b", 12, PollerScope(("湖滨",)))
    for _ in range(2):
        reg.heartbeat(a)
        reg.heartbeat(b)
    clock.advance(seconds=40)
    assert reg.heartbeat(b).buried == ("湖滨-1",)
    clock.advance(seconds=80)
    reg.heartbeat(b)


def test_a_dead_poller_is_a_tray_notification(demo_services: Any, qtbot: Any) -> None:
    from PySide6.QtWidgets import QMainWindow

    ctx = make_ctx(demo_services, "admin")
    put(ctx.settings, "notifications", True)
    window = QMainWindow()
    qtbot.addWidget(window)
    # offscreen there is no system tray: the notifier says it in the status bar instead
    said: list[str] = []

    def status(message: str) -> None:
        said.append(message)
        window.statusBar().showMessage(message, 15_000)

    center = NotificationCenter(ctx, TrayNotifier(window, status))
    center.check()  # the first look: no poller yet (the demo's SLA breaches are said)
    assert not [m for m in said if "oller" in m]
    _dead_poller(demo_services)
    center.check()
    assert window.statusBar().currentMessage() == said[-1]
    hubin = [d for d in demo_services.inventory.list_devices(ctx.actor) if d.community == "湖滨"]
    lines = [m for m in said if m.startswith("Poller stopped: ")]
    assert len(lines) == 1, said
    line = lines[0]
    assert line.startswith("Poller stopped: 湖滨-1: poller 湖滨-1 stopped 2 min ago; ")
    taken = int(line.split("; ")[1].split(" devices taken over by 湖滨-2")[0].replace(",", ""))
    assert 0 < taken <= len(hubin)
    said.clear()
    center.check()  # said once
    assert said == []


def test_a_dead_poller_notification_in_chinese_and_switched_off(demo_services: Any) -> None:
    from ops_console.ui.i18n import set_language

    set_language("zh_CN")
    center, fake, _ = _center(demo_services, True)
    center.check()
    _dead_poller(demo_services)
    center.check()
    title, text, critical = next(s for s in fake.shown if "湖滨-1" in s[0])
    assert title == "轮询器已停止：湖滨-1" and critical
    assert text.startswith("轮询器 湖滨-1 已于 2 分钟前停止; ") and "台设备已由 湖滨-2 接管" in text
    off, quiet, _ = _center(demo_services, False)
    off.check()
    assert off._dead_seen is not None
    off._dead_seen.clear()  # as if it had just died
    off.check()
    assert not [s for s in quiet.shown if "湖滨-1" in s[0]]
