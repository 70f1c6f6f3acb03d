"""SNMPv3 traps and informs from net-snmp's snmptrap/snmpinform, decoded by our receiver."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from pathlib import Path

import pytest

from ops_console.polling.credentials import SnmpCredential
from ops_console.polling.profiles import load_profiles
from ops_console.polling.traps import TrapAuth, TrapEvent, TrapReceiver, TrapSender

from .conftest import snmp_env

pytestmark = [
    pytest.mark.snmpd,
    pytest.mark.skipif(
        shutil.which("snmptrap") is None or shutil.which("snmpinform") is None,
        reason="net-snmp snmptrap/snmpinform not installed (Debian package snmp)",
    ),
]

DEVICES = {"127.0.0.1": TrapSender(1, "smart_bin"), "127.0.0.2": TrapSender(2, "wristband_gateway")}
AUTH, PRIV = "trap-auth-123", "trap-priv-456"
USERS = (
    SnmpCredential(
        user="trapper", auth_proto="SHA", auth_key=AUTH, priv_proto="AES", priv_key=PRIV
    ),
    SnmpCredential(user="signer", auth_proto="SHA256", auth_key=AUTH),
    SnmpCredential(
        user="legacy", auth_proto="MD5", auth_key=AUTH, priv_proto="AES256", priv_key=PRIV
    ),
    SnmpCredential(
        user="oldtimer", auth_proto="SHA", auth_key=AUTH, priv_proto="DES", priv_key=PRIV
    ),
)
BIN_OVERFLOW = "1.3.6.1.4.1.32473.4.0.1"
WRISTBAND_SOS = ["1.3.6.1.4.1.32473.6.0.1", "1.3.6.1.4.1.32473.6.2.1.1.2", "s", "WB-002"]


def v3(user: str, level: str, auth: str = "SHA", auth_key: str = AUTH, priv: str = "AES",
       priv_key: str = PRIV) -> list[str]:  # fmt: skip
    args = ["-v3", "-u", user, "-l", level]
    if level != "noAuthNoPriv":
        args += ["-a", auth, "-A", auth_key]
    if level == "authPriv":
        args += ["-x", priv, "-X", priv_key]
    return args


def trap(engine: str, *security: str, oid: str = BIN_OVERFLOW) -> list[str]:
    return ["snmptrap", "-e", engine, *security, "udp:127.0.0.1:PORT", "", oid]


def inform(*security: str, client: str = "127.0.0.2") -> list[str]:
    return ["snmpinform", *security, "-t", "1", "-r", "0", f"--clientaddr={client}",
            "udp:127.0.0.1:PORT", "", *WRISTBAND_SOS]  # fmt: skip


def run(
    tmp_path: Path, script: list[tuple[list[str], bool]]
) -> tuple[list[TrapEvent], TrapReceiver, list[str]]:
    """Send each command (expecting it to succeed or fail); return events, receiver, stderr."""
    env = snmp_env(tmp_path)  # the tools' own persistent state (their engine boots)
    errors: list[str] = []

    async def go() -> list[TrapEvent]:
        rx = TrapReceiver(load_profiles(), DEVICES.get, auth=TrapAuth(users=USERS))
        _, port = await rx.start("127.0.0.1", 0)
        try:
            for args, should_work in script:
                proc = await asyncio.create_subprocess_exec(
                    *[a.replace("PORT", str(port)) for a in args],
                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                )  # fmt: skip
                _, err = await proc.communicate()
                errors.append(err.decode())
                assert (proc.returncode == 0) == should_work, (args, err.decode())
            await asyncio.sleep(0.2)
            events = []
            while not rx.queue.empty():
                events.append(rx.queue.get_nowait())
            return events
        finally:
            rx.close()
            receivers.append(rx)

    receivers: list[TrapReceiver] = []
    events = asyncio.run(go())
    return events, receivers[0], errors


def test_v3_traps_from_any_engine_id_are_authenticated_decrypted_and_mapped(
    tmp_path: Path,
) -> None:
    events, rx, _ = run(
        tmp_path,
        [
            (trap("0x8000000001020304", *v3("trapper", "authPriv")), True),
            # the same user on another agent: keys localised to that engine ID
            (trap("0x80000000010a0b0c0d", *v3("trapper", "authPriv")), True),
            (trap("0x8000000001020304", *v3("signer", "authNoPriv", auth="SHA-256")), True),
            (
                trap("0x8000000001020305", *v3("legacy", "authPriv", auth="MD5", priv="AES256")),
                True,
            ),
            (trap("0x8000000001020306", *v3("oldtimer", "authPriv", priv="DES")), True),
        ],
    )
    assert [(e.device_id, e.rule, e.user, e.inform) for e in events] == [
        (1, "bin_overflow", "trapper", False),
        (1, "bin_overflow", "trapper", False),
        (1, "bin_overflow", "signer", False),
        (1, "bin_overflow", "legacy", False),
        (1, "bin_overflow", "oldtimer", False),
    ]
    assert rx.counters["mapped"] == 5 and rx.counters["received"] == 5


def test_v3_informs_are_acknowledged_after_discovery_of_our_engine_id(tmp_path: Path) -> None:
    # snmpinform exits 0 only when our Response arrived and verified at its security level
    events, rx, _ = run(
        tmp_path,
        [
            (inform(*v3("trapper", "authPriv")), True),
            (inform(*v3("signer", "authNoPriv", auth="SHA-256")), True),
            (inform(*v3("oldtimer", "authPriv", priv="DES")), True),
        ],
    )
    assert [(e.device_id, e.action, e.rule, e.subject, e.inform) for e in events] == [
        (2, "care", "sos", "WB-002", True),
    ] * 3
    assert rx.counters["v3_discovery"] == 3  # each snmpinform discovers our engine ID first
    assert rx.counters["informs_acked"] == 3


def test_bad_v3_notifications_are_counted_with_the_reason_and_never_mapped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = "0x8000000001020304"
    events, rx, errors = run(
        tmp_path,
        [
            (trap(engine, *v3("trapper", "authPriv", auth_key="wrong-auth-key")), True),
            (trap(engine, *v3("trapper", "authPriv", priv_key="wrong-priv-key")), True),
            (trap(engine, *v3("nobody", "authPriv")), True),
            (trap(engine, *v3("trapper", "authNoPriv")), True),  # configured for authPriv
            (trap(engine, *v3("signer", "noAuthNoPriv")), True),
            # informs hear why: net-snmp reports the failure instead of timing out
            (inform(*v3("trapper", "authPriv", auth_key="wrong-auth-key")), False),
            (inform(*v3("nobody", "authNoPriv")), False),
        ],
    )
    assert events == []
    assert rx.counters["v3_wrong_digest"] == 2
    assert rx.counters["v3_decryption_error"] == 1
    assert rx.counters["v3_unknown_user"] == 2
    assert rx.counters["v3_wrong_level"] == 2
    assert rx.counters["mapped"] == 0 and rx.counters["informs_acked"] == 0
    assert "Authentication failure" in errors[5]
    assert "Unknown user name" in errors[6]
    text = caplog.text
    assert "usmStatsWrongDigests" in text and "unknown SNMPv3 user 'nobody'" in text
    assert "sent authNoPriv, configured for authPriv" in text
