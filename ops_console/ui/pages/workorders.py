"""The Work orders page: list with live SLA countdowns, filters, detail with timeline and actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QListView,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain import lifecycle
from ...domain.errors import Conflict
from ...domain.lifecycle import OPEN_STATUSES, PRIORITIES, Role, Status
from ..attachments import AttachmentsPanel
from ..context import UiContext
from ..dialogs import workorder as dialogs
from ..dialogs.attachment import size_text
from ..i18n import (
    ACTIONS,
    ATTACHMENT_KINDS,
    HOLD_REASONS,
    KINDS,
    SOURCES,
    STATUS,
    VERIFICATION,
    current_language,
    error_text,
    label,
    tr,
)
from ..models.roles import OBJECT_ROLE
from ..models.workorders import (
    ASSIGNEE,
    COMMUNITY,
    CREATED,
    NUMBER,
    PRIORITY,
    RESOLUTION,
    RESPONSE,
    STATUS_COL,
    TITLE,
    WorkOrderProxy,
    WorkOrderTableModel,
)
from ..operations import Operation
from ..sla_text import clock_text, clock_tooltip, duration
from ..tasks import side_by_side
from ..widgets import EmptyState, FilterField, FlowLayout, WrappingDelegate, local, show_error
from ..widgets import label as make_label
from ..workorder_text import words
from .base import Page, header_button, or_empty, table_view, value_rows

if TYPE_CHECKING:
    from ...services.sla import OpenClock
    from ...services.workorders import WorkOrderInfo
    from ...services.workorders.views import WorkOrderRow
    from ..dialogs.form import FormDialog


class _Loaded(NamedTuple):
    """What the page reads in the background: the rows, their running and stopped clocks,
    and the community names (None once known)."""

    rows: list[WorkOrderRow]
    clocks: dict[str, OpenClock]
    final: dict[str, OpenClock]
    communities: dict[int, str] | None


class WorkOrdersPage(Page):
    key = "workorders"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.new_button = header_button(
            tr("&New work order…"),
            self.new_workorder,
            primary=True,
            visible=ctx.actor.can("workorder.create"),
        )
        self.add_header(
            tr("Open work first; SLA clocks count business time and update live."),
            self.new_button,
        )
        self.communities: dict[int, str] = {}  # read with the first list, in the background
        self._community_wanted: str | None = None  # a filter asked for before they arrived
        # the filters flow onto a second line when large text leaves no room for one (a row
        # wider than the window drew the count over the search field)
        filters = FlowLayout(spacing=8)
        self.mine = QCheckBox(tr("&Mine"))
        if ctx.actor.role == Role.TECHNICIAN:  # hidden; never shown before it has a parent
            self.mine.hide()
        filters.addWidget(self.mine)
        self.status = QComboBox()
        self.status.addItem(tr("Open"), "open")
        self.status.addItem(tr("Awaiting verification"), "awaiting")
        self.status.addItem(tr("Any status"), "")
        for code in STATUS:
            self.status.addItem(label(STATUS, code), code)
        self.priority = QComboBox()
        self.priority.addItem(tr("Any priority"), "")
        for p in PRIORITIES:
            self.priority.addItem(p, p)
        self.community = QComboBox()
        self.community.addItem(tr("All communities"), 0)
        self.source = QComboBox()
        self.source.addItem(tr("Any source"), "")
        for code in SOURCES:
            self.source.addItem(label(SOURCES, code), code)
        for w, name in (
            (self.status, tr("Status filter")),
            (self.priority, tr("Priority filter")),
            (self.community, tr("Community filter")),
            (self.source, tr("Source filter")),
        ):
            w.setAccessibleName(name)
            w.currentIndexChanged.connect(self.apply_filter)
            filters.addWidget(w)
        self.mine.toggled.connect(self.apply_filter)
        self.search = FilterField()  # as wide as its placeholder (was cut in large text)
        self.search.setPlaceholderText(tr("Number, title, device or assignee"))
        self.search.setAccessibleName(tr("Search work orders"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        filters.addWidget(self.search)
        self.count = make_label("", "muted")
        filters.addWidget(self.count)
        self.outer.addLayout(filters)

        self.model = WorkOrderTableModel(self.communities)
        self.proxy = WorkOrderProxy(self.model)
        self.view = table_view(self.proxy, tr("Work orders"), striped=True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(RESOLUTION, Qt.SortOrder.AscendingOrder)
        self._size_columns()
        self.empty = EmptyState(
            tr("No work orders match"), tr("Change the filters to see more."), "workorders"
        )
        self.list_stack = or_empty(self.view, self.empty)
        self.detail = self._build_detail()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list_stack)
        # the panel scrolls rather than squeezing its rows over each other in large text
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidget(self.detail)
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setMinimumWidth(360)
        split.addWidget(self.detail_scroll)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        self.detail.setMinimumWidth(340)  # the scroll area keeps 360 with its scroll bar
        split.setSizes([800, 360])
        self.outer.addWidget(split, 1)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())
        self.info: WorkOrderInfo | None = None
        self._wanted = ""  # the work order whose detail was asked for last
        self._ticking = False
        self.timer = QTimer(self)
        self.timer.setInterval(30_000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.connect_event(ctx.events.workorders_changed, self.on_changed)
        self.connect_event(ctx.events.workorder_saved, self.on_saved)

    def _size_columns(self) -> None:
        """Columns as wide as their texts, the title taking what is left (elided).

        The creation time is in the detail panel and the number sorts in creation order,
        so the Created column starts hidden: every SLA column fits beside the panel.
        """
        fm = self.view.fontMetrics()
        header = self.view.horizontalHeader()

        def width(*texts: str) -> int:
            return max(fm.horizontalAdvance(t) for t in texts) + 26

        def head(col: int) -> str:
            return str(self.model.headerData(col, Qt.Orientation.Horizontal))

        sla = (
            tr("{t} left").format(t=duration(23 * 60 + 59)),
            tr("late {t}").format(t=duration(99 * 60 + 59)),
        )
        pause_sign = max(self.view.iconSize().width(), 16)
        widths = {
            NUMBER: width(head(NUMBER), "WO-2026-000000"),
            PRIORITY: width(head(PRIORITY), "P1"),
            STATUS_COL: width(head(STATUS_COL), *(label(STATUS, c) for c in STATUS)),
            COMMUNITY: width(head(COMMUNITY), *self.communities.values()),
            # names, not logins (the login is the cell's tooltip): four or five characters
            ASSIGNEE: width(head(ASSIGNEE), "欧阳建国", "Wang Jianguo"),
            # a paused clock has the pause sign before its text (in part of the padding)
            RESPONSE: max(width(head(RESPONSE)), width(*sla) + pause_sign - 6),
            RESOLUTION: max(width(head(RESOLUTION)), width(*sla) + pause_sign - 6),
            CREATED: width(head(CREATED), "2026-12-31 23:59"),
        }
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        for col, w in widths.items():
            self.view.setColumnWidth(col, min(w, 200))
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnHidden(CREATED, True)
        # one community: its column says nothing, and the title gets the room
        self.view.setColumnHidden(COMMUNITY, len(self.communities) <= 1)
        # a long title keeps its start and its end ("北门闸机…无法刷脸"), the whole in the tooltip
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # the two clocks right after the status, before the title: what the list is read for
        # stays in sight when large text leaves no room for every column
        for col in (RESPONSE, RESOLUTION):
            header.moveSection(header.visualIndex(col), header.visualIndex(TITLE))

    # detail panel ------------------------------------------------------------------------
    def _build_detail(self) -> QWidget:
        panel = QFrame()
        panel.setProperty("role", "card")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(14, 12, 14, 12)
        self.d_title = make_label(tr("Select a work order"), "title", wrap=True)
        layout.addWidget(self.d_title)
        form = QFormLayout()
        self.d_fields = value_rows(
            form,
            (
                ("status", tr("Status:")),
                ("kind", tr("Kind / source:")),
                ("device", tr("Device:")),
                ("location", tr("Location:")),
                ("assignee", tr("Assignee:")),
                ("created", tr("Created:")),
                ("sla", tr("SLA (business time):")),
                ("contact", tr("Resident:")),
                ("resolution", tr("Resolution:")),
                ("cost", tr("Parts and labour:")),
            ),
        )
        layout.addLayout(form)
        self.buttons: dict[str, QPushButton] = {}
        # the buttons flow onto as many lines as their whole labels need (large text)
        flow = FlowLayout()
        for action in ACTIONS:
            b = QPushButton(label(ACTIONS, action))
            b.setAccessibleName(label(ACTIONS, action))
            b.clicked.connect(lambda _=False, a=action: self.act(a))
            self.buttons[action] = b
            flow.addWidget(b)
        layout.addLayout(flow)
        parts_row = FlowLayout()
        self.part_button = QPushButton(tr("Add &part…"))
        self.part_button.clicked.connect(self.add_part)
        self.labour = QSpinBox()
        self.labour.setRange(0, 10000)
        self.labour.setSuffix(tr(" min"))
        self.labour.setAccessibleName(tr("Labour minutes"))
        self.labour_button = QPushButton(tr("Set &labour"))
        self.labour_button.clicked.connect(self.set_labour)
        parts_row.addWidget(self.part_button)
        parts_row.addWidget(self.labour)
        parts_row.addWidget(self.labour_button)
        layout.addLayout(parts_row)
        layout.addWidget(make_label(tr("Photos and files"), "muted"))
        self.files = AttachmentsPanel(self.ctx, panel)
        layout.addWidget(self.files)
        layout.addWidget(make_label(tr("Timeline"), "muted"))
        self.timeline = QListWidget()
        self.timeline.setAccessibleName(tr("Status timeline"))
        # long lines wrap to the panel's width instead of being clipped
        self.timeline.setItemDelegate(WrappingDelegate(self.timeline))
        self.timeline.setResizeMode(QListView.ResizeMode.Adjust)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.timeline.setSpacing(2)
        self.timeline.setMinimumHeight(120)
        layout.addWidget(self.timeline, 1)
        self._enable_actions(None)
        return panel

    # loading ------------------------------------------------------------------------
    def refresh(self) -> None:
        services, actor = self.ctx.services, self.ctx.actor

        known = bool(self.communities)

        def load() -> _Loaded:
            # four reads side by side: over a remote link each costs its round trips
            rows, status, final, communities = side_by_side(
                lambda: services.workorders.list(actor),
                lambda: services.sla.status(actor),
                lambda: services.sla.final_clocks(actor),
                lambda: None if known else services.accounts.list_communities(actor),
            )
            clocks = {c.number: c for c in status}
            names = None if communities is None else {c.id: c.name for c in communities}
            return _Loaded(rows, clocks, final, names)

        self.in_background("workorders", load, self._loaded)

    def _loaded(self, data: _Loaded) -> None:
        rows, clocks, final, communities = data
        if communities is not None:
            self._set_communities(communities)
        number = self.info.number if self.info else None
        self.model.set_rows(rows, clocks, final)
        self.apply_filter()
        if number:
            self.select(number)

    def _set_communities(self, communities: dict[int, str]) -> None:
        """Fill the community filter and names once they were read."""
        self.communities = communities
        self.model.communities = communities
        self.community.blockSignals(True)
        for cid, name in communities.items():
            self.community.addItem(name, cid)
        self.community.blockSignals(False)
        fm = self.view.fontMetrics()
        texts = [str(self.model.headerData(COMMUNITY, Qt.Orientation.Horizontal))]
        texts += communities.values()
        self.view.setColumnWidth(
            COMMUNITY, min(max(fm.horizontalAdvance(t) for t in texts) + 26, 200)
        )
        if self._community_wanted is not None:
            self._choose_community(self._community_wanted)
            self._community_wanted = None

    def _choose_community(self, name: str) -> None:
        ids = [k for k, v in self.communities.items() if v == name]
        self.community.setCurrentIndex(max(0, self.community.findData(ids[0] if ids else 0)))

    def tick(self) -> None:
        """Read the clocks again in the background (the SLA service's readings: a paused
        clock stays put, business time stands still out of working hours)."""
        if self._ticking or not self.isVisible():
            return  # the previous reading is still on its way, or nobody looks (see showEvent)
        self._ticking = True
        services, actor = self.ctx.services, self.ctx.actor

        def done(clocks: dict[str, OpenClock]) -> None:
            self._ticking = False
            self.model.set_clocks(clocks)
            self._show_sla()

        def failed(_exc: Exception) -> None:
            self._ticking = False

        self.ctx.runner.run(
            lambda _c: {c.number: c for c in services.sla.status(actor)},
            success=done,
            failure=failed,
            name="workorder clocks",
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the page: fresh clocks at once (the timer skips a hidden page)."""
        super().showEvent(event)
        if self._activated:
            self.tick()

    def on_changed(self, number: str) -> None:
        self.refresh()
        if number:
            self.load_detail(number)

    def apply_filter(self) -> None:
        self.proxy.set_filter(
            mine=self.ctx.actor.username if self.mine.isChecked() else "",
            status=self.status.currentData(),
            priority=self.priority.currentData(),
            community_id=self.community.currentData(),
            source=self.source.currentData(),
            number=self.proxy.f.get("number", ""),
            text=self.search.text().strip(),
        )
        self._show_count()

    def _show_count(self) -> None:
        n = self.proxy.rowCount()
        self.count.setText(tr("{n} work orders").format(n=n))
        self.list_stack.setCurrentWidget(self.view if n else self.empty)
        if self.model.total() == 0:
            self.empty.set_text(tr("No work orders yet"), tr("New work orders appear here."))

    def apply_filters(self, filters: dict[str, Any]) -> None:
        if "number" in filters:
            self.status.setCurrentIndex(self.status.findData(""))
            self.proxy.f["number"] = filters["number"]
            self.apply_filter()
            self.select(filters["number"])
            return
        self.proxy.f.pop("number", None)
        for box, key in (
            (self.status, "status"),
            (self.priority, "priority"),
            (self.source, "source"),
        ):
            if key in filters:
                box.setCurrentIndex(max(0, box.findData(filters[key])))
        if "community" in filters:
            if self.communities:
                self._choose_community(filters["community"])
            else:
                self._community_wanted = filters["community"]
        self.apply_filter()

    def select(self, number: str) -> None:
        row = self.model.row_of(number)
        if row is not None:
            self.view.selectRow(row)
            return
        self.load_detail(number)

    def show_selected(self) -> None:
        idx = self.view.currentIndex()
        if idx.isValid():
            number = idx.data(OBJECT_ROLE).number
            if self.info is None or self.info.number != number:
                self.load_detail(number)

    def load_detail(self, number: str) -> None:
        """Read one work order in the background and show it (unless another was chosen)."""
        services, actor = self.ctx.services, self.ctx.actor
        self._wanted = number

        def done(info: WorkOrderInfo) -> None:
            if self._wanted == info.number:
                self.show_info(info)

        self.in_background(
            "work order detail", lambda: services.workorders.get(actor, number), done
        )

    def on_saved(self, info: WorkOrderInfo) -> None:
        """A write returned this work order: its row and the detail show it at once, without
        reloading the page; its clock (running, or stopped once resolved) is read again in the
        background."""
        number = info.number
        still_open = info.status in OPEN_STATUSES
        self.model.update_row(info.row, self.model.clocks.get(number) if still_open else None)
        self._show_count()
        self._wanted = number
        self.show_info(info)
        row = self.model.row_of(number)
        if row is not None and self.view.currentIndex().row() != row:
            self.view.selectRow(row)
        services, actor = self.ctx.services, self.ctx.actor

        def clock_read(clock: OpenClock | None) -> None:
            self.model.update_row(info.row, clock)
            if self.info is not None and self.info.number == number:
                self._show_sla()

        self.ctx.runner.run(
            lambda _c: services.sla.clock_of(actor, number),
            success=clock_read,
            failure=lambda _e: None,  # the next tick reads every clock again
            name="work order clock",
        )

    def show_info(self, info: WorkOrderInfo) -> None:
        self.info = info
        self.d_title.setText(f"{info.number}  {info.priority} · {words(info.title)}")
        status = label(STATUS, info.status)
        if info.status == Status.ON_HOLD and info.hold_reason:
            status += " — " + label(HOLD_REASONS, info.hold_reason)
        if info.device_recovered_at:
            status += " · " + tr("device recovered {t}").format(t=local(info.device_recovered_at))
        f = self.d_fields
        f["status"].setText(status)
        f["kind"].setText(f"{label(KINDS, info.kind)} / {label(SOURCES, info.source)}")
        f["device"].setText(
            tr("{device} ({community})").format(
                device=f"{info.device} {info.device_name or ''}".strip(), community=info.community
            )
            if info.device
            else info.community
        )
        where = " · ".join(x for x in (info.zone, info.location) if x)
        f["location"].setText(where or tr("(not recorded)"))
        f["assignee"].setText(info.name_of(info.assignee) or tr("(not assigned)"))
        f["assignee"].setToolTip(
            tr("Login: {login}").format(login=info.assignee) if info.assignee else ""
        )
        f["created"].setText(f"{local(info.created_at)} · {info.name_of(info.created_by)}")
        if info.contact is not None:
            f["contact"].setText(f"{info.contact.name} {info.contact.phone}")
        else:
            f["contact"].setText(tr("(hidden)") if info.has_contact else tr("(none)"))
        f["resolution"].setText(
            " · ".join(
                x for x in (info.cause_code, info.resolution_code, info.resolution_note) if x
            )
        )
        f["cost"].setText(
            tr("{n} parts, ¥{cost}; labour {m} min").format(
                n=len(info.parts), cost=f"{info.parts_cost:.2f}", m=info.labour_minutes
            )
        )
        self.labour.setValue(info.labour_minutes)
        self._show_sla()
        self.timeline.clear()
        lines: list[tuple[Any, int, str]] = []
        for e in info.events:
            line = f"{local(e.at)}  {info.name_of(e.actor)}: {label(STATUS, e.from_status) if e.from_status else '∅'} → {label(STATUS, e.to_status)}"
            extra = [
                x
                for x in (
                    info.name_of(e.assignee),
                    label(VERIFICATION if e.kind == "closed" else HOLD_REASONS, e.reason_code),
                    words(e.note),
                    e.override_reason,
                )
                if x
            ]
            if extra:
                sep = "；" if current_language().startswith("zh") else "; "
                line = tr("{event} ({details})").format(event=line, details=sep.join(extra))
            lines.append((e.at, 0, line))
        for a in info.attachments:  # photos and files in the timeline, where they were added
            line = tr("{when}  {who}: attached {kind} {file} ({size})").format(
                when=local(a.added_at),
                who=info.name_of(a.added_by),
                kind=label(ATTACHMENT_KINDS, a.kind),
                file=a.file_name,
                size=size_text(a.size),
            )
            lines.append((a.added_at, 1, line))
        for _at, _order, line in sorted(lines, key=lambda x: (x[0], x[1])):
            self.timeline.addItem(line)
        self.files.show_info(info)
        self._enable_actions(info)

    def _show_sla(self) -> None:
        """The detail's SLA lines: the same readings and words as the list's two columns; a
        work order with no running clock (resolved, closed) has its stopped clocks read in
        the background."""
        info = self.info
        clock = (
            self.model.clocks.get(info.number) or self.model.final.get(info.number)
            if info is not None
            else None
        )
        if clock is not None or info is None:
            self._sla_lines(clock)
            return
        self._sla_lines(None)
        services, actor, number = self.ctx.services, self.ctx.actor, info.number

        def done(found: OpenClock | None) -> None:
            if self.info is not None and self.info.number == number:
                self._sla_lines(found)

        self.ctx.runner.run(
            lambda _c: services.sla.clock_of(actor, number),
            success=done,
            failure=lambda _e: None,  # the lines keep saying there is no clock
            name="work order clock",
        )

    def _sla_lines(self, clock: OpenClock | None) -> None:
        field = self.d_fields["sla"]
        if clock is None:
            field.setText(tr("(no SLA clock)"))
            field.setToolTip("")
            return
        parts, tips = [], []
        for name, view in ((tr("Response"), clock.response), (tr("Resolution"), clock.resolution)):
            text = clock_text(view)[0]
            if text:
                parts.append(tr("{clock}: {text}").format(clock=name, text=text))
                tips.append(f"{name}\n{clock_tooltip(view)}")
        field.setText("\n".join(parts))
        field.setToolTip("\n\n".join(tips))

    def allowed(self, info: WorkOrderInfo | None, action: str) -> bool:
        """Whether the lifecycle and the user's role both allow ``action`` now."""
        if info is None:
            return False
        if action not in [a.value for a in lifecycle.allowed_actions(info.status)]:
            return False
        actor = self.ctx.actor
        if not actor.can(lifecycle.permission_for(action)):
            return False
        return lifecycle.may_perform(
            actor.role, action, is_assignee=info.assignee == actor.username
        )

    def _enable_actions(self, info: WorkOrderInfo | None) -> None:
        for action, b in self.buttons.items():
            ok = self.allowed(info, action)
            b.setEnabled(ok)
            b.setToolTip("" if ok else tr("Not allowed now for this status or your role"))
        may_parts = (
            info is not None
            and self.ctx.actor.can("workorder.parts")
            and info.status in (Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD)
        )
        for w in (self.part_button, self.labour, self.labour_button):
            w.setEnabled(bool(may_parts))

    # actions ------------------------------------------------------------------------
    def act(self, action: str) -> FormDialog | Operation[WorkOrderInfo] | None:
        info = self.info
        if info is None:
            return None
        wo = self.ctx.services.workorders
        factories = {
            "assign": dialogs.assign_dialog,
            "reassign": dialogs.assign_dialog,
            "hold": dialogs.hold_dialog,
            "resolve": dialogs.resolve_dialog,
            "cancel": dialogs.cancel_dialog,
            "close": dialogs.verify_dialog,
            "reopen": dialogs.reopen_dialog,
        }
        if action in factories:
            return self._open(factories[action](self.ctx, info, self))
        call = {"accept": wo.accept, "resume": wo.resume}[action]
        actor, number, version = self.ctx.actor, info.number, info.version
        return self._write(lambda: call(actor, number, version=version), action)

    def _write(self, write: Callable[[], WorkOrderInfo], name: str) -> Operation[WorkOrderInfo]:
        """Run a write from the detail's buttons in the background; its result updates the
        row (:meth:`on_saved`), a conflict reloads, any other refusal is shown in words."""
        op = (
            Operation(self, write, runner=self.ctx.runner, name=f"work order {name}")
            .busy(*self.buttons.values(), self.part_button, self.labour, self.labour_button)
            .on_busy(self._saving)
            .success(self.ctx.events.workorder_saved.emit)
            .failure(self._refused)
        )
        op.run()
        return op

    def _saving(self, busy: bool) -> None:
        self.ctx.events.message.emit(tr("Saving…") if busy else "")

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, Conflict):
            self.show_conflict(exc)
        else:
            show_error(self, exc)

    def _open(self, dialog: FormDialog) -> FormDialog:
        def done(_code: int) -> None:
            if dialog.conflict is not None:
                self.show_conflict(dialog.conflict)

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def show_conflict(self, exc: Exception) -> QMessageBox:
        box = dialogs.conflict_box(self, error_text(exc))
        self.last_conflict = box
        from ..widgets import NO_POPUPS

        NO_POPUPS["last"].append(error_text(exc))
        if not NO_POPUPS["on"]:
            box.open()
        if self.info is not None:
            self.ctx.events.workorders_changed.emit(self.info.number)
        return box

    def new_workorder(self) -> FormDialog | None:
        if not self.ctx.actor.can("workorder.create"):
            return None
        return self._open(dialogs.new_workorder_dialog(self.ctx, self))

    def add_part(self) -> FormDialog | None:
        return self._open(dialogs.part_dialog(self.ctx, self.info, self)) if self.info else None

    def set_labour(self) -> Operation[WorkOrderInfo] | None:
        if self.info is None:
            return None
        wo, actor = self.ctx.services.workorders, self.ctx.actor
        number, version, minutes = self.info.number, self.info.version, self.labour.value()
        return self._write(
            lambda: wo.set_labour(actor, number, minutes, version=version), "set labour"
        )
