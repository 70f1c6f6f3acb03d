"""Work-order event notes the services write, in plain words of the UI language.

People's notes are shown as written. The notes the program writes itself are codes:
``source=alarm; kind=repair`` (a created row of an imported history), ``alarm 12: rule
(warning)`` (an order raised by an alarm), ``automatic dispatch``, ``plan 3, due
2026-11-02`` (a preventive order). These are turned into readable, translated text.
"""

from __future__ import annotations

import re

from .i18n import KINDS, SEVERITY, SOURCES, N, current_language, label, tr

_FIELD = re.compile(r"^\s*(source|kind)\s*=\s*([a-z_]+)\s*$")
_ALARM = re.compile(r"^alarm (\d+): (\S+) \(([a-z_]+)\)$")
_PLAN = re.compile(r"^plan (\d+), due (\d{4}-\d{2}-\d{2})$")
_FIXED = {"automatic dispatch": N("Dispatched automatically")}


def _fields(note: str) -> list[str] | None:
    """``source=…; kind=…`` as labelled phrases, or None when the note is not only those."""
    parts = [p for p in re.split(r"[;,]", note) if p.strip()]
    out = []
    for part in parts:
        m = _FIELD.match(part)
        if m is None:
            return None
        key, value = m[1], m[2]
        if key == "source":
            out.append(tr("Source: {source}").format(source=label(SOURCES, value)))
        else:
            out.append(tr("Kind: {kind}").format(kind=label(KINDS, value)))
    return out or None


def event_note_text(note: str | None) -> str:
    """An event's note for the timeline: service notes in words, people's notes as written."""
    if not note:
        return ""
    text = note.strip()
    if text in _FIXED:
        return tr(_FIXED[text])
    fields = _fields(text)
    if fields is not None:
        return ("，" if current_language().startswith("zh") else ", ").join(fields)
    m = _ALARM.match(text)
    if m is not None:
        return tr("Raised by alarm {id}: {rule} ({severity})").format(
            id=m[1], rule=m[2], severity=label(SEVERITY, m[3])
        )
    m = _PLAN.match(text)
    if m is not None:
        return tr("Preventive plan {id}, due {date}").format(id=m[1], date=m[2])
    return note
