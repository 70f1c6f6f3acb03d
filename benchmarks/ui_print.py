"""Benchmark: printing the demo's SLA statement (HB-2026, November 2026, every page) to a PDF
printer from the Reports page: the GUI thread's longest stall and the total print time.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_print.py [--runs N] [--keep DIR]

Loads the demo into a temporary SQLite database, opens the Reports page with the real
background task runner, generates the statement, then prints it to a HighResolution PDF
``QPrinter`` (1,200 dpi) with ``ReportsPage.print_to``, as the print dialog's OK does, while a
10 ms QTimer on the GUI thread measures how late it fires (``--pages N``: that many pages,
the statement's repeated, as a large community's statement would have). Each run prints twice, alternating:
the pages drawn into the paint rectangle by the painter ("painter", what the console does),
and each page smooth-scaled to a full-resolution copy first, as the console did before
("copy"). Prints, per run and way: the worst lateness of the timer, the time from the click
to "Printed N pages.", and the PDF's size. Run it from an older checkout (where ``print_to``
printed on the GUI thread) for the "before" figure: it then prints one way, "gui".
"""

from __future__ import annotations

import argparse
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
    ap.add_argument("--ways", default="painter,copy", help="painter, copy or both")
    args = ap.parse_args()
    from PySide6.QtCore import QDate, QElapsedTimer, QTimer
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from ops_console.db import migrate
    from ops_console.db.engine import Database
    from ops_console.demo import loader as demo
    from ops_console.domain.clock import FixedClock
    from ops_console.secrets import MemoryKeyring, SecretStore, use_backend
    from ops_console.services.container import Services
    from ops_console.ui import widgets
    from ops_console.ui.context import UiContext
    from ops_console.ui.events import AppEvents
    from ops_console.ui.pages.reports import ReportsPage
    from ops_console.ui.settings import open_settings
    from ops_console.ui.tasks import TaskRunner

    try:
        from ops_console.ui import printing
    except ImportError:  # before printing moved to the background
        printing = None  # type: ignore[assignment]

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
        page.date_from.setDate(QDate(2026, 11, 1))
        page.date_to.setDate(QDate(2026, 11, 30))
        page.generate()
        until(app, lambda: page.result is not None)
        assert page.result is not None
        print(f"SLA statement HB-2026 {date(2026, 11, 1)}..{date(2026, 11, 30)}: "
              f"{page.result.pages} pages, preview images {QImage(str(page.page_images[0])).size().toTuple()}")  # fmt: skip
        if args.pages:
            own = page.page_images
            page.page_images = [own[i % len(own)] for i in range(args.pages)]
            print(f"printing {args.pages} pages (the statement's {len(own)}, repeated)")
        if printing is None:
            ways = ["gui"]
        else:
            painter_draw = printing.draw_page

            def copy_draw(painter: QPainter, image: QImage, target: Any) -> None:
                from PySide6.QtCore import Qt

                scaled = image.scaled(
                    target.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                painter.drawImage(0, 0, scaled)

            ways = args.ways.split(",")
        for run in range(1, args.runs + 1):
            for way in ways:
                if printing is not None:
                    printing.draw_page = painter_draw if way == "painter" else copy_draw  # type: ignore[assignment]
                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                out = out_dir / f"printed-{way}-{run}.pdf"
                printer.setOutputFileName(str(out))
                worst = [0]
                clock_ = QElapsedTimer()
                timer = QTimer()
                timer.setInterval(TICK_MS)

                def tick(worst: list[int] = worst, clock_: QElapsedTimer = clock_) -> None:
                    late = clock_.restart() - TICK_MS
                    worst[0] = max(worst[0], late)

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
                print(f"run {run} {way:8s} worst GUI stall {worst[0]:6d} ms, print "
                      f"{total:6.1f} s, {page.status.text()!r}, PDF {out.stat().st_size / 1e6:.1f} MB")  # fmt: skip
        page.close()
        db.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def until(app: Any, ready: Any, timeout: float = 1800.0) -> None:
    end = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.002)


if __name__ == "__main__":
    main()
