"""A registered poller's side of the leases, driven by the poller's writer thread: register,
heartbeat and balance, notice a cut-off from the database, hand everything back at a stop."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any

from ...polling.scheduler import jitter_offset
from ..monitoring import Fence
from .registry import Leases, PollerFenced, PollerScope, PollersService, Registration

log = logging.getLogger(__name__)

HURRY_S = 0.25  # a take-over that found devices locked tries again this soon
EXPIRY_MARGIN_S = 0.05  # a peer is dead just after its expiry, not at it


class LeaseKeeper:
    """Holds a poller's registration and the devices it leases.

    Attributes:
        held: device id → when this poller took its lease; the poller polls exactly these.
            Replaced whole at each heartbeat (readers in other threads see one or the other).
        cut_off: True while the database could not be reached for longer than the failover
            delay less one heartbeat: the poller polls nothing until it is back.
    """

    def __init__(
        self,
        registry: PollersService,
        name: str,
        scope: PollerScope,
        host: str,
        pid: int,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        devices: Collection[int] | None = None,
    ) -> None:
        """``devices``: a one-off poll of some devices only (the console's "Poll now" of a
        selection) takes no others."""
        self.registry = registry
        self.name = name
        self.scope = scope
        self.host = host
        self.pid = pid
        self._mono = monotonic
        self.devices = frozenset(devices) if devices is not None else None
        self.reg: Registration | None = None
        self.held: dict[int, datetime] = {}
        self._last_polled: dict[int, datetime] = {}
        self.cut_off = False
        self._last_ok = monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pulse_thread: threading.Thread | None = None
        self._hurry = False
        self._expiry: datetime | None = None

    def start(self, cycle: Callable[[], dict[str, Any]]) -> int:
        """Register, take a first share, and from now on heartbeat from a thread of its own
        (a slow store never delays a heartbeat), and balance (bury the dead, take over, hand
        back) from another: a long take-over never delays a heartbeat either. Returns the
        poller run's id."""
        self.reg = self.registry.register(self.name, self.host, self.pid, self.scope)
        if self.scope.share:
            self._apply(self.registry.heartbeat(self.reg, cycle=cycle()))
        else:  # a one-off poll: what no live poller holds now, kept until it stops
            self._apply(self.registry.take_free(self.reg, devices=self.devices))
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._beat_loop, name="ops-console-balance", daemon=True
        )
        self._pulse_thread = threading.Thread(
            target=self._pulse_loop, args=(cycle,), name="ops-console-heartbeat", daemon=True
        )
        self._thread.start()
        self._pulse_thread.start()
        return self.reg.run_id

    def _beat_loop(self) -> None:
        regular = self._mono() + self.registry.heartbeat_s
        while not self._stop.wait(self.next_wait(regular)):
            if self._mono() >= regular:
                regular = self._mono() + self.registry.heartbeat_s
            self.beat(None)  # the regular one, or an extra one for a take-over

    def _pulse_loop(self, cycle: Callable[[], dict[str, Any]]) -> None:
        """The heartbeat alone (with the cycle's figures), every heartbeat, in a short
        transaction on a connection of its own, whatever the balance is doing: a take-over
        that takes long never makes this poller look dead to the others."""
        while not self._stop.wait(self.registry.heartbeat_s):
            reg = self.reg
            if reg is None or self.cut_off:
                continue  # the balance registers again, or finds the database back
            try:
                self.registry.pulse(reg, cycle=cycle())
            except Exception as exc:  # declared dead, or no database: the balance handles it
                log.debug("poller %s: heartbeat not recorded: %s", self.name, exc)
                continue
            self._last_ok = self._mono()

    def next_wait(self, regular: float) -> float:
        """Seconds until the next heartbeat: the regular one (at monotonic ``regular``), or
        sooner at the moment another poller would turn dead, or ``HURRY_S`` from now while a
        take-over found its devices still locked. A quiet installation beats on the regular
        beat only."""
        wait = regular - self._mono()
        if self._hurry:
            wait = min(wait, HURRY_S)
        expiry = self._expiry
        if expiry is not None:
            until = (expiry - self.registry.clock.now()).total_seconds() + EXPIRY_MARGIN_S
            wait = min(wait, max(until, EXPIRY_MARGIN_S))
        return max(0.0, wait)

    def beat(self, cycle: dict[str, Any] | None) -> None:
        """One heartbeat: balance, or register again after being declared dead; on a
        database error, stop polling once the failover delay less one heartbeat has passed
        since the last heartbeat that got through."""
        try:
            if self.reg is None:
                self.reg = self.registry.register(self.name, self.host, self.pid, self.scope)
            try:
                leases = self.registry.heartbeat(self.reg, cycle=cycle)
            except PollerFenced:
                log.warning("poller %s was declared dead meanwhile: registering again", self.name)
                self.held = {}
                self.reg = self.registry.register(self.name, self.host, self.pid, self.scope)
                leases = self.registry.heartbeat(self.reg, cycle=cycle)
        except Exception as exc:
            self._hurry, self._expiry = False, None  # back to the regular beat meanwhile
            silent = self._mono() - self._last_ok
            limit = self.registry.failover_s - self.registry.heartbeat_s
            log.error("poller %s: heartbeat failed (%s s since the last one): %s",
                      self.name, round(silent), exc)  # fmt: skip
            if silent >= limit and not self.cut_off:
                log.error(
                    "poller %s: no database for %d s: stopped polling its %d devices until "
                    "it is back (another poller may take them over)",
                    self.name, round(silent), len(self.held),
                )  # fmt: skip
                self.held = {}
                self.cut_off = True
            return
        if self.cut_off:
            log.warning("poller %s: database reachable again, polling resumes", self.name)
        self.cut_off = False
        self._apply(leases)

    def _apply(self, leases: Leases) -> None:
        self._last_ok = self._mono()
        self._last_polled = {
            d: t for d, t in (self._last_polled | leases.last_polled).items() if d in leases.held
        }
        self.held = dict(leases.held)
        self._hurry = leases.hurry
        self._expiry = leases.expiry
        for name in leases.buried:
            log.warning("poller %s missed its heartbeats: its devices are taken back", name)
        if leases.claimed or leases.released:
            log.info(
                "poller %s: %d devices (share %d): took %d, handed back %d",
                self.name, len(self.held), leases.share, len(leases.claimed),
                len(leases.released),
            )  # fmt: skip

    def first_delay(self, device_id: int, interval_s: float, now: datetime) -> float | None:
        """Seconds until this poller's first poll of a device it took over: one interval
        after the last poll (its previous holder's), so no device is polled twice in one
        interval; one already overdue (its poller died) within one heartbeat, spread so the
        take-over is not one burst. None when it was never polled: the scheduler spreads
        those over their interval, as at any start."""
        last = self._last_polled.pop(device_id, None)
        if last is None:
            return None
        due = (last - now).total_seconds() + interval_s
        if due <= 0:
            return jitter_offset(device_id, min(interval_s, self.registry.heartbeat_s))
        return min(interval_s, due)

    def watched(self) -> dict[int, datetime]:
        return self.held

    def fence(self) -> Fence | None:
        """The fence of this poller's writes; None while it is cut off or unregistered."""
        if self.reg is None or self.cut_off:
            return None
        return self.reg.fence

    def stop(self) -> None:
        """Stop heartbeating and hand every lease back at once (a clean stop)."""
        self._stop.set()
        for thread in (self._thread, self._pulse_thread):
            if thread is not None:
                thread.join()
        self._thread = self._pulse_thread = None
        self.held = {}
        if self.reg is None:
            return
        try:
            n = self.registry.stop(self.reg)
            log.info("poller %s stopped: %d devices handed back", self.name, n)
        except Exception:
            log.exception("poller %s: stopping in the database failed", self.name)
