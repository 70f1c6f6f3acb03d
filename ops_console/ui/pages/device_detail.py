"""Device detail: facts, health, metric history charts with presets, alarms, work orders, windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.errors import OpsError
from ..alarm_text import AlarmTexts, message_text
from ..charts.timeseries import HistoryChart
from ..context import UiContext
from ..health_text import causes_text
from ..i18n import (
    CRITICALITY,
    DEVICE_STATUS,
    HEALTH,
    SEVERITY,
    STATUS,
    N,
    category_name,
    current_language,
    error_text,
    label,
    tr,
)
from ..widgets import EmptyState, PageHeader, local, show_error
from ..workorder_text import words
from .base import Page, value_rows

if TYPE_CHECKING:
    from ...domain.health import Cause
    from ...polling.profiles import MetricSpec, Profile, TableSpec
    from ...services.inventory import DeviceRow
    from ...services.monitoring.alarms import AlarmInfo
    from ...services.monitoring.history import MetricHistory
    from ...services.monitoring.ingest.windows import MaintenanceWindowInfo
    from ...services.workorders.views import WorkOrderRow

WORK_ORDER = Qt.ItemDataRole.UserRole

PRESETS = (
    ("6h", N("6 h"), 6),
    ("24h", N("24 h"), 24),
    ("7d", N("7 days"), 24 * 7),
    ("30d", N("30 days"), 24 * 30),
)


@dataclass(frozen=True)
class _DeviceRead:
    """What the page shows of a device, read in the background."""

    device: DeviceRow
    causes: list[Cause]
    metrics: list[str]
    alarms: list[AlarmInfo]
    windows: list[MaintenanceWindowInfo]
    workorders: list[WorkOrderRow]


def metric_choices(profile: Profile | None, keys: list[str], zh: bool) -> list[tuple[str, str]]:
    """The series a chart can draw, named from the profile (shipped data), in its order: the
    device's own metrics first (uptime last of them), then a table's rows ("电量（手环 10）", "Battery (Wristbands 10)").
    Text metrics (a band's id) have no chart and are left out; a series the profile no
    longer names keeps its key, last."""
    if profile is None:
        return [(k, k) for k in keys]

    def name(spec: MetricSpec | TableSpec) -> str:
        return (spec.label_zh if zh else spec.label_en) or spec.key

    scalars = {m.key: (i, m) for i, m in enumerate(profile.metrics)}
    columns = {
        f"{t.key}.{c.key}": (i, t, c)
        for i, (t, c) in enumerate((t, c) for t in profile.tables for c in t.columns)
    }
    ranked: list[tuple[tuple[int, int, int, str], str, str]] = []
    for key in keys:
        base, bracket, rest = key.partition("[")
        row = rest[:-1] if bracket and rest.endswith("]") else ""
        if not bracket and base in scalars:
            i, m = scalars[base]
            if m.kind != "text":  # uptime, common to every device, after the device's own
                ranked.append(((0, int(base == "uptime"), i, ""), name(m), key))
        elif row and base in columns:
            i, t, c = columns[base]
            if c.kind != "text":
                text = f"{name(c)}（{name(t)} {row}）" if zh else f"{name(c)} ({name(t)} {row})"
                number = int(row) if row.isdigit() else 0
                ranked.append(((1, i, number, row), text, key))
        else:
            ranked.append(((2, 0, 0, key), key, key))
    return [(text, key) for _rank, text, key in sorted(ranked)]


class DeviceDetailPage(Page):
    key = "device_detail"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.header = PageHeader(tr("Device"), tr("Choose a device on the Devices page."))
        back = QPushButton(tr("← &Devices"))
        back.clicked.connect(lambda: ctx.events.open_page.emit("devices", None))
        self.header.action_row.addWidget(back)
        self.outer.addWidget(self.header)
        split = QSplitter(Qt.Orientation.Horizontal)
        facts = QWidget()
        self.facts = QFormLayout(facts)
        self.fact_labels = value_rows(
            self.facts,
            (
                ("health", tr("Health:")),
                ("category", tr("Category:")),
                ("where", tr("Location:")),
                ("address", tr("Address:")),
                ("model", tr("Vendor / model:")),
                ("status", tr("Status:")),
                ("criticality", tr("Criticality:")),
                ("last_poll", tr("Last poll:")),
                ("error", tr("Last error:")),
            ),
        )
        split.addWidget(facts)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.metric_box = QComboBox()
        self.metric_box.setAccessibleName(tr("Metric"))
        self.metric_box.currentIndexChanged.connect(lambda _i: self.load_chart())
        bar.addWidget(self.metric_box, 1)
        self.preset_group = QButtonGroup(self)
        self.preset = "24h"
        for key, text, _h in PRESETS:
            b = QPushButton(tr(text))
            b.setCheckable(True)
            b.setChecked(key == self.preset)
            b.clicked.connect(lambda _=False, k=key: self.set_preset(k))
            self.preset_group.addButton(b)
            bar.addWidget(b)
        rl.addLayout(bar)
        self.chart = HistoryChart()
        self.chart_empty = EmptyState(
            tr("No history yet"),
            tr("Samples appear once the poller has polled this device."),
            "device",
        )
        self.chart_empty.hide()
        rl.addWidget(self.chart, 1)
        rl.addWidget(self.chart_empty, 1)
        self.tabs = QTabWidget()
        self.alarms = QListWidget()
        self.workorders = QListWidget()
        self.windows = QListWidget()
        self.tabs.addTab(self.alarms, tr("Alarms"))
        self.tabs.addTab(self.workorders, tr("Work orders"))
        self.tabs.addTab(self.windows, tr("Maintenance windows"))
        # double-click or Enter on an alarm with a work order, or on a work order, opens it
        self.workorders.itemActivated.connect(self._open_workorder)
        self.alarms.itemActivated.connect(self._open_workorder)
        rl.addWidget(self.tabs)
        split.addWidget(right)
        split.setSizes([320, 800])
        self.outer.addWidget(split, 1)
        self.tag: str | None = None
        self._showing: str | None = None  # the device last asked for
        self.history: MetricHistory | None = None

    def apply_filters(self, filters: dict[str, Any]) -> None:
        if filters.get("tag"):
            self.show_device(filters["tag"])

    def refresh(self) -> None:
        if self.tag:
            self.show_device(self.tag)

    def show_device(self, tag: str) -> None:
        """Show the device ``tag``: read in the background (a remote database is round trips
        away: the device, its health's causes, metrics, alarms, windows and work orders), the
        page filled once the read came back."""
        services, actor, ctx = self.ctx.services, self.ctx.actor, self.ctx
        self._showing = tag

        def read(_c: Any) -> _DeviceRead:
            d = services.inventory.get(actor, tag)
            ctx.categories()  # into the cache, for the GUI thread to find
            try:
                windows = [
                    w
                    for w in services.monitoring.list_maintenance_windows(actor)
                    if w.asset_tag == tag or (w.asset_tag is None and w.community == d.community)
                ]
            except (OpsError, TypeError):
                windows = []
            return _DeviceRead(
                device=d,
                causes=services.monitoring.health_causes(actor, tag),
                metrics=list(services.monitoring.metrics_of(actor, tag)),
                alarms=[
                    a
                    for a in services.monitoring.list_alarms(
                        actor, community=d.community, limit=2000
                    )
                    if a.asset_tag == tag
                ],
                windows=windows,
                workorders=[
                    wo
                    for wo in services.workorders.list(actor, community=d.community)
                    if wo.device == tag
                ],
            )

        def failed(exc: Exception) -> None:
            if isValid(self.header) and self._showing == tag:
                self.header.subtitle.setText(error_text(exc))
                show_error(self, exc)

        self.ctx.runner.run(
            read,
            success=lambda r: self._fill(tag, r),
            failure=failed,
            name="device-detail",
        )

    def _fill(self, tag: str, r: _DeviceRead) -> None:
        if not isValid(self.header) or self._showing != tag:  # rebuilt, or another device asked
            return
        services, d = self.ctx.services, r.device
        self.tag = tag
        self.header.title.setText(f"{d.asset_tag} · {d.name}")
        self.header.subtitle.setText(f"{d.community} {d.zone} {d.location}")
        f = self.fact_labels
        why = causes_text(  # "Degraded: Battery (Wristbands 2) 12 % below 20 %"
            d.health, services.monitoring.profiles.get(d.category), r.causes
        )
        f["health"].setText("● " + (why or label(HEALTH, d.health)))
        f["category"].setText(category_name(self.ctx.categories(), d.category))
        f["where"].setText(f"{d.community} / {d.zone} / {d.location}")
        f["address"].setText(f"{d.address} (SNMP {d.snmp_version}:{d.snmp_port})")
        f["model"].setText(f"{d.vendor} {d.model} {d.serial}")
        f["status"].setText(label(DEVICE_STATUS, d.status))
        f["criticality"].setText(label(CRITICALITY, d.criticality))
        f["last_poll"].setText(local(d.last_poll_at) or tr("never"))
        f["error"].setText(message_text(d.last_error))
        self.metric_box.blockSignals(True)
        self.metric_box.clear()
        for text, key in self._metric_choices(d.category, r.metrics):
            self.metric_box.addItem(text, key)
        self.alarms.clear()
        texts = AlarmTexts()
        for a in r.alarms:
            message = texts.message(a)
            self.alarms.addItem(
                f"{local(a.opened_at)}  {label(SEVERITY, a.severity)}  {message}"
                f"  · {texts.handover(a)}"
            )
            item = self.alarms.item(self.alarms.count() - 1)
            item.setToolTip(message)
            item.setData(WORK_ORDER, a.work_order_number)
        if self.alarms.count() == 0:
            self.alarms.addItem(tr("No alarms for this device."))
        self.windows.clear()
        for w in r.windows:
            self.windows.addItem(f"{local(w.starts_at)} → {local(w.ends_at)}  {w.reason}")
        if self.windows.count() == 0:
            self.windows.addItem(tr("No maintenance windows."))
        self.metric_box.blockSignals(False)
        self.workorders.clear()
        for wo in r.workorders:
            self.workorders.addItem(
                f"{wo.number}  {wo.priority}  {label(STATUS, wo.status)}  {words(wo.title)}"
            )
            self.workorders.item(self.workorders.count() - 1).setData(WORK_ORDER, wo.number)
        if self.workorders.count() == 0:
            self.workorders.addItem(tr("No work orders for this device."))
        self.load_chart()

    def _open_workorder(self, item: QListWidgetItem) -> None:
        number = item.data(WORK_ORDER)
        if number:  # "No work orders for this device." and alarms without one open nothing
            self.ctx.events.open_page.emit("workorders", {"number": number})

    def set_preset(self, key: str) -> None:
        self.preset = key
        self.load_chart()

    def _metric_choices(self, category: str, keys: list[str]) -> list[tuple[str, str]]:
        """The chart picker's entries: (label in the UI language, series key)."""
        return metric_choices(
            self.ctx.services.monitoring.profiles.get(category),
            keys,
            current_language().startswith("zh"),
        )

    def _metric_label(self) -> str:
        return self.metric_box.currentText()

    def load_chart(self) -> None:
        metric = self.metric_box.currentData()
        if not self.tag or not metric:
            self.chart.hide()
            self.chart_empty.show()
            return
        hours = dict((k, h) for k, _t, h in PRESETS)[self.preset]
        services, actor, tag = self.ctx.services, self.ctx.actor, self.tag
        until = services.clock.now()
        since = until - timedelta(hours=hours)
        self.in_background(
            "history",
            lambda: services.monitoring.metric_history(
                actor, tag, metric, since, until, max_points=2000
            ),
            self._show_history,
        )

    def _show_history(self, h: MetricHistory) -> None:
        self.history = h
        has = bool(h.points)
        self.chart.setVisible(has)
        self.chart_empty.setVisible(not has)
        self.chart.set_data(h.xs(), h.ys(), h.unit, self._metric_label() or h.label)
        self.chart.set_range(h.since.timestamp(), h.until.timestamp())
