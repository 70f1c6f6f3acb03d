"""Reading the CSV files people import (courses, training records, work-order history): UTF-8
(with or without a BOM), a header with the expected columns, problems as ``line N: …``."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..domain.errors import Problem, ValidationError


def read_csv(path: Path, header: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Return (line number, row) for each data row of a CSV file.

    Raises:
        ValidationError: no such file, not UTF-8, or a missing column.
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
    return [(reader.line_num, row) for row in reader]


def at_line(line: int, problem: Any) -> Problem:
    """``line N: problem`` (the problem a Problem, an error or a text) as a Problem."""
    return Problem.of("line {line}: {problem}", line=line, problem=problem)
