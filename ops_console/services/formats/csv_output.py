"""Writing CSV files people open in Excel or WPS: every text cell safe from formula injection.

A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken
by a spreadsheet as a formula (``=HYPERLINK(...)``, ``@SUM(...)``, DDE commands). OWASP's
rule is to prefix such a cell with a single quote, which spreadsheets show as text. Every
CSV the console writes goes through :func:`csv_writer`.

The prefix must come off again when the console reads its own export back (device import),
and only where the export added it. So a cell that already begins with quotes followed by a
trigger character (``'=x``) gets one more quote too, and reading strips exactly one quote
from a cell that begins with quotes and a trigger character: ``=x`` → ``'=x`` → ``=x`` and
``'=x`` → ``''=x`` → ``'=x``, while ``'abc`` is written and read unchanged. A signed
number (``-12.5``) or a lone dash is data a spreadsheet cannot run, and is left as it is.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Protocol

TRIGGERS = "=+-@\t\r"
# cells a spreadsheet would run, and cells that would read back as one once a quote is taken
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_ADDED_QUOTE = re.compile(r"'+[=+\-@\t\r]")
# a signed number or a lone dash ("none" in reports) is data, not a formula: left as it is
_PLAIN_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|-")


def neutralise(cell: str) -> str:
    """Return ``cell`` as a spreadsheet shows text: a quote before a formula's first character."""
    if _NEEDS_QUOTE.match(cell) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """Undo :func:`neutralise`: the original text of a cell the console exported."""
    return cell[1:] if _ADDED_QUOTE.match(cell) else cell


class _Writer(Protocol):
    def writerow(self, row: Iterable[object], /) -> object: ...


class TextSink(Protocol):
    """Where CSV text goes: a text file or stream."""

    def write(self, text: str, /) -> object: ...


class SafeCsvWriter:
    """A ``csv.writer`` whose text cells are neutralised; numbers and dates pass as they are.

    Attributes:
        writer: the csv module's writer underneath.
    """

    def __init__(self, writer: _Writer) -> None:
        self.writer = writer

    def writerow(self, row: Iterable[object]) -> None:
        self.writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])


def csv_writer(target: TextSink, *, lineterminator: str = "\r\n") -> SafeCsvWriter:
    """Return a CSV writer on the text stream ``target`` that neutralises formula cells."""
    return SafeCsvWriter(csv.writer(target, lineterminator=lineterminator))
