"""The Devices page: every device, filtered and sorted, with add, edit, retire, import, export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QProgressDialog,
)

from ...services.fleet import FleetHealth, fleet_health
from ...services.inventory import DeviceRow
from ..context import UiContext
from ..health_text import Why, why_of
from ..i18n import HEALTH, category_name, label, tr
from ..models.devices import DeviceFilterProxy, DeviceTableModel
from ..tasks import Task, TaskControl
from ..widgets import EmptyState, FilterField, FlowLayout, show_info
from ..widgets import label as make_label
from .base import Page, header_button, or_empty, table_view

if TYPE_CHECKING:
    from ...services.container import Services
    from ...services.context import Actor

FIRST_PAGE = 500  # rows shown at once while the rest loads
UNHEALTHY = ("degraded", "down")  # the healths that have causes


class _Loaded(NamedTuple):
    rows: list[DeviceRow]
    why: dict[int, Why]  # the unhealthy devices' causes, worded


def _read(services: Services, actor: Actor, limit: int | None = None) -> _Loaded:
    """The devices and, in the same background read, why the unhealthy ones are unhealthy
    (only theirs are read: one query over the degraded and down devices' states)."""
    monitoring = services.monitoring
    rows = services.inventory.list_devices(actor, limit=limit)
    if limit is None:
        causes = monitoring.unhealthy_causes(actor)
    else:
        ids = [r.id for r in rows if r.health in UNHEALTHY]
        causes = monitoring.unhealthy_causes(actor, device_ids=ids) if ids else {}
    return _Loaded(rows, why_of(rows, causes, monitoring.profiles) if causes else {})


class DevicesPage(Page):
    key = "devices"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        can_write = ctx.actor.can("inventory.write")
        self.add_button = header_button(
            tr("&Add…"), self.add_device, primary=True, visible=can_write
        )
        self.edit_button = header_button(tr("&Edit…"), self.edit_device, visible=can_write)
        self.retire_button = header_button(tr("&Retire…"), self.retire_device, visible=can_write)
        self.import_button = header_button(tr("&Import CSV…"), self.import_csv, visible=can_write)
        self.export_button = header_button(tr("E&xport CSV…"), self.choose_export)
        self.maintenance_button = header_button(
            tr("&Maintenance…"),
            self.plan_maintenance,
            visible=ctx.actor.can("maintenance.write"),
        )
        self.maintenance_button.setToolTip(
            tr("Plan a maintenance window for the selected device or a community")
        )
        self.poll_button = header_button(tr("&Poll now"), self.poll_now, visible=can_write)
        self.poll_button.setToolTip(
            tr("Poll the selected device now, or every device of the chosen community")
        )
        self.add_header(
            tr("Every device you may see; double-click one for its detail."),
            self.add_button,
            self.edit_button,
            self.retire_button,
            self.import_button,
            self.export_button,
            self.maintenance_button,
            self.poll_button,
        )

        # the filters flow onto a second line when large text leaves no room for one, and
        # the text field is never narrower than its placeholder (which a squeezed row cut)
        filters = FlowLayout(spacing=8)
        self.community = QComboBox()
        self.community.setAccessibleName(tr("Community filter"))
        self.category = QComboBox()
        self.category.setAccessibleName(tr("Category filter"))
        self.health = QComboBox()
        self.health.setAccessibleName(tr("Health filter"))
        self.text = FilterField()
        self.text.setClearButtonEnabled(True)
        self.text.setPlaceholderText(tr("Filter by tag, name, zone, address, cause…"))
        self.text.setAccessibleName(tr("Text filter"))
        self.count = make_label("", "muted")
        self._fleet: FleetHealth | None = None
        filters.addWidget(self.community)
        filters.addWidget(self.category)
        filters.addWidget(self.health)
        filters.addWidget(self.text)
        filters.addWidget(self.count)
        self.outer.addLayout(filters)

        self.model = DeviceTableModel()  # category names arrive with the first rows
        self.proxy = DeviceFilterProxy(self.model)
        self.view = table_view(self.proxy, tr("Devices"), striped=True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((120, 220, 190, 80, 120, 100, 100, 90, 120, 130)):
            self.view.setColumnWidth(col, width)
        self.view.doubleClicked.connect(self.open_detail)
        self.empty = EmptyState(tr("Loading devices…"), "", "devices")
        self.body = or_empty(self.view, self.empty)
        self.outer.addWidget(self.body, 1)

        self._fill_filters()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.apply_text)
        self.text.textChanged.connect(lambda _t: self._debounce.start())
        for box in (self.community, self.category, self.health):
            box.currentIndexChanged.connect(self.apply_combos)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._poll_task: Task | None = None
        self.poll_progress: QProgressDialog | None = None
        QShortcut(QKeySequence("Ctrl+N"), self, self.add_device)
        self.connect_event(ctx.events.devices_changed, self.refresh)
        self._load_task: Task | None = None
        self._wanted_filters: dict[str, Any] = {}  # asked for before the names arrived
        self._update_buttons()

    # data ---------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        self.community.addItem(tr("All communities"), "")
        self.category.addItem(tr("All categories"), "")
        self.health.addItem(tr("Any health"), "")
        for code in HEALTH:
            self.health.addItem(label(HEALTH, code), code)
        self._names_shown = False

    def _fill_names(self) -> None:
        """The community and category filters and names, once read (in the background)."""
        if self._names_shown:
            return
        self._names_shown = True
        cats = self.ctx.categories()  # cached by the load
        self.model.categories = cats
        for box, items in (
            (self.community, [(c, c) for c in self.ctx.communities()]),
            (self.category, [(category_name(cats, code), code) for code in cats]),
        ):
            box.blockSignals(True)
            for text, code in items:
                box.addItem(text, code)
            box.blockSignals(False)
        wanted = self._wanted_filters
        if wanted:
            self._wanted_filters = {}
            self.apply_filters(wanted)

    def refresh(self) -> None:
        """Load the first rows, then every device, in the background."""
        if self._load_task is not None:
            self._load_task.cancel()
        services, actor, ctx = self.ctx.services, self.ctx.actor, self.ctx
        if self.model.total() == 0:

            def first() -> _Loaded:
                ctx.load_names()
                return _read(services, actor, FIRST_PAGE)

            self._load_task = self.in_background("devices, first rows", first, self._first_loaded)
            return
        self._load_all()

    def _first_loaded(self, loaded: _Loaded) -> None:
        self._fill_names()
        first = loaded.rows
        self.model.set_rows(first, loaded.why)
        self._fleet = fleet_health(first)
        self._show_state(partial=len(first) == FIRST_PAGE)
        if len(first) == FIRST_PAGE:
            self._load_all()

    def _load_all(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor
        self._load_task = self.in_background(
            "devices", lambda: _read(services, actor), self._loaded
        )

    def _loaded(self, loaded: _Loaded) -> None:
        selected = self.selected()
        rows = loaded.rows
        self.model.set_rows(rows, loaded.why)
        self._fleet = fleet_health(rows)  # counted once per load, not per keystroke
        self._show_state()
        if selected is not None:
            self.select_tag(selected.asset_tag)

    def _show_state(self, partial: bool = False) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if total == 0:
            self.empty.set_text(
                tr("No devices yet"),
                tr("Add a device or import a CSV to start monitoring."),
            )
            self.body.setCurrentWidget(self.empty)
        elif shown == 0:
            self.empty.set_text(
                tr("No device matches the filter"), tr("Clear the filters to see every device.")
            )
            self.body.setCurrentWidget(self.empty)
        else:
            self.body.setCurrentWidget(self.view)
        text = tr("{shown} of {total} devices").format(shown=f"{shown:,}", total=f"{total:,}")
        fleet = self._fleet
        if fleet is not None and fleet.retired_total and not partial:
            # the dashboard's and the reports' health figures count the others only
            text += " · " + tr("{counted} in health figures, {retired} retired").format(
                counted=f"{fleet.counted:,}", retired=f"{fleet.retired_total:,}"
            )
        if partial:
            text += " " + tr("(loading the rest…)")
        self.count.setText(text)
        self._update_buttons()

    # filters ------------------------------------------------------------------------
    def apply_text(self) -> None:
        self.proxy.set_filter(text=self.text.text().strip())
        self._show_state()

    def apply_combos(self) -> None:
        self.proxy.set_filter(
            community=self.community.currentData() or "",
            category=self.category.currentData() or "",
            health=self.health.currentData() or "",
        )
        self._show_state()

    def apply_filters(self, filters: dict[str, Any]) -> None:
        if not self._names_shown and ("community" in filters or "category" in filters):
            self._wanted_filters = dict(filters)  # chosen again once the names are read
        for box, key in (
            (self.community, "community"),
            (self.category, "category"),
            (self.health, "health"),
        ):
            if key in filters:
                box.blockSignals(True)
                box.setCurrentIndex(max(0, box.findData(filters[key] or "")))
                box.blockSignals(False)
        if "text" in filters:
            self.text.blockSignals(True)
            self.text.setText(filters["text"])
            self.text.blockSignals(False)
        self.proxy.set_filter(
            community=self.community.currentData() or "",
            category=self.category.currentData() or "",
            health=self.health.currentData() or "",
            text=self.text.text().strip(),
        )
        self._show_state()
        if self.proxy.rowCount() == 1:
            self.view.selectRow(0)

    # selection and actions ------------------------------------------------------------
    def selected(self) -> DeviceRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.proxy.row_at(rows[0].row()) if rows else None

    def select_tag(self, tag: str) -> None:
        for r in range(self.proxy.rowCount()):
            if self.proxy.row_at(r).asset_tag == tag:
                self.view.selectionModel().select(
                    self.proxy.index(r, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.view.scrollTo(self.proxy.index(r, 0))
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.retire_button.setEnabled(row is not None and row.status != "retired")

    def open_detail(self, index: QModelIndex | None = None) -> None:
        row = self.selected()
        if row is not None:
            self.ctx.events.open_page.emit("device_detail", {"tag": row.asset_tag})

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.open()
        return dialog

    def add_device(self) -> QDialog | None:
        if not self.ctx.actor.can("inventory.write"):
            return None
        from ..dialogs.device import DeviceDialog

        return self._open(DeviceDialog(self.ctx, None, self))

    def edit_device(self) -> QDialog | None:
        row = self.selected()
        if row is None:
            return None
        from ..dialogs.device import DeviceDialog

        return self._open(DeviceDialog(self.ctx, row, self))

    def retire_device(self) -> QDialog | None:
        row = self.selected()
        if row is None:
            return None
        from ..dialogs.device import RetireDialog

        return self._open(RetireDialog(self.ctx, row, self))

    def import_csv(self) -> QDialog:
        from ..dialogs.import_wizard import ImportWizard

        return self._open(ImportWizard(self.ctx, self))

    def choose_export(self) -> None:
        dialog = QFileDialog(self, tr("Export devices"), "devices.csv", tr("CSV files (*.csv)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda p: self.export_to(Path(p)))
        dialog.open()

    def export_to(self, path: Path) -> None:
        f = self.proxy.filters
        services, actor = self.ctx.services, self.ctx.actor

        def done(n: int) -> None:
            show_info(self, tr("Exported {n} devices to {path}.").format(n=n, path=path))

        self.in_background(
            "export devices",
            lambda: services.inventory.export_csv(
                actor,
                path,
                community=f.get("community"),
                category=f.get("category"),
                health=f.get("health"),
                text=f.get("text"),
            ),
            done,
        )

    def plan_maintenance(self) -> QDialog:
        """Open the maintenance-window editor for the selected device (or a community)."""
        from ..dialogs.planning import MaintenanceDialog

        row = self.selected()
        dialog = MaintenanceDialog(
            self.ctx,
            row.asset_tag if row is not None else None,
            row.community if row is not None else self.proxy.filters.get("community"),
            self,
        )

        def finished(result: int) -> None:
            if result and dialog.result_value is not None:
                self.ctx.events.message.emit(tr("Maintenance window planned."))
                self.ctx.events.devices_changed.emit()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    # poll now -----------------------------------------------------------------------
    def poll_now(self) -> Task:
        """Poll the selected device (or the filtered community) once, in the background."""
        if self._poll_task is not None and not self._poll_task.finished:
            return self._poll_task
        from ..poller_thread import PollNowResult, poll_now

        row = self.selected()
        community = self.proxy.filters.get("community")
        device_ids = [row.id] if row is not None else None
        what = row.asset_tag if row is not None else (community or tr("all communities"))
        progress = QProgressDialog(
            tr("Polling {what}…").format(what=what), tr("Cancel"), 0, 100, self
        )
        progress.setWindowTitle(tr("Poll now"))
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        self.poll_progress = progress
        monitoring, events = self.ctx.services.monitoring, self.ctx.events
        self.poll_button.setEnabled(False)
        # the demo's agent answers only while a poller runs beside it: a running poller's
        # does, else this poll starts one of its own (made in the background, with the poll)
        poller = self.ctx.poller
        extra = None
        if poller is not None and poller.once_options is not None and not poller.is_running():
            extra = poller.once_options
        # on a shared installation it leases as `poll --once` does (registered in the worker)
        leases = poller.once_leases if poller is not None else None

        def work(control: TaskControl) -> PollNowResult:
            options = extra() if extra is not None else {}
            if leases is not None:
                options |= leases(community, device_ids)
            return poll_now(
                monitoring,
                control,
                community=community,
                device_ids=device_ids,
                options=options or None,
            )

        def done(result: PollNowResult) -> None:
            for batch in result.batches:
                events.samples_stored.emit(batch)
            text = tr("Polled {n} devices: {ok} ok, {failed} failed, {samples} samples.").format(
                n=result.devices, ok=result.ok, failed=result.failed, samples=result.samples
            )
            if result.left_to_pollers:
                text += " " + tr("{n} left to the running pollers that hold them.").format(
                    n=result.left_to_pollers
                )
            events.message.emit(text)

        def finished() -> None:
            self.poll_button.setEnabled(True)
            progress.close()

        task = self.ctx.runner.run(
            work,
            success=done,
            failure=self.show_failure,
            progress=lambda f: progress.setValue(int(f * 100)),
            name="poll now",
        )
        self._poll_task = task
        progress.canceled.connect(task.cancel)
        if task.finished:
            finished()
        else:
            task.done.connect(finished)
        return task
