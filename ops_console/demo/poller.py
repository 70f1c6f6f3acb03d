"""The demo's poller: the simulated agent started beside it, so "Start poller" works on the demo.

Used by the GUI's in-app poller and by ``ops-console poll`` when the database holds the demo
(``demo.loader.is_loaded``): the options returned go to ``PollerService``. The trap
receiver listens on a free loopback port so the agent's SOS reaches the care-alert list.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..domain.clock import FastClock
from .agent import DemoAgent
from .data import demo_credentials, demo_dir

if TYPE_CHECKING:
    from ..services.container import Services


def demo_tags() -> dict[str, str]:
    """The demo devices' addresses → asset tags (resources/demo/devices.csv)."""
    with open(demo_dir() / "devices.csv", encoding="utf-8-sig", newline="") as fh:
        return {r["address"]: r["asset_tag"] for r in csv.DictReader(fh)}


def demo_agent(services: Services, clock: Callable[[], float] = time.monotonic) -> DemoAgent:
    """A fresh agent for the demo's devices (one per poller start; ``clock`` in seconds)."""
    return DemoAgent(services.monitoring.profiles, demo_credentials(), clock, tags=demo_tags())


def demo_poller_options(services: Services) -> dict[str, Any]:
    """``PollerService`` keyword arguments for the demo: its agent beside the poller, traps
    on a free loopback port, every device polled at once on start.

    With a :class:`~ops_console.domain.clock.FastClock` as the services' clock, the
    agent, the scheduler and the services all run on its simulated time.
    """
    clock = services.clock
    fast = clock if isinstance(clock, FastClock) else None
    options: dict[str, Any] = {
        "sidecar": demo_agent(services, fast.monotonic if fast else time.monotonic),
        "trap_host": "127.0.0.1",
        "trap_port": 0,
        "first_poll_now": True,
    }
    if fast is not None:
        options["monotonic"] = fast.monotonic
        options["tick_s"] = min(0.5, max(0.02, 0.5 / fast.speed))
    return options


def demo_once_options(services: Services) -> dict[str, Any]:
    """``PollerService`` keyword arguments for one "Poll now" on the demo: its own agent beside
    it (no trap receiver: a single poll waits for no trap)."""
    options = demo_poller_options(services)
    return {k: v for k, v in options.items() if k in ("sidecar", "monotonic")}
