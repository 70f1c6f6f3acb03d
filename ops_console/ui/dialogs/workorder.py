"""Work-order dialogs: new (resident report), assign, hold, resolve, verify (close), reopen,
cancel, part, conflict."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from shiboken6 import isValid

from ...domain.errors import OpsError
from ...domain.lifecycle import PRIORITIES, Role
from ...services.workorders import ResidentContact
from ..context import UiContext
from ..i18n import CERT, HOLD_REASONS, KINDS, SOURCES, error_text, gap_text, label, tr
from ..tasks import TaskControl
from ..widgets import label as make_label
from .form import ServiceForm, combo, field_text, required

if TYPE_CHECKING:
    from ...services.workorders import WorkOrderInfo

CHANNELS = ("resident_phone", "resident_walk_in", "resident_app", "liaison")


class NewWorkOrderDialog(ServiceForm):
    """The form of :func:`new_workorder_dialog`."""

    channel: QComboBox
    priority: QComboBox
    kind: QComboBox
    community: QComboBox
    device: QLineEdit
    title_: QLineEdit
    description: QPlainTextEdit
    contact_name: QLineEdit
    contact_phone: QLineEdit
    consent: QCheckBox


class AssignDialog(ServiceForm):
    """The form of :func:`assign_dialog`; ``all_techs`` as :func:`certified_technicians`;
    ``gaps`` the mandatory certificates missing or expired, by login (the warning badge); both
    read in the background (``techs_read``)."""

    all_techs: list[tuple[str, str, str]]
    gaps: dict[str, tuple[tuple[str, str], ...]]
    techs_read: bool
    badge: QLabel
    assignee: QComboBox
    override: QCheckBox
    reason: QLineEdit
    note: QLineEdit


class HoldDialog(ServiceForm):
    reason: QComboBox
    text: QLineEdit


class ResolveDialog(ServiceForm):
    cause: QLineEdit
    resolution: QLineEdit
    note: QPlainTextEdit
    labour: QSpinBox


class ReasonDialog(ServiceForm):
    """The form of :func:`cancel_dialog` and :func:`reopen_dialog`: one reason, required."""

    reason: QLineEdit | QPlainTextEdit


class VerifyDialog(ServiceForm):
    """The form of :func:`verify_dialog`: a verification, or a manager's override."""

    override: bool
    note: QPlainTextEdit
    signed_off: QCheckBox
    reason: QPlainTextEdit


class PartDialog(ServiceForm):
    name: QLineEdit
    qty: QDoubleSpinBox
    cost: QDoubleSpinBox


F = TypeVar("F", bound=ServiceForm)


def _order_form(
    cls: type[F], ctx: UiContext, title: str, ok: str, parent: QWidget | None, intro: str = ""
) -> F:
    """A form about one work order: once saved, the console hears that the order changed."""
    d = cls(ctx, title, intro, ok, parent)
    d.after = ctx.events.workorder_saved.emit
    return d


def _reason_form(
    ctx: UiContext,
    title: str,
    ok: str,
    parent: QWidget | None,
    box: QLineEdit | QPlainTextEdit,
    problem: str,
    write: Callable[[str], WorkOrderInfo],
    intro: str = "",
) -> ReasonDialog:
    """A form about one work order that asks for one reason (in ``box``), required; OK
    writes it."""
    d = _order_form(ReasonDialog, ctx, title, ok, parent, intro)
    d.reason = d.add(tr("&Reason:"), box)
    d.ready(required(box, problem), lambda: partial(write, field_text(box)))
    return d


def new_workorder_dialog(ctx: UiContext, parent: QWidget | None = None) -> NewWorkOrderDialog:
    """A work order from a resident's report (phone, walk-in, app) or the liaison's own."""
    d = _order_form(
        NewWorkOrderDialog,
        ctx,
        tr("New work order"),
        tr("Create"),
        parent,
        tr("Record a resident's report or your own finding."),
    )
    d.channel = d.add(tr("&Channel:"), combo([(label(SOURCES, c), c) for c in CHANNELS]))
    d.priority = d.add(tr("&Priority:"), combo([(p, p) for p in PRIORITIES], "P3"))
    d.kind = d.add(tr("&Kind:"), combo([(label(KINDS, k), k) for k in KINDS]))
    d.community = d.add(tr("C&ommunity:"), combo([(c, c) for c in ctx.communities()]))
    d.device = d.add(tr("&Device (asset tag, optional):"), QLineEdit())
    d.title_ = d.add(tr("&Title:"), QLineEdit())
    d.description = d.add(tr("D&escription:"), QPlainTextEdit())
    d.description.setFixedHeight(80)
    d.contact_name = d.add(tr("Resident's &name:"), QLineEdit())
    d.contact_phone = d.add(tr("Resident's p&hone:"), QLineEdit())
    d.consent = d.add(
        "", QCheckBox(tr("The resident agrees that we store the contact for this repair"))
    )

    def check() -> list[str]:
        problems = []
        if not d.title_.text().strip():
            problems.append(tr("A title is required."))
        has_contact = bool(d.contact_name.text().strip() or d.contact_phone.text().strip())
        if has_contact and not d.consent.isChecked():
            problems.append(tr("Ask for the resident's consent before storing the contact."))
        return problems

    def submit() -> Callable[[], WorkOrderInfo]:
        has_contact = bool(d.contact_name.text().strip() or d.contact_phone.text().strip())
        title, description = d.title_.text().strip(), d.description.toPlainText().strip()
        priority, source, kind = (
            d.priority.currentData(),
            d.channel.currentData(),
            d.kind.currentData(),
        )
        device, community = d.device.text().strip() or None, d.community.currentData()
        contact = (
            ResidentContact(d.contact_name.text().strip(), d.contact_phone.text().strip())
            if has_contact
            else None
        )
        consent = d.consent.isChecked()
        return lambda: ctx.services.workorders.create(
            ctx.actor,
            title=title,
            priority=priority,
            source=source,
            kind=kind,
            device=device,
            community=community,
            description=description or None,
            contact=contact,
            contact_consent=consent,
        )

    d.ready(check, submit)
    return d


def certified_technicians(ctx: UiContext, info: WorkOrderInfo) -> list[tuple[str, str, str]]:
    """(username, display name, certificate status) of the technicians who may take it."""
    users = [
        u
        for u in ctx.services.accounts.list_users(ctx.actor)
        if u.role == Role.TECHNICIAN
        and u.active
        and (not u.communities or info.community in u.communities)
    ]
    status: dict[str, str] = {}
    if info.category and info.kind != "cleaning":  # cleaning needs no device certificate
        names = [u.username for u in users]
        status = ctx.services.training.certified_many(ctx.actor, names, info.category)
    return [(u.username, u.display_name, status.get(u.username, "valid")) for u in users]


def assign_dialog(
    ctx: UiContext, info: WorkOrderInfo, parent: QWidget | None = None
) -> AssignDialog:
    """Assign (or reassign) to a certified technician; managers may override with a reason."""
    d = _order_form(
        AssignDialog,
        ctx,
        tr("Assign {number}").format(number=info.number),
        tr("Assign"),
        parent,
        tr("Only technicians with a valid certificate for this device category are listed."),
    )
    d.all_techs, d.gaps = [], {}
    d.techs_read = False  # the technicians, their certificates and gaps: in the background
    d.assignee = d.add(tr("&Technician:"), QComboBox())
    d.badge = d.add("", make_label("", "warning", wrap=True))
    d.override = d.add("", QCheckBox(tr("Override: show technicians without a valid certificate")))
    d.override.setVisible(ctx.actor.can("workorder.override"))
    d.reason = d.add(tr("Override &reason:"), QLineEdit())
    d.note = d.add(tr("N&ote:"), QLineEdit())

    def fill() -> None:
        current = d.assignee.currentData()
        d.assignee.blockSignals(True)
        d.assignee.clear()
        for username, name, status in d.all_techs:
            if status in ("valid", "expiring") or d.override.isChecked():
                warn = "⚠ " if username in d.gaps else ""
                d.assignee.addItem(f"{warn}{name or username} — {label(CERT, status)}", username)
                d.assignee.setItemData(
                    d.assignee.count() - 1,
                    tr("Login: {login}").format(login=username),
                    Qt.ItemDataRole.ToolTipRole,
                )
        i = d.assignee.findData(current)
        d.assignee.setCurrentIndex(max(0, i))
        d.assignee.blockSignals(False)
        d.reason.setEnabled(d.override.isChecked())
        show_badge()
        d.validate()

    def show_badge() -> None:
        login = d.assignee.currentData() or ""
        d.badge.setText(gap_text(d.gaps.get(login, ())))
        d.badge.setVisible(login in d.gaps)

    def needs_override() -> bool:
        status = dict((u, s) for u, _n, s in d.all_techs).get(
            d.assignee.currentData() or "", "valid"
        )
        return status not in ("valid", "expiring")

    def check() -> list[str]:
        if not d.techs_read:
            return [tr("Reading the technicians' certificates…")]
        if d.assignee.count() == 0:
            return [tr("No certified technician covers this community.")]
        if needs_override() and not d.reason.text().strip():
            return [tr("Write why you override the certification rule.")]
        return []

    def submit() -> Callable[[], WorkOrderInfo]:
        assignee: str = d.assignee.currentData()
        override = d.reason.text().strip() if needs_override() else None
        note = d.note.text().strip() or None
        return lambda: ctx.services.workorders.assign(
            ctx.actor,
            info.number,
            assignee,
            version=info.version,
            override_reason=override,
            note=note,
        )

    Gaps = dict[str, tuple[tuple[str, str], ...]]

    def load(_control: TaskControl) -> tuple[list[tuple[str, str, str]], Gaps]:
        techs = certified_technicians(ctx, info)
        try:
            gaps = ctx.services.training.mandatory_gaps(ctx.actor)
        except OpsError:
            gaps = {}
        return techs, gaps

    def read(found: tuple[list[tuple[str, str, str]], Gaps]) -> None:
        d.all_techs, d.gaps = found
        d.techs_read = True
        fill()

    d.override.toggled.connect(fill)
    d.assignee.currentIndexChanged.connect(show_badge)
    d.check, d.submit = check, submit
    fill()
    ctx.runner.run(
        load,
        success=read,
        failure=lambda exc: d.problems.setText(error_text(exc)),
        name="certified technicians",
    )
    return d


def hold_dialog(ctx: UiContext, info: WorkOrderInfo, parent: QWidget | None = None) -> HoldDialog:
    d = _order_form(
        HoldDialog, ctx, tr("Put {number} on hold").format(number=info.number), tr("Hold"), parent
    )
    d.reason = d.add(tr("&Reason:"), combo([(label(HOLD_REASONS, c), c) for c in HOLD_REASONS]))
    d.text = d.add(tr("&Details:"), QLineEdit())

    def check() -> list[str]:
        if d.reason.currentData() == "other" and not d.text.text().strip():
            return [tr("Describe the reason.")]
        return []

    def submit() -> Callable[[], WorkOrderInfo]:
        reason: str = d.reason.currentData()
        text = d.text.text().strip() or None
        return lambda: ctx.services.workorders.hold(
            ctx.actor, info.number, reason, text=text, version=info.version
        )

    d.ready(check, submit)
    return d


def resolve_dialog(
    ctx: UiContext, info: WorkOrderInfo, parent: QWidget | None = None
) -> ResolveDialog:
    d = _order_form(
        ResolveDialog, ctx, tr("Resolve {number}").format(number=info.number), tr("Resolve"), parent
    )
    d.cause = d.add(tr("&Cause:"), QLineEdit())
    d.resolution = d.add(tr("&Resolution:"), QLineEdit())
    d.note = d.add(tr("N&ote:"), QPlainTextEdit())
    d.note.setFixedHeight(70)
    d.labour = d.add(tr("&Labour (minutes):"), QSpinBox())
    d.labour.setRange(0, 10000)
    d.labour.setValue(info.labour_minutes)

    def submit() -> Callable[[], WorkOrderInfo]:
        cause = d.cause.text().strip() or None
        resolution = d.resolution.text().strip()
        note = d.note.toPlainText().strip() or None
        labour = d.labour.value()
        return lambda: ctx.services.workorders.resolve(
            ctx.actor,
            info.number,
            cause=cause,
            resolution=resolution,
            note=note,
            labour_minutes=labour,
            version=info.version,
        )

    d.ready(required(d.resolution, tr("Say how it was fixed.")), submit)
    return d


def cancel_dialog(
    ctx: UiContext, info: WorkOrderInfo, parent: QWidget | None = None
) -> ReasonDialog:
    return _reason_form(
        ctx,
        tr("Cancel {number}").format(number=info.number),
        tr("Cancel order"),
        parent,
        QLineEdit(),
        tr("A reason is required."),
        lambda reason: ctx.services.workorders.cancel(
            ctx.actor, info.number, reason, version=info.version
        ),
    )


def _text_box(height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def verify_dialog(
    ctx: UiContext, info: WorkOrderInfo, parent: QWidget | None = None
) -> VerifyDialog:
    """Close a resolved order: the liaison's verification (a note, the resident's sign-off),
    or, for a manager where the community has a liaison, an override with a written reason.
    Which one is read in the background (the dialog waits for it, its button disabled)."""
    d = _order_form(VerifyDialog, ctx, tr("Verify {number}").format(number=info.number), "", parent)
    intro = make_label("", wrap=True)
    d.layout_.insertWidget(0, intro)
    d.override = False
    read: list[bool] = []  # whether the override question came back
    d.note = d.add(tr("Verification &note:"), _text_box())
    d.signed_off = d.add(tr("&Sign-off:"), QCheckBox(tr("The resident signed the work off")))
    d.reason = d.add(tr("Written &reason:"), _text_box())

    def show(override: bool) -> None:
        d.override = override
        if override:
            d.setWindowTitle(tr("Close {number} without the liaison").format(number=info.number))
            intro.setText(
                tr(
                    "The liaison of {community} verifies this work order. Closing it yourself "
                    "is an override: it needs a written reason, is recorded in the audit log "
                    "and is listed on the SLA statement."
                ).format(community=info.community)
            )
            d.ok.setText(tr("Close without verification"))
        else:
            d.setWindowTitle(tr("Verify {number}").format(number=info.number))
            intro.setText(
                tr(
                    "Check the fix, with the resident where you can, and say what you checked. "
                    "If it did not hold, cancel and reopen the work order instead."
                )
            )
            d.ok.setText(tr("Verify and close"))
        d.signed_off.setVisible(not override)
        d.form.labelForField(d.signed_off).setVisible(not override)
        d.reason.setVisible(override)
        d.form.labelForField(d.reason).setVisible(override)

    def check() -> list[str]:
        if not read:
            return [tr("Reading…")]
        if d.override:
            return [] if d.reason.toPlainText().strip() else [tr("A written reason is required.")]
        return [] if d.note.toPlainText().strip() else [tr("Say what you checked.")]

    d.check = check

    def submit() -> Callable[[], WorkOrderInfo]:
        override = d.override
        note = d.note.toPlainText().strip() or None
        reason = d.reason.toPlainText().strip() if override else None
        signed_off = d.signed_off.isChecked() and not override
        return lambda: ctx.services.workorders.close(
            ctx.actor,
            info.number,
            note=note,
            override_reason=reason,
            signed_off=signed_off,
            version=info.version,
        )

    def arrived(override: bool) -> None:
        if isValid(d):
            read.append(True)
            show(override)
            d.validate()

    def failed(exc: Exception) -> None:
        if isValid(d):
            d.problems.setText(error_text(exc))

    d.submit = submit
    show(False)
    d.validate()
    ctx.runner.run(
        lambda _c: ctx.services.workorders.close_needs_override(ctx.actor, info.number),
        success=arrived,
        failure=failed,
        name="close needs override",
    )
    return d


def reopen_dialog(
    ctx: UiContext, info: WorkOrderInfo, parent: QWidget | None = None
) -> ReasonDialog:
    """Reopen a resolved order with the reason the fix did not hold."""
    return _reason_form(
        ctx,
        tr("Reopen {number}").format(number=info.number),
        tr("Reopen"),
        parent,
        _text_box(),
        tr("Say why the fix did not hold."),
        lambda reason: ctx.services.workorders.reopen(
            ctx.actor, info.number, reason=reason, version=info.version
        ),
        tr("The work order goes back to the technician; its resolution clock runs again."),
    )


def part_dialog(ctx: UiContext, info: WorkOrderInfo, parent: QWidget | None = None) -> PartDialog:
    d = _order_form(
        PartDialog, ctx, tr("Add a part to {number}").format(number=info.number), tr("Add"), parent
    )
    d.name = d.add(tr("&Part:"), QLineEdit())
    d.qty = d.add(tr("&Quantity:"), QDoubleSpinBox())
    d.qty.setRange(0.01, 10000)
    d.qty.setValue(1)
    d.cost = d.add(tr("&Unit cost (¥):"), QDoubleSpinBox())
    d.cost.setRange(0, 1_000_000)

    def submit() -> Callable[[], WorkOrderInfo]:
        name = d.name.text().strip()
        qty, cost = Decimal(str(d.qty.value())), Decimal(str(d.cost.value()))
        return lambda: ctx.services.workorders.add_part(
            ctx.actor, info.number, name, qty, cost, version=info.version
        )

    d.ready(required(d.name, tr("Name the part.")), submit)
    return d


def conflict_box(parent: QWidget | None, message: str) -> QMessageBox:
    """Someone else saved first: say so plainly; the page reloads the work order."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Someone else saved first"))
    box.setText(tr("This work order was changed by someone else while you were working on it."))
    box.setInformativeText(
        tr("Your change was not saved. The work order has been reloaded: check it and try again.")
    )
    box.setDetailedText(message)
    return box
