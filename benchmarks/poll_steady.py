"""The long-running poller at steady state: N devices on a 60 s interval for M minutes, stored
in SQLite by the store process, with upkeep running.

Starts its own snmpd (it answers on every 127.x.y.z address: N simulated agents, as
``poll_throughput.py`` and ``poll_store.py`` use), writes N smart bins straight into a fresh
database (the CSV import would take minutes at 100,000), then runs ``PollerService.run_async``
(the poller of ``ops-console poll``: its scheduler spreads the devices over the interval, the
writer thread hands batches to the store process) for M minutes, with upkeep (sealing, rollups,
retention) every ``--upkeep`` seconds instead of every 5 minutes and hour, so a short run does it
several times. Every 10 s it samples the results stored, the queue, CPU and RSS of the poller's
process, the store process and snmpd.

    .venv/bin/python benchmarks/poll_steady.py --devices 100000 --interval 60 --minutes 10
    .venv/bin/python benchmarks/poll_steady.py --devices 10000 --minutes 3

Prints: cycle times (the time to store each successive N results: a cycle keeps up when it is
the interval); results and samples stored per second; CPU of each process as a share of one
core (the machine has two); peak RSS; the writer's queue at its deepest; upkeep's CPU (thread
time in the upkeep thread) as a share of a core, and that share scaled to 10,000 devices.
Targets (#15): 100,000 devices in one 60 s cycle, steady for 10 minutes; upkeep < 5 % of a
core at 10,000 devices.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from poll_throughput import COMMUNITY, address, proc_cpu, start_snmpd


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def build(db_path: Path, n: int, port: int, interval: int) -> None:
    """N smart bins written directly (the same rows the inventory import writes)."""
    from ops_console.db import migrate
    from ops_console.db.engine import Database
    from ops_console.secrets import MemoryKeyring, SecretStore
    from ops_console.services.container import Services

    db = Database(f"sqlite:///{db_path}")
    migrate.upgrade(db)
    Services(db, secrets=SecretStore(MemoryKeyring())).inventory.sync_categories()
    stamp = "2026-12-01 00:00:00.000000"
    with db.engine.begin() as c:
        c.exec_driver_sql("INSERT INTO communities (id, name, timezone) VALUES (1, 'c', 'UTC')")
        c.exec_driver_sql(
            "INSERT INTO devices (id, asset_tag, name, category_code, community_id, address, "
            "snmp_version, snmp_port, credential, poll_interval_s, status, criticality, "
            "created_at, updated_at, search_text) VALUES (?, ?, 'bin', 'smart_bin', 1, ?, 'v2c', "
            "?, 'bench-v2c', ?, 'in_service', 'normal', ?, ?, '')",
            [
                (i + 1, f"STEADY-{i:06d}", address(i), port, interval, stamp, stamp)
                for i in range(n)
            ],
        )
    db.dispose()


class _Sampler:
    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.rows: list[dict[str, float]] = []

    def sample(self, results: int, samples: int, queue: int) -> None:
        row: dict[str, float] = {
            "t": time.monotonic(),
            "results": results,
            "samples": samples,
            "queue": queue,
        }
        for name, pid in self.pids.items():
            try:
                row[f"cpu_{name}"] = proc_cpu(pid)
                row[f"rss_{name}"] = _rss_mb(pid)
            except (FileNotFoundError, ProcessLookupError):
                pass
        self.rows.append(row)


def run(db_path: Path, n: int, minutes: float, upkeep_s: float, in_flight: int, snmpd: int) -> None:
    from ops_console.db.engine import Database
    from ops_console.secrets import MemoryKeyring, SecretStore
    from ops_console.services.container import Services
    from ops_console.services.pollers import PollerService

    store = SecretStore(MemoryKeyring())
    store.set_snmp_credential("bench-v2c", {"community": COMMUNITY})
    services = Services(Database(f"sqlite:///{db_path}"), secrets=store)
    monitoring = services.monitoring
    upkeep = {"cpu": 0.0, "wall": 0.0, "runs": 0}

    def timed(fn):  # upkeep's own thread time, in the upkeep thread
        def wrapper(*args, **kwargs):
            c0, t0 = time.thread_time(), time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                upkeep["cpu"] += time.thread_time() - c0
                upkeep["wall"] += time.perf_counter() - t0
                upkeep["runs"] += 1

        return wrapper

    monitoring.rollup = timed(monitoring.rollup)  # type: ignore[method-assign]
    monitoring.prune = timed(monitoring.prune)  # type: ignore[method-assign]
    service = PollerService(
        monitoring,
        trap_port=None,
        max_in_flight=in_flight,
        upkeep_s=upkeep_s,
        prune_s=upkeep_s * 2,
        store_process=True,
    )
    crossings: list[float] = []
    stop = threading.Event()
    sampler = _Sampler({"poller": os.getpid(), "snmpd": snmpd})

    def watch() -> None:
        start = time.monotonic()
        next_cross = n
        while not stop.wait(1.0):
            st = service.stats()
            w = service._writer
            if w is not None and w.store is not None and "store" not in sampler.pids:
                pid = w.store.pid
                if pid is not None:
                    sampler.pids["store"] = pid
            while st.results >= next_cross:
                crossings.append(time.monotonic())
                next_cross += n
            if int(time.monotonic() - start) % 10 == 0:
                sampler.sample(st.results, st.samples, st.queue_depth)
            if time.monotonic() - start >= minutes * 60:
                service.request_stop()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    t0 = time.monotonic()
    watcher.start()
    stats = asyncio.run(service.run_async(install_signals=False))
    wall = time.monotonic() - t0
    stop.set()
    watcher.join()
    services.close()
    rows = [r for r in sampler.rows if "cpu_poller" in r]
    first, last = rows[0], rows[-1]
    span = last["t"] - first["t"] or 1.0
    print(
        f"poller at steady state: {n:,} devices every {args.interval} s for {minutes:g} min "
        f"(store process, SQLite, upkeep every {upkeep_s:g} s):"
    )
    cycles = [b - a for a, b in zip([t0, *crossings], crossings, strict=False)]
    if cycles:
        print(
            f"  cycle time (each {n:,} results stored)  first {cycles[0]:.1f} s, then median "
            f"{statistics.median(cycles[1:] or cycles):.1f} s, longest {max(cycles):.1f} s "
            f"({len(cycles)} cycles)"
        )
    else:
        print(f"  cycle time: not one cycle of {n:,} results in {wall:.0f} s")
    rate = (last["results"] - first["results"]) / span
    print(
        f"  results stored/s  {rate:10.0f}   (needed for one cycle a minute: {n / 60:.0f}; "
        f"{stats.results:,} in {wall:.0f} s, {stats.failed:,} failed)"
    )
    print(f"  samples stored/s  {(last['samples'] - first['samples']) / span:10.0f}")
    for name in ("poller", "store", "snmpd"):
        key = f"cpu_{name}"
        have = [r for r in rows if key in r]
        if len(have) >= 2:
            share = (have[-1][key] - have[0][key]) / (have[-1]["t"] - have[0]["t"])
            peak = max(r[f"rss_{name}"] for r in have)
            print(f"  {name:7s} CPU {100 * share:6.1f} % of a core   peak RSS {peak:7.0f} MB")
    print(f"  writer queue at its deepest {max(r['queue'] for r in rows):.0f} batches (of 64)")
    if args.series:  # every 10 s: seconds since the start, results stored, queue depth
        print("  every 10 s (s, results, queue):")
        print(
            "   ", " ".join(f"{r['t'] - t0:.0f}:{r['results']:.0f}/{r['queue']:.0f}" for r in rows)
        )
    share = upkeep["cpu"] / wall
    print(
        f"  upkeep: {upkeep['runs']} runs, {upkeep['cpu']:.2f} s CPU ({upkeep['wall']:.2f} s wall): "
        f"{100 * share:.2f} % of a core; scaled to 10,000 devices {100 * share * 10_000 / n:.2f} %"
    )


def main() -> None:
    global args
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--devices", type=int, default=100_000)
    ap.add_argument("--interval", type=int, default=60)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--upkeep", type=float, default=60.0, help="seconds between upkeeps")
    ap.add_argument("--in-flight", type=int, default=500)
    ap.add_argument("--series", action="store_true", help="also print the 10 s samples")
    args = ap.parse_args()
    if shutil.which("snmpd") is None:
        raise SystemExit("snmpd not installed (Debian packages snmpd and snmp)")
    folder = Path(tempfile.mkdtemp(prefix="bench-steady-"))
    snmpd, port, _env = start_snmpd(folder)
    try:
        db_path = folder / "steady.db"
        t0 = time.perf_counter()
        build(db_path, args.devices, port, args.interval)
        print(f"(database built: {args.devices:,} devices in {time.perf_counter() - t0:.1f} s)")
        run(db_path, args.devices, args.minutes, args.upkeep, args.in_flight, snmpd.pid)
    finally:
        snmpd.terminate()
        snmpd.wait(5)
        shutil.rmtree(folder, ignore_errors=True)


args: argparse.Namespace

if __name__ == "__main__":
    main()
