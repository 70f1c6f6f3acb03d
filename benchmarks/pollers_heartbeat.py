"""What a poller's heartbeat costs on PostgreSQL at N devices: a regular one, and the one that
buries a dead poller and takes its devices over (wall time and this process's CPU time).
Every device has been polled and is up, so the burial turns each of the dead poller's
devices unknown, as it does in a running installation.

    .venv/bin/python benchmarks/pollers_heartbeat.py [--devices 30000] [--pollers 3]

Under load a poller's heartbeat thread gets a slice of the CPU its process gets: the Python
side of these transactions, multiplied by how starved it is, is what a take-over waits for.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pollers_failover import build  # noqa: E402

from tests.integration.postgres import postgres_server  # noqa: E402


def timed(label: str, fn, profile: bool = False):  # type: ignore[no-untyped-def]
    prof = cProfile.Profile() if profile else None
    w, c = time.perf_counter(), time.process_time()
    if prof:
        prof.enable()
    out = fn()
    if prof:
        prof.disable()
    print(
        f"{label}: {time.perf_counter() - w:.3f} s wall, {time.process_time() - c:.3f} s CPU here"
    )
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(18)
    return out


def polled(db, at: datetime) -> None:  # type: ignore[no-untyped-def]
    """Every device polled and up, as in a running installation: a dead poller's burial
    then closes an open span, opens an unknown one and sets the state of each of its
    devices (with devices never polled it would have none of that to do)."""
    from sqlalchemy import text

    with db.write() as s:
        s.execute(
            text(
                "insert into device_states (device_id, health, health_since, last_poll_at, "
                "last_ok_at, consecutive_failures, summary_json) "
                "select id, 'up', :at, :at, :at, 0, '{}' from devices"
            ),
            {"at": at},
        )
        s.execute(
            text(
                "insert into health_spans (device_id, health, starts_at) "
                "select id, 'up', :at from devices"
            ),
            {"at": at},
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devices", type=int, default=30_000)
    ap.add_argument("--pollers", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    from ops_console.db.engine import Database
    from ops_console.domain.clock import FixedClock
    from ops_console.services.pollers import PollersService

    with postgres_server() as url:
        t = time.perf_counter()
        build(url, args.devices, 161, 60)
        print(f"set-up: {args.devices:,} devices in {time.perf_counter() - t:.1f} s")
        clock = FixedClock(datetime(2026, 12, 1, tzinfo=UTC))
        db = Database(url)
        polled(db, clock.now())
        reg = PollersService(db, clock)
        regs = [reg.register(f"p-{i}", "host", i) for i in range(args.pollers)]
        for _ in range(2):
            for r in regs:
                reg.heartbeat(r)
        timed("regular heartbeat", lambda: reg.heartbeat(regs[0]), args.profile)
        clock.advance(seconds=20)
        for r in regs[:-1]:
            reg.heartbeat(r)
        clock.advance(seconds=11)  # the last one is dead
        burial: list[float] = []
        bury_dead = reg._bury_dead

        def timed_burial(alive_after):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return bury_dead(alive_after)
            finally:
                burial.append(time.perf_counter() - t)

        reg._bury_dead = timed_burial  # type: ignore[method-assign]
        got = timed(
            "take-over heartbeat (bury + claim)", lambda: reg.heartbeat(regs[0]), args.profile
        )
        print(f"  of which the burial's transaction {burial[0]:.3f} s wall")
        print(f"  buried {got.buried}, claimed {len(got.claimed):,}")
        got = timed("the other's heartbeat (claim)", lambda: reg.heartbeat(regs[1]))
        print(f"  claimed {len(got.claimed):,}")
        db.dispose()


if __name__ == "__main__":
    main()
