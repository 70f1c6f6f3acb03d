"""Benchmark: the device-detail history chart drawing 500,000 samples (target < 200 ms).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_chart.py [N] [--repeat R]

Times ``HistoryChart.set_data`` plus a full synchronous paint of the widget (``grab()``
renders every item, as the first frame on screen would), for the whole range and for a
6-hour zoom (clip-to-view), at 1200×500 px; prints the median and worst of the runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from ops_console.ui.charts.timeseries import HistoryChart


def series(n: int) -> tuple[list[float], list[float]]:
    import math

    t0 = 1_780_000_000.0
    xs = [t0 + 60.0 * i for i in range(n)]  # one sample a minute: ~347 days
    ys = [20.0 + 5.0 * math.sin(i / 300.0) + (i % 17) / 10.0 for i in range(n)]
    return xs, ys


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", nargs="?", type=int, default=500_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    xs, ys = series(args.n)
    chart = HistoryChart()
    chart.resize(1200, 500)
    chart.show()
    app.processEvents()
    full, zoom = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        chart.set_data(xs, ys, "°C", "Temperature")
        app.processEvents()
        chart.grab()
        full.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        chart.set_range(xs[-360], xs[-1])
        app.processEvents()
        chart.grab()
        zoom.append((time.perf_counter() - t0) * 1000)
    print(f"history chart, {args.n:,} samples, 1200×500 px, {args.repeat} runs:")
    print(
        f"  set data + first full paint  median {statistics.median(full):7.1f} ms"
        f"   worst {max(full):7.1f} ms   (target < 200 ms)"
    )
    print(
        f"  zoom to 6 h + repaint        median {statistics.median(zoom):7.1f} ms"
        f"   worst {max(zoom):7.1f} ms"
    )


if __name__ == "__main__":
    main()
