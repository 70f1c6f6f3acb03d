"""Text people type: no control characters or bidirectional overrides in, none raw out.

One check for every text field a service stores (names, titles, notes, reasons, actors...):
C0 and C1 control characters (NUL, ESC that starts terminal sequences, DEL...) and the Unicode
bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which make
'gpj.exe' read as 'exe.jpg') are refused with the field named. Multi-line fields may hold
line breaks and tabs. On output, :func:`escape_controls` shows any that came from elsewhere
(a device's sysDescr, an old database) as visible escapes instead of acting on the terminal.
"""

from __future__ import annotations

from .errors import Problem, ValidationError

_BIDI = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_LINE_BREAKS = frozenset("\n\r\t")


def _is_control(ch: str) -> bool:
    code = ord(ch)
    return code < 0x20 or 0x7F <= code <= 0x9F


def _unsafe(ch: str) -> bool:
    return _is_control(ch) or ch in _BIDI


def text_problem(
    value: str, field: str, *, multiline: bool = False, max_length: int | None = None
) -> Problem | None:
    """The first problem of a text field's value, naming the field; None when it is fine.

    Args:
        multiline: line breaks and tabs are allowed (descriptions, notes), other controls not.
        max_length: the most characters the field holds.
    """
    for ch in value:
        if multiline and ch in _LINE_BREAKS:
            continue
        if _is_control(ch):
            return Problem.of(
                "{field}: control character {code} is not allowed",
                field=field,
                code=f"U+{ord(ch):04X}",
            )
        if ch in _BIDI:
            return Problem.of(
                "{field}: bidirectional control {code} is not allowed",
                field=field,
                code=f"U+{ord(ch):04X}",
            )
    if max_length is not None and len(value) > max_length:
        return Problem.of("{field}: longer than {n} characters", field=field, n=max_length)
    return None


def check_text(
    value: str | None, field: str, *, multiline: bool = False, max_length: int | None = None
) -> None:
    """Raise ValidationError naming the field when ``value`` breaks :func:`text_problem`."""
    if value is None:
        return
    problem = text_problem(value, field, multiline=multiline, max_length=max_length)
    if problem is not None:
        raise ValidationError.of_problem(problem)


def escape_controls(text: str) -> str:
    """``text`` with every control character and bidi control shown as an escape (``\\x1b``,
    ``\\u202e``), so printing it cannot move the cursor, retitle the terminal or reverse text."""
    if not any(_unsafe(ch) for ch in text):
        return text
    return "".join(
        (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}") if _unsafe(ch) else ch
        for ch in text
    )


def name_and_login(name: str | None, login: str) -> str:
    """A person as the statement, the reports and the console show them where people read
    names: "李强 (li.qiang)"; the login alone when there is no other name."""
    return f"{name} ({login})" if name and name != login else login
