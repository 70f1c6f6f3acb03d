"""Messages stored as a code plus parameters, rendered in the reader's language when shown.

An alarm's message, a poll error inside it, a metric's label: what is stored is a ``Msg``
(``unreachable{device=HB-BIN-001, error=poll.timeout{tries=2, timeout_s=1.0}}``), never a
sentence. ``render`` turns it into words with one catalogue of templates
(``resources/messages.toml``, English and Chinese for every code) that the console, the
reports, the CSV files and the CLI share.

A parameter is a number or a text shown as it is (an asset tag, a host name), another
``Msg``, a ``Localized`` text (a label a device profile gives in both languages) or an
``Instant`` (shown in the console's time zone).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Any, Union

from ..paths import resources_dir
from .clock import DEFAULT_ZONE

LANGUAGES = ("en", "zh_CN")


@dataclass(frozen=True)
class Localized:
    """A text given in each language (a profile's label): ``en`` and ``zh_CN``."""

    en: str
    zh_CN: str

    def text(self, lang: str) -> str:
        return self.zh_CN if lang.startswith("zh") and self.zh_CN else self.en


@dataclass(frozen=True)
class Instant:
    """A moment, shown in the console's time zone (``2026-12-04 01:57``)."""

    at: datetime


Param = Union[str, int, float, "Msg", Localized, Instant]


@dataclass(frozen=True)
class Msg:
    """A message: its code in the catalogue and its parameters."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The stored form: ``{"code": …, "params": {…}}`` with tagged parameters."""
        return {"code": self.code, "params": {k: _param_json(v) for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str) -> Msg:
        raw = json.loads(data) if isinstance(data, str) else data
        return cls(str(raw["code"]), {k: _param_of(v) for k, v in raw.get("params", {}).items()})

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True)

    def __str__(self) -> str:
        """The message in English (logs, the audit trail's readable side)."""
        return render(self, "en")


def _param_json(value: Param) -> Any:
    if isinstance(value, Msg):
        return value.to_json()
    if isinstance(value, Localized):
        return {"en": value.en, "zh_CN": value.zh_CN}
    if isinstance(value, Instant):
        at = value.at if value.at.tzinfo else value.at.replace(tzinfo=UTC)
        return {"instant": at.astimezone(UTC).isoformat()}
    return value


def _param_of(raw: object) -> Param:
    if isinstance(raw, dict):
        if "code" in raw:
            return Msg.from_json(raw)
        if "instant" in raw:
            return Instant(datetime.fromisoformat(raw["instant"]))
        return Localized(str(raw.get("en", "")), str(raw.get("zh_CN", "")))
    if isinstance(raw, bool | int | float | str):
        return raw
    return str(raw)


@dataclass(frozen=True)
class Template:
    """A code's templates by language."""

    code: str
    texts: Mapping[str, str]


def load_catalogue(path: Path) -> dict[str, Template]:
    """Read a catalogue: one TOML table per code with ``en`` and ``zh_CN`` templates
    (dotted codes are nested tables: ``[poll.timeout]``)."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    out: dict[str, Template] = {}

    def walk(prefix: str, table: Mapping[str, Any]) -> None:
        texts = {k: v for k, v in table.items() if isinstance(v, str)}
        if texts:
            out[prefix] = Template(prefix, texts)
        for key, value in table.items():
            if isinstance(value, dict):
                walk(f"{prefix}.{key}" if prefix else key, value)

    walk("", data)
    return out


@cache
def catalogue() -> dict[str, Template]:
    """The console's catalogue (``resources/messages.toml``)."""
    return load_catalogue(resources_dir() / "messages.toml")


def placeholders(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def render(
    msg: Msg,
    lang: str,
    templates: Mapping[str, Template] | None = None,
    zone: tzinfo = DEFAULT_ZONE,
) -> str:
    """The message in ``lang`` (``en`` or ``zh_CN``); a code the catalogue lacks shows as
    ``code{params}`` (the catalogue test makes sure none does)."""
    book = catalogue() if templates is None else templates
    template = book.get(msg.code)
    values = {k: _render_param(v, lang, book, zone) for k, v in msg.params.items()}
    if template is None:
        inner = ", ".join(f"{k}={v}" for k, v in values.items())
        return f"{msg.code}{{{inner}}}"
    text = template.texts.get("zh_CN" if lang.startswith("zh") else "en") or template.texts["en"]
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


def _render_param(value: Param, lang: str, book: Mapping[str, Template], zone: tzinfo) -> str:
    if isinstance(value, Msg):
        return render(value, lang, book, zone)
    if isinstance(value, Localized):
        return value.text(lang)
    if isinstance(value, Instant):
        at = value.at if value.at.tzinfo else value.at.replace(tzinfo=UTC)
        return at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def codes_in(msg: Msg) -> set[str]:
    """Every code a message uses, its nested messages' included."""
    found = {msg.code}
    for value in msg.params.values():
        if isinstance(value, Msg):
            found |= codes_in(value)
    return found


def stored(text: str | None, legacy: str = "poll.recorded") -> Msg | None:
    """A message read back from its column: the JSON of a ``Msg``; a text stored before
    messages had codes (which the migration did not take apart) as ``legacy``."""
    if not text:
        return None
    if text.startswith("{"):
        try:
            return Msg.from_json(text)
        except (ValueError, KeyError, TypeError):
            pass
    return Msg(legacy, {"text": text})


def typed(text: str) -> Msg:
    """Words people typed (a title, a note), carried as a message shown as written."""
    return Msg("text.typed", {"text": text})


def text_or_message(text: str | None, data: str | None) -> Msg | None:
    """What a row holds in words: the message the console stored (``data``, the JSON of a
    ``Msg``), else the words people typed (``text``); None when neither is there."""
    if data:
        return Msg.from_json(data)
    return typed(text) if text else None


def split_stored(value: str | Msg | None) -> tuple[str | None, str | None]:
    """How a text or message is stored: (words people typed, JSON of a message); one is None."""
    if isinstance(value, Msg):
        return None, value.dumps()
    return value, None
