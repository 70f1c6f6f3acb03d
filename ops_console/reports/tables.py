"""A report's tables declared once: a table's headings, widths and alignment as one constant
(:class:`Columns`); a titled table (:class:`Section`) that gives both the PDF's part (the
heading, notes, the table or a line saying it is empty) and the CSV table, under one title; and
a CSV table declared column by column (:func:`csv_table`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .i18n import Messages
from .output import CsvTable
from .template import CONTENT_WIDTH, Styles, data_table, heading, para

T = TypeVar("T")


class Columns:
    """A report table's columns, declared once: their headings' keys (messages ``group.key``),
    widths and alignment.

    Attributes:
        widths: in millimetres, one a column; None: the column shares what the others leave
            (equally, or by ``rest_shares``). No widths: equal columns.
        numeric: indexes of right-aligned columns.
        wrap: indexes of columns whose text wraps onto more lines, never cut.
        font_size: the table's text size.
        width: the table's width (the page's text width unless said).
    """

    def __init__(
        self,
        group: str,
        keys: Sequence[str],
        *,
        widths: Sequence[float | None] | None = None,
        rest_shares: Sequence[float] | None = None,
        numeric: Iterable[int] = (),
        wrap: Iterable[int] = (),
        font_size: float = 8.5,
        width: float = CONTENT_WIDTH,
    ) -> None:
        self.group, self.keys = group, tuple(keys)
        self.mm = tuple(widths) if widths is not None else (None,) * len(self.keys)
        self.rest_shares = rest_shares
        self.numeric, self.wrap = tuple(numeric), tuple(wrap)
        self.font_size, self.width = font_size, width

    def headers(self, m: Messages) -> list[str]:
        return m.headings(self.group, *self.keys)

    def widths(self) -> list[float]:
        """Each column's width in points; those without one share what the others leave."""
        rest = self.width - sum(w for w in self.mm if w is not None) * mm
        shares = list(self.rest_shares or [1.0 for w in self.mm if w is None])
        total, share = sum(shares), iter(shares)
        return [rest * next(share) / total if w is None else w * mm for w in self.mm]

    def table(
        self,
        m: Messages,
        st: Styles,
        rows: Sequence[Sequence[Any]],
        *,
        total_row: bool = False,
    ) -> Flowable:
        """The table in the house style (:func:`template.data_table`); ``total_row``: the
        last row is a totals line."""
        return data_table(
            self.headers(m),
            rows,
            st,
            widths=self.widths(),
            numeric=self.numeric,
            wrap=self.wrap,
            font_size=self.font_size,
            total_row=total_row,
        )


@dataclass(frozen=True)
class Section:
    """A titled table of a report: the same title and rows in the PDF and in the CSV."""

    m: Messages
    title: str
    columns: Columns
    rows: Sequence[Sequence[Any]]

    @property
    def headers(self) -> list[str]:
        return self.columns.headers(self.m)

    def csv(self) -> CsvTable:
        return CsvTable(self.title, self.headers, self.rows)

    def story(
        self,
        st: Styles,
        *,
        notes: Sequence[Flowable] = (),
        gap: float = 2 * mm,
        empty: str | None = None,
        rows: Sequence[Sequence[Any]] | None = None,
        total_row: bool = False,
    ) -> list[Flowable]:
        """The heading, the notes and a gap below them, then the table; with no rows and an
        ``empty`` line, that line instead of the table. ``rows``: the PDF's form of the rows
        (e.g. with a totals line, ``total_row``), when it is not the CSV's."""
        out = heading(self.title, st)
        if notes:
            out += [*notes, Spacer(1, gap)]
        if self.rows or empty is None:
            shown = self.rows if rows is None else rows
            out.append(self.columns.table(self.m, st, shown, total_row=total_row))
        else:
            out.append(para(empty, st.body))
        return out


def csv_table(
    m: Messages,
    title: str,
    group: str,
    columns: Mapping[str, Callable[[T], Any]],
    items: Iterable[T],
) -> CsvTable:
    """A CSV table declared column by column: each heading's key (under ``group``) beside how
    its cell is read from an item. The rows are read once, while writing."""
    cells = tuple(columns.values())
    return CsvTable(
        title, m.headings(group, *columns), (tuple(cell(x) for cell in cells) for x in items)
    )
