"""Writing report files whole or not at all, and the CSV form of a report's tables."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..domain.errors import ValidationError
from ..services.formats import csv_writer


@dataclass(frozen=True)
class CsvTable:
    """One table of a report as CSV: a section title, the header and the rows.

    Attributes:
        name: the section title written above the table.
        headers: column titles.
        rows: the rows (may be a generator: it is read once, while writing).
    """

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def check_writable(path: Path, what: str) -> None:
    """Refuse early, before any work, an output path that cannot be written."""
    folder = path.parent
    if path.is_dir():
        raise ValidationError.of(
            "{what} {path}: is a folder, not a file name", what=what, path=path
        )
    if not folder.is_dir():
        raise ValidationError.of(
            "{what} {path}: the folder {folder} does not exist", what=what, path=path, folder=folder
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValidationError.of(
            "{what} {path}: the folder {folder} is not writable",
            what=what,
            path=path,
            folder=folder,
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise ValidationError.of(
            "{what} {path}: the file exists and is read-only", what=what, path=path
        )


@contextmanager
def atomic_output(path: Path, what: str) -> Iterator[IO[bytes]]:
    """Yield a temporary file beside ``path``; rename it over ``path`` only on success.

    Any exception (including cancellation) removes the temporary file, so no partial
    report is ever left behind.
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, "wb") as fh:
            yield fh
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ValidationError.of(
            "{what} {path}: cannot write: {reason}",
            what=what,
            path=path,
            reason=exc.strerror or exc,
        ) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_csv(
    path: Path, tables: Sequence[CsvTable], check: Callable[[], None] | None = None
) -> int:
    """Write the tables to one CSV file (UTF-8 with BOM, for Excel); return the data rows.

    Several tables are separated by a blank line, each preceded by its name.
    """
    count = 0
    with atomic_output(path, "--csv") as raw:
        import io

        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        writer = csv_writer(text)  # text cells safe to open in Excel / WPS
        for i, table in enumerate(tables):
            if i:
                writer.writerow([])
            if len(tables) > 1:
                writer.writerow([f"# {table.name}"])
            writer.writerow(list(table.headers))
            for row in table.rows:
                writer.writerow(["" if v is None else v for v in row])
                count += 1
                if check is not None and not count % 5000:
                    check()
        text.flush()
        text.detach()
    return count
