"""The Discovery page (administrators): sweep an address range for SNMP devices in the
background, with progress and cancel, then tick the suggested devices to add them to a
community. The sweep and the adding are ``services.discovery``'s, as ``ops-console discover``."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...services import discovery
from ...services.discovery import Found
from ...services.monitoring import credential_status
from ..context import UiContext
from ..i18n import N, category_name, error_text, tr
from ..models.records import RecordsModel
from ..operations import Operation
from ..tasks import Task, TaskControl
from ..widgets import label, show_error, show_info
from .records import RecordsPage

COLUMNS = (N("Address"), N("Suggested"), N("Known as"), N("sysObjectID"), N("sysDescr"))
ADDRESS, SUGGESTED, KNOWN, OBJECT_ID, DESCR = range(len(COLUMNS))


def addable(f: Found) -> bool:
    """A device the console can add: a category was suggested and it is not known yet."""
    return f.category is not None and f.known_as is None


class DiscoveryPage(RecordsPage[Found]):
    key = "discovery"

    def __init__(self, ctx: UiContext) -> None:
        model: RecordsModel[Found] = RecordsModel(
            COLUMNS,
            self._text,
            tooltip=lambda f, col: f.sys_descr if col == DESCR else None,
            muted=lambda f: not addable(f),
            key=lambda f: f.address,
            checkable=addable,
        )
        super().__init__(
            ctx,
            tr(
                "Sweep an address range for SNMP devices. Nothing is added by the sweep: "
                "tick the devices to add, choose their community, then add them."
            ),
            model,
            tr("Devices found"),
        )
        self.scan: Task | None = None
        self._token = object()
        self.found_in: dict[str, Any] = {}
        form_box = QWidget()
        form = QFormLayout(form_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.cidr = QLineEdit()
        self.cidr.setPlaceholderText("192.168.10.0/24")
        self.cidr.setAccessibleName(tr("Address range"))
        self.credential = QComboBox()
        self.credential.setAccessibleName(tr("Credential"))
        self.credential.setMinimumContentsLength(12)  # "demo-v2c", "hb-v3-office" in full
        self.credential.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.version = QComboBox()
        for v in ("v2c", "v1", "v3"):
            self.version.addItem(v, v)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(161)
        self.rate = QSpinBox()
        self.rate.setRange(1, 100_000)
        self.rate.setValue(200)
        self.rate.setSuffix(tr(" /s"))
        caption = label(tr("Address &range (CIDR):"))
        caption.setBuddy(self.cidr)
        form.addRow(caption, self.cidr)
        row = QHBoxLayout()
        row.addWidget(self.credential, 1)
        for text, widget in (
            (tr("Version:"), self.version),
            (tr("Port:"), self.port),
            (tr("Rate:"), self.rate),
        ):
            row.addSpacing(8)
            row.addWidget(label(text))
            row.addWidget(widget)
        row.addStretch(1)
        form.addRow(label(tr("Credential:")), row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat(tr("%v of %m addresses"))
        self.progress.setTextVisible(False)  # until a sweep counts something
        self.progress.setAccessibleName(tr("Progress"))
        self.scan_button = QPushButton(tr("&Scan"))
        self.scan_button.setProperty("role", "primary")
        self.scan_button.clicked.connect(self.start_scan)
        self.cancel_button = QPushButton(tr("&Cancel scan"))
        self.cancel_button.clicked.connect(self.cancel_scan)
        self.cancel_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.scan_button)
        bar.addWidget(self.cancel_button)
        form.addRow("", bar)
        self.state = label("", "muted", wrap=True)
        form.addRow("", self.state)
        self.outer.insertWidget(1, form_box)
        self.view.setSortingEnabled(False)  # in address order, as the sweep returns them
        self.community = QComboBox()
        self.community.setAccessibleName(tr("Community"))
        self.header.action_row.addWidget(label(tr("Add to:")))
        self.header.action_row.addWidget(self.community)
        self.add_button = self.button(tr("&Add ticked devices"), self.add_ticked)
        self.model.dataChanged.connect(lambda *_: self.selection_changed())
        self.model.modelReset.connect(self.selection_changed)
        self.selection_changed()

    def _text(self, f: Found, col: int) -> str:
        if col == ADDRESS:
            return f.address
        if col == SUGGESTED:
            return category_name(self.ctx.categories(), f.category) if f.category else "?"
        if col == KNOWN:
            return f.known_as or ""
        if col == OBJECT_ID:
            return f.sys_object_id
        return f.sys_descr[:80]

    # the choices: credential names and communities, read in the background ---------------
    def load_all(self) -> Any:
        services, actor = self.ctx.services, self.ctx.actor
        self.ctx.load_names()  # category names for the suggestions, in the cache
        return (
            [c.name for c in credential_status(services.db, actor)],
            [c.name for c in services.accounts.list_communities(actor)],
        )

    def loaded(self, result: Any) -> None:
        credentials, communities = result
        for box, names in ((self.credential, credentials), (self.community, communities)):
            current = box.currentText()
            box.clear()
            box.addItems(names)
            if current in names:
                box.setCurrentText(current)
        self.selection_changed()

    def load(self) -> Sequence[Found]:
        return self.model.rows

    # the sweep ---------------------------------------------------------------------------
    def start_scan(self) -> Task | None:
        """Sweep the range in the background; progress shows, Cancel stops it."""
        if self.cancel_button.isEnabled():  # a sweep is on its way
            return None
        services, actor = self.ctx.services, self.ctx.actor
        cidr, credential = self.cidr.text().strip(), self.credential.currentText()
        version, port, rate = self.version.currentData(), self.port.value(), self.rate.value()
        if not cidr:
            self.state.setText(tr("Enter an address range, e.g. 192.168.10.0/24."))
            return None
        self.found_in = {"credential": credential, "version": version, "port": port}
        self.model.set_rows([])
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.state.setText(tr("Scanning {cidr}…").format(cidr=cidr))
        self._scanning(True)
        total = {"n": 0}
        token = self._token = object()  # a cancelled sweep's last reports are dropped

        def sweep(control: TaskControl) -> list[Found]:
            def progress(done: int, n: int) -> None:
                total["n"] = n
                control.progress(done / n if n else 1.0)

            return discovery.sweep(
                services, actor, cidr, credential=credential, version=version, port=port,
                rate_per_s=float(rate), progress=progress, cancelled=control.cancelled,
            )  # fmt: skip

        def progressed(fraction: float) -> None:
            if self._token is not token:
                return
            n = total["n"]
            self.progress.setRange(0, max(1, n))
            self.progress.setValue(round(fraction * n))

        def done(found: list[Found]) -> None:
            self._scanning(False)
            self.model.set_rows(found)
            n = sum(1 for f in found if addable(f))
            self.state.setText(
                tr("{found} answered; {new} can be added: tick them below.").format(
                    found=len(found), new=n
                )
            )

        def failed(exc: Exception) -> None:
            self._scanning(False)
            self.state.setText(error_text(exc))

        self.scan = self.ctx.runner.run(
            sweep, success=done, failure=failed, progress=progressed, name="discovery"
        )
        return self.scan

    def cancel_scan(self) -> None:
        if self.scan is not None and not self.scan.finished:
            self._token = object()
            self.scan.cancel()
            self.state.setText(tr("Scan cancelled: nothing was added."))
            self._scanning(False)

    def _scanning(self, running: bool) -> None:
        self.scan_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for w in (self.cidr, self.credential, self.version, self.port, self.rate):
            w.setEnabled(not running)

    # adding ------------------------------------------------------------------------------
    def selection_changed(self) -> None:
        if hasattr(self, "add_button"):
            self.add_button.setEnabled(
                bool(self.model.ticked_rows()) and bool(self.community.currentText())
            )

    def add_ticked(self) -> Operation[list[str]] | None:
        ticked = self.model.ticked_rows()
        community = self.community.currentText()
        if not ticked or not community:
            return None
        services, actor, used = self.ctx.services, self.ctx.actor, dict(self.found_in)

        def add() -> list[str]:
            return discovery.add_found(services, actor, ticked, community=community, **used)

        def added(tags: list[str]) -> None:
            for f, tag in zip(ticked, tags, strict=True):
                self.model.replace(dataclasses.replace(f, known_as=tag))
            self.model.ticked.clear()
            self.selection_changed()
            self.ctx.events.devices_changed.emit()
            show_info(
                self,
                tr("{n} devices added to {community}: {tags}").format(
                    n=len(tags), community=community, tags=", ".join(tags)
                ),
            )

        op = Operation(self, add, runner=self.ctx.runner, name="discovery-add")
        op.busy(self.add_button, self.scan_button).success(added).failure(
            lambda e: show_error(self, e)
        ).run()
        return op
