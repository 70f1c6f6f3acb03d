"""Words for care alerts: their kind and state, where they are, and the dialogs that acknowledge
and close them (shared by the Care page and the SOS banner)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from .dialogs.form import FormDialog
from .i18n import N, label, tr
from .widgets import local

if TYPE_CHECKING:
    from ..services.monitoring.care import CareView
    from .context import UiContext

CARE_KINDS = {"sos": N("SOS"), "fall": N("Fall"), "removal": N("Band removed")}
CARE_STATES = {
    "new": N("Not acknowledged"),
    "acknowledged": N("Being looked after"),
    "closed": N("Closed"),
}


def where_text(c: CareView) -> str:
    """Building and location (and the band), or that they are hidden from this role."""
    if c.band_id is None and c.zone is None and c.location is None:
        return tr("{community} (where: hidden for your role)").format(community=c.community)
    parts = [c.community, c.zone or "", c.location or ""]
    text = " · ".join(p for p in parts if p)
    return tr("{where}, band {band}").format(where=text, band=c.band_id or "?")


def headline(c: CareView) -> str:
    """One line: kind, where, when."""
    return tr("{kind} — {where} — {at}").format(
        kind=label(CARE_KINDS, c.kind), where=where_text(c), at=local(c.raised_at)
    )


class CareNoteDialog(FormDialog):
    """Acknowledge (a note) or close (the outcome) a care alert."""

    text: QPlainTextEdit


def _box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(72)
    return box


def acknowledge_dialog(
    ctx: UiContext, c: CareView, parent: QWidget | None = None
) -> CareNoteDialog:
    """Acknowledge with a note: who is looking after the resident, what was done first."""
    d = CareNoteDialog(
        tr("Acknowledge care alert {id}").format(id=c.id),
        headline(c),
        tr("Acknowledge"),
        parent,
        runner=ctx.runner,
    )
    d.text = d.add(tr("&Note:"), _box())
    d.check = lambda: (
        [] if d.text.toPlainText().strip() else [tr("Say who is looking after the resident.")]
    )

    def submit() -> Callable[[], object]:
        note = d.text.toPlainText().strip()
        return lambda: ctx.services.monitoring.acknowledge_care(ctx.actor, c.id, note=note)

    d.submit, d.after = submit, lambda _r: ctx.events.care_changed.emit()
    d.validate()
    return d


def close_dialog(ctx: UiContext, c: CareView, parent: QWidget | None = None) -> CareNoteDialog:
    """Close with the outcome: what happened to the resident."""
    d = CareNoteDialog(
        tr("Close care alert {id}").format(id=c.id),
        headline(c),
        tr("Close alert"),
        parent,
        runner=ctx.runner,
    )
    d.text = d.add(tr("&Outcome:"), _box())
    d.check = lambda: [] if d.text.toPlainText().strip() else [tr("Say what happened.")]

    def submit() -> Callable[[], object]:
        outcome = d.text.toPlainText().strip()
        return lambda: ctx.services.monitoring.close_care(ctx.actor, c.id, outcome)

    d.submit, d.after = submit, lambda _r: ctx.events.care_changed.emit()
    d.validate()
    return d
