"""Reading the CSV files people import (courses, training records, work-order history): UTF-8
(with or without a BOM), a header with the expected columns, problems as ``line N: …``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ...domain.errors import Problem, ValidationError
from ...domain.text import text_problem


def read_csv(
    path: Path, header: tuple[str, ...], *, only: str | None = None
) -> list[tuple[int, dict[str, str]]]:
    """Return (line number, row) for each data row of a CSV file.

    Args:
        only: when given (what the file is, for the message), a column the header does not
            list is refused too; values beyond the header's columns stay in the row under the
            key None for the caller to report with their line.

    Raises:
        ValidationError: no such file, not UTF-8, a missing column (or, with ``only``, an
            extra one).
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError.of("{path}: no such file", path=path) from None
    except UnicodeDecodeError:
        raise ValidationError.of("{name}: not UTF-8 text", name=Path(path).name) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [h for h in header if h not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError.of(
            "{name}: line 1: missing columns {missing} (expected {expected})",
            name=Path(path).name,
            missing=missing,
            expected=",".join(header),
        )
    extra = [h for h in reader.fieldnames or [] if h not in header]
    if only is not None and extra:
        problems = [
            Problem.of(
                "line 1: {column}: not a column of the {what} (expected {expected})",
                column=column,
                what=only,
                expected=",".join(header),
            )
            for column in extra
        ]
        raise ValidationError.of(
            "{name}: {problems_0}",
            problems=problems,
            name=Path(path).name,
            problems_0=problems[0],
        )
    rows = [(reader.line_num, row) for row in reader]
    # no control characters or bidi controls in any cell (line breaks inside a quoted cell are
    # fine here; single-line columns are checked again by their importer)
    problems = [
        at_line(line, unsafe)
        for line, row in rows
        for column, value in row.items()
        if isinstance(column, str) and isinstance(value, str)
        for unsafe in [text_problem(value, column, multiline=True)]
        if unsafe is not None
    ]
    if problems:
        raise ValidationError.of(
            "{name}: {problems_0}", problems=problems, name=Path(path).name, problems_0=problems[0]
        )
    return rows


def at_line(line: int, problem: object) -> Problem:
    """``line N: problem`` (the problem a Problem, an error or a text) as a Problem."""
    return Problem.of("line {line}: {problem}", line=line, problem=problem)
