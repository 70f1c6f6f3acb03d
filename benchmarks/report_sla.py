"""Benchmark: the SLA settlement statement (PDF + CSV) over 50,000 work orders.

Loads the demo into a temporary SQLite database, imports 50,000 extra work orders of
contract HB-2026 in October 2026 (bulk-inserted with their events; about 18 % with
a hold, about 15 % late), then times ``build_report`` for that month and prints the
time, the pages and the peak resident memory before and after. Target: under 10 s.

    .venv/bin/python benchmarks/report_sla.py [--orders 50000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.demo import loader as demo
from ops_console.domain.clock import DEFAULT_ZONE, FixedClock
from ops_console.reports import ReportRequest, build_report
from ops_console.secrets import MemoryKeyring, SecretStore, use_backend
from ops_console.services.container import Services


def peak_mib() -> float:
    """Peak resident memory since the last :func:`reset_peak` (VmHWM on Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def reset_peak() -> None:
    """Reset the peak so it measures the report alone (Linux: clear_refs 5)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def insert_history(db: Database, orders: int) -> None:
    """Insert closed work orders of contract HB-2026 in October 2026, with their events,
    in bulk (the events-CSV importer checks every row and takes ~17 ms a work order)."""
    from sqlalchemy import select

    from ops_console.db.models import Contract, Device, User, WorkOrder
    from ops_console.db.repos.workorders import insert_events, insert_work_orders

    rnd = random.Random(20261001)
    start = datetime(2026, 10, 1, 0, 0, tzinfo=DEFAULT_ZONE)
    span = (30 - 3) * 24 * 60  # created up to 3 days before the month ends
    with db.write() as s:
        proto = s.execute(
            select(WorkOrder)
            .join(Contract, WorkOrder.contract_id == Contract.id)
            .where(Contract.code == "HB-2026", WorkOrder.sla_policy_id.is_not(None))
            .limit(1)
        ).scalar_one()
        devices = list(
            s.execute(select(Device.id).where(Device.community_id == proto.community_id)).scalars()
        )
        techs = list(
            s.execute(select(User.id, User.username).where(User.role == "technician")).all()
        )
        batch = 5000
        for first in range(0, orders, batch):
            wo_rows, plans = [], []
            for i in range(first, min(orders, first + batch)):
                t = start + timedelta(minutes=rnd.randrange(span), seconds=rnd.randrange(60))
                tech_id, tech = rnd.choice(techs)
                steps = [("created", None, "new", t, "wang.jianguo", None)]
                t += timedelta(minutes=rnd.uniform(1, 30))
                steps.append(("assigned", "new", "assigned", t, "wang.jianguo", None))
                t += timedelta(minutes=rnd.uniform(1, 60))
                steps.append(("accepted", "assigned", "in_progress", t, tech, None))
                if rnd.random() < 0.18:
                    t += timedelta(minutes=rnd.uniform(10, 120))
                    steps.append(("held", "in_progress", "on_hold", t, tech, "waiting_parts"))
                    t += timedelta(minutes=rnd.uniform(30, 600))
                    steps.append(("resumed", "on_hold", "in_progress", t, tech, None))
                late = rnd.random() < 0.15
                t += timedelta(minutes=rnd.uniform(600, 4000) if late else rnd.uniform(20, 200))
                resolved = t
                steps.append(("resolved", "in_progress", "resolved", t, tech, None))
                t += timedelta(minutes=rnd.uniform(60, 600))
                steps.append(("closed", "resolved", "closed", t, "chen.jing", None))
                wo_rows.append(
                    {
                        "number": f"WO-2026-{500000 + i:06d}",
                        "kind": "repair",
                        "source": "liaison",
                        "device_id": rnd.choice(devices),
                        "community_id": proto.community_id,
                        "contract_id": proto.contract_id,
                        "sla_policy_id": proto.sla_policy_id,
                        "priority": rnd.choice(["P1", "P2", "P3", "P3", "P4"]),
                        "title": "门禁故障",
                        "status": "closed",
                        "assignee_id": tech_id,
                        "created_at": steps[0][3],
                        "created_by": "wang.jianguo",
                        "updated_at": t,
                        "resolved_at": resolved,
                    }
                )
                plans.append(steps)
            ids = insert_work_orders(s, wo_rows)
            insert_events(
                s,
                [
                    {
                        "work_order_id": wo_id,
                        "seq": seq,
                        "kind": kind,
                        "at": at,
                        "actor": actor,
                        "from_status": frm,
                        "to_status": to,
                        "reason_code": reason,
                        "note": "等待备件" if reason else None,
                    }
                    for wo_id, steps in zip(ids, plans, strict=True)
                    for seq, (kind, frm, to, at, actor, reason) in enumerate(steps, start=1)
                ],
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="keep the PDF and CSV in this folder")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="report-sla-"))
    try:
        backend = MemoryKeyring()
        use_backend(backend)
        db = Database(f"sqlite:///{folder / 'bench.db'}")
        migrate.upgrade(db)
        services = Services(
            db, FixedClock(datetime(2026, 11, 29, 1, 0, tzinfo=UTC)), SecretStore(backend)
        )
        t0 = time.perf_counter()
        demo.load(services)
        insert_history(db, args.orders)
        setup = time.perf_counter() - t0
        manager = services.accounts.actor("wang.jianguo")
        import gc

        gc.collect()
        reset_peak()
        before = rss_mib()
        out = (args.keep or folder) / "sla-october.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        t1, cpu1 = time.perf_counter(), time.process_time()
        result = build_report(
            services,
            manager,
            ReportRequest("sla", date(2026, 10, 1), date(2026, 10, 31), contract="HB-2026"),
            out,
            out.with_suffix(".csv"),
        )
        elapsed, cpu = time.perf_counter() - t1, time.process_time() - cpu1
        peak = peak_mib()
        t2 = time.perf_counter()
        services.sla.report(manager, "HB-2026", date(2026, 10, 1), date(2026, 10, 31))
        service_only = time.perf_counter() - t2
        print(f"setup (demo + import of {args.orders:,} work orders): {setup:.1f} s")
        print(
            f"SLA report: {result.figures['count']:,} work orders counted, "
            f"{result.figures['breaches']:,} breaches, {result.pages} pages, "
            f"{out.stat().st_size / 1e6:.1f} MB PDF, {result.csv_rows:,} CSV rows"
        )
        # on a shared machine the wall time includes waiting for a core: CPU time beside it
        print(f"build_report (PDF + CSV): {elapsed:.2f} s  (target < 10 s); CPU {cpu:.2f} s")
        print(f"  of which services.sla.service.report alone: {service_only:.2f} s")
        print(
            f"RSS: {before:.0f} MiB before the report; peak during it {peak:.0f} MiB "
            f"(+{peak - before:.0f} MiB)"
        )
        services.close()
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
