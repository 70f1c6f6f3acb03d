"""The JSON form of what services return: a frozen dataclass as a dict of its fields, for the
command line's ``--format json`` (one conversion instead of a hand-written one per class)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ...domain.messages import Msg

_AS_IS = (str, int, float, bool, type(None))


def plain(value: object) -> object:
    """``value`` as JSON can hold it: dates and datetimes in ISO 8601, decimals as floats,
    a message in English words, a mapping as a dict (as it is), a dataclass as the dict of its fields, a tuple or list of
    them as a list."""
    if isinstance(value, _AS_IS):
        return value
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Msg):  # a stored message, in English words (as logs show it)
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fields_of(value)
    return value


def fields_of(obj: object) -> dict[str, Any]:
    """A dataclass instance's fields, in declaration order, each made ``plain``."""
    return {name: plain(value) for name, value in vars(obj).items()}


class JsonFields:
    """Gives a dataclass ``to_json()``: its fields in declaration order, made ``plain``.

    A class whose JSON differs (a rounded figure, a derived total) extends the result.
    """

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        return fields_of(self)
