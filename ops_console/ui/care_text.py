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


# per step: the dialog's title, its button, the field's caption, what is missing while empty
NOTE_TEXTS = {
    "acknowledge": (
        N("Acknowledge care alert {id}"),
        N("Acknowledge"),
        N("&Note:"),
        N("Say who is looking after the resident."),
    ),
    "close": (
        N("Close care alert {id}"),
        N("Close alert"),
        N("&Outcome:"),
        N("Say what happened."),
    ),
}


def _note_dialog(ctx: UiContext, c: CareView, parent: QWidget | None, step: str) -> CareNoteDialog:
    """The dialog of a ``step`` on a care alert: one text, required, stored in the background
    (the note of an acknowledgement, the outcome of a close)."""
    title, ok, caption, missing = (tr(t) for t in NOTE_TEXTS[step])
    d = CareNoteDialog(title.format(id=c.id), headline(c), ok, parent, runner=ctx.runner)
    d.text = d.add(caption, _box())

    def submit() -> Callable[[], object]:
        text = d.text.toPlainText().strip()
        if step == "acknowledge":
            return lambda: ctx.services.monitoring.acknowledge_care(ctx.actor, c.id, note=text)
        return lambda: ctx.services.monitoring.close_care(ctx.actor, c.id, text)

    d.after = lambda _r: ctx.events.care_changed.emit()
    d.ready(check=lambda: [] if d.text.toPlainText().strip() else [missing], submit=submit)
    return d


def acknowledge_dialog(
    ctx: UiContext, c: CareView, parent: QWidget | None = None
) -> CareNoteDialog:
    """Acknowledge with a note: who is looking after the resident, what was done first."""
    return _note_dialog(ctx, c, parent, "acknowledge")


def close_dialog(ctx: UiContext, c: CareView, parent: QWidget | None = None) -> CareNoteDialog:
    """Close with the outcome: what happened to the resident."""
    return _note_dialog(ctx, c, parent, "close")
