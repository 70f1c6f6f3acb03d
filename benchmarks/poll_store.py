"""Polled AND stored: `poll --once` end to end, and a running poller's cycles, through SQLite.

Starts its own snmpd (every 127.x.y.z answers), builds a SQLite database with N smart bins on
distinct loopback addresses (in a child process, so its memory does not count), then runs
``PollerService.poll_once`` — start the store process, load targets from the database, poll
every device, store samples, device states, health spans and alarm states in batches — in a
store process and in the writer thread, and prints devices/s, CPU seconds, set-up seconds and
peak RSS (median of the runs): that figure includes the store process's start (spawn,
imports, first reads). Then what the long-running poller (``ops-console poll``) does: one
service whose store process is started and warm and whose targets are loaded polls every
device ``--repeat`` + 1 times back to back (the first cycle is not counted), a cycle from its
first request to its last result stored, with the store process's CPU per result. The poller
alone (``poll_throughput.poll_product``: the same devices, no database) follows in the same
run, and the ratios. The same run measures net-snmp ``snmpget`` one process per device, 8 in
parallel, on a subset.

    .venv/bin/python benchmarks/poll_store.py                  # 10,000 v2c devices
    .venv/bin/python benchmarks/poll_store.py --v3 --devices 2000
    .venv/bin/python benchmarks/poll_store.py --dead 0.1       # 10 % silent devices

Targets (issue 3): 10,000 v2c devices polled and stored < 12 s, set-up < 3 s, RSS < 200 MB;
(#15) polled + stored + alarm-evaluated ≥ 0.8× the poller alone (printed for a running
poller's cycle, and for ``poll --once`` end to end, start-up included). The agents answer the
same values every poll (the uptime aside): from the second cycle on, a running poller's store
process finds every rule input unchanged and does not evaluate it again, the best case of
that; ``poll --once`` starts a new store process, which evaluates every result. The running
cycles are then measured again with every device's fill level moved before each cycle
(within its ok band: no threshold crossed), so every value stored and every summary changes;
a value with a threshold moving within its ok band is not evaluated again either. Last, the
worst case: every device in its warning band (fill levels 85-89 %, moved before each cycle),
so every device holds a level and every result is evaluated in full; its first cycles open the
10,000 alarms (debounced over 3 polls) and hand them over to work orders, and are not counted.
Every run's collector is tuned as the CLI's poller's is once started
(``services.monitoring.tune_collector``), the poller alone's too.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from poll_throughput import (
    AUTH,
    COMMUNITY,
    FILL_OID,
    PRIV,
    SET_COMMUNITY,
    USER,
    address,
    free_port,
    poll_product,
    poll_snmpget,
    proc_cpu,
    start_snmpd,
)

from ops_console.services.monitoring import tune_collector

if TYPE_CHECKING:
    from ops_console.services.container import Services

HEADER = (
    "asset_tag,name,category,community,zone,location,vendor,model,serial,address,snmp_version,"
    "snmp_port,credential,poll_interval_s,install_date,warranty_end,criticality,status"
)


def build(db_path: Path, n: int, port: int, v3: bool, dead: float) -> None:
    """Child process: migrate a database and import N devices through the inventory service."""
    from ops_console.db import migrate
    from ops_console.db.engine import Database
    from ops_console.secrets import MemoryKeyring, SecretStore
    from ops_console.services.container import Services
    from ops_console.services.context import SYSTEM

    db = Database(f"sqlite:///{db_path}")
    migrate.upgrade(db)
    services = Services(db, secrets=SecretStore(MemoryKeyring()))
    services.inventory.sync_categories()
    services.accounts.add_community(SYSTEM, "基准小区")
    dead_port = free_port()
    dead_every = round(1 / dead) if dead > 0 else 0
    version, cred = ("v3", "bench-v3") if v3 else ("v2c", "bench-v2c")
    lines = [HEADER]
    for i in range(n):
        p = dead_port if dead_every and i % dead_every == 0 else port
        lines.append(
            f"BENCH-{i:06d},基准垃圾桶{i},smart_bin,基准小区,,,,,,{address(i)},{version},{p},"
            f"{cred},300,,,normal,in_service"
        )
    csv = db_path.with_suffix(".csv")
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    services.inventory.import_csv(SYSTEM, csv)
    print(f"(database built: {n} devices imported in {time.perf_counter() - t0:.1f} s)")
    db.dispose()


def _services(db_path: Path) -> Services:
    from ops_console.db.engine import Database
    from ops_console.secrets import MemoryKeyring, SecretStore
    from ops_console.services.container import Services

    store = SecretStore(MemoryKeyring())
    store.set_snmp_credential("bench-v2c", {"community": COMMUNITY})
    store.set_snmp_credential(
        "bench-v3",
        {"user": USER, "auth_proto": "SHA", "auth_key": AUTH, "priv_proto": "AES",
         "priv_key": PRIV},
    )  # fmt: skip
    return Services(Database(f"sqlite:///{db_path}"), secrets=store)


def measure(db_path: Path, in_flight: int, store_process: bool) -> dict[str, float]:
    from ops_console.services.pollers import PollerService

    services = _services(db_path)
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    c0 = time.process_time()
    t0 = time.perf_counter()
    targets = services.monitoring.targets()
    _ = services.monitoring.profiles
    setup = time.perf_counter() - t0
    service = PollerService(
        services.monitoring, trap_port=None, max_in_flight=in_flight, store_process=store_process,
        own_process=True,  # as the CLI's poller: its collector tuned once started
    )  # fmt: skip
    summary = service.poll_once()
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the store process, ended and waited
    store_cpu = kids.ru_utime + kids.ru_stime - kids0.ru_utime - kids0.ru_stime
    services.close()
    return {
        "devices": len(targets),
        "ok": summary.ok,
        "failed": summary.failed,
        "samples": summary.samples,
        "wall": wall,
        "cpu": cpu,
        "store_cpu": store_cpu,
        "setup": setup,
        "rate": len(targets) / wall,
    }


def measure_cycles(
    db_path: Path, in_flight: int, cycles: int, before: Callable[[int], None] | None = None
) -> list[dict[str, float]]:
    """The long-running poller's throughput: one ``PollerService`` whose writer and store
    process are started and warm (the child answered an empty batch) and whose targets are
    loaded, polls every device ``cycles`` times back to back as ``poll --once`` does (chunks of
    ``batch_max`` handed to the writer as each is done, the same poller kept from cycle to
    cycle as the scheduler keeps it); a cycle lasts from its first request to its last
    result stored (committed by the store process and its reply taken by the writer)."""
    import inspect
    import socket
    import threading

    from ops_console.services.pollers import PollerService
    from ops_console.services.pollers.service import _Results

    services = _services(db_path)
    monitoring = services.monitoring
    stored = [0]
    reached = threading.Event()
    goal = [0]

    def on_stored(summary: object) -> None:  # in the writer thread
        stored[0] += summary.devices  # type: ignore[attr-defined]
        if stored[0] >= goal[0]:
            reached.set()

    service = PollerService(
        monitoring, trap_port=None, max_in_flight=in_flight, store_process=True,
        on_stored=on_stored, own_process=True,
    )  # fmt: skip
    out: list[dict[str, float]] = []

    async def run() -> None:
        loop = asyncio.get_running_loop()
        host = socket.gethostname()
        if "store" in inspect.signature(service._start_writer).parameters:
            proc = monitoring.store_process()
            assert proc is not None
            proc.store([], monitoring.clock.now(), None)  # started, imported, warm
            start = partial(service._start_writer, host=host, mark_unknown=False, store=proc)
        else:  # before the store process was given (to compare): its first cycle warms it
            start = partial(service._start_writer, host=host, mark_unknown=False)
        writer = await loop.run_in_executor(None, start)
        proc = writer.store
        assert proc is not None
        targets = await service._targets()
        poller, sched = service._new_poller()
        poller.begin_cycle()
        await poller.prepare(targets)
        if hasattr(service, "_started"):  # the collector tuned as the CLI's poller's is
            service._started()
        size = max(1, service.batch_max)
        for cycle in range(cycles):
            if before is not None:
                before(cycle)  # outside the cycle's time
            reached.clear()
            goal[0] = stored[0] + len(targets)
            store_cpu0 = proc_cpu(proc.pid or 0)
            c0 = time.process_time()
            t0 = time.perf_counter()
            tasks = [
                asyncio.create_task(sched.run_once(targets[i : i + size]))
                for i in range(0, len(targets), size)
            ]
            for done in asyncio.as_completed(tasks):
                await service._hand(_Results(await done))
            polled = time.perf_counter() - t0
            await loop.run_in_executor(None, reached.wait)
            wall = time.perf_counter() - t0
            out.append(
                {
                    "devices": len(targets),
                    "wall": wall,
                    "polled": polled,
                    "rate": len(targets) / wall,
                    "cpu": time.process_time() - c0,
                    "store_cpu": proc_cpu(proc.pid or 0) - store_cpu0,
                }
            )
        poller.close()
        await service._finish_writer()

    asyncio.run(run())
    services.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--devices", type=int, default=10_000)
    ap.add_argument("--v3", action="store_true", help="SNMPv3 authPriv (SHA/AES)")
    ap.add_argument("--dead", type=float, default=0.0, help="share of silent devices")
    ap.add_argument("--in-flight", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--snmpget-devices", type=int, default=1000, help="0 = skip")
    ap.add_argument("--build", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build:
        build(Path(args.build[0]), args.devices, int(args.build[1]), args.v3, args.dead)
        return
    if shutil.which("snmpd") is None:
        raise SystemExit("snmpd not installed (Debian packages snmpd and snmp)")
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    snmpd, port, env = start_snmpd(folder)
    try:
        db_path = folder / "bench.db"
        cmd = [sys.executable, __file__, "--build", str(db_path), str(port),
               "--devices", str(args.devices), "--dead", str(args.dead)]  # fmt: skip
        subprocess.run(cmd + (["--v3"] if args.v3 else []), check=True)
        meds = {}
        for store_process in (True, False):
            runs = []
            for _ in range(args.repeat):
                cpu0 = proc_cpu(snmpd.pid)
                r = measure(db_path, args.in_flight, store_process)
                r["snmpd_cpu"] = proc_cpu(snmpd.pid) - cpu0
                runs.append(r)
            meds[store_process] = med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            mode = "v3 authPriv SHA/AES" if args.v3 else "v2c"
            where = "in a store process" if store_process else "in the writer thread"
            print(
                f"ops-console poll --once, polled and stored {where}, SQLite ({mode}, "
                f"{args.devices} devices, {args.dead:.0%} dead, {args.in_flight} in flight, "
                f"median of {args.repeat}):"
            )
            print(
                f"  devices/s      {med['rate']:10.0f}   ({med['wall']:.2f} s wall, "
                f"{med['ok']:.0f} ok, {med['failed']:.0f} failed, {med['samples']:.0f} samples "
                "stored)"
            )
            print(
                f"  CPU seconds    {med['cpu']:10.2f}   (poller + writer thread; store process "
                f"{med['store_cpu']:.2f}; snmpd {med['snmpd_cpu']:.2f})"
            )
            print(f"  set-up seconds {med['setup']:10.3f}   (targets from the database, profiles)")
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak RSS       {rss_mb:10.0f} MB (this process)")
        print(
            f"  database       {os.path.getsize(db_path) / 1e6:10.1f} MB after "
            f"{2 * args.repeat} runs"
        )

        def median_cycles(
            warm: int, before: Callable[[int], None] | None = None
        ) -> dict[str, float]:
            """The median of ``--repeat`` running cycles after ``warm`` uncounted ones."""
            got = measure_cycles(db_path, args.in_flight, args.repeat + warm, before)[warm:]
            return {k: statistics.median(r[k] for r in got) for k in got[0]}

        def print_cpu(med: dict[str, float]) -> None:
            print(
                f"  CPU ms/result  {1000 * med['store_cpu'] / n:10.3f}   (store process; "
                f"poller's process {1000 * med['cpu'] / n:.3f} ms per device)"
            )

        def print_case(med: dict[str, float]) -> None:
            print(
                f"  devices/s      {med['rate']:10.0f}   ({med['wall']:.2f} s; polling done at "
                f"{med['polled']:.2f} s)"
            )
            print_cpu(med)

        def set_fill(percent: int) -> None:
            """Every agent's fill level (snmpset on the shared ``override -rw``)."""
            subprocess.run(
                ["snmpset", "-v2c", "-c", SET_COMMUNITY, f"127.0.0.1:{port}", FILL_OID, "i",
                 str(percent)], env=env, check=True, capture_output=True,
            )  # fmt: skip

        # the long-running poller: cycles of a running service (store process started)
        n = args.devices
        cyc_med = median_cycles(1)  # the 1st warms
        print(
            f"a running poller's cycle, polled and stored in its store process (started and "
            f"warm, targets loaded; median of cycles 2-{args.repeat + 1}):"
        )
        print(
            f"  devices/s      {cyc_med['rate']:10.0f}   ({cyc_med['wall']:.2f} s from the first "
            f"request to the last result stored; polling done at {cyc_med['polled']:.2f} s)"
        )
        print_cpu(cyc_med)

        # the same with every device's fill level moved before each cycle (42 %, 43 %, …: no
        # threshold crossed), so no result's values equal its last ones, as when a community's
        # gauges move between polls (within their ok bands: judged as before, not evaluated)
        mv_med = median_cycles(1, lambda cycle: set_fill(42 + cycle))
        print("the same, every device's fill level changed before each cycle (within its ok band):")
        print_case(mv_med)

        # every device in its warning band (fill level 85 %, 86 %, …, moved before each cycle):
        # a device holding a level is evaluated in full at every poll. The first cycles open
        # the alarms (3 polls, debounced) and hand them over to work orders; the last
        # ``--repeat`` cycles are counted, every alarm open by then
        warm = 4
        wn_med = median_cycles(warm, lambda cycle: set_fill(85 + cycle % 5))
        with sqlite3.connect(db_path) as c:
            open_alarms = c.execute("select count(*) from alarms where cleared_at is null")
            open_alarms = open_alarms.fetchone()[0]
        print(
            f"the same, every device in its warning band, its fill level changed before each cycle "
            f"(cycles {warm + 1}-{warm + args.repeat}; {open_alarms} alarms open, evaluated in full):"
        )
        print_case(wn_med)
        # the poller alone in the same run (no database): what storing costs is the ratio
        alone = asyncio.run(
            poll_product(
                args.devices,
                port,
                args.v3,
                args.dead,
                args.in_flight,
                args.repeat,
                snmpd.pid,
                started=tune_collector,  # the same collector as the stored runs
            )
        )
        alone_rate = statistics.median(r["rate"] for r in alone)
        alone_cpu = statistics.median(r["cpu"] for r in alone)
        print(f"poller alone, same run (median of {args.repeat} cycles, not stored):")
        print(
            f"  devices/s      {alone_rate:10.0f}   (CPU {alone_cpu:.2f} s, "
            f"{1000 * alone_cpu / args.devices:.3f} ms per device)"
        )
        print(
            "  a running poller's cycle, polled + stored + alarm-evaluated ÷ poller alone: "
            f"{cyc_med['rate'] / alone_rate:.2f}   (#15's target: ≥ 0.8)"
        )
        print(
            "  its store process's CPU per result ÷ the poller alone's CPU per device: "
            f"{cyc_med['store_cpu'] / n / (alone_cpu / args.devices):.2f}"
        )
        print(
            "  the same with every value changed ÷ poller alone: "
            f"{mv_med['rate'] / alone_rate:.2f} (rate), "
            f"{mv_med['store_cpu'] / n / (alone_cpu / args.devices):.2f} (CPU per result)"
        )
        print(
            "  the same in the warning band (evaluated in full) ÷ poller alone: "
            f"{wn_med['rate'] / alone_rate:.2f} (rate), "
            f"{wn_med['store_cpu'] / n / (alone_cpu / args.devices):.2f} (CPU per result)"
        )
        for store_process, where in ((True, "a store process"), (False, "the writer thread")):
            print(
                f"  poll --once end to end, start-up included ({where}) ÷ poller alone: "
                f"{meds[store_process]['rate'] / alone_rate:.2f}"
            )
        med = meds[True]
        if args.snmpget_devices and not args.v3:
            n = min(args.snmpget_devices, args.devices)
            s = asyncio.run(poll_snmpget(n, port, env, 8))
            print(
                f"net-snmp snmpget, one process per device, 8 in parallel ({n} devices, not stored):"
            )
            print(
                f"  devices/s      {s['rate']:10.0f}   ({s['wall']:.2f} s wall, {s['failed']:.0f} failed)"
            )
            print(f"  ratio          {med['rate'] / s['rate']:10.1f} ×")
    finally:
        snmpd.terminate()
        snmpd.wait(5)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
