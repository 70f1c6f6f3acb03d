"""Storage density of the time-series store: bytes per sample on disk, size after retention,
the plateau for 10,000 devices, upkeep's CPU and its longest write transaction.

Simulates DAYS days of N devices polled every 60 s (±2 s of jitter) into a fresh SQLite
database, with synthetic but realistic series per device, modelled on the demo profiles:
an uptime (hundredths of a second, grows 60 s a poll), a temperature (one decimal, a daily
wave and noise), a fill level (whole percent, a sawtooth emptied every 20-30 h), a battery
(whole percent, slowly down), a counter rate (three decimals, noisy) and a status code that
changes a few times a month (stored on change with the 15-minute keep-alive, as the writer
does). Each hour of samples goes through the writer's path (the append table, then the real
upkeep that seals it into chunks); then upkeep rolls everything up and applies the default
retention (raw 7 d, 5-minute 60 d, hourly 2 years), and incremental vacuum shrinks the file.

    .venv/bin/python benchmarks/storage_density.py                     # 2,000 devices, 30 days
    .venv/bin/python benchmarks/storage_density.py --devices 200       # faster, same per-sample figures

Prints: samples stored; bytes per sample with every index (the chunks table is its own
primary-key index: WITHOUT ROWID); bytes per 5-minute and hourly bucket; the database size
before and after retention; the plateau for 10,000 devices at 60 s with the default retention
(computed from the measured bytes per sample and per bucket); upkeep CPU per hour of
simulated time as a share of one core; the longest write transaction upkeep held.
Targets (#15): ≤ 4 B/sample, plateau ≤ 5 GB, upkeep < 5 % of a core, no write lock > 200 ms.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.db.repos import pollers as pollers_repo
from ops_console.db.repos import series as series_repo
from ops_console.services.monitoring.history import Retention
from ops_console.services.monitoring.series import (
    KEEPALIVE_S,
    Upkeep,
    UpkeepReport,
)

T0 = 1_793_664_000  # 2026-11-03 00:00 UTC: a 30-day window boundary (epoch days % 30 == 0)
METRICS = ("uptime", "temperature", "fill_level", "battery", "in_octets", "lid")


def _devices(db: Database, n: int) -> list[int]:
    with db.engine.begin() as c:
        c.exec_driver_sql(
            "INSERT INTO device_categories (code, name_en, name_zh) VALUES ('smart_bin', 'b', 'b')"
        )
        c.exec_driver_sql("INSERT INTO communities (id, name, timezone) VALUES (1, 'c', 'UTC')")
        c.exec_driver_sql(
            "INSERT INTO devices (id, asset_tag, name, category_code, community_id, address, "
            "snmp_version, snmp_port, poll_interval_s, status, criticality, created_at, "
            "updated_at, search_text) VALUES (?, ?, 'd', 'smart_bin', 1, '127.0.0.1', 'v2c', "
            "161, 60, 'in_service', 'normal', '2026-10-01 00:00:00', '2026-10-01 00:00:00', '')",
            [(i, f"D-{i:05d}") for i in range(1, n + 1)],
        )
    return list(range(1, n + 1))


class _Device:
    """The state of one simulated device's series."""

    def __init__(self, dev: int) -> None:
        rng = random.Random(dev)
        self.rng = rng
        self.phase = rng.random()
        self.uptime = rng.randrange(10**5, 10**8) / 100
        self.battery = rng.randrange(60, 100)
        self.cycle = 20 + 10 * rng.random()
        self.lid = 1
        self.lid_stored: tuple[int, int] | None = None

    def poll(self, ts: int) -> list[tuple[int, float | None]]:
        rng = self.rng
        hours = ts / 3600
        self.uptime = round(self.uptime + 60 + rng.randrange(-2, 3), 2)
        temp = 20 + 6 * math.sin(2 * math.pi * (hours / 24 + self.phase)) + rng.gauss(0, 0.3)
        fill = int(((hours + self.phase * 50) % self.cycle) / self.cycle * 100)
        if rng.random() < 0.0005:
            self.battery = max(0, self.battery - 1)
        rate = round(max(0.0, 1200 + 400 * math.sin(hours / 3) + rng.gauss(0, 50)), 3)
        if rng.random() < 0.0001:
            self.lid = 2 if self.lid == 1 else 1
        return [
            (0, self.uptime),
            (1, round(temp, 1)),
            (2, float(fill)),
            (3, float(self.battery)),
            (4, rate),
        ]


def _keep_longest(totals: UpkeepReport, report: UpkeepReport) -> None:
    if report.longest_s > totals.longest_s:
        totals.longest_s, totals.longest_step = report.longest_s, report.longest_step
    totals.longest_cpu_s = max(totals.longest_cpu_s, report.longest_cpu_s)


def _file_bytes(db: Database) -> int:
    with db.engine.connect() as c:
        page = int(c.exec_driver_sql("PRAGMA page_size").scalar() or 0)
        return page * int(c.exec_driver_sql("PRAGMA page_count").scalar() or 0)


def _density(db: Database) -> dict[int, tuple[int, float]]:
    """resolution → (points, bytes on disk): the chunk table's pages (it is its own primary
    key index) shared out by blob bytes plus an equal key overhead per row."""
    with db.engine.connect() as c:
        pages = int(
            c.exec_driver_sql(
                "SELECT sum(pgsize) FROM dbstat WHERE name = 'series_chunks'"
            ).scalar()
            or 0
        )
        rows = c.exec_driver_sql(
            "SELECT resolution_s, sum(n), sum(length(data)), count(*) FROM series_chunks "
            "GROUP BY resolution_s"
        ).all()
    blob = sum(r[2] for r in rows)
    nrows = sum(r[3] for r in rows) or 1
    per_row = (pages - blob) / nrows
    return {r[0]: (int(r[1]), r[2] + r[3] * per_row) for r in rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devices", type=int, default=2000)
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--interval", type=int, default=60)
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="storage-density-"))
    db = Database(f"sqlite:///{tmp / 'bench.db'}")
    migrate.upgrade(db)
    devs = _devices(db, args.devices)
    with db.write() as s:
        mids = series_repo.metric_ids(s, METRICS)
    mid = [mids[m] for m in METRICS]
    sims = {d: _Device(d) for d in devs}
    up = Upkeep(db.write, lambda s: pollers_repo.try_singleton(s, 1), read=db.read)
    totals = UpkeepReport()
    upkeep_cpu = 0.0
    samples = 0
    hours = args.days * 24
    t_start = time.perf_counter()
    for h in range(hours):
        base = T0 + h * 3600
        rows: list[tuple[int, int, int, float | None, str | None]] = []
        for d in devs:
            sim = sims[d]
            jitter = (d * 7919) % 3
            for i in range(3600 // args.interval):
                ts = base + i * args.interval + jitter + sim.rng.randrange(0, 2)
                for k, v in sim.poll(ts):
                    rows.append((d, mid[k], ts, v, None))
                prev = sim.lid_stored
                if prev is None or prev[1] != sim.lid or ts - prev[0] >= KEEPALIVE_S:
                    sim.lid_stored = (ts, sim.lid)
                    rows.append((d, mid[5], ts, float(sim.lid), "ok" if sim.lid == 1 else "jam"))
        with db.write() as s:
            series_repo.append(s, rows)
        samples += len(rows)
        c0 = time.process_time()
        report = UpkeepReport()
        up.seal(base + 3600 + 300, report)
        if h % 24 == 23:
            up.roll_up(base + 3600 + 300, report)
        upkeep_cpu += time.process_time() - c0
        _keep_longest(totals, report)
        if h % 24 == 23:
            print(
                f"  day {h // 24 + 1}: {samples:,} samples, "
                f"{(time.perf_counter() - t_start):.0f} s",
                file=sys.stderr,
                flush=True,
            )
    end = T0 + hours * 3600
    before = _density(db)
    size_before = _file_bytes(db)
    # catch up rollups to the end, then retention as the poller applies it
    c0 = time.process_time()
    while True:
        r = UpkeepReport()
        up.roll_up(end, r)
        _keep_longest(totals, r)
        if not r.windows:
            break
    rollup_cpu = time.process_time() - c0
    after_rollup = _density(db)
    c0 = time.process_time()
    report = up.run(end + 8 * 86400, Retention())  # a week later: the first raw days go
    prune_cpu = time.process_time() - c0
    _keep_longest(totals, report)
    size_after = _file_bytes(db)
    with db.engine.connect() as c:
        free = c.exec_driver_sql("PRAGMA freelist_count").scalar()
    if 3600 not in after_rollup:
        sys.exit("simulate at least 30 days: hourly rollups are made per 30-day window")
    b_raw = before[0][1] / before[0][0]
    b5 = after_rollup[300][1] / after_rollup[300][0]
    bh = after_rollup[3600][1] / after_rollup[3600][0]
    numeric = 5
    status_per_hour = 3600 / KEEPALIVE_S  # an unchanged status: one keep-alive each 15 min
    # plateau per device: raw 7 d of every series, 5-minute 60 d and hourly 730 d of the
    # numeric ones
    per_device = (
        (numeric * 7 * 1440 * args.interval / 60 + status_per_hour * 24 * 7) * b_raw
        + numeric * 60 * 288 * b5
        + numeric * 730 * 24 * bh
    )
    sim_hours = hours
    print(f"storage density: {args.devices:,} devices × {args.days} days at {args.interval} s "
          f"({samples:,} samples; simulated in {time.perf_counter() - t_start:.0f} s)")  # fmt: skip
    print(f"  bytes/sample (raw chunks, primary key included) {b_raw:8.2f}")
    print(f"  bytes per 5-minute bucket                        {b5:8.2f}")
    print(f"  bytes per hourly bucket                          {bh:8.2f}")
    print(f"  database before retention                        {size_before / 1e6:8.1f} MB")
    print(f"  database after retention + vacuum                {size_after / 1e6:8.1f} MB "
          f"({free} free pages left)")  # fmt: skip
    print(
        f"  plateau, 10,000 devices at 60 s, default retention {10_000 * per_device / 1e9:6.2f} GB"
    )
    share = (upkeep_cpu + rollup_cpu) / (sim_hours * 3600)
    print(f"  upkeep CPU (seal + roll up) {upkeep_cpu + rollup_cpu:.1f} s for {sim_hours} h "
          f"simulated: {100 * share:.3f} % of a core; at 10,000 devices "
          f"{100 * share * 10_000 / args.devices:.2f} %")  # fmt: skip
    print(f"  prune + vacuum CPU {prune_cpu:.1f} s")
    print(f"  longest upkeep write transaction                 {1000 * totals.longest_s:8.0f} ms "
          f"({totals.longest_step}, {args.devices} devices a batch at most); the most CPU "
          f"in one: {1000 * totals.longest_cpu_s:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
