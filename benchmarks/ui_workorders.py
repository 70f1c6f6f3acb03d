"""Benchmark: the Work orders page with 100,000 work orders — open time and filter keystroke.

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_workorders.py [N]

Rows and SLA clocks are built in memory (the services' list calls are measured by their own
benchmarks); what is timed here is the page's model and view: load with the default sort
by resolution deadline and first paint, a keystroke in the search box, a combo filter, a
sort, the 30-second countdown refresh (the SLA service's readings are read in the background;
what the GUI thread does with them is timed here).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTableView

from ops_console.domain.messages import typed
from ops_console.services.sla import ClockView
from ops_console.services.sla.service import OpenClock
from ops_console.services.workorders.service import WorkOrderRow
from ops_console.ui.models.workorders import RESOLUTION, WorkOrderProxy, WorkOrderTableModel

NOW = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)
STATUSES = ("closed",) * 7 + ("cancelled", "new", "assigned", "in_progress", "on_hold", "resolved")
SOURCES = ("alarm", "liaison", "resident_phone", "resident_app", "preventive")
TITLES = (
    "摄像头离线",
    "道闸无法抬杆",
    "垃圾桶满溢",
    "人脸门禁识别缓慢",
    "居民反映楼道门禁刷卡无反应",
)


def rows(n: int) -> tuple[list[WorkOrderRow], dict[str, OpenClock]]:
    out, clocks = [], {}
    for i in range(n, 0, -1):  # newest first, as the service returns them
        status = STATUSES[i % len(STATUSES)]
        number = f"WO-2026-{i:06d}"
        created = NOW - timedelta(minutes=i * 3)
        out.append(
            WorkOrderRow(
                i,
                number,
                "repair",
                SOURCES[i % len(SOURCES)],
                status,
                f"P{i % 4 + 1}",
                typed(f"{TITLES[i % len(TITLES)]} {i}"),
                f"DEV-{i % 5000:06d}" if i % 3 else None,
                i % 3 + 1,
                f"tech.{i % 40:02d}" if status != "new" else None,
                created,
                created,
                None,
                1,
            )
        )
        if status not in ("closed", "cancelled"):
            left = (i % 2000) - 300
            view = ClockView(
                60.0,
                240,
                "running",
                left < 0,
                0 <= left < 60,
                NOW + timedelta(minutes=left),
                max(0, left),
                max(0, -left),
            )
            clocks[number] = OpenClock(
                number, f"P{i % 4 + 1}", status, "", None, i % 3 + 1, view, view, "ok"
            )
    return out, clocks


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication.instance() or QApplication([])
    data, clocks = rows(n)
    t0 = time.perf_counter()
    model = WorkOrderTableModel({1: "湖滨", 2: "张江", 3: "科技园"})
    proxy = WorkOrderProxy(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(RESOLUTION, view.horizontalHeader().sortIndicatorOrder())
    view.resize(1200, 800)
    model.set_rows(data, clocks)
    proxy.set_filter(status="open")
    view.show()
    app.processEvents()
    opened = time.perf_counter() - t0
    print(
        f"open with {n:,} work orders ({len(clocks):,} open with SLA clocks; model load, sort by "
        f"resolution deadline, 'open' filter, first paint): {opened * 1000:.0f} ms"
    )
    proxy.set_filter(status="")
    times = []
    typed = ""
    for ch in "wo-2026-0123":
        typed += ch
        t = time.perf_counter()
        proxy.set_filter(text=typed)
        app.processEvents()
        times.append(time.perf_counter() - t)
    print(
        f"filter keystroke (typing 'wo-2026-0123', all statuses): median "
        f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms, "
        f"rows left {proxy.rowCount():,}"
    )
    times = []
    for text in ("门禁", "", "tech.07", ""):
        t = time.perf_counter()
        proxy.set_filter(text=text)
        app.processEvents()
        times.append(time.perf_counter() - t)
    print(
        f"filter change from scratch: median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms"
    )
    t = time.perf_counter()
    proxy.set_filter(status="open", community_id=2, priority="P1")
    app.processEvents()
    print(
        f"combo filter (open + community + priority): {(time.perf_counter() - t) * 1000:.1f} ms, "
        f"rows {proxy.rowCount():,}"
    )
    proxy.set_filter()
    t = time.perf_counter()
    proxy.sort(3)
    app.processEvents()
    print(f"sort by title (native values): {(time.perf_counter() - t) * 1000:.0f} ms")
    t = time.perf_counter()
    model.set_clocks(dict(clocks))  # the readings the background refresh brings back
    app.processEvents()
    print(
        f"countdown refresh on the GUI thread (new readings, visible cells repaint): "
        f"{(time.perf_counter() - t) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
