"""The words of the reports in Chinese and English (reports do not use Qt's translations)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from ..domain.errors import ValidationError
from ..domain.messages import Msg, load_catalogue, render
from ..paths import resources_dir

LANGUAGES = ("zh_CN", "en")


@cache
def messages() -> Mapping[str, Mapping[str, str]]:
    """The reports' words by key, each in every language (``resources/report_words.toml``,
    read once)."""
    return {
        key: template.texts
        for key, template in load_catalogue(resources_dir() / "report_words.toml").items()
    }


class Messages:
    """The message table of one language: ``m("key", name=value)``.

    Attributes:
        lang: ``zh_CN`` or ``en``.
    """

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValidationError(f"--lang: {lang!r} is not one of {', '.join(LANGUAGES)}")
        self.lang = lang

    @property
    def zh(self) -> bool:
        return self.lang == "zh_CN"

    def __call__(self, key: str, **values: object) -> str:
        text = messages()[key][self.lang]
        return text.format(**values) if values else text

    def msg(self, message: Msg | None) -> str:
        """A stored message (an alarm's, a work order's title or note) in this language."""
        return "" if message is None else render(message, self.lang)

    def yes_no(self, value: bool) -> str:
        """A yes/no cell: 是/否, yes/no."""
        return self("yes" if value else "no")

    def code(self, group: str, value: str | None) -> str:
        """An enum's code in words (``wo.status.closed`` → 已关闭); an unknown code as it is."""
        return "" if value is None else self.get(f"{group}.{value}", str(value))

    def headings(self, group: str, *keys: str) -> list[str]:
        """A table's column headings by their keys under ``group``
        (``headings("mnt.col", "count", "open")`` → 数量, 未完成)."""
        return [self(f"{group}.{k}") for k in keys]

    def get(self, key: str, default: str) -> str:
        """Return the message for ``key``, or ``default`` when the table has none."""
        entry = messages().get(key)
        return default if entry is None else entry[self.lang]
