"""The demo loader's steps for contracts, courses, training records, work-order history and
maintenance windows (listed in ``STEPS``, run by demo.loader after devices)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..domain.errors import ValidationError
from ..services.context import Actor
from ..services.workorders import parse_time
from .data import DemoReport
from .data import demo_dir as _demo_dir

if TYPE_CHECKING:
    from ..services.container import Services


def _contracts(services: Services, actor: Actor, report: DemoReport) -> None:
    files = sorted((_demo_dir() / "contracts").glob("*.toml"))
    versions = [services.contracts.import_file(actor, f) for f in files]
    report.add("contracts", f"{len(versions)} contracts ({', '.join(v.code for v in versions)})")


def _courses(services: Services, actor: Actor, report: DemoReport) -> None:
    r = services.training.import_courses(actor, _demo_dir() / "courses.csv")
    report.add("courses", f"{r.created} courses")


def _training(services: Services, actor: Actor, report: DemoReport) -> None:
    r = services.training.import_records(actor, _demo_dir() / "training.csv")
    report.add("training", f"{r.created} training records")


def _windows(services: Services, actor: Actor, report: DemoReport) -> None:
    path = _demo_dir() / "maintenance_windows.csv"
    if not path.exists():
        return
    communities = {c.name for c in services.accounts.list_communities(actor)}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for line, r in enumerate(rows, start=2):
        target = (r.get("target") or "").strip()
        try:
            start = parse_time(r.get("from") or "", f"line {line}: from")
            end = parse_time(r.get("to") or "", f"line {line}: to")
        except ValidationError as exc:
            raise ValidationError(f"maintenance_windows.csv: {exc}") from None
        where = {"community": target} if target in communities else {"device_tag": target}
        services.monitoring.add_maintenance_window(
            actor, start=start, end=end, reason=r.get("reason") or "", allow_past=True, **where
        )
    report.add("maintenance windows", f"{len(rows)} windows")


def _workorders(services: Services, actor: Actor, report: DemoReport) -> None:
    r = services.workorders.import_csv(actor, _demo_dir() / "workorders.csv")
    report.add("work orders", f"{r.created} work orders, {r.events} events")


def _plans(services: Services, actor: Actor, report: DemoReport) -> None:
    """The preventive plans, each with the imported orders it raised before as its history."""
    import tomllib
    from datetime import date

    from ..services.training import local_today

    with open(_demo_dir() / "plans.toml", "rb") as fh:
        plans = tomllib.load(fh)["plan"]
    linked = 0
    for p in plans:
        info = services.workorders.create_plan(
            actor,
            p["name"],
            starts_on=date.fromisoformat(p["starts_on"]),
            every_days=p.get("every_days"),
            day_of_month=p.get("monthly_day"),
            category=p.get("category"),
            device=p.get("device"),
            kind=p.get("kind", "inspection"),
            priority=p.get("priority", "P4"),
            checklist=p.get("checklist", ""),
        )
        # the history reaches the demo's now: only what falls due later is raised, not a
        # round for every device the six months of history did not name
        linked += services.workorders.adopt_history(
            actor, info.id, p.get("history", ""), through=local_today(services.clock.now())
        )
    report.add("preventive plans", f"{len(plans)} plans, {linked} earlier orders as their history")


STEPS: list[tuple[str, Callable[[Services, Actor, DemoReport], None]]] = [
    ("contracts", _contracts),
    ("courses", _courses),
    ("training", _training),
    ("maintenance windows", _windows),
    ("work orders", _workorders),
    ("preventive plans", _plans),
]
