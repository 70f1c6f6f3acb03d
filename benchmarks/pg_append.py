"""PostgreSQL: appending a poll cycle's samples to the open window, ``executemany`` (psycopg 3
pipelines it) against COPY into a temporary table + one INSERT … SELECT.

Starts a throwaway PostgreSQL (as the tests do), migrates, inserts N devices, then appends
BATCH-sized batches of samples (5 per device, as the writer hands them over) with each method,
alternating, and prints rows/s (median of the rounds).

    .venv/bin/python benchmarks/pg_append.py                 # 10,000 devices × 5 samples
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pollers_failover import build

from tests.integration.postgres import postgres_server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devices", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=500, help="devices per write transaction")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    from ops_console.db.engine import Database
    from ops_console.db.repos import series as series_repo

    with postgres_server() as url:
        build(url, args.devices, 161, 60)
        db = Database(url)
        with db.write() as s:
            mids = list(series_repo.metric_ids(s, ["a", "b", "c", "d", "e"]).values())
            ids = [r[0] for r in s.connection().exec_driver_sql("select id from devices")]
        times: dict[str, list[float]] = {"executemany": [], "copy": []}
        ts = 1_800_000_000
        for _ in range(args.rounds):
            for name, fn in (
                ("executemany", series_repo.append),
                ("copy", series_repo.copy_append),
            ):
                ts += 60
                rows = [(d, m, ts, 12.5, None) for d in ids for m in mids]
                t0 = time.perf_counter()
                for k in range(0, len(rows), args.batch * len(mids)):
                    with db.write() as s:
                        fn(s, rows[k : k + args.batch * len(mids)])
                times[name].append(len(rows) / (time.perf_counter() - t0))
        with db.read() as s:
            stored = s.connection().exec_driver_sql("select count(*) from samples_open").scalar()
        db.dispose()
    print(f"PostgreSQL append, {args.devices:,} devices × 5 samples, "
          f"{args.batch} devices per transaction, median of {args.rounds}:")  # fmt: skip
    for name, rates in times.items():
        print(f"  {name:12s} {statistics.median(rates):10,.0f} rows/s")
    print(f"  rows stored  {stored:10,} (expected {2 * args.rounds * args.devices * 5:,})")


if __name__ == "__main__":
    main()
