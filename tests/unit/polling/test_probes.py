"""The reachability probes say what went wrong as a code with its parameters (real sockets)."""

from __future__ import annotations

import asyncio
import socket

from ops_console.polling.probes import ProbeResult, tcp_probe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_listening_port_answers_and_a_closed_one_is_refused() -> None:
    async def run() -> tuple[ProbeResult, ProbeResult]:
        server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            ok = await tcp_probe("127.0.0.1", port, 2.0)
        closed = await tcp_probe("127.0.0.1", _free_port(), 2.0)
        return ok, closed

    ok, closed = asyncio.run(run())
    assert ok.ok and ok.rtt_ms is not None
    assert not closed.ok and closed.code == "poll.tcp_refused" and "port" in closed.params


def test_a_name_that_does_not_resolve_says_so_with_the_host() -> None:
    result = asyncio.run(tcp_probe("no-such-host.invalid", 161, 2.0))
    assert not result.ok and result.code == "poll.resolve"
    assert result.params == {"host": "no-such-host.invalid"}
    assert "cannot resolve host name 'no-such-host.invalid'" in (result.error or "")
