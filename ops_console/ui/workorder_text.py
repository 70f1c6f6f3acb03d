"""Work-order titles and timeline notes in the console's language.

A title or note the console writes itself (an order raised by an alarm or a preventive
plan, an automatic dispatch) is stored as a code plus parameters; what people typed is kept
as written. Both travel as a ``domain.messages.Msg`` and are rendered here.
"""

from __future__ import annotations

from ..domain.messages import Msg, render
from .i18n import current_language


def words(msg: Msg | None) -> str:
    """A work order's title or an event's note in the console's language ("" for none)."""
    if msg is None:
        return ""
    if msg.code == "text.typed":  # most titles: no template to fill (lists index 100,000)
        return str(msg.params.get("text", ""))
    return render(msg, current_language())
