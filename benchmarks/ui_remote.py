"""Benchmark: the window over a remote PostgreSQL (30 ms round trip) — page open times and the
longest GUI-thread stall, against the same run without the latency.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/ui_remote.py [--rtt-ms 30] [--url URL]

Starts a throwaway PostgreSQL server (tests/integration/postgres.py), loads the demo into it
(``ops-console init --demo``, directly), and puts a small asyncio TCP proxy in front of it that
holds every chunk for half the round trip in each direction. Then, once straight to the server
and once through the proxy, signed in as the demo's manager with the real background task
runner: builds the main window, opens each page and waits until its background reads are done,
then performs a few writes (assign, accept, hold and resume a new work order, acknowledge an
alarm) the way
the buttons do. A 10 ms QTimer on the GUI thread measures how late it fires: the longest
lateness is the longest time the GUI thread could not paint or take a click. The proxy counts
the round trips of each step (a client sending again after the server answered), printed in
the last column for the run through it.

``--url`` uses a PostgreSQL database that already holds the demo instead (its work orders and
alarms are changed by the writes).

Targets (#17): opening any page < 1 s, no GUI-thread stall > 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

TICK_MS = 10
MANAGER = "wang.jianguo"
PASSWORD = "demo1234"


class LatencyProxy:
    """A TCP proxy on 127.0.0.1 that delays every chunk by ``delay_s`` in each direction
    (in order), in its own thread with its own asyncio loop.

    It counts round trips: each time a client sends after the server last answered on that
    connection (a client that sends several messages before reading counts once). Another
    process reads the count from ``control_port`` (connect, read one line).
    """

    def __init__(self, target_port: int, delay_s: float) -> None:
        self.target_port = target_port
        self.delay_s = delay_s
        self.port = 0
        self.control_port = 0
        self.round_trips = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="latency-proxy", daemon=True)

    def start(self) -> int:
        self._thread.start()
        self._ready.wait(10)
        return self.port

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._client, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        control = self._loop.run_until_complete(asyncio.start_server(self._report, "127.0.0.1", 0))
        self.control_port = control.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _report(self, _reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(f"{self.round_trips}\n".encode())
        await writer.drain()
        writer.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        turn = ["server"]  # who spoke last on this connection
        await asyncio.gather(
            self._pipe(reader, up_writer, turn, "client"),
            self._pipe(up_reader, writer, turn, "server"),
        )

    async def _pipe(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        turn: list[str],
        side: str,
    ) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def feed() -> None:
            while data := await reader.read(65536):
                if turn[0] != side:
                    turn[0] = side
                    self.round_trips += side == "client"
                queue.put_nowait((loop.time() + self.delay_s, data))
            queue.put_nowait((loop.time() + self.delay_s, b""))

        async def drain() -> None:
            while True:
                due, data = await queue.get()
                if (wait := due - loop.time()) > 0:
                    await asyncio.sleep(wait)
                if not data:
                    writer.close()
                    return
                writer.write(data)
                await writer.drain()

        try:
            await asyncio.gather(feed(), drain())
        except (ConnectionError, OSError):
            writer.close()


class Heartbeat:
    """How late a 10 ms timer fires on the GUI thread, between ``mark`` calls."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst = 0.0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last - TICK_MS)
        self.last = now

    def mark(self) -> float:
        """The worst lateness since the last mark (including a block still going on)."""
        now = self.clock.elapsed()
        worst = max(self.worst, now - self.last - TICK_MS)
        self.worst = 0.0
        return max(0.0, worst)


def settle(app: Any, runner: Any, timeout_s: float = 60.0) -> None:
    """Run the event loop until no background task is left (and events are delivered)."""
    deadline = time.monotonic() + timeout_s
    quiet = 0
    while time.monotonic() < deadline:
        app.processEvents()
        if runner.busy():
            quiet = 0
        else:
            quiet += 1
            if quiet > 5:
                return
        time.sleep(0.002)
    raise SystemExit("background work did not finish within a minute")


CONTROL: dict[str, int] = {}  # the proxy's control port, in a child run through it


def proxy_round_trips() -> int:
    """The proxy's round trips so far (-1 without a proxy)."""
    import socket

    if "port" not in CONTROL:
        return -1
    with socket.create_connection(("127.0.0.1", CONTROL["port"])) as sock:
        return int(sock.makefile().readline())


def measure(
    app: Any, runner: Any, beat: Heartbeat, what: Callable[[], object]
) -> tuple[float, float, int]:
    """(seconds until done and idle, longest GUI-thread stall in ms, round trips through the
    proxy or -1) of ``what``."""
    trips = proxy_round_trips()
    beat.mark()
    t0 = time.perf_counter()
    what()
    settle(app, runner)
    secs, stall = time.perf_counter() - t0, beat.mark()
    return secs, stall, -1 if trips < 0 else proxy_round_trips() - trips


def run_once(url: str) -> list[tuple[str, float, float, int]]:
    from PySide6.QtWidgets import QApplication

    from ops_console.db.engine import Database
    from ops_console.services.container import Services
    from ops_console.ui import widgets
    from ops_console.ui.context import UiContext
    from ops_console.ui.events import AppEvents
    from ops_console.ui.launch import settle_memory
    from ops_console.ui.main_window import MainWindow
    from ops_console.ui.settings import open_settings
    from ops_console.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    widgets.NO_POPUPS["on"] = True
    services = Services(Database(url))
    actor = services.accounts.authenticate(MANAGER, PASSWORD)
    runner = TaskRunner()
    beat = Heartbeat()
    beat.start()
    out: list[tuple[str, float, float, int]] = []
    holder: dict[str, MainWindow] = {}

    def build() -> None:
        ctx = UiContext(services, actor, runner, AppEvents(), open_settings())
        holder["w"] = MainWindow(ctx)
        holder["w"].pages_imported.connect(settle_memory)  # as the launcher does
        holder["w"].resize(1400, 900)
        holder["w"].show()

    settle_memory()  # as the launcher does before it builds the window

    out.append(("build the window", *measure(app, runner, beat, build)))
    window = holder["w"]
    # a page is built when first opened: its opening time includes building its widgets
    for key, cls in window.pages.types.items():
        if not cls.in_sidebar:
            continue
        out.append((f"open {key}", *measure(app, runner, beat, lambda k=key: window.open_page(k))))

    wo = window.pages["workorders"]
    window.open_page("workorders")
    settle(app, runner)
    fresh = next(r.number for r in wo.model.rows if r.status == "new")  # type: ignore[attr-defined]
    out.append(("select a work order", *measure(app, runner, beat, lambda: wo.select(fresh))))  # type: ignore[attr-defined]

    def assign() -> None:
        d = wo.act("assign")  # type: ignore[attr-defined]
        settle(app, runner)  # the technicians' certificates, read in the background
        if not d.is_valid():  # nobody certified: a manager's override with a reason
            d.override.setChecked(True)
            d.reason.setText("benchmark")
        d.ok.click()

    out.append(("write: assign (dialog)", *measure(app, runner, beat, assign)))
    out.append(("write: accept", *measure(app, runner, beat, lambda: wo.act("accept"))))  # type: ignore[attr-defined]

    def hold() -> None:
        d = wo.act("hold")  # type: ignore[attr-defined]
        d.reason.setCurrentIndex(d.reason.findData("waiting_parts"))
        d.ok.click()

    out.append(("write: hold (dialog)", *measure(app, runner, beat, hold)))
    out.append(("write: resume", *measure(app, runner, beat, lambda: wo.act("resume"))))  # type: ignore[attr-defined]
    alarms = window.pages["alarms"]
    window.open_page("alarms")
    settle(app, runner)
    rows = alarms.rows  # type: ignore[attr-defined]
    i = next((i for i, a in enumerate(rows) if a.acknowledged_at is None), None)
    if i is not None:
        alarms.tree.setCurrentItem(alarms.tree.topLevelItem(i))  # type: ignore[attr-defined]
        out.append(("write: acknowledge alarm", *measure(app, runner, beat, alarms.acknowledge)))  # type: ignore[attr-defined]
    window.close()
    runner.wait()
    services.close()
    return out


def child(url: str, control_port: int | None) -> None:
    """One run in a process of its own (a fresh engine, pool and window)."""
    import json

    if control_port:
        CONTROL["port"] = control_port

    print(json.dumps(run_once(url)))


def round_trip_ms(url: str) -> float:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as con:
        con.execute(text("SELECT 1"))
        t0 = time.perf_counter()
        for _ in range(10):
            con.execute(text("SELECT 1"))
        ms = (time.perf_counter() - t0) * 100
    engine.dispose()
    return ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rtt-ms", type=float, default=30.0, help="round trip added by the proxy")
    ap.add_argument("--url", help="a PostgreSQL URL (host:port) whose database holds the demo")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--control", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.control)
        return
    import json
    from contextlib import nullcontext

    from tests.integration.postgres import postgres_server

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with nullcontext(args.url) if args.url else postgres_server() as url:
        if not args.url:
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "ops_console", "init", "--db", url, "--demo"],
                check=True,
                capture_output=True,
                env=env,
            )
            print(f"demo loaded into PostgreSQL in {time.perf_counter() - t0:.1f} s")
        port = int(url.rsplit(":", 1)[1].split("/")[0])
        proxy = LatencyProxy(port, args.rtt_ms / 2000)
        proxy_url = url.replace(f":{port}/", f":{proxy.start()}/")
        runs = {}
        for name, target, control in (
            ("direct", url, 0),
            (f"+{args.rtt_ms:g} ms", proxy_url, proxy.control_port),
        ):
            print(f"{name}: SELECT 1 round trip {round_trip_ms(target):.1f} ms")
            done = subprocess.run(
                [sys.executable, __file__, "--child", target, "--control", str(control)],
                capture_output=True,
                text=True,
                env=env,
            )
            if done.returncode != 0:
                raise SystemExit(f"the {name} run failed:\n{done.stderr}")
            runs[name] = json.loads(done.stdout.strip().splitlines()[-1])
        proxy.stop()
    names = list(runs)
    print()
    print(
        f"{'step':28}"
        + "".join(f"{n + ' time':>16}{n + ' stall':>16}" for n in names)
        + f"{'round trips':>14}"
    )
    worst = dict.fromkeys(names, (0.0, 0.0))
    for i, (step, *_rest) in enumerate(runs[names[0]]):
        line = f"{step:28}"
        for n in names:
            _s, secs, stall, _trips = runs[n][i]
            line += f"{secs * 1000:>13.0f} ms{stall:>13.0f} ms"
            opened = worst[n][0] if not step.startswith("open") else max(worst[n][0], secs)
            worst[n] = (opened, max(worst[n][1], stall))
        print(line + f"{runs[names[-1]][i][3]:>14}")
    print()
    for n in names:
        opened, stall = worst[n]
        print(
            f"{n}: slowest page open {opened * 1000:.0f} ms (target < 1000), "
            f"longest GUI-thread stall {stall:.0f} ms (target < 100)"
        )


if __name__ == "__main__":
    main()
