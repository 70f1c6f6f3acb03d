"""Print the demo agent's requests per second: v2c GETs of a smart bin's five OIDs.

The agent runs in its own process (as it shares the poller's loop in the console, one core
is its budget); this process is the load: ``--in-flight`` requests outstanding over
``--devices`` simulated devices for ``--seconds``. GETBULK walks of a wristband gateway's
table are measured apart (one request = up to 60 values).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ops_console.demo.agent import DemoAgent
from ops_console.demo.data import demo_credentials
from ops_console.polling import ber
from ops_console.polling.profiles import load_profiles
from ops_console.polling.results import PollTarget

BIN_OIDS = [
    "1.3.6.1.2.1.1.3.0",
    "1.3.6.1.4.1.32473.4.1.0",
    "1.3.6.1.4.1.32473.4.2.0",
    "1.3.6.1.4.1.32473.4.3.0",
    "1.3.6.1.4.1.32473.4.4.0",
]
BAND_COLUMNS = ["1.3.6.1.4.1.32473.6.2.1.2", "1.3.6.1.4.1.32473.6.2.1.3"]


def _agent(devices: int, category: str, conn: mp.connection.Connection) -> None:
    async def main() -> None:
        agent = DemoAgent(load_profiles(), demo_credentials(), time.monotonic)
        await agent.start(lambda: None)
        targets = [
            PollTarget(i, f"127.20.{i // 250}.{i % 250 + 1}", 161, "v2c", "demo-v2c", category)
            for i in range(devices)
        ]
        routed = await agent.route(targets)
        conn.send([(t.address, t.port) for t in routed])
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, conn.recv)  # the load is done
        conn.send(agent.requests)
        await agent.stop()

    asyncio.run(main())


class _Client(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.waiting: dict[int, asyncio.Future[bytes]] = {}

    def datagram_received(self, data: bytes, addr: object) -> None:
        rid = ber.peek_request_id(data)
        fut = self.waiting.pop(rid, None) if rid is not None else None
        if fut is not None and not fut.done():
            fut.set_result(data)


async def _load(
    endpoints: list[tuple[str, int]], seconds: float, in_flight: int, bulk: bool
) -> tuple[int, int]:
    loop = asyncio.get_running_loop()
    transport, client = await loop.create_datagram_endpoint(_Client, local_addr=("127.0.0.1", 0))
    ok = timeouts = 0
    ids = iter(range(1, 2**31))
    deadline = time.perf_counter() + seconds

    async def worker(n: int) -> None:
        nonlocal ok, timeouts
        i = n
        while time.perf_counter() < deadline:
            rid = next(ids)
            if bulk:
                msg = ber.encode_request(
                    ber.V2C, b"demo-public", ber.GETBULK, rid, BAND_COLUMNS, 0, 30
                )
            else:
                msg = ber.encode_request(ber.V2C, b"demo-public", ber.GET, rid, BIN_OIDS)
            fut = loop.create_future()
            client.waiting[rid] = fut
            transport.sendto(msg, endpoints[i % len(endpoints)])
            i += in_flight
            try:
                await asyncio.wait_for(fut, 1.0)
                ok += 1
            except TimeoutError:
                client.waiting.pop(rid, None)
                timeouts += 1

    await asyncio.gather(*(worker(n) for n in range(in_flight)))
    transport.close()
    return ok, timeouts


def run(devices: int, seconds: float, in_flight: int, bulk: bool) -> None:
    category = "wristband_gateway" if bulk else "smart_bin"
    parent, child = mp.Pipe()
    proc = mp.Process(target=_agent, args=(devices, category, child))
    proc.start()
    endpoints = parent.recv()
    started = time.perf_counter()
    ok, timeouts = asyncio.run(_load(endpoints, seconds, in_flight, bulk))
    elapsed = time.perf_counter() - started
    parent.send("done")
    counted = parent.recv()
    proc.join()
    kind = "GETBULK (2 columns x 30 rows)" if bulk else "GET (5 OIDs)"
    print(
        f"{kind}: {devices} devices, {in_flight} in flight, {elapsed:.1f} s: "
        f"{ok / elapsed:,.0f} answered requests/s ({ok:,} answered, {timeouts} timeouts; "
        f"the agent counted {counted:,} requests)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--devices", type=int, default=300)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--in-flight", type=int, default=100)
    args = ap.parse_args()
    run(args.devices, args.seconds, args.in_flight, bulk=False)
    run(args.devices, args.seconds, args.in_flight, bulk=True)


if __name__ == "__main__":
    main()
