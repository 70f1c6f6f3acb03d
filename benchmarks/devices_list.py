"""How long `ops-console devices list --format json` takes over 100,000 devices.

Builds a migrated SQLite database with N devices (bulk insert, outside the timed
part), then times the real command as a user runs it (a new process each time,
median of 3) next to a reference measured in the same run: plain sqlite3 + json
reading the same columns with no ORM, no services and no CLI.

    .venv/bin/python benchmarks/devices_list.py [--devices 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.db.models import Community, Device, DeviceState, Zone
from ops_console.domain.device_record import CATEGORY_CODES
from ops_console.services.container import Services

BENCH_USER, BENCH_PASSWORD = "bench", "benchpass1"


def build(path: Path, n: int) -> None:
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    Services(db).inventory.sync_categories()
    Services(db).accounts.add_first_admin(BENCH_USER, BENCH_PASSWORD)  # the command signs in
    now = datetime.now(UTC)
    with db.write() as s:
        for i, name in enumerate(["湖滨", "张江", "科技园"], start=1):
            s.add(Community(id=i, name=name, timezone="Asia/Shanghai"))
            s.add(Zone(id=i, community_id=i, name="1幢"))
        s.flush()
        rows = []
        for i in range(n):
            cat = CATEGORY_CODES[i % len(CATEGORY_CODES)]
            tag = f"BM-{cat[:4].upper()}-{i:06d}"
            name = f"湖滨-{i % 40}幢-设备-{i:06d}"
            rows.append(
                {
                    "id": i + 1,
                    "asset_tag": tag,
                    "name": name,
                    "category_code": cat,
                    "community_id": i % 3 + 1,
                    "zone_id": i % 3 + 1,
                    "location": f"{i % 40}幢",
                    "vendor": "海康威视",
                    "model": "DS-K5671",
                    "serial": f"SN{i:08d}",
                    "address": f"127.{10 + i // 65536}.{i // 256 % 256}.{i % 256}",
                    "snmp_version": "v2c",
                    "snmp_port": 161,
                    "credential": "demo-v2c",
                    "poll_interval_s": 300,
                    "status": "in_service",
                    "criticality": "normal",
                    "created_at": now,
                    "updated_at": now,
                    "search_text": f"{tag.lower()} {name}",
                }
            )
        for i in range(0, n, 10_000):
            s.execute(insert(Device), rows[i : i + 10_000])
            s.execute(
                insert(DeviceState),
                [{"device_id": r["id"], "health": "up"} for r in rows[i : i + 10_000]],
            )
    db.dispose()


def reference(path: Path) -> float:
    t = time.perf_counter()
    con = sqlite3.connect(path)
    cur = con.execute(
        "SELECT d.id, d.asset_tag, d.name, d.category_code, c.name, z.name, d.location, d.vendor, "
        "d.model, d.serial, d.address, d.snmp_version, d.snmp_port, d.credential, d.poll_interval_s, "
        "d.install_date, d.warranty_end, d.criticality, d.status, d.community_id, s.health, "
        "s.last_poll_at, s.last_error FROM devices d JOIN communities c ON c.id = d.community_id "
        "LEFT JOIN zones z ON z.id = d.zone_id LEFT JOIN device_states s ON s.device_id = d.id "
        "ORDER BY d.asset_tag"
    )
    names = [c[0] for c in cur.description]
    out = json.dumps([dict(zip(names, r, strict=True)) for r in cur], ensure_ascii=False)
    con.close()
    assert out
    return time.perf_counter() - t


def command(path: Path) -> tuple[float, int]:
    t = time.perf_counter()
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "ops_console",
            "devices",
            "list",
            "--format",
            "json",
            "--db",
            f"sqlite:///{path}",
        ],
        capture_output=True,
        check=True,
        env=dict(os.environ, OPS_CONSOLE_USER=BENCH_USER, OPS_CONSOLE_PASSWORD=BENCH_PASSWORD),
    )
    return time.perf_counter() - t, len(json.loads(p.stdout))


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--devices", type=int, default=100_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OPS_CONSOLE_HOME"] = tmp
        path = Path(tmp) / "bench.db"
        t = time.perf_counter()
        build(path, args.devices)
        print(f"setup: {args.devices} devices inserted in {time.perf_counter() - t:.1f} s")
        cmd = [command(path) for _ in range(3)]
        count = cmd[0][1]
        assert count == args.devices, count
        cmd_s = statistics.median(c[0] for c in cmd)
        ref_s = statistics.median(reference(path) for _ in range(3))
        print(
            f"ops-console devices list --format json: {cmd_s:.2f} s for {count} devices "
            f"(median of 3, whole process; target < 2 s)"
        )
        print(f"reference (bare sqlite3 + json, same rows, in-process): {ref_s:.2f} s")
        print(f"ratio command / reference: {cmd_s / ref_s:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
