"""Benchmark: printing the demo's SLA statement (HB-2026, November 2026, every page) to a PDF
printer from the Reports page: the GUI thread's longest stall, the total print time, the
printed PDF's size and the memory the print takes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_print.py [--runs N] [--pages N]
        [--ways pdf,preview] [--lang en|zh_CN] [--keep DIR]

Loads the demo into a temporary SQLite database, opens the Reports page with the real
background task runner, generates the statement, then prints it to a HighResolution PDF
``QPrinter`` (1,200 dpi) with ``ReportsPage.print_to``, as the print dialog's OK does, while a
10 ms QTimer on the GUI thread measures how late it fires and samples the process's resident
memory (``--pages N``: a statement of N pages, the demo's pages over and over in one PDF, as a
large community's statement would have). Each run prints each way, alternating: "pdf", each
page of the report's PDF drawn by PDFium at 300 dpi (what the console does), and "preview",
the 60 dpi preview PNGs (what it printed before). Prints, per run and way: the worst lateness
of the timer, the time from the click to "Printed N pages.", the printed PDF's size, and the
largest growth of the resident memory over what it was at the click (``/proc/self/statm``;
Linux). ``--keep DIR`` keeps the printed PDFs (look at them with ``pdftoppm -r 150``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TICK_MS = 10


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="keep the printed PDFs in this folder")
    ap.add_argument(
        "--pages", type=int, help="print this many pages: the statement's, over and over"
    )
    ap.add_argument("--ways", default="pdf,preview", help="pdf, preview or both")
    ap.add_argument("--lang", default="zh_CN", help="the statement's language: zh_CN or en")
    args = ap.parse_args()
    from PySide6.QtCore import QDate, QElapsedTimer, QTimer
    from PySide6.QtGui import QImage
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from ops_console.db import migrate
    from ops_console.db.engine import Database
    from ops_console.demo import loader as demo
    from ops_console.domain.clock import FixedClock
    from ops_console.secrets import MemoryKeyring, SecretStore, use_backend
    from ops_console.services.container import Services
    from ops_console.ui import printing, widgets
    from ops_console.ui.context import UiContext
    from ops_console.ui.events import AppEvents
    from ops_console.ui.pages.reports import ReportsPage
    from ops_console.ui.settings import open_settings
    from ops_console.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    widgets.NO_POPUPS["on"] = True
    folder = Path(tempfile.mkdtemp(prefix="bench-print-"))
    out_dir = args.keep or folder
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        backend = MemoryKeyring()
        use_backend(backend)
        db = Database(f"sqlite:///{folder / 'demo.db'}")
        migrate.upgrade(db)
        clock = FixedClock(datetime(2026, 11, 29, 1, 0, tzinfo=UTC))
        services = Services(db, clock, SecretStore(backend))
        demo.load(services)
        actor = services.accounts.actor("wang.jianguo")
        runner = TaskRunner()
        ctx = UiContext(services, actor, runner, AppEvents(), open_settings())
        page = ReportsPage(ctx)
        page.show()
        page.refresh()
        until(app, lambda: page.scope.count() > 1)
        scopes = [tuple(page.scope.itemData(i)) for i in range(page.scope.count())]
        page.scope.setCurrentIndex(scopes.index(("contract", "HB-2026")))
        page.kind.setCurrentIndex(page.kind.findData("sla"))
        page.lang.setCurrentIndex(page.lang.findData(args.lang))
        page.date_from.setDate(QDate(2026, 11, 1))
        page.date_to.setDate(QDate(2026, 11, 30))
        page.generate()
        until(app, lambda: page.result is not None)
        assert page.result is not None
        own = page.result.pages
        previews = list(page.page_images)
        print(f"SLA statement HB-2026 {date(2026, 11, 1)}..{date(2026, 11, 30)} ({args.lang}): "
              f"{own} pages, preview images {QImage(str(previews[0])).size().toTuple()}")  # fmt: skip
        if args.pages:
            big = folder / "statement.pdf"
            repeat(page.result.path, big, args.pages)
            page.result = dataclasses.replace(page.result, path=big, pages=args.pages)
            print(f"printing {args.pages} pages (the statement's {own}, repeated, in one PDF)")
        pdf_render = printing.render_page

        def preview_render(_doc: object, index: int, _dpi: float) -> QImage:
            return QImage(str(previews[index % own]))  # as the console printed before

        ways = args.ways.split(",")
        for run in range(1, args.runs + 1):
            for way in ways:
                printing.render_page = pdf_render if way == "pdf" else preview_render  # type: ignore[assignment]
                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                out = out_dir / f"printed-{args.lang}-{way}-{run}.pdf"
                printer.setOutputFileName(str(out))
                worst = [0]
                rss = [resident()]
                clock_ = QElapsedTimer()
                timer = QTimer()
                timer.setInterval(TICK_MS)

                def tick(
                    worst: list[int] = worst, clock_: QElapsedTimer = clock_, rss: list[int] = rss
                ) -> None:
                    late = clock_.restart() - TICK_MS
                    worst[0] = max(worst[0], late)
                    rss.append(resident())

                timer.timeout.connect(tick)
                for _ in range(20):  # the probe settles first
                    app.processEvents()
                clock_.start()
                timer.start()
                started = time.perf_counter()
                page.print_to(printer)  # the dialog's OK
                until(app, lambda: not page.status.text().startswith("Printing page"))
                total = time.perf_counter() - started
                app.processEvents()
                timer.stop()
                grew = (max(rss) - rss[0]) / 1e6
                print(f"run {run} {way:8s} worst GUI stall {worst[0]:6d} ms, print "
                      f"{total:6.1f} s, {page.status.text()!r}, PDF {out.stat().st_size / 1e6:.1f} MB, "
                      f"resident memory +{grew:.0f} MB at most")  # fmt: skip
        printing.render_page = pdf_render
        page.close()
        db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def repeat(pdf: Path, out: Path, pages: int) -> None:
    """Write ``out``: ``pages`` pages, ``pdf``'s over and over."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(pdf))
    target = pdfium.PdfDocument.new()
    while len(target) < pages:
        take = min(len(source), pages - len(target))
        target.import_pages(source, list(range(take)))
    target.save(str(out))
    target.close()
    source.close()


def resident() -> int:
    """The process's resident memory in bytes (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def until(app: Any, ready: Any, timeout: float = 1800.0) -> None:
    end = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.002)


if __name__ == "__main__":
    main()
