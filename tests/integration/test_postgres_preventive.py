"""Preventive plans on a real PostgreSQL: two consoles generating the same due date at once,
one waiting on the other's uncommitted claim, generate its work orders once and fail nothing."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.secrets import SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.workorders.preventive import run_plans
from tests.integration.postgres import find_bin, postgres_server
from tests.unit.services.workorders_world import build

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]


def test_a_second_console_waits_on_the_claim_and_generates_nothing(tmp_path: Path, keyring_backend):
    with postgres_server() as url:
        db = Database(url)
        migrate.upgrade(db)
        clock = FixedClock(datetime(2026, 11, 3, 1, 0, tzinfo=UTC))
        services = Services(db, clock, SecretStore(keyring_backend))
        services.inventory.sync_categories()
        a = build(services, tmp_path)
        services.workorders.create_plan(
            a["mgr"], "巡检", starts_on=date(2026, 11, 1), every_days=7, category="access_gate"
        )
        other = Database(url)
        got: list[object] = []

        def second() -> None:
            try:
                with other.write() as s:
                    got.append(run_plans(s, SYSTEM, clock.now(), date(2026, 11, 3)))
            except Exception as exc:  # what the code before the claim did: the whole run failed
                got.append(exc)

        with db.write() as s:
            first = run_plans(s, SYSTEM, clock.now(), date(2026, 11, 3))
            thread = threading.Thread(target=second)
            thread.start()
            time.sleep(1.0)  # the second console now waits on our uncommitted claim
            assert thread.is_alive()
        thread.join(30)
        assert len(first) == 2 and got == [[]]
        orders = [o for o in services.workorders.list(a["mgr"]) if o.source == "preventive"]
        assert sorted(o.number for o in orders) == sorted(first)
        other.dispose()
        db.dispose()
