"""A real net-snmp ``snmpd`` of the tests' own, answering the demo profiles' OIDs.

Bound to ``udp:PORT`` (all addresses), one snmpd answers on every 127.x.y.z address, each
reply coming from the address that was asked, so many devices can be simulated.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

COMMUNITY = "ops-test"
V3_USER = "opsv3"
V3_AUTH = "auth-pass-123"
V3_PRIV = "priv-pass-456"
# more v3 users (same pass phrases): (name, auth, priv or None), net-snmp's protocol names
V3_USERS = [
    ("opsv3auth", "SHA", None),
    ("opsv3md5", "MD5", "AES"),
    ("opsv3sha256", "SHA-256", "AES256"),
    ("opsv3sha512", "SHA-512", "AES192"),
    ("opsv3des", "SHA", "DES"),
]

OVERRIDES = [
    ("1.3.6.1.2.1.1.2.0", "object_id", "1.3.6.1.4.1.32473.4"),  # sysObjectID: a smart bin
    # smart_bin
    ("1.3.6.1.4.1.32473.4.1.0", "integer", "87"),
    ("1.3.6.1.4.1.32473.4.2.0", "integer", "55"),
    ("1.3.6.1.4.1.32473.4.3.0", "integer", "3"),
    ("1.3.6.1.4.1.32473.4.4.0", "octet_str", "hot"),  # text where a gauge is expected
    # access gate: manual passage failed; temperature absurd (999.9 °C)
    ("1.3.6.1.4.1.32473.1.1.0", "integer", "1"),
    ("1.3.6.1.4.1.32473.1.2.0", "integer", "2"),
    ("1.3.6.1.4.1.32473.1.3.0", "integer", "1"),
    ("1.3.6.1.4.1.32473.1.4.0", "counter", "1000"),
    ("1.3.6.1.4.1.32473.1.5.0", "integer", "9999"),
    # wristband gateway and its band table (3 bands)
    ("1.3.6.1.4.1.32473.6.1.1.0", "integer", "1"),
    ("1.3.6.1.4.1.32473.6.1.2.0", "unsigned", "2"),
    ("1.3.6.1.4.1.32473.6.1.3.0", "unsigned", "3"),
]
for idx, (band, battery, seen, sos) in enumerate(
    [("WB-001", 80, 30, 1), ("WB-002", 4, 7200, 1), ("WB-003", 50, 10, 2)], 1
):
    OVERRIDES += [
        (f"1.3.6.1.4.1.32473.6.2.1.1.{idx}", "octet_str", band),
        (f"1.3.6.1.4.1.32473.6.2.1.2.{idx}", "integer", str(battery)),
        (f"1.3.6.1.4.1.32473.6.2.1.3.{idx}", "integer", str(seen)),
        (f"1.3.6.1.4.1.32473.6.2.1.4.{idx}", "integer", str(sos)),
    ]


@dataclass(frozen=True)
class Snmpd:
    port: int
    community: str = COMMUNITY
    v3_user: str = V3_USER
    v3_auth: str = V3_AUTH
    v3_priv: str = V3_PRIV

    @staticmethod
    def unused_port() -> int:
        """A UDP port nobody listens on (for timeouts)."""
        return free_udp_port()


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(folder: Path) -> Path:
    lines = [
        f"rocommunity {COMMUNITY} default",
        f"rocommunity6 {COMMUNITY} default",
        f"createUser {V3_USER} SHA {V3_AUTH} AES {V3_PRIV}",
        f"rouser {V3_USER} authpriv",
        "sysDescr Ops Console test agent (smart bin)",
        "dontLogTCPWrappersConnects yes",
    ]
    for user, auth, priv in V3_USERS:
        lines.append(f"createUser {user} {auth} {V3_AUTH}" + (f" {priv} {V3_PRIV}" if priv else ""))
        lines.append(f"rouser {user} {'authpriv' if priv else 'auth'}")
    lines += [f"override {oid} {kind} {value}" for oid, kind, value in OVERRIDES]
    conf = folder / "snmpd.conf"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return conf


def snmp_env(folder: Path) -> dict[str, str]:
    # no MIB loading (quiet and fast); persistent state in the test's own folder
    return {**os.environ, "MIBS": "", "MIBDIRS": "/nonexistent", "SNMP_PERSISTENT_DIR": str(folder)}


def wait_until_answering(port: int, env: dict[str, str], deadline_s: float = 10.0) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        r = subprocess.run(
            [
                "snmpget",
                "-v2c",
                "-c",
                COMMUNITY,
                "-t",
                "0.3",
                "-r",
                "0",
                f"127.0.0.1:{port}",
                "1.3.6.1.2.1.1.3.0",
            ],
            capture_output=True,
            env=env,
            check=False,
        )
        if r.returncode == 0:
            return
        time.sleep(0.1)
    raise RuntimeError("snmpd did not answer within 10 s")


def start_snmpd(folder: Path, conf: Path | str, port: int) -> subprocess.Popen[bytes]:
    """Start snmpd on ``udp:port`` with ``folder`` as its persistent directory, answering.

    ``conf``: a file, or several separated by commas (``-C`` makes snmpd read only those).
    """
    env = snmp_env(folder)
    log = (folder / "snmpd.log").open("ab")
    proc = subprocess.Popen(
        [
            "snmpd",
            "-f",
            "-Lo",
            "-C",
            "-c",
            str(conf),
            "-p",
            str(folder / "snmpd.pid"),
            f"udp:{port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    log.close()
    try:
        wait_until_answering(port, env)
    except BaseException:
        stop_snmpd(proc)
        raise
    return proc


def stop_snmpd(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def need_snmpd() -> None:
    if shutil.which("snmpd") is None or shutil.which("snmpget") is None:
        pytest.skip("net-snmp snmpd/snmpget not installed (Debian packages snmpd and snmp)")


@pytest.fixture(scope="session")
def snmpd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Snmpd]:
    need_snmpd()
    folder = tmp_path_factory.mktemp("snmpd")
    conf = write_config(folder)
    port = free_udp_port()
    proc = start_snmpd(folder, conf, port)
    try:
        yield Snmpd(port)
    finally:
        stop_snmpd(proc)


@pytest.fixture(scope="session")
def snmp_tool_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return snmp_env(tmp_path_factory.mktemp("snmptools"))
