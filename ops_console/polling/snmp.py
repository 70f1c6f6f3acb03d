"""The SNMP poller: one device in, one PollResult out, for SNMP v1, v2c and v3.

Built on our own codec, chosen by measurement (ENVIRONMENT.md, ``benchmarks/poll_throughput.py``):

* one shared asyncio UDP socket per loop (``transport.py``), replies matched by id;
* v1/v2c messages by ``ber.py``: a few µs of CPU per device, where pysnmp's v1arch cost
  ~0.8 ms per request and v3arch 20 s and 300 MB just to register 10,000 targets;
* v3 by our own USM (``usm.py``, ``usm_client.py``): discovery, clocks, keys, HMAC
  (MD5, SHA-1, SHA-2), DES and AES-128/192/256; pysnmp only for 3DES (``pysnmp_usm.py``);
* GETs, table walks (``walk.py``) and value conversion (``convert.py``) written once for
  every version, behind ``Session.request``.

This module keeps the names other packages import (``SnmpPoller``, ``SnmpFailure``...).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime

from ops_console.polling import ber, usm
from ops_console.polling.convert import Converted, convert
from ops_console.polling.credentials import CredentialProvider, CycleCredentials
from ops_console.polling.errors import ErrorKind, PollError
from ops_console.polling.probes import ProbeResult, run_probe
from ops_console.polling.profiles import ProbeSpec, Profile, TableSpec
from ops_console.polling.pysnmp_usm import PysnmpUsmSession, UsmEngine
from ops_console.polling.rates import CounterTracker
from ops_console.polling.results import PollResult, PollTarget, Sample, StatusReading
from ops_console.polling.transport import (
    RCVBUF_BYTES,
    CommunitySession,
    CommunityTransport,
    Reply,
    Session,
    SnmpFailure,
    UdpTransport,
    literal,
    resolve,
)
from ops_console.polling.usm_client import UsmClient, UsmSession
from ops_console.polling.walk import get_scalars, walk_columns

__all__ = [
    "CommunitySession",
    "CommunityTransport",
    "Converted",
    "PollResult",
    "PollTarget",
    "Reply",
    "Sample",
    "Session",
    "SnmpFailure",
    "SnmpPoller",
    "StatusReading",
    "UdpTransport",
    "UsmClient",
    "UsmEngine",
    "UsmSession",
    "convert",
    "get_scalars",
    "resolve",
    "walk_columns",
]

log = logging.getLogger(__name__)

UPTIME_OID = "1.3.6.1.2.1.1.3.0"


class SnmpPoller:
    """Polls one device at a time; concurrency and scheduling belong to ``scheduler.py``.

    Create it inside the event loop that will use it (its sockets, and a pysnmp engine if
    one is needed, belong to that loop); ``close()`` it at shutdown.

    Attributes:
        profiles: category code → Profile.
        counters: last raw counter values per device (for rates).
        usm: the SNMPv3 client (engine IDs, clocks, keys; ``usm.counters``).
    """

    def __init__(
        self,
        profiles: Mapping[str, Profile],
        credentials: CredentialProvider,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        monotonic: Callable[[], float] = time.monotonic,
        rcvbuf: int = RCVBUF_BYTES,
    ) -> None:
        self.profiles = dict(profiles)
        self._provider = credentials
        self._creds = CycleCredentials(credentials)
        self._now = now
        self._mono = monotonic
        self._rcvbuf = rcvbuf
        self.counters = CounterTracker()
        self._udp = UdpTransport(rcvbuf)
        self.usm = UsmClient(self._udp, monotonic=monotonic)
        self._pysnmp: UsmEngine | None = None  # 3DES only
        self._bulk_broken: set[int] = set()  # devices that mishandle GETBULK
        # device id → (address as configured, its IP literal): parsed once, not every poll;
        # a changed address misses and is parsed again (host names are resolved every poll)
        self._hosts: dict[int, tuple[str, str]] = {}
        self._scalars: dict[str, tuple[Profile, tuple[str, ...]]] = {}

    # lifecycle

    def begin_cycle(self) -> None:
        """Forget cached credentials: the secret store is asked again, once per name."""
        self._creds = CycleCredentials(self._provider)

    async def prepare(self, targets: Iterable[PollTarget]) -> int:
        """Hash every v3 credential's pass phrases before polling; returns how many v3 targets.

        Engine IDs are learnt on first contact. Credentials our USM does not implement
        (3DES) are registered with pysnmp's engine here, before the first
        poll: registering while polling rebuilds pysnmp's tables.
        """
        n = 0
        for t in targets:
            if t.version != "v3" or not t.credential:
                continue
            cred = self._creds.get(t.credential)
            if isinstance(cred, str) or not cred.is_v3:
                continue
            try:
                if usm.implemented(cred):
                    self.usm.user(cred)
                else:
                    host = await resolve(t.address, t.port)
                    await self._engine().target(host, t.port, cred, t.timeout_s)
                n += 1
            except (SnmpFailure, OSError, KeyError, usm.UsmError):
                continue  # reported when the device is polled
        return n

    def _scalar_oids(self, profile: Profile) -> tuple[str, ...]:
        """The OIDs of a profile's GET (its metrics, and sysUpTime for counters), built once."""
        hit = self._scalars.get(profile.code)
        if hit is not None and hit[0] is profile:
            return hit[1]
        oids = [m.oid for m in profile.metrics]
        if UPTIME_OID not in oids and any(m.kind == "counter" for m in profile.metrics):
            oids.append(UPTIME_OID)
        self._scalars[profile.code] = (profile, tuple(oids))
        return tuple(oids)

    def forget(self, device_id: int) -> None:
        """Drop what is kept for a device no longer polled (its address, counters)."""
        self._hosts.pop(device_id, None)
        self._bulk_broken.discard(device_id)
        self.counters.forget(device_id)

    async def _host(self, target: PollTarget) -> str:
        """The IP literal to send to: cached for a literal address, resolved for a host name."""
        hit = self._hosts.get(target.device_id)
        if hit is not None and hit[0] == target.address:
            return hit[1]
        ip = literal(target.address)
        if ip is None:
            return await resolve(target.address, target.port)
        self._hosts[target.device_id] = (target.address, ip)
        return ip

    def _engine(self) -> UsmEngine:
        if self._pysnmp is None:
            self._pysnmp = UsmEngine(self._rcvbuf)
        return self._pysnmp

    def close(self) -> None:
        self._udp.close()
        if self._pysnmp is not None:
            self._pysnmp.close()
            self._pysnmp = None

    async def __aenter__(self) -> SnmpPoller:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    # polling

    async def poll(
        self,
        target: PollTarget,
        *,
        timeout_s: float | None = None,
        retries: int | None = None,
        lane: str = "main",
    ) -> PollResult:
        """Poll one device; every failure is returned as ``PollResult(ok=False, error=...)``."""
        started = self._mono()
        try:
            return await self._poll(target, timeout_s, retries, lane, started)
        except SnmpFailure as exc:
            return self._failed(target, exc.error, started, lane)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # never let one device stop the poller
            log.exception("unexpected error polling device %s", target.device_id)
            internal = PollError(ErrorKind.INTERNAL, f"internal error: {type(exc).__name__}: {exc}")
            return self._failed(target, internal, started, lane)

    def _failed(
        self, target: PollTarget, reason: PollError, started: float, lane: str
    ) -> PollResult:
        return PollResult(
            target.device_id,
            False,
            self._now(),
            error=reason,
            latency_ms=(self._mono() - started) * 1000,
            lane=lane,
        )

    async def _poll(
        self,
        target: PollTarget,
        timeout_s: float | None,
        retries: int | None,
        lane: str,
        started: float,
    ) -> PollResult:
        profile = self.profiles.get(target.category)
        if profile is None:
            raise SnmpFailure(
                f"no profile for category {target.category!r}",
                kind=ErrorKind.CONFIG,
                category=target.category,
            )
        timeout = target.timeout_s if timeout_s is None else timeout_s
        tries = target.retries if retries is None else retries
        if target.version == "none":
            probe = target.probe or profile.probe or ProbeSpec("icmp")
            return self._probe_result(
                target, await run_probe(target.address, probe, timeout * (tries + 1)), started, lane
            )
        session, v1 = await self._session(target, timeout, tries)
        scalar_oids = self._scalar_oids(profile)
        values = await get_scalars(session, scalar_oids, v1) if scalar_oids else {}
        latency = (self._mono() - started) * 1000
        at_mono = self._mono()
        uptime = values.get(UPTIME_OID)
        restarted = self.counters.note_uptime(
            target.device_id,
            uptime.value / 100
            if uptime and uptime.tag == ber.TIMETICKS and isinstance(uptime.value, int)
            else None,
        )
        samples: list[Sample] = []
        statuses: list[StatusReading] = []
        for spec in profile.metrics:
            out = convert(
                spec,
                values[spec.oid],
                device_id=target.device_id,
                counters=self.counters,
                at=at_mono,
                restarted=restarted,
            )
            samples.append(out.sample)
            if out.status:
                statuses.append(out.status)
        problems: list[str] = []
        for table in profile.tables:
            try:
                await self._walk_table(
                    target, session, v1, table, at_mono, restarted, samples, statuses
                )
            except SnmpFailure as exc:
                problems.append(f"table {table.key}: {exc.reason}")
        if target.probe is not None:
            extra = await run_probe(target.address, target.probe, timeout)
            samples.append(Sample("probe_rtt", extra.rtt_ms, problem=extra.error))
        problems += [
            f"{s.metric}{'[' + s.index + ']' if s.index else ''}: {s.problem}"
            for s in samples
            if s.problem and not s.problem.startswith("first reading")
        ]
        return PollResult(
            target.device_id,
            True,
            self._now(),
            tuple(samples),
            tuple(statuses),
            None,
            latency,
            lane,
            tuple(problems),
        )

    async def _walk_table(self, target: PollTarget, session: Session, v1: bool, table: TableSpec, at: float, restarted: bool,
                          samples: list[Sample], statuses: list[StatusReading]) -> None:  # fmt: skip
        use_bulk = not v1 and target.device_id not in self._bulk_broken
        columns, used_bulk = await walk_columns(
            session, [c.oid for c in table.columns], table.max_rows, use_bulk
        )
        if use_bulk and not used_bulk:
            self._bulk_broken.add(target.device_id)  # remember: no GETBULK for this agent
        for spec in table.columns:
            for index, value in columns[spec.oid].items():
                out = convert(spec, value, name=f"{table.key}.{spec.key}", index=index, device_id=target.device_id,
                              counters=self.counters, at=at, restarted=restarted)  # fmt: skip
                samples.append(out.sample)
                if out.status:
                    statuses.append(out.status)

    async def _session(
        self, target: PollTarget, timeout: float, retries: int
    ) -> tuple[Session, bool]:
        if target.version not in ("v1", "v2c", "v3"):
            raise SnmpFailure(f"unknown SNMP version {target.version!r}", kind=ErrorKind.CONFIG)
        if not target.credential:
            raise SnmpFailure(
                "no SNMP credential configured",
                kind=ErrorKind.CREDENTIAL,
                code="poll.no_credential",
            )
        cred = self._creds.get(target.credential)
        if isinstance(cred, str):
            raise SnmpFailure(cred, kind=ErrorKind.CREDENTIAL)
        host = await self._host(target)
        if target.version == "v3":
            if not cred.is_v3:
                raise SnmpFailure(
                    f"credential {target.credential!r} is a community, but the device is set to SNMPv3",
                    kind=ErrorKind.CREDENTIAL,
                )
            if usm.implemented(cred):
                return UsmSession(self.usm, cred, host, target.port, timeout, retries), False
            auth, tgt = await self._engine().target(host, target.port, cred, timeout)
            return PysnmpUsmSession(self._engine(), auth, tgt, retries, timeout), False
        if cred.community is None:
            raise SnmpFailure(
                f"credential {target.credential!r} is an SNMPv3 user, but the device is set to {target.version}",
                kind=ErrorKind.CREDENTIAL,
            )
        version = ber.V1 if target.version == "v1" else ber.V2C
        return CommunitySession(
            self._udp, host, target.port, version, cred.community, timeout, retries
        ), version == ber.V1

    def _probe_result(
        self, target: PollTarget, probe: ProbeResult, started: float, lane: str
    ) -> PollResult:
        sample = Sample("probe_rtt", probe.rtt_ms, problem=probe.error)
        error = None
        if probe.error is not None:
            error = PollError(
                probe.kind or ErrorKind.UNREACHABLE, probe.error, probe.params, probe.code
            )
        return PollResult(
            target.device_id,
            probe.ok,
            self._now(),
            (sample,),
            (),
            error,
            (self._mono() - started) * 1000,
            lane,
        )
