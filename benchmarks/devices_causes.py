"""What the Devices page's background read adds for the causes: ``unhealthy_causes`` next to
``list_devices`` (the reference, measured in the same run) over 100,000 devices.

Builds the database as ``devices_list.py`` does (outside the timed part), then gives every
device a state summary (metrics and levels) and a third of them a degraded health with one
cause; times each call 4 times, alternating, and prints the medians and their ratio.

    .venv/bin/python benchmarks/devices_causes.py [--devices 100000] [--unhealthy-every 3]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devices_list import BENCH_USER, build

from ops_console.db.engine import Database
from ops_console.services.container import Services

HEALTHY = {"metrics": {"uptime": 1000.0, "cpu": 20.0, "temp": 40.0}, "levels": {}}
DEGRADED = {
    "metrics": {"uptime": 1000.0, "cpu": 91.0, "temp": 40.0},
    "causes": [{"metric": "cpu", "level": "warning", "value": 91.0, "threshold": 85.0}],
    "levels": {"cpu": "warning"},
}


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--devices", type=int, default=100_000)
    ap.add_argument("--unhealthy-every", type=int, default=3, help="one device in N degraded")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OPS_CONSOLE_HOME"] = tmp
        path = Path(tmp) / "bench.db"
        build(path, args.devices)
        con = sqlite3.connect(path)
        con.execute("UPDATE device_states SET summary_json = ?", (json.dumps(HEALTHY),))
        con.execute(
            "UPDATE device_states SET health = 'degraded', summary_json = ? "
            "WHERE device_id % ? = 0",
            (json.dumps(DEGRADED), args.unhealthy_every),
        )
        con.commit()
        con.close()
        db = Database(f"sqlite:///{path}")
        services = Services(db)
        actor = services.accounts.actor(BENCH_USER)
        listed, causes = [], []
        rows: list[object] = []
        found: dict[int, object] = {}
        for _ in range(4):
            t = time.perf_counter()
            rows = list(services.inventory.list_devices(actor))
            listed.append(time.perf_counter() - t)
            t = time.perf_counter()
            found = dict(services.monitoring.unhealthy_causes(actor))
            causes.append(time.perf_counter() - t)
        db.dispose()
    lm, cm = statistics.median(listed), statistics.median(causes)
    print(f"list_devices ({len(rows):,} rows, the reference): median {lm * 1000:.0f} ms")
    print(
        f"unhealthy_causes ({len(found):,} degraded devices): median {cm * 1000:.0f} ms, "
        f"{cm / lm:.2f}x the list"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
