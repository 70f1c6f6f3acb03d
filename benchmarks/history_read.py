"""Reading the time-series store: a chart's history and the availability of a fleet.

Builds a SQLite database with N devices (default 10,000), a month of health spans for each
(up, with a degraded spell and an outage on some) and, for one device, 30 days of one metric as
the store holds it after upkeep: 5-minute chunks for the 30 days, raw chunks (one sample a
minute) for the last 7 days and an open hour. Then prints the median time of:

- the device detail's 30-day chart (``metric_history`` with the page's 2,000 points at most:
  8,640 5-minute buckets would be more than 4 x 2,000, so the history API gives hourly buckets,
  721 points, as it has since charts read rollups), and its 7-day and 24-hour charts;
- the target's chart: 30 days at 5-minute resolution (``max_points`` 10,000: the 8,640
  buckets of the 5-minute rollups and, for the open day, of the raw samples);
- the availability of every device over the month (``SlaService.availability``), and where
  its wall time went: CPU, waiting for a core (the thread's run-queue delay in Linux's
  ``/proc/thread-self/schedstat``), and the rest (I/O, locks).

    .venv/bin/python benchmarks/history_read.py
    .venv/bin/python benchmarks/history_read.py --devices 2000

Targets (#15): 30-day chart at 5-minute resolution < 100 ms; availability of 10,000 devices over a month < 2 s.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NOW = datetime(2026, 11, 29, 1, 30, tzinfo=UTC)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--devices", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from ops_console.db import migrate
    from ops_console.db.engine import Database
    from ops_console.db.repos import series as series_repo
    from ops_console.domain.clock import FixedClock
    from ops_console.services.container import Services
    from ops_console.services.context import SYSTEM
    from ops_console.services.monitoring import write_history

    tmp = Path(tempfile.mkdtemp(prefix="history-read-"))
    db = Database(f"sqlite:///{tmp / 'bench.db'}")
    migrate.upgrade(db)
    services = Services(db, FixedClock(NOW))
    services.inventory.sync_categories()
    services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
    admin = services.accounts.actor("root")
    start = NOW - timedelta(days=30)
    stamp = start.strftime("%Y-%m-%d %H:%M:%S")
    rng = random.Random(7)
    with db.engine.begin() as c:
        c.exec_driver_sql("INSERT INTO communities (id, name, timezone) VALUES (1, 'c', 'UTC')")
        c.exec_driver_sql(
            "INSERT INTO devices (id, asset_tag, name, category_code, community_id, address, "
            "snmp_version, snmp_port, poll_interval_s, status, criticality, created_at, "
            "updated_at, search_text) VALUES (?, ?, 'd', 'smart_bin', 1, '127.0.0.1', 'v2c', "
            "161, 60, 'in_service', 'normal', ?, ?, '')",
            [(i, f"D-{i:05d}", stamp, stamp) for i in range(1, args.devices + 1)],
        )
        spans = []
        for d in range(1, args.devices + 1):
            t = start
            for health in ("up", "degraded", "up", "down", "up"):
                length = timedelta(minutes=rng.randrange(60, 60 * 24 * 8))
                end = min(t + length, NOW) if health != "up" or t + length < NOW else None
                spans.append(
                    (d, health, t.strftime("%Y-%m-%d %H:%M:%S.%f"),
                     end.strftime("%Y-%m-%d %H:%M:%S.%f") if end else None)
                )  # fmt: skip
                if end is None:
                    break
                t = end
        c.exec_driver_sql(
            "INSERT INTO health_spans (device_id, health, starts_at, ends_at) VALUES (?, ?, ?, ?)",
            spans,
        )
    t_now = int(NOW.timestamp())
    t0 = int(start.timestamp())
    points = []
    fives = []
    for t in range(t0 - t0 % 300, t_now, 300):
        vals = [round(20 + 5 * math.sin(t / 40000) + rng.gauss(0, 0.3), 1) for _ in range(5)]
        if t < t_now - t_now % 86400:
            fives.append((1, "temperature", t, 5.0, min(vals), max(vals), round(sum(vals), 6)))
        if t >= t_now - 7 * 86400:
            points += [(1, "temperature", t + 60 * k, v, None) for k, v in enumerate(vals)]
    with db.write() as s:
        write_history(s, [p for p in points if p[2] < t_now - t_now % 3600], {300: fives})
    with db.write() as s:  # the current hour is still open: its samples are rows
        mid = series_repo.metric_ids(s, ["temperature"])["temperature"]
        series_repo.append(
            s, [(1, mid, p[2], p[3], None) for p in points if p[2] >= t_now - t_now % 3600]
        )

    waits: list[float] = []

    def timed(fn) -> tuple[float, float, object]:
        """Median wall and CPU seconds (the CPU figure holds on a busy machine); ``waits``
        gets the median time this thread waited for a core (Linux's schedstat)."""
        times = []
        cpus = []
        queued = []
        got = None
        for _ in range(args.repeat):
            q = _run_delay()
            t = time.perf_counter()
            c = time.process_time()
            got = fn()
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
            queued.append(_run_delay() - q)
        waits[:] = [statistics.median(queued)]
        return statistics.median(times), statistics.median(cpus), got

    print(f"history read ({args.devices:,} devices, median of {args.repeat}):")
    charts = (
        ("30 days, the page's (2,000 points at most)", 30, 2000),
        ("30 days at 5 minutes (10,000 points at most)", 30, 10_000),
        ("7 days, the page's", 7, 2000),
        ("24 hours, the page's", 1, 2000),
    )
    for label, span, most in charts:
        secs, cpu, h = timed(
            lambda span=span, most=most: services.monitoring.metric_history(
                admin, "D-00001", "temperature", NOW - timedelta(days=span), NOW, most
            )
        )
        print(f"  chart, {label}: {1000 * secs:.1f} ms wall, {1000 * cpu:.1f} ms CPU "
              f"({len(h.points):,} points at {h.resolution_s} s)")  # fmt: skip
    secs, cpu, av = timed(lambda: services.sla.availability(admin, start, NOW))
    print(f"  availability of {len(av):,} devices over 30 days: {secs:.2f} s wall, "
          f"{cpu:.2f} s CPU")  # fmt: skip
    if waits[0] >= 0:
        print(f"    of the wall time: {cpu:.2f} s CPU, {waits[0]:.2f} s waiting for a core, "
              f"{max(0.0, secs - cpu - waits[0]):.2f} s else (I/O, locks)")  # fmt: skip


def _run_delay() -> float:
    """Seconds this thread has waited on a run queue so far (-1 where not known)."""
    try:
        fields = Path("/proc/thread-self/schedstat").read_text().split()
    except OSError:
        return -1.0
    return int(fields[1]) / 1e9


if __name__ == "__main__":
    main()
