"""Reachability probes for devices without SNMP: TCP connect to a port, ICMP echo."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import socket
import struct
import time
from dataclasses import dataclass, field

from ops_console.polling.errors import ErrorKind
from ops_console.polling.profiles import ProbeSpec


@dataclass(frozen=True)
class ProbeResult:
    """``ok`` with a round-trip time, or ``error`` saying why not (of ``kind``)."""

    ok: bool
    rtt_ms: float | None = None
    error: str | None = None
    kind: ErrorKind | None = None
    params: dict[str, str | int | float] = field(default_factory=dict, compare=False)
    code: str | None = None


def _failed(kind: ErrorKind, code: str, error: str, **params: str | int | float) -> ProbeResult:
    """A probe that failed: why in English, and the catalogue's code with its figures."""
    return ProbeResult(False, error=error, kind=kind, params=params, code=code)


async def tcp_probe(host: str, port: int, timeout: float = 2.0) -> ProbeResult:
    """Open (and close) a TCP connection to ``host:port``."""
    start = time.monotonic()
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except TimeoutError:
        error = f"TCP {port}: no answer within {timeout:g} s"
        return _failed(ErrorKind.TIMEOUT, "poll.tcp_timeout", error, port=port, timeout_s=timeout)
    except ConnectionRefusedError:
        error = f"TCP {port}: connection refused (service not running)"
        return _failed(ErrorKind.UNREACHABLE, "poll.tcp_refused", error, port=port)
    except socket.gaierror as exc:
        return _unresolved(host, exc)
    except OSError as exc:
        return _unreachable(f"TCP {port}", exc)
    rtt = (time.monotonic() - start) * 1000
    writer.close()
    with contextlib.suppress(OSError, TimeoutError):
        await asyncio.wait_for(writer.wait_closed(), 1)
    return ProbeResult(True, rtt)


def _unresolved(host: str, exc: OSError) -> ProbeResult:
    error = f"cannot resolve host name {host!r}: {exc}"
    return _failed(ErrorKind.RESOLVE, "poll.resolve", error, host=host)


def _unreachable(what: str, exc: OSError) -> ProbeResult:
    detail = f"{what}: {exc.strerror or exc}"
    return _failed(ErrorKind.UNREACHABLE, "poll.unreachable", detail, detail=detail)


def _no_echo(timeout: float) -> ProbeResult:
    error = f"ICMP: no echo reply within {timeout:g} s"
    return _failed(ErrorKind.TIMEOUT, "poll.icmp_timeout", error, timeout_s=timeout)


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    words: tuple[int, ...] = struct.unpack(f"!{len(data) // 2}H", data)
    total = sum(words)
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def _icmp_socket() -> tuple[socket.socket, bool]:
    """An unprivileged datagram ICMP socket, else a raw one (root); (socket, is_raw)."""
    try:
        return socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP), False
    except OSError as first:
        try:
            return socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP), True
        except OSError:
            raise PermissionError(
                "ICMP echo not allowed for this user: allow it with "
                "sysctl net.ipv4.ping_group_range, run as root, or use a TCP probe "
                f"({first.strerror or first})"
            ) from None


async def icmp_probe(host: str, timeout: float = 2.0) -> ProbeResult:
    """Send one ICMP echo request (IPv4) and wait for its reply."""
    loop = asyncio.get_running_loop()
    try:
        addr = str(ipaddress.IPv4Address(host))
    except ValueError:
        try:
            infos = await loop.getaddrinfo(host, None, family=socket.AF_INET)
        except OSError as exc:
            return _unresolved(host, exc)
        addr = str(infos[0][4][0])
    try:
        sock, raw = _icmp_socket()
    except PermissionError as exc:
        return ProbeResult(False, error=str(exc), kind=ErrorKind.CONFIG)
    ident = os.getpid() & 0xFFFF
    seq = int(time.monotonic() * 1000) & 0xFFFF
    payload = b"ops-console-probe"
    header = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    packet = struct.pack("!BBHHH", 8, 0, _checksum(header + payload), ident, seq) + payload
    sock.setblocking(False)
    start = time.monotonic()
    try:
        await loop.sock_sendto(sock, packet, (addr, 0))
        deadline = start + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return _no_echo(timeout)
            data, src = await asyncio.wait_for(loop.sock_recvfrom(sock, 2048), remaining)
            if raw:
                data = data[(data[0] & 0x0F) * 4 :]  # strip the IP header
            if len(data) < 8 or src[0] != addr:
                continue
            kind, _code, _ck, rid, rseq = struct.unpack("!BBHHH", data[:8])
            # a datagram ICMP socket rewrites the id to its port: match on sequence then
            if kind == 0 and rseq == seq and (rid == ident or not raw):
                return ProbeResult(True, (time.monotonic() - start) * 1000)
    except TimeoutError:
        return _no_echo(timeout)
    except OSError as exc:
        return _unreachable("ICMP", exc)
    finally:
        sock.close()


async def run_probe(host: str, probe: ProbeSpec, timeout: float = 2.0) -> ProbeResult:
    """Run the probe a profile or a device asks for."""
    if probe.kind == "tcp":
        if probe.port is None:
            return ProbeResult(False, error="TCP probe without a port", kind=ErrorKind.CONFIG)
        return await tcp_probe(host, probe.port, timeout)
    if probe.kind == "icmp":
        return await icmp_probe(host, timeout)
    return ProbeResult(False, error=f"unknown probe kind {probe.kind!r}", kind=ErrorKind.CONFIG)
