"""Benchmark: the live clocks of open work orders (``SlaService.status``), which the Work
orders page reads again in the background every 30 seconds, the SLA page and the dashboard
on opening, and ``sla status`` prints.

    .venv/bin/python benchmarks/sla_status.py [--orders 100000] [--open 0.38] [--keep PATH]

Builds the database of ``benchmarks/sla_report.py`` (HB-2026, 10 events per order), then
reopens a share of the orders by cutting their history short (created / assigned /
accepted / held: new, assigned, in progress, on hold), as in the work-order list benchmark
(38 % open), and times ``status`` through the service, best of three, with its CPU time.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sla_report import build

from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.secrets import MemoryKeyring, SecretStore, use_backend
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
# events kept -> the status they leave (kinds: created, assigned, accepted, held, ...)
CUT = {1: "new", 2: "assigned", 3: "in_progress", 4: "on_hold"}


def reopen(path: Path, share: float) -> int:
    """Cut the history of ``share`` of the orders short; return how many are open."""
    import sqlite3

    rng = random.Random(7)
    con = sqlite3.connect(path)
    ids = [r[0] for r in con.execute("SELECT id FROM work_orders")]
    chosen = [(i, rng.choice(list(CUT))) for i in ids if rng.random() < share]
    con.executemany("DELETE FROM work_order_events WHERE work_order_id = ? AND seq > ?", chosen)
    con.executemany(
        "UPDATE work_orders SET status = ?, resolved_at = NULL WHERE id = ?",
        [(CUT[keep], i) for i, keep in chosen],
    )
    con.commit()
    con.close()
    return len(chosen)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--open", type=float, default=0.38, help="share of open orders")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database at this path")
    args = parser.parse_args()
    use_backend(MemoryKeyring())
    path = args.keep or Path(tempfile.mkdtemp()) / "status.db"
    if not path.exists():
        t0 = time.perf_counter()
        build(path, args.orders)
        n_open = reopen(path, args.open)
        print(
            f"built {args.orders:,} work orders, {n_open:,} open, in "
            f"{time.perf_counter() - t0:.1f} s"
        )
    db = Database(f"sqlite:///{path}")
    services = Services(db, FixedClock(NOW), SecretStore(MemoryKeyring()))
    best = best_cpu = float("inf")
    rows: list = []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        rows = services.sla.status(SYSTEM)
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    risks = Counter(r.risk for r in rows)
    print(
        f"sla status over {len(rows):,} open work orders "
        f"({risks['breached']:,} breached, {risks['at_risk']:,} at risk): "
        f"best of 3 {best:.2f} s wall, {best_cpu:.2f} s CPU"
    )
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
