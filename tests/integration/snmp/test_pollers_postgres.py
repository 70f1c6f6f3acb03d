"""Three `ops-console poller run` processes sharing devices on a real PostgreSQL server and a
real snmpd answering many loopback addresses: fair shares, no device polled twice in one
interval, `kill -9` taken over after the failover delay with the gap unknown for exactly the
dead poller's devices, a restart rebalancing, and a poller cut off from the database (a TCP
proxy between it and the server) that stops writing and comes back without duplicates.

Sizes chosen for CI on 2 shared cores: 240 devices polled every 10 s, heartbeat 1 s,
failover delay 6 s. Waits are bounded by the failover delay plus generous slack; nothing
asserts a tighter time.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from ops_console.db import migrate
from ops_console.db.engine import Database
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM
from ops_console.services.formats import HEADER
from tests.integration.postgres import find_bin, postgres_server

from .conftest import COMMUNITY, Snmpd, free_udp_port, need_snmpd, start_snmpd, stop_snmpd
from .test_poll_service import _env

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.snmpd,
    pytest.mark.skipif(find_bin() is None, reason="PostgreSQL server binaries not installed"),
]

DEVICES = 240
INTERVAL = 10
HEARTBEAT = 1.0
FAILOVER = 6.0


class Proxy:
    """A TCP proxy to the database that can be cut (every connection dropped, new ones
    refused) and restored."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.open = True
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            if not self.open:
                c.close()
                continue
            try:
                u = socket.create_connection(self.target)
            except OSError:
                c.close()
                continue
            with self.lock:
                self.conns += [c, u]
            for a, b in ((c, u), (u, c)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.open = False
        with self.lock:
            for c in self.conns:
                with contextlib.suppress(OSError):
                    c.shutdown(socket.SHUT_RDWR)
                c.close()
            self.conns = []

    def restore(self) -> None:
        self.open = True

    def close(self) -> None:
        self.cut()
        self.sock.close()


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


def _wait(what: str, check: Callable[[], bool], within: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < within:
        if check():
            return time.monotonic() - start
        time.sleep(0.25)
    raise AssertionError(f"{what}: not within {within} s")


@pytest.fixture(scope="module")
def healthy_snmpd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Snmpd]:
    """An snmpd of this module's own whose smart bins are healthy (the shared one's lid is
    jammed: every device would raise an alarm and a work order, which is not under test)."""
    need_snmpd()
    folder = tmp_path_factory.mktemp("snmpd-healthy")
    conf = folder / "snmpd.conf"
    conf.write_text(
        "\n".join(
            [
                f"rocommunity {COMMUNITY} default",
                "override 1.3.6.1.2.1.1.2.0 object_id 1.3.6.1.4.1.32473.4",
                "override 1.3.6.1.4.1.32473.4.1.0 integer 40",
                "override 1.3.6.1.4.1.32473.4.2.0 integer 80",
                "override 1.3.6.1.4.1.32473.4.3.0 integer 1",
                "override 1.3.6.1.4.1.32473.4.4.0 integer 25",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    port = free_udp_port()
    proc = start_snmpd(folder, conf, port)
    try:
        yield Snmpd(port)
    finally:
        stop_snmpd(proc)


def test_three_pollers_share_take_over_rebalance_and_fence(pg_url, healthy_snmpd, tmp_path):
    snmpd = healthy_snmpd
    db = Database(pg_url)
    assert migrate.upgrade(db)
    setup = Services(db)
    setup.inventory.sync_categories()
    setup.accounts.add_user(SYSTEM, "root", "rootpass1", "admin")
    admin = setup.accounts.actor("root")
    setup.accounts.add_community(admin, "湖滨")
    rows = [
        f"PL-{i:04d},测试设备{i},smart_bin,湖滨,,,,,,127.31.{i // 200}.{i % 200 + 1},v2c,"
        f"{snmpd.port},it-v2c,{INTERVAL},,,normal,in_service"
        for i in range(DEVICES)
    ]
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join([",".join(HEADER), *rows]) + "\n", encoding="utf-8")
    assert setup.inventory.import_csv(admin, csv).created == DEVICES
    env = _env(tmp_path / "home")
    r = subprocess.run(
        [sys.executable, "-m", "ops_console", "--db", pg_url, "credentials", "set", "it-v2c",
         "--snmp-community-stdin"],
        input=snmpd.community + "\n", capture_output=True, text=True, env=env, timeout=60,
        check=False,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    proxy = Proxy(int(pg_url.rsplit(":", 1)[1].split("/")[0]))
    proxied = pg_url.replace(f":{proxy.target[1]}/", f":{proxy.port}/")
    procs: dict[str, subprocess.Popen[str]] = {}
    logs: dict[str, Path] = {}

    def start(name: str, url: str = pg_url) -> None:
        logs[name] = tmp_path / f"{name}.log"
        with logs[name].open("w") as log:  # the child keeps its own descriptor
            procs[name] = subprocess.Popen(
                [sys.executable, "-m", "ops_console", "-v", "--db", url, "poller", "run",
                 "--name", name, "--heartbeat", str(HEARTBEAT), "--failover", str(FAILOVER)],
                env=env, stdout=subprocess.DEVNULL, stderr=log, text=True,
            )  # fmt: skip

    def q(sql: str) -> list:
        with db.engine.connect() as c:
            return list(c.execute(text(sql)))

    def shares() -> dict[str, int]:
        return dict(
            q(
                "select p.name, count(l.device_id) from pollers p left join device_leases l "
                "on l.poller_id = p.id where p.stopped_at is null group by p.name"
            )
        )

    def uncovered_since(t: float) -> int:
        # devices not leased by a live poller, or not polled since t (epoch seconds)
        return q(
            "select count(*) from devices d left join device_leases l on l.device_id = d.id "
            "left join pollers p on p.id = l.poller_id left join device_states s "
            "on s.device_id = d.id where p.id is null or p.stopped_at is not null "
            f"or s.last_poll_at is null or s.last_poll_at < to_timestamp({t})"
        )[0][0]

    try:
        start("p1", proxied)
        start("p2")
        start("p3")
        t0 = time.time()

        def fair() -> bool:
            got = shares()
            return len(got) == 3 and all(abs(n - DEVICES / 3) <= DEVICES / 30 for n in got.values())

        _wait("three fair shares", fair, 60)
        _wait("every device polled", lambda: uncovered_since(t0) == 0, 60)

        # kill -9 one poller: its devices are taken over within the failover delay + a cycle
        victim = q(
            "select l.device_id from device_leases l join pollers p on p.id = l.poller_id "
            "where p.name = 'p3'"
        )
        victim_ids = {r[0] for r in victim}
        procs["p3"].send_signal(signal.SIGKILL)
        procs["p3"].wait(10)
        killed = time.time()
        took = _wait(
            "devices of the killed poller taken over and polled",
            lambda: uncovered_since(killed) == 0,
            FAILOVER + 2 * INTERVAL + 20,
        )
        print(f"failover: all {DEVICES} devices covered and polled again {took:.1f} s after kill")
        assert took >= FAILOVER - 1  # not before the failover delay (the dead had the lease)
        unknown = q(
            "select device_id, starts_at, ends_at from health_spans where health = 'unknown' "
            f"and starts_at >= to_timestamp({t0})"
        )
        assert {r[0] for r in unknown} == victim_ids  # only the dead poller's devices
        for _, s, e in unknown:
            assert e is not None and (e - s).total_seconds() <= FAILOVER + INTERVAL + 15
        listed = subprocess.run(
            [sys.executable, "-m", "ops_console", "--db", pg_url, "pollers", "list",
             "--format", "json", "--failover", str(FAILOVER)],
            capture_output=True, text=True, env=env, timeout=60, check=False,
        )  # fmt: skip
        assert listed.returncode == 0, listed.stderr
        assert '"state": "dead"' in listed.stdout and '"name": "p3"' in listed.stdout

        # start it again: the shares rebalance
        start("p3")
        _wait("rebalanced after the restart", fair, 8 * HEARTBEAT + 30)

        # cut p1 off the database: it stops; its devices are taken over; it comes back
        p1_before = {r[0] for r in q(
            "select l.device_id from device_leases l join pollers p on p.id = l.poller_id "
            "where p.name = 'p1'"
        )}  # fmt: skip
        proxy.cut()
        cut = time.time()
        try:
            _wait(
                "p1's devices taken over",
                lambda: shares().get("p1") is None and uncovered_since(cut) == 0,
                FAILOVER + 2 * INTERVAL + 20,
            )
        except AssertionError:
            activity = q(
                "select pid, state, wait_event_type, wait_event, left(query, 120), "
                "now() - xact_start from pg_stat_activity where datname = 'ops'"
            )
            cycles = q("select name, last_cycle_json from pollers")
            stale = q(
                "select l.poller_id, count(*), min(s.last_poll_at), max(s.last_poll_at) "
                "from device_leases l join device_states s on s.device_id = l.device_id "
                f"where s.last_poll_at < to_timestamp({cut}) group by l.poller_id"
            )
            raise AssertionError(
                (shares(), uncovered_since(cut), activity, cycles, stale, cut)
            ) from None
        assert p1_before
        proxy.restore()
        _wait("p1 registered again with a fair share", fair, FAILOVER + 30)
        err = logs["p1"].read_text(encoding="utf-8")
        assert "stopped polling" in err and "registering again" in err
        assert procs["p1"].poll() is None
    finally:
        for p in procs.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs.values():
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(5)
        proxy.close()
        db.engine.dispose()
    # no device was polled twice in one interval, whatever the take-overs: consecutive
    # samples of a device are at least half an interval apart (the scheduler's own rule; the
    # store keeps whole seconds, so a gap may read up to one second short; the run is too
    # short for upkeep to seal an hour, so every sample is still in the open window)
    gaps = q(
        "select min(gap) from (select ts - lag(ts) over "
        "(partition by device_id order by ts) as gap from samples_open "
        "where metric_id = (select id from metric_names where name = 'uptime')) g"
    )[0][0]
    assert gaps is not None and float(gaps) >= INTERVAL / 2 - 1, gaps
    # the devices were healthy: no alarm, so no work order to hand over
    assert q("select count(*) from alarms")[0][0] == 0
    # and nothing written twice: the unique constraints held, and nothing is left open twice
    assert (
        q(
            "select count(*) from (select device_id from health_spans where ends_at is null "
            "group by device_id having count(*) > 1) x"
        )[0][0]
        == 0
    )
    # a SIGTERM hands everything back: no lease held by a stopped poller
    assert shares() == {}
    db.dispose()
