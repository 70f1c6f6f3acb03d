"""Benchmark: the Devices page with 100,000 devices — open time and filter keystroke latency.

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_devices.py [N]

Rows are built in memory (the service's list call is measured by benchmarks of the
inventory); what is timed here is the page: model load, first paint, a keystroke's filter.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTableView

from ops_console.services.inventory import DeviceRow
from ops_console.ui.models.devices import DeviceFilterProxy, DeviceTableModel


def rows(n: int) -> list[DeviceRow]:
    now = datetime(2026, 11, 29, tzinfo=UTC)
    cats = ("access_gate", "camera", "smart_bin", "env_sensor", "parking", "network")
    comms = ("湖滨", "张江", "科技园")
    health = ("up", "up", "up", "degraded", "down", "unknown")
    return [
        DeviceRow(
            i,
            f"DEV-{i:06d}",
            f"{comms[i % 3]}-{i // 100}幢-设备-{i:06d}",
            cats[i % 6],
            comms[i % 3],
            f"{i // 100}幢",
            "",
            "vendor",
            "model",
            f"SN{i}",
            f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}",
            "v2c",
            161,
            "demo-v2c",
            300,
            None,
            None,
            "normal",
            "in_service",
            i % 3 + 1,
            health[i % 6],
            now,
            None,
        )
        for i in range(n)
    ]


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app = QApplication.instance() or QApplication([])
    data = rows(n)
    t0 = time.perf_counter()
    model = DeviceTableModel()
    proxy = DeviceFilterProxy(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1200, 800)
    model.set_rows(data)
    view.show()
    app.processEvents()
    opened = time.perf_counter() - t0
    print(f"open with {n:,} devices (model load + first paint): {opened * 1000:.0f} ms")
    times = []
    typed = ""
    for ch in "dev-01234":
        typed += ch
        t = time.perf_counter()
        proxy.set_filter(text=typed)
        app.processEvents()
        times.append(time.perf_counter() - t)
    print(
        f"filter keystroke (typing 'dev-01234'): median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms, rows left {proxy.rowCount():,}"
    )
    times = []
    for text in ("湖滨", "", "幢-设备-0", ""):
        t = time.perf_counter()
        proxy.set_filter(text=text)
        app.processEvents()
        times.append(time.perf_counter() - t)
    print(
        f"filter change from scratch: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"
    )
    t = time.perf_counter()
    proxy.set_filter(community="张江", health="down")
    app.processEvents()
    print(
        f"combo filter (community + health): {(time.perf_counter() - t) * 1000:.1f} ms, rows {proxy.rowCount():,}"
    )
    proxy.set_filter(community="", health="")
    t = time.perf_counter()
    proxy.sort(1)
    app.processEvents()
    print(f"sort by name (native values): {(time.perf_counter() - t) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
