"""Residents' phone numbers: mainland China mobile and landline formats, checked on input."""

from __future__ import annotations

import re

from .errors import Problem, term

_MOBILE = re.compile(r"1[3-9]\d{9}")
# a landline with its area code: 0 + a 2- or 3-digit code, then 7 or 8 digits (010-12345678,
# 0571-8888888); written internationally the trunk 0 is dropped (+86 10 1234 5678)
_LANDLINE = re.compile(r"0[1-9]\d{1,2}\d{7,8}")
_LANDLINE_INTL = re.compile(r"[1-9]\d{1,2}\d{7,8}")
_SEPARATORS = re.compile(r"[\s\-()（）]")


def normalise_phone(text: str) -> str | None:
    """Return the number as digits (``+86`` kept when given), or None when it is no mainland
    mobile (1[3-9] and 9 digits) or landline with area code, with an optional +86 / 0086."""
    digits = _SEPARATORS.sub("", text.strip())
    international = digits.startswith(("+86", "0086"))
    if international:
        digits = digits.removeprefix("+86").removeprefix("0086")
    if not digits.isascii() or not digits.isdigit():
        return None
    if _MOBILE.fullmatch(digits) or (
        _LANDLINE_INTL.fullmatch(digits) if international else _LANDLINE.fullmatch(digits)
    ):
        return f"+86{digits}" if international else digits
    return None


def phone_problem(text: str, field: str = term("contact phone")) -> Problem | None:
    """A problem naming the field when ``text`` is not a mainland mobile or landline number."""
    if normalise_phone(text) is not None:
        return None
    return Problem.of(
        "{field}: {phone!r} is not a mainland mobile (13912345678) or landline number with its "
        "area code (010-12345678, 0571-8888888), optionally with +86",
        field=field,
        phone=text,
    )
