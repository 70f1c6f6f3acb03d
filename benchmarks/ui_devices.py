"""Benchmark: the Devices page with 100,000 devices — open time and filter keystroke latency.

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_devices.py [N]

Rows are built in memory (the service's list call is measured by benchmarks of the
inventory); what is timed here is the page: model load, first paint, a keystroke's filter.
A third of the devices are degraded or down, each with a cause (a threshold of its
profile): their causes are worded as the page's background read words them (timed apart,
it runs off the GUI thread), then the model loads with them (the health tooltip, and the
text filter searching the causes). ``--no-causes`` loads the rows alone, as before causes.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import UTC, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTableView

from ops_console.domain.health import Cause, Level
from ops_console.polling.profiles import load_profiles
from ops_console.services.inventory import DeviceRow
from ops_console.ui.health_text import Why, why_of
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


def causes_of(data: list[DeviceRow]) -> dict[int, list[Cause]]:
    """A cause for each degraded or down device: the first threshold metric of its profile,
    past its warning (degraded) or critical (down) bound."""
    profiles = load_profiles()
    first: dict[str, tuple[str, float]] = {}
    for code, p in profiles.items():
        for m in p.metrics:
            if m.threshold is not None:
                t = m.threshold
                bound = (t.warning if t.warning is not None else t.critical) or 0.0
                first[code] = (m.key, float(bound))
                break
    out: dict[int, list[Cause]] = {}
    for r in data:
        if r.health in ("degraded", "down"):
            metric, bound = first.get(r.category, ("uptime", 0.0))
            level = Level.WARNING if r.health == "degraded" else Level.CRITICAL
            out[r.id] = [Cause(metric, level, None, bound, bound)]
    return out


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    app = QApplication.instance() or QApplication([])
    data = rows(n)
    why: dict[int, Why] = {}
    if "--no-causes" not in sys.argv:
        causes = causes_of(data)
        profiles = load_profiles()
        t = time.perf_counter()
        why = why_of(data, causes, profiles)
        print(
            f"causes worded for {len(why):,} unhealthy devices (background read, off the GUI "
            f"thread): {(time.perf_counter() - t) * 1000:.0f} ms"
        )
    t0 = time.perf_counter()
    model = DeviceTableModel()
    proxy = DeviceFilterProxy(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(1200, 800)
    model.set_rows(data, why)
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
    if why:
        t = time.perf_counter()
        proxy.set_filter(text="above")  # a cause's words
        app.processEvents()
        print(
            f"filter by a cause ('above'): {(time.perf_counter() - t) * 1000:.1f} ms, "
            f"rows {proxy.rowCount():,}"
        )
        proxy.set_filter(text="")
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
