"""Add or edit one device, and retire one, with validation in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.formats import (
    CRITICALITIES,
    SNMP_VERSIONS,
    STATUSES,
    TAG_RE,
    DeviceFields,
    check_address,
)
from ...services.inventory import DeviceRow
from ..context import UiContext
from ..i18n import CRITICALITY, DEVICE_STATUS, category_name, error_text, label, problem_lines, tr
from ..operations import Operation
from ..widgets import label as make_label
from .form import DateField, ServiceForm, add_buttons, combo, on_change


class _OptionalDate(DateField):
    """A day that may be left blank: the earliest date, shown empty."""

    def __init__(self, value: date | None) -> None:
        super().__init__(value)
        self.setSpecialValueText(" ")
        self.setMinimumDate(QDate(1999, 12, 31))
        if value is None:
            self.setDate(self.minimumDate())

    def value(self) -> date | None:
        return None if self.date() == self.minimumDate() else self.day()


class DeviceDialog(ServiceForm):
    """Create a device (``row`` None) or edit one; saves through the inventory service.

    Attributes:
        saved: the fields saved, once accepted.
        save_button: the form's OK button.
    """

    conflict_closes = False  # an asset tag taken already: said in the form

    def __init__(
        self, ctx: UiContext, row: DeviceRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            ctx, tr("Edit device") if row else tr("Add device"), "", tr("Save"), parent
        )
        self.setMinimumWidth(520)
        self.row = row
        self.saved: DeviceFields | None = None
        self.save_button = self.ok
        f = row.to_fields() if row else None
        cats = ctx.categories()
        self.tag = QLineEdit(f.asset_tag if f else "")
        self.tag.setReadOnly(row is not None)
        self.name = QLineEdit(f.name if f else "")
        self.category = combo(
            [(category_name(cats, c), c) for c in cats], f.category if f else None
        )
        self.community = combo([(c, c) for c in ctx.communities()], f.community if f else None)
        self.zone = QLineEdit(f.zone if f else "")
        self.location = QLineEdit(f.location if f else "")
        self.vendor = QLineEdit(f.vendor if f else "")
        self.model_ = QLineEdit(f.model if f else "")
        self.serial = QLineEdit(f.serial if f else "")
        self.address = QLineEdit(f.address if f else "")
        self.snmp = combo([(v, v) for v in SNMP_VERSIONS], f.snmp_version if f else "v2c")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(f.snmp_port if f else 161)
        self.credential = QLineEdit(f.credential if f else "")
        self.interval = QSpinBox()
        self.interval.setRange(10, 86400)
        self.interval.setSuffix(tr(" s"))
        self.interval.setValue(f.poll_interval_s if f else 300)
        self.install = _OptionalDate(f.install_date if f else None)
        self.warranty = _OptionalDate(f.warranty_end if f else None)
        self.criticality = combo(
            [(label(CRITICALITY, c), c) for c in CRITICALITIES], f.criticality if f else "normal"
        )
        self.status = combo(
            [(label(DEVICE_STATUS, s), s) for s in STATUSES], f.status if f else "in_service"
        )
        rows = [
            (tr("Asset &tag:"), self.tag),
            (tr("&Name:"), self.name),
            (tr("Ca&tegory:"), self.category),
            (tr("C&ommunity:"), self.community),
            (tr("&Zone:"), self.zone),
            (tr("&Location:"), self.location),
            (tr("&Vendor:"), self.vendor),
            (tr("&Model:"), self.model_),
            (tr("&Serial:"), self.serial),
            (tr("&Address:"), self.address),
            (tr("SNMP &version:"), self.snmp),
            (tr("SNMP &port:"), self.port),
            (tr("&Credential name:"), self.credential),
            (tr("Poll &interval:"), self.interval),
            (tr("Installed on:"), self.install),
            (tr("Warranty ends:"), self.warranty),
            (tr("C&riticality:"), self.criticality),
            (tr("Stat&us:"), self.status),
        ]
        for text, widget in rows:
            self.add(text, widget)
        self.after = self._stored
        self.ready(self._check, self._submit)

    def fields(self) -> DeviceFields:
        return DeviceFields(
            asset_tag=self.tag.text().strip(),
            name=self.name.text().strip(),
            category=self.category.currentData() or "",
            community=self.community.currentData() or "",
            zone=self.zone.text().strip(),
            location=self.location.text().strip(),
            vendor=self.vendor.text().strip(),
            model=self.model_.text().strip(),
            serial=self.serial.text().strip(),
            address=self.address.text().strip(),
            snmp_version=self.snmp.currentData(),
            snmp_port=self.port.value(),
            credential=self.credential.text().strip(),
            poll_interval_s=self.interval.value(),
            install_date=self.install.value(),
            warranty_end=self.warranty.value(),
            criticality=self.criticality.currentData(),
            status=self.status.currentData(),
        )

    def _check(self) -> list[str]:
        """Return the problems with the input (empty when it may be saved)."""
        f = self.fields()
        problems = []
        if not f.asset_tag:
            problems.append(tr("Asset tag is required."))
        elif not TAG_RE.match(f.asset_tag):
            problems.append(tr("Asset tag: letters, digits and . _ / - only, at most 64."))
        if not f.name:
            problems.append(tr("Name is required."))
        if not f.category or not f.community:
            problems.append(tr("Choose a category and a community."))
        if f.address and check_address(f.address):
            problems.append(tr("Address: not an IP address or host name."))
        if f.snmp_version in ("v1", "v2c", "v3") and not f.address:
            problems.append(tr("Address is required for SNMP polling."))
        return problems

    def _submit(self) -> Callable[[], DeviceFields]:
        fields_ = self.fields()
        inventory, actor = self.ctx.services.inventory, self.ctx.actor

        def save() -> DeviceFields:
            inventory.save(actor, fields_)
            return fields_

        return save

    def _stored(self, fields_: DeviceFields) -> None:
        self.saved = fields_
        self.ctx.events.devices_changed.emit()

    def refusal_text(self, exc: Exception) -> str:
        """The service's problems one per line (not its summary); else its message."""
        return "\n".join(problem_lines(exc)) or error_text(exc)


class RetireDialog(QDialog):
    """Retire a device: it stays on record but is no longer polled or counted."""

    def __init__(self, ctx: UiContext, row: DeviceRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.setWindowTitle(tr("Retire device"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            make_label(
                tr("Retire {tag} ({name})? It stays on record but is no longer polled.").format(
                    tag=row.asset_tag, name=row.name
                ),
                wrap=True,
            )
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("Reason (required)"))
        self.reason.setAccessibleName(tr("Reason"))
        layout.addWidget(self.reason)
        self.confirm = QCheckBox(tr("I understand this device will no longer be monitored"))
        layout.addWidget(self.confirm)
        self.problems = make_label("", "error", wrap=True)
        layout.addWidget(self.problems)
        self.ok = add_buttons(
            layout, tr("Retire"), tr("Cancel"), self.save, self.reject, primary=False
        )
        on_change(self._update, self.reason, self.confirm)
        self._update()

    def is_valid(self) -> bool:
        return bool(self.reason.text().strip()) and self.confirm.isChecked()

    def _update(self) -> None:
        self.ok.setEnabled(self.is_valid())

    def save(self) -> Operation[None] | None:
        """Retire in the background; the dialog closes when it is done, or says why not."""
        if not self.is_valid():
            return None
        inventory, actor = self.ctx.services.inventory, self.ctx.actor
        tag, reason = self.row.asset_tag, self.reason.text().strip()

        def retired(_none: None) -> None:
            self.ctx.events.devices_changed.emit()
            self.accept()

        op = (
            Operation(self, lambda: inventory.retire(actor, tag, reason), runner=self.ctx.runner)
            .busy(self.ok)
            .success(retired)
            .failure(lambda exc: self.problems.setText(error_text(exc)))
        )
        op.run()
        return op
