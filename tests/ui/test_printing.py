"""Printing a report: the pages are painted in a background task, with "Printing page N of M",
a Cancel that stops after the current page, and what happened said in the page."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from ops_console.ui import printing
from ops_console.ui.pages.reports import ReportsPage
from ops_console.ui.tasks import SyncRunner, Task, TaskRunner


class Later(SyncRunner):
    """Keeps each task, with its callbacks wired, until the test runs it (``go``)."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[Task, Any]] = []

    def _start(self, task: Task, fn: Any) -> None:
        self.held.append((task, fn))

    def go(self) -> None:
        while self.held:
            task, fn = self.held.pop(0)
            SyncRunner._start(self, task, fn)


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The thread each page is painted on."""
    threads: list[int] = []
    draw = printing.draw_page

    def recorded(*args: Any) -> None:
        threads.append(threading.get_ident())
        draw(*args)

    monkeypatch.setattr(printing, "draw_page", recorded)
    return threads


def _report(ctx_for: Any, qtbot: Any, kind: str = "sla") -> ReportsPage:
    page = ReportsPage(ctx_for("wang.jianguo"))
    qtbot.addWidget(page)
    page.show()
    page.kind.setCurrentIndex(page.kind.findData(kind))
    if kind == "sla":  # a contract's statement, for the whole of November
        page.refresh()  # the scopes, read inline
        scopes = [tuple(page.scope.itemData(i)) for i in range(page.scope.count())]
        page.scope.setCurrentIndex(scopes.index(("contract", "HB-2026")))
        page.date_to.setDate(QDate(2026, 11, 30))
    page.generate()  # a SyncRunner: ready on return
    assert page.result is not None and len(page.page_images) == page.result.pages
    return page


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert found is not None, info.stdout
    return int(found.group(1))


def test_every_page_is_printed_in_the_background(
    ctx_for: Any, qtbot: Any, tmp_path: Path, painted: list[int]
) -> None:
    page = _report(ctx_for, qtbot)
    pages = len(page.page_images)
    assert pages >= 3
    pool = QThreadPool()
    page.ctx = dataclasses.replace(page.ctx, runner=TaskRunner(pool))
    out = tmp_path / "printed.pdf"
    task = page.print_to(_pdf_printer(out))
    assert task is not None
    assert not page.print_button.isEnabled() and not page.generate_button.isEnabled()
    assert page.printer is not None  # kept alive while the task runs
    qtbot.waitUntil(lambda: page.print_job is None, timeout=60000)
    assert pool.waitForDone(10000)
    assert page.status.text() == f"Printed {pages} pages."
    assert page.print_button.isEnabled() and page.printer is None
    assert len(painted) == pages and threading.get_ident() not in painted
    assert _pdf_pages(out) == pages
    subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", str(out), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p*.png")
    img = QImage(str(png))
    colours = {img.pixel(x, y) for x in range(0, img.width(), 4) for y in range(0, img.height(), 4)}
    assert len(colours) > 2  # the statement's text and tables, not a white sheet


def test_the_click_returns_at_once_and_nothing_is_painted_on_the_gui_thread(
    ctx_for: Any, qtbot: Any, tmp_path: Path, painted: list[int]
) -> None:
    page = _report(ctx_for, qtbot)
    runner = Later()
    page.ctx = dataclasses.replace(page.ctx, runner=runner)
    out = tmp_path / "printed.pdf"
    page.print_to(_pdf_printer(out))
    qtbot.wait(20)
    assert painted == [] and not out.exists()
    total = len(page.page_images)
    assert page.status.text() == f"Printing page 1 of {total}…"
    assert not page.print_button.isEnabled() and page.cancel_button.isEnabled()
    assert page.print_to(_pdf_printer(tmp_path / "again.pdf")) is None  # one print at a time
    runner.go()
    assert page.status.text() == f"Printed {total} pages." and _pdf_pages(out) == total


def test_cancel_stops_after_the_current_page_and_withdraws_the_job(
    ctx_for: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _report(ctx_for, qtbot)
    total = len(page.page_images)
    runner = Later()
    page.ctx = dataclasses.replace(page.ctx, runner=runner)
    drawn: list[int] = []
    draw = printing.draw_page

    def draw_then_cancel(*args: Any) -> None:
        draw(*args)
        drawn.append(1)
        if len(drawn) == 2:
            page.cancel_button.click()
            assert page.status.text() == "Stopping after the page being printed…"

    monkeypatch.setattr(printing, "draw_page", draw_then_cancel)
    out = tmp_path / "printed.pdf"
    page.print_to(_pdf_printer(out))
    runner.go()
    assert len(drawn) == 2
    assert page.status.text() == (
        f"Printing cancelled after 2 of {total} pages; the unfinished file was deleted."
    )
    assert not out.exists()  # Qt's PDF printer cannot abort: its file is not left behind
    assert page.print_button.isEnabled() and page.generate_button.isEnabled()
    assert page.print_job is None and page.printer is None


def test_a_printer_that_cannot_open_says_so(
    ctx_for: Any, qtbot: Any, tmp_path: Path, painted: list[int]
) -> None:
    page = _report(ctx_for, qtbot, "training")
    out = tmp_path / "no such folder" / "printed.pdf"
    page.print_to(_pdf_printer(out))
    assert page.status.text() == (f"Printing failed, nothing was printed: cannot open {out}.")
    assert painted == [] and not out.parent.exists()
    assert page.print_button.isEnabled() and page.print_job is None


def test_a_page_that_cannot_be_read_fails_and_leaves_no_file(
    ctx_for: Any, qtbot: Any, tmp_path: Path
) -> None:
    page = _report(ctx_for, qtbot)
    page.page_images[1].write_bytes(b"not a PNG")
    out = tmp_path / "printed.pdf"
    page.print_to(_pdf_printer(out))
    total = len(page.page_images)
    assert page.status.text() == (
        f"Printing failed at page 2 of {total}: the page cannot be read "
        f"({page.page_images[1]}); generate the report again."
    )
    assert not out.exists()


def test_messages_in_chinese(ctx_for: Any, qtbot: Any, tmp_path: Path) -> None:
    from ops_console.ui.i18n import set_language

    page = _report(ctx_for, qtbot, "training")
    set_language("zh_CN")
    page.print_to(_pdf_printer(tmp_path / "printed.pdf"))
    assert page.status.text() == f"已打印 {len(page.page_images)} 页。"
