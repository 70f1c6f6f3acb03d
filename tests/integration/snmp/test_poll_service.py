"""The poller service end to end against the real snmpd: `poll --once` stores samples, a dead
device fails alone, and `ops-console poll` stops cleanly on SIGTERM (run closed, traps stored)."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ops_console.cli import main
from ops_console.services.formats import HEADER
from ops_console.services.monitoring.ingest.process import YOUNG_COLLECTION
from ops_console.services.pollers import PollerService

from .conftest import free_udp_port

pytestmark = pytest.mark.snmpd

N_LIVING = 30


def _devices_csv(path: Path, port: int, dead_port: int, extra: list[str] = ()) -> Path:
    rows = [
        f"IT-BIN-{i:03d},测试垃圾桶{i},smart_bin,湖滨,,,,,,127.20.0.{i + 1},v2c,{port},it-v2c,60,,,normal,in_service"
        for i in range(N_LIVING)
    ]
    rows.append(
        f"IT-DEAD-001,失联设备,smart_bin,湖滨,,,,,,127.20.1.1,v2c,{dead_port},it-v2c,60,,,normal,in_service"
    )
    rows.append(
        f"IT-V3-001,v3 手环网关,wristband_gateway,湖滨,,,,,,127.20.2.1,v3,{port},it-v3,60,,,high,in_service"
    )
    rows += list(extra)
    path.write_text("\n".join([",".join(HEADER), *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def fleet_db(services, admin, snmpd, tmp_path, db_path, monkeypatch):
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")  # the poller needs an admin's sign-in
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    services.accounts.add_community(admin, "湖滨")
    services.secrets.set_snmp_credential("it-v2c", {"community": snmpd.community})
    services.secrets.set_snmp_credential(
        "it-v3",
        {"user": snmpd.v3_user, "auth_proto": "SHA", "auth_key": snmpd.v3_auth,
         "priv_proto": "AES", "priv_key": snmpd.v3_priv},
    )  # fmt: skip
    services.inventory.import_csv(
        admin, _devices_csv(tmp_path / "d.csv", snmpd.port, free_udp_port())
    )
    return db_path


def test_poll_once_stores_samples_and_a_dead_device_fails_alone(services, admin, fleet_db, capsys):
    assert gc.get_threshold()[0] != YOUNG_COLLECTION
    rc = main(["--db", f"sqlite:///{fleet_db}", "poll", "--once", "--format", "json"])
    out = capsys.readouterr().out
    assert rc == 0, out
    got = json.loads(out)
    assert set(got) == {"devices", "ok", "failed", "samples", "seconds", "left_to_pollers"}
    assert (got["devices"], got["ok"], got["failed"]) == (N_LIVING + 2, N_LIVING + 1, 1)
    assert got["left_to_pollers"] == 0  # SQLite: one poller, every device
    # smart bin: uptime, fill, battery, lid (its temperature is text: a problem, not stored);
    # v3 gateway: scalars plus 3 bands x 4 columns
    assert got["samples"] >= N_LIVING * 4 + 12
    # the dead device costs one timeout and its retry, not one per device
    assert got["seconds"] < 6
    health = {h.asset_tag: h for h in services.monitoring.device_health(admin)}
    # the stored error is a code with its figures: a timeout, how many tries of how long
    dead = health["IT-DEAD-001"].last_error
    assert dead is not None and dead.code == "poll.timeout"
    assert set(dead.params) == {"tries", "timeout_s"}
    assert health["IT-DEAD-001"].health == "down"
    assert health["IT-BIN-000"].summary["metrics"]["fill_level"] == 87
    assert health["IT-BIN-000"].summary["status"]["lid"] == "jammed"
    assert health["IT-BIN-000"].health == "down"  # a jammed lid is a down metric
    assert health["IT-V3-001"].health in ("up", "degraded")
    assert health["IT-V3-001"].summary["rows"] == {"bands": 3}
    with sqlite3.connect(fleet_db) as c:
        stored = c.execute("select count(*) from samples_open").fetchone()[0]
        runs = c.execute("select stopped_at is not null from poller_runs").fetchall()
    assert stored == got["samples"] and runs == [(1,)]
    # --once keeps the snapshot: the devices are not marked unknown after it
    assert health["IT-BIN-001"].health != "unknown"
    # the CLI's process only polls: once started, its collector was tuned for it
    assert gc.get_threshold()[0] == YOUNG_COLLECTION and gc.get_freeze_count() > 0


def test_a_poller_in_a_process_shared_with_others_leaves_the_collector_alone(services, fleet_db):
    """The console's window runs its poller in a thread: its collector is not the poller's."""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    got = PollerService(services.monitoring, trap_port=None).poll_once()
    assert got.ok == N_LIVING + 1
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)


def test_poll_once_one_community_and_bad_input(fleet_db, capsys):
    url = f"sqlite:///{fleet_db}"
    assert main(["--db", url, "poll", "--once", "--community", "无此小区"]) == 2
    assert "no community named" in capsys.readouterr().err
    assert main(["--db", url, "poll", "--once", "--in-flight", "0"]) == 2


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        OPS_CONSOLE_HOME=str(home),
        OPS_CONSOLE_KEYRING_PASSPHRASE="integration-test-passphrase",
        OPS_CONSOLE_USER="root",
        OPS_CONSOLE_PASSWORD="rootpass1",
        PYTHONUNBUFFERED="1",
    )
    return env


def _cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ops_console", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.skipif(shutil.which("snmptrap") is None, reason="net-snmp snmptrap not installed")
def test_sigterm_stops_the_poller_cleanly(services, admin, snmpd, snmp_tool_env, tmp_path, db_path):
    services.accounts.add_community(admin, "湖滨")
    wristband = (
        f"IT-WB-LO,本机手环网关,wristband_gateway,湖滨,,,,,,127.0.0.1,v2c,{snmpd.port},it-v2c,"
        "10,,,high,in_service"
    )
    services.inventory.import_csv(
        admin, _devices_csv(tmp_path / "d.csv", snmpd.port, free_udp_port(), [wristband])
    )
    url = f"sqlite:///{db_path}"
    env = _env(tmp_path / "home")
    # the secrets go through the CLI into an encrypted file store of the subprocesses
    r = _cli(env, "--db", url, "credentials", "set", "it-v2c", "--snmp-community-stdin",
             stdin=snmpd.community + "\n")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert snmpd.community not in r.stdout + r.stderr  # never echoed
    r = _cli(env, "--db", url, "credentials", "set", "it-v3", "--v3-user", snmpd.v3_user,
             "--auth-proto", "SHA", "--priv-proto", "AES",
             stdin=f"{snmpd.v3_auth}\n{snmpd.v3_priv}\n")  # fmt: skip
    assert r.returncode == 0, r.stderr
    trap_port = free_udp_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ops_console", "--db", url, "poll", "--trap-host", "127.0.0.1",
         "--trap-port", str(trap_port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        stored = 0
        while time.monotonic() < deadline and stored == 0:
            time.sleep(0.3)
            with sqlite3.connect(db_path, timeout=5) as c:
                stored = c.execute("select count(*) from samples_open").fetchone()[0]
        assert stored > 0, "the poller stored nothing within 30 s"
        trap = subprocess.run(
            ["snmptrap", "-v2c", "-c", snmpd.community, "--clientaddr=127.0.0.1",
             f"udp:127.0.0.1:{trap_port}", "", "1.3.6.1.4.1.32473.6.0.1",
             "1.3.6.1.4.1.32473.6.2.1.1.2", "s", "WB-002"],
            env=snmp_tool_env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert trap.returncode == 0, trap.stderr
        v3 = ["-v3", "-u", snmpd.v3_user, "-l", "authPriv", "-a", "SHA", "-A", snmpd.v3_auth,
              "-x", "AES", "-X", snmpd.v3_priv]  # fmt: skip
        band = ["1.3.6.1.4.1.32473.6.0.1", "1.3.6.1.4.1.32473.6.2.1.1.2", "s"]
        for cmd in (
            # a v3 trap (the user of the IT-V3-001 credential) and a v3 inform: decoded
            ["snmptrap", "-e", "0x8000000001020304", *v3, "--clientaddr=127.0.0.1",
             f"udp:127.0.0.1:{trap_port}", "", *band, "WB-003"],
            ["snmpinform", *v3, "-t", "2", "-r", "0", "--clientaddr=127.0.0.1",
             f"udp:127.0.0.1:{trap_port}", "", *band, "WB-001"],
            # the right OID with a community the device is not polled with: rejected
            ["snmptrap", "-v2c", "-c", "not-" + snmpd.community, "--clientaddr=127.0.0.1",
             f"udp:127.0.0.1:{trap_port}", "", *band, "WB-009"],
        ):  # fmt: skip
            sent = subprocess.run(
                cmd, env=snmp_tool_env, capture_output=True, text=True, check=False
            )
            assert sent.returncode == 0, (cmd[0], sent.stderr)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped cleanly" in err
    with sqlite3.connect(db_path) as c:
        runs = c.execute("select started_at, stopped_at from poller_runs").fetchall()
        unknown = c.execute(
            "select count(*) from health_spans where health = 'unknown' and ends_at is null"
        ).fetchone()[0]
        polled = c.execute("select count(*) from device_states where last_poll_at is not null")
        polled = polled.fetchone()[0]
        care = c.execute("select kind, band_id from care_alerts").fetchall()
        alarms = c.execute("select count(*) from alarms").fetchone()[0]
    assert len(runs) == 1 and runs[0][1] is not None
    # after the stop every polled device is unknown: nothing watches it any more
    assert unknown == polled > 0
    assert sorted(care) == [("sos", "WB-001"), ("sos", "WB-002"), ("sos", "WB-003")]
    assert alarms == 0
    assert "wrong community from 127.0.0.1" in err
    # the clean stop sums up what was not mapped, whatever the reason
    assert "traps not mapped (of " in err and "1 bad community" in err


def test_poll_once_through_a_pipelined_store_process(services, admin, fleet_db):
    """Batches of 4 (9 of them, up to 3 in flight in the store process): every result is
    stored and counted, and the store process has ended when ``poll_once`` returns."""
    service = PollerService(services.monitoring, trap_port=None, store_process=True, batch_max=4)
    got = service.poll_once()
    assert (got.devices, got.ok, got.failed) == (N_LIVING + 2, N_LIVING + 1, 1)
    assert got.samples >= N_LIVING * 4 + 12
    assert multiprocessing.active_children() == []
    health = {h.asset_tag: h for h in services.monitoring.device_health(admin)}
    assert len(health) == N_LIVING + 2
    assert all(h.last_poll_at is not None for h in health.values())
    assert health["IT-DEAD-001"].health == "down"
