"""Poll throughput: the product's poller against net-snmp ``snmpget``, same snmpd, same run.

Starts its own snmpd (answering on every 127.x.y.z), simulates N devices on distinct
loopback addresses (the smart-bin profile: 5 scalar OIDs in one GET each), polls each once
through ``Scheduler.run_once`` and prints devices/s, CPU seconds, set-up seconds and peak
RSS, then the same for ``snmpget`` one process per device, 8 in parallel, on a subset.

    .venv/bin/python benchmarks/poll_throughput.py                 # 10,000 v2c devices
    .venv/bin/python benchmarks/poll_throughput.py --v3 --devices 2000
    .venv/bin/python benchmarks/poll_throughput.py --dead 0.1      # 10 % silent devices
    .venv/bin/python benchmarks/poll_throughput.py --v3 --devices 2000 --cycles 3

``--cycles N`` polls the same devices N times with one poller, as the service does: the first
cycle pays first contact (for v3: engine-ID discovery by our own USM, one extra round trip per
device; the agent's report carries its clock, so there is no separate time sync), later
cycles show the steady state. Each cycle is printed, with the v3 discoveries it made.

Storage: without ``--store`` results are kept in memory (the poller alone). ``--store`` runs
``poll_store.py`` with the same devices, v3, dead share, in-flight, repeat and snmpget subset:
the poller service polls AND stores through SQLite, as ``ops-console poll --once`` does
(``--cycles`` does not apply there).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ops_console.polling import ber
from ops_console.polling.credentials import SnmpCredential
from ops_console.polling.profiles import load_profiles
from ops_console.polling.results import PollTarget
from ops_console.polling.scheduler import Scheduler
from ops_console.polling.snmp import SnmpPoller

COMMUNITY = "bench"
SET_COMMUNITY = "bench-set"  # may SET the fill level (every agent shares it)
FILL_OID = "1.3.6.1.4.1.32473.4.1.0"  # a smart bin's fill level: a gauge with thresholds
USER, AUTH, PRIV = "benchv3", "bench-auth-123", "bench-priv-456"
OIDS = ["1.3.6.1.2.1.1.3.0"] + [f"1.3.6.1.4.1.32473.4.{i}.0" for i in (1, 2, 3, 4)]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_snmpd(folder: Path) -> tuple[subprocess.Popen[bytes], int, dict[str, str]]:
    conf = folder / "snmpd.conf"
    conf.write_text(
        "\n".join(
            [
                f"rocommunity {COMMUNITY} default",
                f"rwcommunity {SET_COMMUNITY} 127.0.0.1",  # poll_store.py moves the fill level
                f"createUser {USER} SHA {AUTH} AES {PRIV}",
                f"rouser {USER} authpriv",
                f"override -rw {FILL_OID} integer 42",
                "override 1.3.6.1.4.1.32473.4.2.0 integer 77",
                "override 1.3.6.1.4.1.32473.4.3.0 integer 1",
                "override 1.3.6.1.4.1.32473.4.4.0 integer 215",
            ]
        )
        + "\n"
    )
    port = free_port()
    env = {**os.environ, "MIBS": "", "MIBDIRS": "/nonexistent", "SNMP_PERSISTENT_DIR": str(folder)}
    proc = subprocess.Popen(
        ["snmpd", "-f", "-Lo", "-C", "-c", str(conf), f"udp:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    for _ in range(100):
        r = subprocess.run(
            [
                "snmpget",
                "-v2c",
                "-c",
                COMMUNITY,
                "-t",
                "0.3",
                "-r",
                "0",
                f"127.0.0.1:{port}",
                OIDS[0],
            ],
            capture_output=True,
            env=env,
            check=False,
        )
        if r.returncode == 0:
            return proc, port, env
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("snmpd did not start")


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def address(i: int) -> str:
    return str(ipaddress.IPv4Address("127.1.0.1") + i)


async def poll_product(
    n: int,
    port: int,
    v3: bool,
    dead: float,
    in_flight: int,
    cycles: int = 1,
    snmpd_pid: int = 0,
    started: Callable[[], None] | None = None,
) -> list[dict[str, float]]:
    """Set up once, then poll every device ``cycles`` times; one dict of figures per cycle
    (``started`` is called once set up, before the first cycle)."""
    t0 = time.perf_counter()
    c0 = time.process_time()
    dead_port = free_port()
    creds = {
        "c": SnmpCredential(community=COMMUNITY),
        "u": SnmpCredential(
            user=USER, auth_proto="SHA", auth_key=AUTH, priv_proto="AES", priv_key=PRIV
        ),
    }
    dead_every = round(1 / dead) if dead > 0 else 0
    targets = [
        PollTarget(
            i,
            address(i),
            dead_port if dead_every and i % dead_every == 0 else port,
            "v3" if v3 else "v2c",
            "u" if v3 else "c",
            "smart_bin",
            timeout_s=1.0,
            retries=1,
        )
        for i in range(n)
    ]
    poller = SnmpPoller(load_profiles(), creds.get)
    sched = Scheduler(poller, max_in_flight=in_flight, slow_in_flight=max(in_flight, 500))
    poller.begin_cycle()
    await poller.prepare(targets)  # v3: register every target before the first poll
    if started is not None:
        started()
    setup = time.perf_counter() - t0
    setup_cpu = time.process_time() - c0
    out = []
    for _ in range(cycles):
        snmpd0 = proc_cpu(snmpd_pid) if snmpd_pid else 0.0
        t1 = time.perf_counter()
        c1 = time.process_time()
        discoveries0 = poller.usm.counters["discoveries"]
        results = await sched.run_once(targets)
        wall = time.perf_counter() - t1
        cpu = time.process_time() - c1
        discoveries = poller.usm.counters["discoveries"] - discoveries0
        ok = sum(r.ok for r in results)
        living = [r for r in results if targets[r.device_id].port == port]
        bad = [r for r in living if not r.ok]
        out.append(
            {
                "devices": n,
                "ok": ok,
                "living_failed": len(bad),
                "samples": sum(len(r.samples) for r in results),
                "wall": wall,
                "cpu": cpu,
                "setup": setup,
                "setup_cpu": setup_cpu,
                "rate": n / wall,
                "rate_living": len(living) / wall if not dead else 0,
                "snmpd_cpu": proc_cpu(snmpd_pid) - snmpd0 if snmpd_pid else 0.0,
                "discoveries": discoveries,
            }
        )
    poller.close()
    return out


async def poll_bare(n: int, port: int, in_flight: int) -> dict[str, float]:
    """The reference: a bare asyncio UDP loop with our BER codec and nothing else.

    One socket, ``in_flight`` GETs outstanding, each reply matched by request-id and decoded
    (``ber.decode_message``), the next request sent from the reply's callback; a sweep every
    0.1 s resends a request unanswered after 1 s once, then gives it up (the poller's
    timeout and retries here). No scheduler, sessions, conversion or results: what the poller
    costs is its ratio to this.
    """
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    community = COMMUNITY.encode()
    left = list(range(n - 1, -1, -1))
    sent: dict[int, tuple[float, int, bytes]] = {}  # request-id → (sent at, tries, request)
    got = 0

    class Proto(asyncio.DatagramProtocol):
        transport: asyncio.DatagramTransport

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.transport = transport  # type: ignore[assignment]

        def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
            nonlocal got
            msg = ber.decode_message(data)
            if sent.pop(msg.request_id, None) is None:
                return
            got += 1
            self.send_next()

        def send_next(self) -> None:
            if left:
                i = left.pop()
                req = ber.encode_request(ber.V2C, community, ber.GET, i + 1, OIDS)
                sent[i + 1] = (loop.time(), 1, req)
                self.transport.sendto(req, (address(i), port))
            elif not sent and not done.done():
                done.set_result(None)

    def sweep() -> None:
        now = loop.time()
        for rid, (at, tries, req) in list(sent.items()):
            if now - at < 1.0:
                continue
            if tries < 2:
                sent[rid] = (now, tries + 1, req)
                proto.transport.sendto(req, (address(rid - 1), port))
            else:
                del sent[rid]
                proto.send_next()
        if not done.done():
            loop.call_later(0.1, sweep)

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
    sock.bind(("0.0.0.0", 0))
    sock.setblocking(False)
    transport, proto = await loop.create_datagram_endpoint(Proto, sock=sock)
    t0 = time.perf_counter()
    c0 = time.process_time()
    for _ in range(min(in_flight, n)):
        proto.send_next()
    loop.call_later(0.1, sweep)
    await done
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    transport.close()
    return {"devices": n, "ok": got, "wall": wall, "cpu": cpu, "rate": n / wall}


def poll_ezsnmp(n: int, port: int, threads: int) -> dict[str, float] | None:
    """net-snmp's C library through ezsnmp (if installed), ``threads`` threads, one session each GET."""
    try:
        from ezsnmp import Session  # type: ignore[import-not-found]
    except ImportError:
        return None
    from concurrent.futures import ThreadPoolExecutor

    def one(i: int) -> bool:
        try:
            s = Session(
                hostname=address(i), port_number=port, version=2, community=COMMUNITY,
                timeout=1, retries=1, print_oids_numerically=True,
            )  # fmt: skip
            return len(s.get(OIDS)) == len(OIDS)
        except Exception:
            return False

    t0 = time.perf_counter()
    c0 = time.process_time()
    with ThreadPoolExecutor(threads) as pool:
        ok = sum(pool.map(one, range(n)))
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {"devices": n, "ok": ok, "wall": wall, "cpu": cpu, "rate": n / wall}


async def poll_snmpget(n: int, port: int, env: dict[str, str], parallel: int) -> dict[str, float]:
    sem = asyncio.Semaphore(parallel)
    failures = 0

    async def one(i: int) -> None:
        nonlocal failures
        async with sem:
            proc = await asyncio.create_subprocess_exec(
                "snmpget",
                "-v2c",
                "-c",
                COMMUNITY,
                "-t",
                "1",
                "-r",
                "1",
                "-On",
                f"{address(i)}:{port}",
                *OIDS,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
            if await proc.wait() != 0:
                failures += 1

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(n)))
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"devices": n, "failed": failures, "wall": wall, "cpu": cpu, "rate": n / wall}


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--devices", type=int, default=10_000)
    ap.add_argument("--v3", action="store_true", help="SNMPv3 authPriv (SHA/AES) instead of v2c")
    ap.add_argument("--dead", type=float, default=0.0, help="share of silent devices (0.1 = 10 %%)")
    ap.add_argument("--in-flight", type=int, default=200)
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of the product's poller (median shown)"
    )
    ap.add_argument(
        "--cycles",
        type=int,
        default=1,
        help="poll cycles per run with one poller: 1st = first contact, later = steady state",
    )
    ap.add_argument(
        "--ezsnmp-threads",
        type=int,
        default=8,
        help="threads for the ezsnmp reference, if ezsnmp is installed (0 = skip)",
    )
    ap.add_argument(
        "--snmpget-devices", type=int, default=1000, help="subset polled with snmpget (0 = skip)"
    )
    ap.add_argument(
        "--store",
        action="store_true",
        help="poll and store through the poller service and SQLite (runs poll_store.py)",
    )
    args = ap.parse_args()
    if args.store:
        store = Path(__file__).resolve().with_name("poll_store.py")
        argv = [
            sys.executable,
            str(store),
            "--devices",
            str(args.devices),
            "--dead",
            str(args.dead),
        ]
        argv += ["--in-flight", str(args.in_flight), "--repeat", str(args.repeat)]
        argv += ["--snmpget-devices", str(args.snmpget_devices)] + (["--v3"] if args.v3 else [])
        sys.stdout.flush()
        os.execv(sys.executable, argv)
    if shutil.which("snmpd") is None:
        raise SystemExit("snmpd not installed (Debian packages snmpd and snmp)")
    folder = Path(tempfile.mkdtemp(prefix="bench-snmpd-"))
    snmpd, port, env = start_snmpd(folder)
    try:
        runs = []  # runs[repeat][cycle]
        bare: list[dict[str, float]] = []
        ez: list[dict[str, float]] = []
        references = not args.v3 and not args.dead
        for _ in range(args.repeat):
            if references:  # interleaved with the poller's runs: the same load for each
                bare.append(asyncio.run(poll_bare(args.devices, port, args.in_flight)))
                if args.ezsnmp_threads:
                    e = poll_ezsnmp(args.devices, port, args.ezsnmp_threads)
                    if e is not None:
                        ez.append(e)
            runs.append(
                asyncio.run(
                    poll_product(
                        args.devices,
                        port,
                        args.v3,
                        args.dead,
                        args.in_flight,
                        max(1, args.cycles),
                        snmpd.pid,
                    )
                )
            )
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        per_cycle = [
            {k: statistics.median(run[c][k] for run in runs) for k in runs[0][c]}
            for c in range(len(runs[0]))
        ]
        med = per_cycle[0]
        mode = "v3 authPriv SHA/AES" if args.v3 else "v2c"
        print(
            f"ops-console poller ({mode}, {args.devices} devices, {args.dead:.0%} dead, {args.in_flight} in flight, median of {args.repeat}; first cycle):"
        )
        print(
            f"  devices/s      {med['rate']:10.0f}   ({med['wall']:.2f} s wall, {med['ok']:.0f} ok, {med['living_failed']:.0f} living failed, {med['samples']:.0f} samples)"
        )
        print(
            f"  CPU seconds    {med['cpu']:10.2f}   (poller process, {med['cpu'] / args.devices * 1000:.2f} ms per device; snmpd used {med['snmpd_cpu']:.2f})"
        )
        print(
            f"  set-up seconds {med['setup']:10.3f}   (profiles, targets, v3 registration; CPU {med['setup_cpu']:.3f})"
        )
        print(f"  peak RSS       {rss_mb:10.0f} MB")
        if bare:
            b = {k: statistics.median(r[k] for r in bare) for k in bare[0]}
            print(
                f"bare asyncio + BER loop, the reference (same devices, {args.in_flight} in flight, median of {len(bare)}):"
            )
            print(
                f"  devices/s      {b['rate']:10.0f}   ({b['wall']:.2f} s wall, {b['ok']:.0f} ok)"
            )
            print(
                f"  CPU seconds    {b['cpu']:10.2f}   ({b['cpu'] / args.devices * 1000:.3f} ms per device)"
            )
        if ez:
            e = {k: statistics.median(r[k] for r in ez) for k in ez[0]}
            print(
                f"ezsnmp (net-snmp C library), {args.ezsnmp_threads} threads (median of {len(ez)}):"
            )
            print(
                f"  devices/s      {e['rate']:10.0f}   ({e['wall']:.2f} s wall, {e['ok']:.0f} ok, CPU {e['cpu']:.2f} s)"
            )
        if bare:
            print("targets (issue 15), this run:")
            print(f"  poller ÷ bare loop   {med['rate'] / b['rate']:6.2f} ×   (target ≥ 0.5)")
            print(
                f"  the same by CPU      {b['cpu'] / med['cpu']:6.2f} ×   (bare loop's CPU ÷ the poller's: the rate ratio when the CPU is the limit, steadier on a busy machine)"
            )
            print(
                f"  CPU ms per device    {med['cpu'] / args.devices * 1000:6.3f}     (target ≤ 0.15)"
            )
            if ez:
                print(f"  poller ÷ ezsnmp      {med['rate'] / e['rate']:6.2f} ×")
        if len(per_cycle) > 1:
            print(f"per cycle (median of {args.repeat}; cycle 1 includes first contact):")
            print(
                "  cycle  devices/s   wall s   CPU s  CPU ms/dev  snmpd CPU s    ok  v3 discoveries"
            )
            for c, m in enumerate(per_cycle, 1):
                print(
                    f"  {c:5d}  {m['rate']:9.0f}  {m['wall']:7.2f}  {m['cpu']:6.2f}  {m['cpu'] / args.devices * 1000:10.2f}  {m['snmpd_cpu']:11.2f}  {m['ok']:4.0f}  {m['discoveries']:14.0f}"
                )
        if args.snmpget_devices and not args.v3:
            n = min(args.snmpget_devices, args.devices)
            s = asyncio.run(poll_snmpget(n, port, env, 8))
            print(f"net-snmp snmpget, one process per device, 8 in parallel ({n} devices):")
            print(
                f"  devices/s      {s['rate']:10.0f}   ({s['wall']:.2f} s wall, {s['failed']:.0f} failed)"
            )
            print(
                f"  CPU seconds    {s['cpu']:10.2f}   (≈ {s['cpu'] / s['wall']:.1f} cores; {s['cpu'] / n * args.devices:.1f} s scaled to {args.devices})"
            )
            print(f"  ratio          {med['rate'] / s['rate']:10.1f} ×")
    finally:
        snmpd.terminate()
        snmpd.wait(5)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
