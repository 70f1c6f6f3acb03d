"""The Dashboard: tiles, a per-community health grid and a trend; a tile opens its list."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from ...domain.health import summary_causes
from ...domain.lifecycle import OPEN_STATUSES, PRIORITIES
from ...services.fleet import fleet_health, per_local_day
from .. import style
from ..alarm_text import message_text
from ..care_text import headline
from ..charts.timeseries import TrendChart
from ..context import UiContext
from ..health_text import causes_text, why_list
from ..i18n import HEALTH, SEVERITY, label, tr
from ..poller_text import dead_text
from ..widgets import LOCAL_TZ, Tile, aware
from ..widgets import label as make_label
from .base import Page, clear_layout

if TYPE_CHECKING:
    from ...services.container import Services
    from ...services.context import Actor

# traffic-light roles, coloured by the current theme (see style.Theme)
HEALTH_COLOURS = {"up": "ok", "degraded": "warn", "down": "bad", "unknown": "neutral"}
HEALTH_RANK = {"down": 0, "degraded": 1}  # the unhealthy devices, down first
SEVERITY_COLOURS = {"compliance": "bad", "critical": "bad", "warning": "warn"}
PRIORITY_COLOURS = {"P1": "bad", "P2": "warn", "P3": "info", "P4": "neutral"}


def fleet_part(services: Services, actor: Actor) -> dict[str, Any]:
    """The devices' health per community, the gates' manual passage, the retired devices, and
    why each degraded or down device is so (its causes, else its last poll error)."""
    fleet = fleet_health(
        services.inventory.list_devices(actor),
        [c.name for c in services.accounts.list_communities(actor)],
    )
    gates: dict[str, Counter[str]] = defaultdict(Counter)
    profiles = services.monitoring.profiles
    why: list[tuple[int, str, str, str, str]] = []  # the unhealthy devices, worst first
    for d in services.monitoring.device_health(actor):
        if d.category == "access_gate":
            st = (d.summary.get("status") or {}).get("manual_passage")
            gates[d.community][st if st in ("ok", "failed") else "unknown"] += 1
        if d.health in ("degraded", "down"):
            causes = summary_causes(d.summary)
            text = ""
            if causes:  # worded here, in the background ("Degraded: Battery … below 20 %")
                text = causes_text(d.health, profiles.get(d.category), causes)
            elif d.last_error is not None:  # down as it does not answer: its poll error says so
                text = tr("{health}: {causes}").format(
                    health=label(HEALTH, d.health), causes=message_text(d.last_error, False)
                )
            if text:
                line = f"{d.asset_tag} {d.name} · {text}"
                why.append((HEALTH_RANK[d.health], d.asset_tag, d.community, d.health, line))
    why.sort()
    return {
        "health": fleet.by_community,
        "gates": dict(gates),
        "retired": fleet.retired,
        "why": [(community, health, line) for _r, _t, community, health, line in why],
    }


def alarm_part(services: Services, actor: Actor) -> dict[str, Any]:
    """The open alarms, and every alarm for the trend."""
    return {
        "alarms": services.monitoring.list_alarms(actor, open_only=True),
        "alarm_history": services.monitoring.list_alarms(actor, limit=None),
    }


def work_part(services: Services, actor: Actor) -> dict[str, Any]:
    """The work orders, their SLA risk, the orders awaiting verification."""
    return {
        "workorders": services.workorders.list(actor),
        "sla": Counter(c.risk for c in services.sla.status(actor)),
        "awaiting": services.workorders.awaiting_verification(actor),
    }


# read side by side, each in a background task of its own: on a remote database each part's
# reads are round trips, and one after the other they added up
PARTS = (fleet_part, alarm_part, work_part)


def _read_part(
    part: Callable[[Services, Actor], dict[str, Any]],
    services: Services,
    actor: Actor,
    _control: object,
) -> dict[str, Any]:
    return part(services, actor)


def summarize(services: Services, actor: Actor) -> dict[str, Any]:
    """Gather every figure of the dashboard (runs in the background)."""
    out: dict[str, Any] = {"now": services.clock.now()}
    for part in PARTS:
        out |= part(services, actor)
    return out


def _hex(light: str) -> str:
    return style.fg(light).name()


def gate_line(gates: Counter[str] | dict[str, int]) -> str:
    """The community card's line on the gates' manual (non-face) passage, as rich text: a
    failing gate first (a compliance fault), then how many work, then how many are unknown."""
    failed, ok, unknown = gates.get("failed", 0), gates.get("ok", 0), gates.get("unknown", 0)
    total = failed + ok + unknown
    if failed:
        text = tr("Gate manual passage FAILING at {n} gates").format(n=failed)
        return f'<span style="color:{_hex("bad")}">✘ {text}</span>'
    if ok and not unknown:
        return f'<span style="color:{_hex("ok")}">✔ {tr("Gate manual passage working")}</span>'
    if ok:
        text = tr("Gate manual passage working at {ok} of {total} gates ({n} not checked)")
        return f'<span style="color:{_hex("ok")}">✔ {text.format(ok=ok, total=total, n=unknown)}</span>'
    return f'<span style="color:{_hex("neutral")}">? {tr("Gate manual passage not checked yet")}</span>'


def per_day(
    instants: list[datetime], now: datetime, days: int = 30
) -> tuple[list[datetime], list[int]]:
    """Events per local day (the console's time zone) over the last ``days`` days, as the
    trend chart plots them: one point at each local midnight."""
    today = aware(now).astimezone(LOCAL_TZ).date()
    xs, counts = per_local_day(instants, today, LOCAL_TZ, days)
    return [datetime.combine(d, time(), LOCAL_TZ) for d in xs], counts


class DashboardPage(Page):
    key = "dashboard"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.add_header(tr("Device health, alarms, work orders and SLA at a glance."))
        # a dead poller is an alarm: who took its devices over, or how many nobody polls
        self.poller_alarm = make_label("", wrap=True)
        self.poller_alarm.setAccessibleName(tr("Poller alarms"))
        self.poller_alarm.setStyleSheet(f"color: {style.fg('bad').name()}; font-weight: bold")
        self.poller_alarm.hide()
        self.outer.addWidget(self.poller_alarm)
        # open care alerts first of all: a resident may need help now
        self.care = Tile(tr("Open care alerts"), "0", _hex("bad"))
        self.care.setAccessibleName(tr("Open care alerts"))
        self.care.clicked.connect(lambda: self.ctx.events.open_page.emit("care", {}))
        self.care.hide()
        self.outer.addWidget(self.care)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setSpacing(14)
        self.body.setContentsMargins(0, 0, 8, 0)
        scroll.setWidget(body)
        self.outer.addWidget(scroll, 1)
        self.tiles: dict[str, Tile] = {}
        self.body.addWidget(make_label(tr("Devices"), "subtitle"))
        row = QHBoxLayout()
        for h in ("up", "degraded", "down", "unknown"):
            self._tile(
                row, f"health:{h}", label(HEALTH, h), HEALTH_COLOURS[h], "devices", {"health": h}
            )
        self.body.addLayout(row)
        row = QHBoxLayout()
        self.body.addWidget(make_label(tr("Open alarms, work orders and SLA"), "subtitle"))
        for s in ("compliance", "critical", "warning"):
            self._tile(
                row,
                f"alarm:{s}",
                tr("{severity} alarms").format(severity=label(SEVERITY, s)),
                SEVERITY_COLOURS[s],
                "alarms",
                {"severity": s},
            )
        self._tile(row, "sla:at_risk", tr("SLA at risk"), "warn", "sla", {"risk": "at_risk"})
        self._tile(row, "sla:breached", tr("SLA breached"), "bad", "sla", {"risk": "breached"})
        self.body.addLayout(row)
        # the open work orders on a line of their own: nine tiles on one line clipped their
        # captions in large text
        row = QHBoxLayout()
        for p in PRIORITIES:
            self._tile(
                row,
                f"wo:{p}",
                tr("Open {p}").format(p=p),
                PRIORITY_COLOURS[p],
                "workorders",
                {"priority": p, "status": "open"},
            )
        self.body.addLayout(row)
        # resolved orders waiting for the liaison: one tile per community, made once known
        self.verify_title = make_label(tr("Awaiting verification"), "subtitle")
        self.verify_title.setToolTip(
            tr("Resolved work orders waiting for the liaison of their community to verify them")
        )
        self.body.addWidget(self.verify_title)
        self.verify_row = QHBoxLayout()
        self.body.addLayout(self.verify_row)
        self.body.addWidget(make_label(tr("Health by community"), "subtitle"))
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        self.body.addLayout(self.grid)
        self.body.addWidget(make_label(tr("Alarms and work orders per day (30 days)"), "subtitle"))
        self.trend = TrendChart(size_hint=QSize(600, 260))
        self.trend.setAccessibleName(tr("Alarms and work orders per day"))
        self.trend.setMinimumHeight(220)
        self.trend.setMaximumHeight(420)
        self.body.addWidget(self.trend, 1)
        self.data: dict[str, Any] = {}
        self.connect_event(ctx.events.workorders_changed, self.on_changed)
        self._stale = False  # a write came while the dashboard was hidden
        self.connect_event(ctx.events.workorder_saved, self.on_saved)
        self.connect_event(ctx.events.devices_changed, self.refresh)
        self.connect_event(ctx.events.care_changed, self.refresh_care)

    def _tile(
        self,
        row: QHBoxLayout,
        key: str,
        caption: str,
        colour: str,
        page: str,
        filters: dict[str, str],
    ) -> None:
        tile = Tile(caption, "–", _hex(colour))
        tile.clicked.connect(lambda: self.ctx.events.open_page.emit(page, dict(filters)))
        self.tiles[key] = tile
        row.addWidget(tile)

    def on_changed(self, _number: str) -> None:
        self.on_saved(None)

    def on_saved(self, _info: object) -> None:
        """A write of this console changed a work order: the counts are read again, at once
        when the dashboard is shown, else when it is shown next (redrawing a hidden chart after
        every write cost the GUI thread 50-150 ms while the Work orders page took the reply)."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor
        now = services.clock.now()
        parts: dict[int, dict[str, Any]] = {}
        for i, part in enumerate(PARTS):
            self.ctx.runner.run(
                functools.partial(_read_part, part, services, actor),
                success=functools.partial(self._part_loaded, parts, i, now=now),
                failure=self.show_failure,
                name=f"dashboard-{part.__name__}",
            )
        registry = services.pollers
        self.in_background(
            "dashboard-pollers",
            lambda: [dead_text(p, now) for p in registry.list_pollers(actor, now) if p.alarm],
            self.show_poller_alarms,
        )
        self.refresh_care()

    def _part_loaded(
        self, parts: dict[int, dict[str, Any]], i: int, data: dict[str, Any], *, now: datetime
    ) -> None:
        parts[i] = data
        if len(parts) == len(PARTS):  # every part of this refresh is in: show them together
            merged: dict[str, Any] = {"now": now}
            for d in parts.values():
                merged |= d
            self.show_data(merged)

    def refresh_care(self) -> None:
        """The open care alerts, for those who look after residents."""
        if not self.ctx.actor.can("care.ack"):
            return
        services, actor = self.ctx.services, self.ctx.actor
        self.in_background(
            "dashboard-care",
            lambda: services.monitoring.care_alerts(actor, open_only=True),
            self.show_care,
        )

    def show_care(self, rows: list[Any]) -> None:
        self.care.set_value(str(len(rows)))
        waiting = [c for c in rows if c.state == "new"]
        lines = [headline(c) for c in (waiting or rows)[:3]]
        caption = tr("Open care alerts ({n} not acknowledged)").format(n=len(waiting))
        self.care.caption.setText("\n".join([caption, *lines]))
        self.care.setVisible(bool(rows))

    def show_poller_alarms(self, lines: list[str]) -> None:
        self.poller_alarm.setText("\n".join(lines))
        self.poller_alarm.setVisible(bool(lines))

    def show_data(self, data: dict[str, Any]) -> None:
        self.data = data
        na = tr("n/a")
        totals: Counter[str] = Counter()
        for counts in data["health"].values():
            totals.update(counts)
        why = data.get("why") or []
        for h in ("up", "degraded", "down", "unknown"):
            self.tiles[f"health:{h}"].set_value(f"{totals.get(h, 0):,}")
            # why, for the degraded and down tiles: the devices and their causes
            self.tiles[f"health:{h}"].setToolTip(why_list([t for _c, hh, t in why if hh == h]))
        alarms = data.get("alarms")
        sev = Counter(a.severity for a in alarms or [])
        for s in ("compliance", "critical", "warning"):
            self.tiles[f"alarm:{s}"].set_value(str(sev.get(s, 0)) if alarms is not None else na)
        wos = data.get("workorders")
        prio = Counter(w.priority for w in wos or [] if w.status in OPEN_STATUSES)
        for p in PRIORITIES:
            self.tiles[f"wo:{p}"].set_value(str(prio.get(p, 0)) if wos is not None else na)
        sla = data.get("sla")
        for r in ("at_risk", "breached"):
            self.tiles[f"sla:{r}"].set_value(str(sla.get(r, 0)) if sla is not None else na)
        self._fill_awaiting(data.get("awaiting") or {})
        self._fill_grid(data)
        series = {}
        if data.get("alarm_history") is not None:
            series[tr("Alarms opened")] = per_day(
                [a.opened_at for a in data["alarm_history"]], data["now"]
            )
        if wos is not None:
            series[tr("Work orders created")] = per_day([w.created_at for w in wos], data["now"])
        self.trend.set_series(series)

    def _fill_awaiting(self, awaiting: dict[str, int]) -> None:
        """A tile per community: its resolved orders waiting for the liaison's verification."""
        for community, n in sorted(awaiting.items()):
            key = f"verify:{community}"
            if key not in self.tiles:
                self._tile(
                    self.verify_row,
                    key,
                    tr("{community}: awaiting verification").format(community=community),
                    "info",
                    "workorders",
                    {"status": "awaiting", "community": community},
                )
            self.tiles[key].set_value(str(n))
        visible = self.ctx.actor.role != "technician" and bool(awaiting)
        self.verify_title.setVisible(visible)
        for key, tile in self.tiles.items():
            if key.startswith("verify:"):
                tile.setVisible(visible)

    def _fill_grid(self, data: dict[str, Any]) -> None:
        clear_layout(self.grid)
        for i, (community, counts) in enumerate(sorted(data["health"].items())):
            total = sum(counts.values())
            card = Tile(community, "", None)
            card.value.setText(community)
            card.value.setStyleSheet("font-size: 13pt; font-weight: 600;")
            parts = [
                f'<span style="color:{_hex(HEALTH_COLOURS[h])}">● {label(HEALTH, h)} {counts.get(h, 0)}</span>'
                for h in ("up", "degraded", "down", "unknown")
            ]
            gates = data["gates"].get(community)
            if gates:
                parts.append("<br>" + gate_line(gates))
            head = tr("{n} devices").format(n=total)
            retired = data.get("retired", {}).get(community, 0)
            if retired:
                head += " · " + tr("{n} retired, not counted").format(n=retired)
            card.caption.setText(head + "<br>" + " &nbsp; ".join(parts))
            card.caption.setTextFormat(card.caption.textFormat().RichText)
            card.setToolTip(why_list([t for c, _h, t in data.get("why") or [] if c == community]))
            card.clicked.connect(
                lambda c=community: self.ctx.events.open_page.emit("devices", {"community": c})
            )
            self.grid.addWidget(card, i // 3, i % 3)
