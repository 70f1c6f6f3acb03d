"""Leases on a real PostgreSQL server: a take-over that finds the dead poller's devices locked
(another poller is burying it) says to heartbeat again soon and takes its share once they are
free; pollers of overlapping scopes share what both can poll."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.domain.clock import FixedClock
from ops_console.secrets import MemoryKeyring, SecretStore
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.formats import HEADER
from ops_console.services.pollers import PollerScope, PollersService
from tests.integration.postgres import find_bin, postgres_server

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def pg_url():
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="module")
def built(pg_url, tmp_path_factory: pytest.TempPathFactory):
    services = Services(Database(pg_url), FixedClock(T0), SecretStore(MemoryKeyring()))
    assert migrate.upgrade(services.db)
    services.inventory.sync_categories()
    services.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
    admin = services.accounts.actor("root")
    services.accounts.add_community(admin, "湖滨", zones=["1幢", "2幢"])
    services.accounts.add_community(admin, "江南")
    rows = []
    for i in range(60):  # 湖滨 1幢 20, 2幢 20; 江南 20
        community, zone = ("湖滨", ("1幢", "2幢")[i % 2]) if i < 40 else ("江南", "")
        rows.append(
            f"D-{i:03d},设备{i},smart_bin,{community},{zone},,,,,127.30.0.{i + 1},"
            "v2c,161,demo-v2c,60,,,normal,in_service"
        )
    csv = tmp_path_factory.mktemp("fleet") / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *rows]) + "\n", encoding="utf-8")
    services.inventory.import_csv(admin, csv)
    yield services, {d.asset_tag: d.id for d in services.inventory.list_devices(admin)}
    services.db.dispose()


@pytest.fixture
def fleet(built):
    """The devices, with no poller registered yet and a clock of the test's own."""
    services, ids = built
    with services.db.write() as s:
        s.execute(
            text(
                "truncate pollers, device_leases, poller_runs, health_spans, device_states cascade"
            )
        )
    return services, FixedClock(T0), ids


def test_a_take_over_that_finds_the_devices_locked_hurries(fleet):
    services, clock, _ = fleet
    reg = PollersService(services.db, clock)
    a, b, c = (reg.register(f"p-{n}", f"host-{n}", 1) for n in "abc")
    for _ in range(2):
        for p in (a, b, c):
            reg.heartbeat(p)
    c_held = set(reg.heartbeat(c).held)
    assert len(c_held) == 20
    clock.advance(seconds=15)
    reg.heartbeat(a)
    reg.heartbeat(b)
    clock.advance(seconds=16)  # c is dead; a is burying it in a transaction still open
    burier = Database(services.db.url)
    with burier.engine.connect() as conn, conn.begin():
        conn.execute(text("select id from pollers where name = 'p-c' for update"))
        conn.execute(
            text("select 1 from device_leases where poller_id = :c for update"), {"c": c.poller_id}
        )
        lb = reg.heartbeat(b)
        assert lb.hurry and lb.buried == () and set(lb.held).isdisjoint(c_held)
    burier.dispose()
    lb = reg.heartbeat(b)  # a second later: the devices are free now
    assert not lb.hurry and lb.buried == ("p-c",)
    assert len(lb.held) == 30 and len(set(lb.held) & c_held) == 10
    la = reg.heartbeat(a)
    assert set(la.held) | set(lb.held) >= c_held and reg.uncovered_devices() == 0


def test_overlapping_scopes_share_what_both_can_poll(fleet):
    services, clock, ids = fleet
    hb = {v for k, v in ids.items() if int(k[2:]) < 40}
    reg = PollersService(services.db, clock)
    every = reg.register("all", "host-a", 1)
    reg.heartbeat(every)
    local = reg.register("湖滨-1", "host-b", 2, PollerScope(("湖滨",)))
    zone = reg.register("湖滨-2幢", "host-c", 3, PollerScope(("湖滨",), ("2幢",)))
    for _ in range(2):
        held = {p.name: set(reg.heartbeat(p).held) for p in (local, zone, every)}
    assert len(held["all"] & hb) in (16, 17)  # 1幢: 20 / 2, 2幢: 20 / 3
    assert len(held["湖滨-1"]) in (16, 17)
    assert len(held["湖滨-2幢"]) in (6, 7)
    assert len(held["all"] - hb) == 20
    assert sum(len(h) for h in held.values()) == 60 and reg.uncovered_devices() == 0


def test_poll_once_polls_only_what_no_running_poller_holds(fleet):
    """`poll --once` beside a running poller on PostgreSQL: it never polls a device the
    running poller holds; once that poller has stopped it polls them all."""
    from ops_console import app

    services, clock, ids = fleet
    reg = PollersService(services.db, clock)
    hb = {v for k, v in ids.items() if int(k[2:]) < 40}
    running = reg.register("湖滨-1", "host-a", 1, PollerScope(("湖滨",)))
    assert set(reg.heartbeat(running).held) == hb

    def once() -> tuple[int, int, set[int]]:
        service = app.build_poller(
            services,
            name="seat (once)",
            scope=PollerScope(share=False),
            shared_only=True,
            trap_port=None,
        )
        assert service.leases is not None
        before = datetime.now(UTC)  # the poller stamps its results with the real time
        got = service.poll_once()
        with services.db.read() as s:
            polled = {
                r[0]
                for r in s.execute(
                    text("select device_id from device_states where last_poll_at >= :t"),
                    {"t": before},
                )
            }
        return got.devices, got.left_to_pollers, polled

    devices, left, polled = once()
    assert (devices, left) == (20, 40) and polled == set(ids.values()) - hb  # 江南 only
    assert set(reg.heartbeat(running).held) == hb  # the running poller kept all of 湖滨
    assert {p.name: p.state for p in reg.list_pollers(SYSTEM)}["seat (once)"] == "stopped"
    reg.stop(running)
    clock.advance(seconds=60)
    devices, left, polled = once()
    assert (devices, left) == (60, 0) and polled == set(ids.values())


def test_a_dead_pollers_devices_turn_unknown_from_its_last_heartbeat(fleet):
    """The burial's set-based statements: each of the dead poller's devices that was up gets
    its span closed at the poller's last heartbeat (at its start, if later) and an unknown
    span from there; one already unknown and the others' devices are left as they were."""
    services, clock, _ = fleet
    reg = PollersService(services.db, clock)
    a, c = reg.register("p-a", "host-a", 1), reg.register("p-c", "host-c", 2)
    reg.heartbeat(a)
    c_held = sorted(reg.heartbeat(c).held)
    a_held = sorted(reg.heartbeat(a).held)
    assert len(c_held) == len(a_held) == 30
    late, unknown = c_held[0], c_held[1]  # a span that began after the last heartbeat; unknown
    with services.db.write() as s:
        for dev in a_held + c_held:
            health = "unknown" if dev == unknown else "up"
            starts = T0 + timedelta(seconds=40 if dev == late else -600)
            s.execute(
                text(
                    "insert into device_states (device_id, health, health_since, "
                    "consecutive_failures, summary_json) values (:d, :h, :t, 0, '{}')"
                ),
                {"d": dev, "h": health, "t": starts},
            )
            s.execute(
                text("insert into health_spans (device_id, health, starts_at) values (:d, :h, :t)"),
                {"d": dev, "h": health, "t": starts},
            )
    clock.advance(seconds=20)
    reg.heartbeat(a)
    clock.advance(seconds=11)  # c's last heartbeat was at T0: dead now
    got = reg.heartbeat(a)
    assert got.buried == ("p-c",) and set(got.held) == set(a_held) | set(c_held)
    with services.db.read() as s:
        spans = {
            d: [(h, st, en) for _, h, st, en in rows]
            for d, rows in _by_device(
                s.execute(
                    text(
                        "select device_id, health, starts_at, ends_at from health_spans "
                        "order by device_id, starts_at, ends_at nulls last"
                    )
                )
            ).items()
        }
        states = dict(s.execute(text("select device_id, health from device_states")).all())
        since = dict(s.execute(text("select device_id, health_since from device_states")).all())
    before = T0 - timedelta(seconds=600)
    for dev in c_held:
        if dev == unknown:
            assert spans[dev] == [("unknown", before, None)] and since[dev] == before
        elif dev == late:
            at = T0 + timedelta(seconds=40)
            assert spans[dev] == [("up", at, at), ("unknown", at, None)]
        else:
            assert spans[dev] == [("up", before, T0), ("unknown", T0, None)]
            assert since[dev] == T0
        assert states[dev] == "unknown"
    for dev in a_held:  # the live poller's devices: untouched
        assert spans[dev] == [("up", before, None)] and states[dev] == "up"


def _by_device(rows):
    out: dict[int, list] = {}
    for r in rows:
        out.setdefault(r[0], []).append(tuple(r))
    return out
