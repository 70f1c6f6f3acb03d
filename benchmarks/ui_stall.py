"""Benchmark: GUI-thread stalls while the in-app poller polls 1,000 devices (target < 100 ms).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_stall.py [--devices N]
        [--interval S] [--seconds T]

Starts its own snmpd (every 127.x.y.z answers, see poll_throughput.py), builds a SQLite
database of N smart bins (poll_store.py's builder, in a child process) polled every
``--interval`` seconds, opens the main window on the Devices page with the real background
task runner, starts the in-app poller (PollerController: a QThread with its own asyncio loop)
and, for ``--seconds``, measures how late a 10 ms QTimer fires on the GUI thread. The Devices
page reloads as results arrive (at most every 2 s), so the figure includes the GUI's own work.
Prints the worst and 99th-percentile lateness, results stored, and how long a clean stop took.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from poll_throughput import COMMUNITY, start_snmpd  # noqa: E402

TICK_MS = 10


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--devices", type=int, default=1000)
    ap.add_argument("--interval", type=int, default=10, help="poll interval, seconds")
    ap.add_argument("--seconds", type=float, default=25.0)
    args = ap.parse_args()
    if shutil.which("snmpd") is None:
        raise SystemExit("snmpd not installed (Debian packages snmpd and snmp)")
    folder = Path(tempfile.mkdtemp(prefix="bench-stall-"))
    snmpd, port, _env = start_snmpd(folder)
    try:
        db_path = folder / "bench.db"
        build = [sys.executable, str(HERE / "poll_store.py"), "--build", str(db_path), str(port),
                 "--devices", str(args.devices)]  # fmt: skip
        subprocess.run(build, check=True)
        with sqlite3.connect(db_path) as con:
            con.execute("UPDATE devices SET poll_interval_s = ?", (args.interval,))
        run(db_path, args)
    finally:
        snmpd.terminate()
        snmpd.wait(5)
        shutil.rmtree(folder, ignore_errors=True)


def run(db_path: Path, args: argparse.Namespace) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from ops_console.db.engine import Database
    from ops_console.secrets import MemoryKeyring, SecretStore
    from ops_console.services.container import Services
    from ops_console.services.context import SYSTEM
    from ops_console.ui import widgets
    from ops_console.ui.context import UiContext
    from ops_console.ui.events import AppEvents
    from ops_console.ui.launch import settle_memory
    from ops_console.ui.main_window import MainWindow
    from ops_console.ui.poller_thread import PollerController
    from ops_console.ui.settings import open_settings
    from ops_console.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    widgets.NO_POPUPS["on"] = True
    store = SecretStore(MemoryKeyring())
    store.set_snmp_credential("bench-v2c", {"community": COMMUNITY})
    services = Services(Database(f"sqlite:///{db_path}"), secrets=store)
    poller = PollerController(services.monitoring)
    ctx = UiContext(services, SYSTEM, TaskRunner(), AppEvents(), open_settings(), poller=poller)
    settle_memory()  # as the launcher does: before the window, again once its pages are imported
    window = MainWindow(ctx)
    window.pages_imported.connect(settle_memory)
    window.resize(1400, 900)
    window.show()
    window.open_page("devices")
    stored = {"results": 0, "batches": 0}

    def on_batch(b: object) -> None:
        stored["results"] += b.devices  # type: ignore[attr-defined]
        stored["batches"] += 1

    ctx.events.samples_stored.connect(on_batch)
    late: list[float] = []
    at: list[int] = []
    clock = QElapsedTimer()
    tick = QTimer()
    tick.setTimerType(tick.timerType().PreciseTimer)
    tick.setInterval(TICK_MS)
    last = [0]

    def on_tick() -> None:
        now = clock.elapsed()
        late.append(max(0, now - last[0] - TICK_MS))
        at.append(now)
        last[0] = now

    tick.timeout.connect(on_tick)
    clock.start()
    tick.start()
    poller.start()
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    tick.stop()
    t0 = time.perf_counter()
    stopped = poller.stop(wait_ms=30_000)
    stop_s = time.perf_counter() - t0
    app.processEvents()
    ctx.runner.wait(10_000)
    window.close()
    services.close()
    late_sorted = sorted(late[1:])
    p99 = late_sorted[int(len(late_sorted) * 0.99)] if late_sorted else 0
    print(
        f"GUI-thread stall while the in-app poller polls {args.devices} devices every "
        f"{args.interval} s ({args.seconds:.0f} s, Devices page open and refreshing):"
    )
    print(f"  worst timer lateness  {max(late_sorted, default=0):6.0f} ms   (target < 100 ms)")
    print(f"  99th percentile       {p99:6.0f} ms   median {statistics.median(late_sorted):.0f} ms")
    worst = sorted(range(1, len(late)), key=lambda i: -late[i])[:3]
    print(
        "  worst at              "
        + ", ".join(f"{late[i]:.0f} ms @ {at[i] / 1000:.1f} s" for i in worst)
    )
    print(f"  ticks                 {len(late):6d}     of {TICK_MS} ms")
    print(
        f"  results stored        {stored['results']:6d}     in {stored['batches']} batches, "
        f"poller state {poller.state.state}: ok {poller.state.ok}, failed {poller.state.failed}"
    )
    print(f"  clean stop            {stop_s:6.2f} s    ({'stopped' if stopped else 'NOT stopped'})")


if __name__ == "__main__":
    main()
