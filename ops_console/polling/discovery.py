"""Discovery: sweep a CIDR at a bounded rate, read sysObjectID/sysDescr, suggest a category.

It only suggests: adding a device is the liaison's decision, made through the services.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ops_console.polling import ber, usm
from ops_console.polling.credentials import SnmpCredential
from ops_console.polling.profiles import CATEGORY_CODES, ProfileError, find_line, profiles_dir
from ops_console.polling.pysnmp_usm import PysnmpUsmSession, UsmEngine
from ops_console.polling.transport import CommunitySession, Session, SnmpFailure, UdpTransport
from ops_console.polling.usm_client import UsmClient, UsmSession
from ops_console.polling.walk import get_scalars

SYS_DESCR = "1.3.6.1.2.1.1.1.0"
SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0"
MAX_HOSTS = 65_536


@dataclass(frozen=True)
class DiscoveryRule:
    category: str
    sys_object_id_prefix: str | None = None
    sys_descr: re.Pattern[str] | None = None

    def matches(self, object_id: str, descr: str) -> bool:
        if self.sys_object_id_prefix is not None:
            prefix = self.sys_object_id_prefix
            if not (
                object_id == prefix.rstrip(".")
                or object_id.startswith(prefix if prefix.endswith(".") else prefix + ".")
            ):
                return False
        return not (self.sys_descr is not None and not self.sys_descr.search(descr))


@dataclass(frozen=True)
class Suggestion:
    """A device that answered, and the category the rules suggest (``None``: no rule matched)."""

    address: str
    sys_object_id: str
    sys_descr: str
    category: str | None


def load_rules(path: Path | str | None = None) -> tuple[DiscoveryRule, ...]:
    """Load ``discovery.toml``; a malformed file is refused with its name and line."""
    path = Path(path) if path is not None else profiles_dir() / "discovery.toml"
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+)", str(exc))
        raise ProfileError(path, int(m.group(1)) if m else None, f"TOML syntax: {exc}") from None
    rules = []
    for i, raw in enumerate(data.get("rules", [])):
        where = ("rules", i)
        category = raw.get("category")
        if category not in CATEGORY_CODES:
            raise ProfileError(
                path, find_line(text, (*where, "category")), f"unknown category {category!r}"
            )
        pattern = None
        if "sys_descr" in raw:
            try:
                pattern = re.compile(raw["sys_descr"], re.IGNORECASE)
            except (re.error, TypeError) as exc:
                raise ProfileError(
                    path, find_line(text, (*where, "sys_descr")), f"bad regular expression: {exc}"
                ) from None
        prefix = raw.get("sys_object_id_prefix")
        if prefix is None and pattern is None:
            raise ProfileError(
                path, find_line(text, where), "a rule needs sys_object_id_prefix or sys_descr"
            )
        rules.append(DiscoveryRule(category, prefix, pattern))
    return tuple(rules)


def suggest(rules: tuple[DiscoveryRule, ...], object_id: str, descr: str) -> str | None:
    for rule in rules:
        if rule.matches(object_id, descr):
            return rule.category
    return None


async def discover(
    cidr: str,
    credential: SnmpCredential,
    *,
    version: str = "v2c",
    port: int = 161,
    rate_per_s: float = 200.0,
    max_in_flight: int = 100,
    timeout_s: float = 1.0,
    retries: int = 0,
    rules: tuple[DiscoveryRule, ...] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Suggestion]:
    """Ask every address of ``cidr`` for sysObjectID and sysDescr, at most ``rate_per_s`` a second.

    ``progress(done, total)`` is told after each address; once ``cancelled()`` says so, no
    further address is asked, the requests in flight are dropped and what answered so far
    is returned (within about 0.1 s).

    Raises:
        ValueError: a malformed or too large CIDR.
    """
    network = ipaddress.ip_network(cidr, strict=False)
    if network.num_addresses > MAX_HOSTS:
        raise ValueError(f"{cidr} has {network.num_addresses} addresses; the limit is {MAX_HOSTS}")
    hosts = [str(h) for h in (network.hosts() if network.num_addresses > 2 else network)]
    rules = rules if rules is not None else load_rules()
    udp = UdpTransport()
    client = UsmClient(udp)
    own_usm = version == "v3" and usm.implemented(credential)
    engine = UsmEngine() if version == "v3" and not own_usm else None
    sem = asyncio.Semaphore(max_in_flight)
    found: list[Suggestion] = []
    done = 0

    async def probe(host: str) -> None:
        nonlocal done
        async with sem:
            try:
                session: Session
                if own_usm:
                    session = UsmSession(client, credential, host, port, timeout_s, retries)
                elif engine is not None:
                    auth, tgt = await engine.target(host, port, credential, timeout_s)
                    session = PysnmpUsmSession(engine, auth, tgt, retries)
                else:
                    v = ber.V1 if version == "v1" else ber.V2C
                    session = CommunitySession(
                        udp, host, port, v, credential.community or "", timeout_s, retries
                    )
                values = await get_scalars(session, [SYS_OBJECT_ID, SYS_DESCR], version == "v1")
            except SnmpFailure:
                return
            finally:
                done += 1
                if progress:
                    progress(done, len(hosts))
        oid_v, descr_v = values[SYS_OBJECT_ID], values[SYS_DESCR]
        object_id = str(oid_v.value) if oid_v.tag == ber.OBJECT_ID else ""
        descr = descr_v.value.decode("utf-8", "replace") if isinstance(descr_v.value, bytes) else ""
        found.append(Suggestion(host, object_id, descr, suggest(rules, object_id, descr)))

    def stop() -> bool:
        return cancelled is not None and cancelled()

    tasks: list[asyncio.Task[None]] = []
    start = time.monotonic()
    try:
        for i, host in enumerate(hosts):
            if stop():
                break
            # pace the starts: the i-th request leaves no earlier than i / rate seconds in;
            # a slow rate waits in short steps, so a cancel is seen at once
            delay = start + i / rate_per_s - time.monotonic()
            while delay > 0 and not stop():
                await asyncio.sleep(min(delay, 0.1))
                delay = start + i / rate_per_s - time.monotonic()
            if stop():
                break
            tasks.append(asyncio.create_task(probe(host)))
        pending: set[asyncio.Task[None]] = set(tasks)
        while pending and not stop():
            _, pending = await asyncio.wait(pending, timeout=0.1 if cancelled else None)
        for t in tasks:  # a failure other than SnmpFailure is raised, as gather did
            failure = None if not t.done() or t.cancelled() else t.exception()
            if failure is not None:
                raise failure
    finally:
        for t in tasks:
            t.cancel()
        udp.close()
        if engine is not None:
            engine.close()
    return sorted(found, key=lambda s: ipaddress.ip_address(s.address))
