"""The JSON form of what services return: a frozen dataclass as a dict of its fields, for the
command line's ``--format json`` (one conversion instead of a hand-written one per class)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from ...domain.messages import Msg

_AS_IS = (str, int, float, bool, type(None))


def number(value: Decimal) -> int | float:
    """A decimal as JSON shows it: a whole amount as an integer (700, not 700.0)."""
    return int(value) if value == value.to_integral_value() else float(value)


def plain(value: object) -> object:
    """``value`` as JSON can hold it: dates and datetimes in ISO 8601, decimals as numbers
    (:func:`number`), a message in English words, a mapping as a dict (as it is), a
    :class:`JsonFields` as its ``to_json()``, another dataclass as the dict of its fields, a
    tuple or list of them as a list."""
    if isinstance(value, _AS_IS):
        return value
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, Msg):  # a stored message, in English words (as logs show it)
        return str(value)
    if isinstance(value, JsonFields):
        return value.to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fields_of(value)
    return value


def fields_of(
    obj: object, only: tuple[str, ...] | None = None, names: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """A dataclass instance's fields, each made ``plain``: all of them in declaration order, or
    ``only`` those in that order (a property may be one of them); a field named in ``names``
    under the name given there."""
    rename = names or {}
    if only is not None:
        return {rename.get(f, f): plain(getattr(obj, f)) for f in only}
    values = getattr(obj, "__dict__", None)
    if values is None:  # a dataclass with slots
        values = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}  # type: ignore[arg-type]
    return {rename.get(f, f): plain(v) for f, v in values.items()}


class JsonFields:
    """Gives a dataclass ``to_json()``: its fields in declaration order, made ``plain``.

    Attributes:
        json_fields: the fields the JSON shows, in its order, when not all of them (a shape
            the command line has printed and scripts read).
        json_names: the name a field takes in the JSON where it is not the field's own.

    A class whose JSON differs otherwise (a rounded figure, a derived total) extends the result.
    """

    __slots__ = ()
    json_fields: ClassVar[tuple[str, ...] | None] = None
    json_names: ClassVar[Mapping[str, str]] = {}

    def to_json(self) -> dict[str, Any]:
        return fields_of(self, self.json_fields, self.json_names)
