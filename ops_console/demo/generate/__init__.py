"""Generate the demo data shipped in resources/demo/ (deterministic: same seed, same bytes).

The demo is data, loaded by the product's own import services (``ops-console init --demo``):
communities, organizations, users, devices, contracts with their calendars and SLA policies,
courses, training records, six months of work-order history and maintenance windows.

Run from anywhere:  python3 scripts/make_demo.py [--out DIR]  (or python -m ops_console.demo.generate).
The standard library and ``ops_console.domain`` only: the domain's business calendar counts the
timelines' business time. "Today" in the demo is 2026-11-29 (its communities' time zone); the work-order
history covers 2026-06-01 .. 2026-11-28 and every event lies before 2026-11-29 00:00.

The work-order timelines are built from *business time*: each order gets a resolution time
(counted exactly as DOMAIN.md's SLA rules count it: holds and resolve→reopen gaps excluded,
business calendar for P3/P4 and cleaning, 24x7 for P1/P2), about 10 % of them past the target.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from .devices import DEVICE_HEADER, build_devices
from .windows import build_windows
from .workorders import Event, Generator
from .world import SEED, TZ
from .writers import (
    communities_toml,
    contract_toml,
    courses_csv,
    credentials_toml,
    csv_text,
    organizations_toml,
    plans_toml,
    readme,
    training_csv,
    users_csv,
    windows_csv,
    workorders_csv,
)

DEFAULT_OUT = Path(__file__).resolve().parents[3] / "resources" / "demo"
OVERRIDE_CLOSE = "WO-2026-000527"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    rng = random.Random(SEED)

    devices = build_devices(random.Random(SEED + 1))
    windows = build_windows()
    gen = Generator(random.Random(SEED + 2), devices, windows)
    # devices under maintenance: each gets an open work order (in progress or on hold)
    maint_tags = [
        "HB-GATE-012",
        "ZJ-CAM-014",
        "KJ-BAND-002",
        "HB-NET-005",
        "ZJ-PARK-002",
        "KJ-CAM-021",
    ]
    maint = []
    for tag in maint_tags:
        d = next(x for x in devices if x.asset_tag == tag)
        maint.append(d)
    orders = gen.history()
    # the open orders are drawn among in-service devices; mark the chosen ones afterwards
    open_orders = gen.open_orders(maint)
    placed = {d.asset_tag for d in gen.placed_maintenance}
    devices = [
        replace(d, status="under_maintenance") if d.asset_tag in placed else d for d in devices
    ]
    orders.extend(open_orders)
    orders.sort(key=lambda o: (o.events[0].at, o.community, o.title))
    for i, wo in enumerate(orders, 1):
        wo.number = f"WO-2026-{i:06d}"
    for wo in orders:
        if wo.duplicate_of is not None:
            wo.events[-1].note = f"重复报修，与 {wo.duplicate_of.number} 为同一故障"
    # One order closed by a manager without the liaison: an override with a written reason,
    # listed on HB-2026's November statement. Every other resolved order still waits in its
    # liaison's "awaiting verification" queue.
    override = next(o for o in orders if o.number == OVERRIDE_CLOSE)
    assert override.events[-1].event == "resolved", override.number
    override.events.append(
        Event(
            "closed",
            datetime(2026, 11, 28, 10, 12, tzinfo=TZ),
            "li.hong",
            note="override: 联络员陈静休假，居民电话确认异味已消除，街道办同意先行关闭",
        )
    )

    out: Path = args.out
    (out / "contracts").mkdir(parents=True, exist_ok=True)
    files = {
        "communities.toml": communities_toml(),
        "organizations.toml": organizations_toml(),
        "users.csv": users_csv(),
        "devices.csv": csv_text(DEVICE_HEADER, [d.as_row() for d in devices]),
        "contracts/HB-2026.toml": contract_toml(
            "HB-2026", "湖滨社区智能设备运维服务合同", ["湖滨"], 80000, "湖滨工作日"
        ),
        "contracts/ZJ-2026.toml": contract_toml(
            "ZJ-2026",
            "张江及科技园社区智能设备运维服务合同",
            ["张江", "科技园"],
            150000,
            "张江科技园工作日",
        ),
        "courses.csv": courses_csv(),
        "training.csv": training_csv(rng),
        "workorders.csv": workorders_csv(orders),
        "maintenance_windows.csv": windows_csv(windows),
        "credentials.toml": credentials_toml(),
        "plans.toml": plans_toml(),
        "README.md": readme(devices, orders),
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(files)} files to {out}: {len(devices)} devices, {len(orders)} work orders")
