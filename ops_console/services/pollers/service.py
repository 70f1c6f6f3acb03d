"""The poller service: an asyncio loop that polls and listens for traps, and a writer thread
that stores what it hands over through a bounded queue.

Threads: the loop runs in the caller's thread (the CLI's main thread, or a QThread the UI
hosts: then call ``request_stop()`` from the GUI thread); the database is written only by
the writer thread, never by the loop and never by the GUI. Stopping (SIGINT/SIGTERM or
``request_stop``) cancels in-flight polls, hands over every finished result, drains the
queue, and closes the poller run, so nothing polled is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any, Literal, ParamSpec, Protocol

from ...domain.clock import Clock
from ...polling.credentials import SnmpCredential
from ...polling.profiles import Profile
from ...polling.results import PollResult, PollTarget, pack_results
from ...polling.scheduler import Scheduler
from ...polling.snmp import SnmpPoller
from ...polling.traps import TrapAuth, TrapEvent, TrapReceiver, TrapSender, trap_auth
from ..formats import JsonFields
from ..monitoring import (
    Fence,
    Reply,
    StoreProcess,
    StoreProcessFailed,
    StoreSummary,
    tune_collector,
)
from .leases import LeaseKeeper

log = logging.getLogger(__name__)

_P = ParamSpec("_P")


@dataclass(frozen=True)
class _Results:
    """Poll results for the writer to store (``packed``: in ``pack_results``'s wire form for
    the store process, when the event loop packed them)."""

    batch: Sequence[PollResult]
    packed: bytes | None = None


@dataclass(frozen=True)
class _Traps:
    """Traps for the writer to handle."""

    batch: Sequence[TrapEvent]


class _Stop:
    """Tells the writer to finish."""


_STOP = _Stop()
_Item = _Results | _Traps | _Stop
# poll_once stores in a process of its own from this many devices (store_process=None)
STORE_PROCESS_FROM = 1000


@dataclass(frozen=True)
class OnceSummary(JsonFields):
    """``poll --once``: what was polled and stored, and how long it took."""

    devices: int
    ok: int
    failed: int
    samples: int
    seconds: float
    # on a shared installation: devices of the scope left to the running pollers that hold them
    left_to_pollers: int = 0

    def to_json(self) -> dict[str, Any]:
        return super().to_json() | {"seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class PollerStats:
    """A snapshot of a running poller, for a status bar."""

    running: bool
    run_id: int | None
    results: int
    ok: int
    failed: int
    samples: int
    alarms_opened: int
    alarms_cleared: int
    traps: dict[str, int]
    queue_depth: int
    store_errors: int


def _figures(s: StoreSummary) -> dict[str, int]:
    """What the poller has stored, under the names its heartbeat and ``PollerStats`` give it."""
    return {
        "results": s.devices,
        "ok": s.ok,
        "failed": s.failed,
        "samples": s.samples,
        "alarms_opened": s.opened,
        "alarms_cleared": s.cleared,
    }


@dataclass
class _Totals:
    summary: StoreSummary = field(default_factory=StoreSummary)
    traps_stored: int = 0
    store_errors: int = 0


class MonitoringPort(Protocol):
    """What the poller needs from the monitoring service (``MonitoringService`` is one).

    The loop asks for the targets, profiles and credentials (in worker threads: they read the
    database or the keyring); the writer thread stores results and traps and does the upkeep.
    Results the writer does not use are typed ``object``.
    """

    @property
    def clock(self) -> Clock: ...

    @property
    def profiles(self) -> Mapping[str, Profile]: ...

    def credential(self, name: str, /) -> SnmpCredential | None: ...

    def targets(self, community: str | None = None, /) -> list[PollTarget]: ...

    def trap_senders(self) -> dict[str, TrapSender]: ...

    def store_results(
        self,
        results: Sequence[PollResult],
        now: datetime | None = None,
        fence: Fence | None = None,
        /,
    ) -> StoreSummary: ...

    def after_store(self, summary: StoreSummary, now: datetime, /) -> None: ...

    def store_process(self) -> StoreProcess | None: ...

    def handle_traps(self, events: Sequence[TrapEvent], /) -> object: ...

    def start_run(
        self, host: str, now: datetime | None = None, /, *, community: str | None = None
    ) -> int: ...

    def heartbeat(
        self, run_id: int, now: datetime | None = None, cycle: Mapping[str, object] | None = None, /
    ) -> object: ...

    def stop_run(
        self,
        run_id: int,
        now: datetime | None = None,
        /,
        *,
        mark_unknown: bool = True,
        community: str | None = None,
    ) -> object: ...

    def check_stale(
        self,
        running_since: datetime,
        now: datetime | None = None,
        watched: Mapping[int, datetime] | None = None,
        data_until: datetime | None = None,
        /,
    ) -> object: ...

    def rollup(self) -> object: ...

    def prune(self) -> object: ...

    def retry_handovers(self) -> object: ...


class Sidecar(Protocol):
    """Something that runs beside the poller in its loop: started before the first poll and
    stopped after the last, and told which targets are about to be polled (it may say where
    they answer). The demo's simulated agent (``ops_console.demo.agent``) is one."""

    async def start(self, trap_address: Callable[[], tuple[str, int] | None], /) -> None: ...

    async def route(self, targets: Sequence[PollTarget], /) -> list[PollTarget]: ...

    async def stop(self) -> None: ...


class FirstCycle:
    """Whether the poller has polled, at least once, every device it was given when it
    started (devices dropped from its targets meanwhile no longer count; devices added later
    never did). Until then the writer leaves the stale-data check out: a poller starting
    with 100,000 devices reaches them over its first cycle, and one not reached yet is not
    stale. Fed from the event loop's thread; ``done`` is read by the writer thread."""

    def __init__(self) -> None:
        self._unreached: set[int] | None = None
        self.done = threading.Event()

    def targets(self, ids: Iterable[int]) -> None:
        """The poller's targets now (the first call: those of its start)."""
        if self.done.is_set():
            return
        now = set(ids)
        self._unreached = now if self._unreached is None else self._unreached & now
        if not self._unreached:
            self.done.set()

    def reached(self, ids: Iterable[int]) -> None:
        """Devices a batch of results came back for (failed polls count: they were polled)."""
        if self._unreached is None or self.done.is_set():
            return
        self._unreached.difference_update(ids)
        if not self._unreached:
            self.done.set()


class _Writer(threading.Thread):
    """Stores batches from the queue and heartbeats; starts the upkeep passes (stale data,
    rollups, pruning, retrying failed alarm hand-overs to work orders) in a thread of their
    own, one pass at a time (``_run_upkeep``)."""

    def __init__(
        self,
        service: PollerService,
        *,
        host: str | None,
        mark_unknown_at_stop: bool,
        store: StoreProcess | None = None,
        first_cycle: threading.Event | None = None,
    ) -> None:
        """The intervals, the queue's size, the leases and the callbacks are ``service``'s
        settings of the same names; the preventive plans run in the long-running poller's
        writer (the one that marks its devices unknown when it stops), not poll_once's."""
        super().__init__(name="ops-console-writer", daemon=True)
        self.service = service
        self.store = store
        self.first_cycle = first_cycle  # set once the poller's first cycle is done
        self._upkeep: threading.Thread | None = None  # the upkeep pass under way
        # the poll time of the newest result stored: the stale check measures up to it
        self.stored_until: datetime | None = None
        self.preventive = service.preventive if mark_unknown_at_stop else None
        self.leases = service.leases
        self.monitoring = service.monitoring
        self.queue: queue.Queue[_Item] = queue.Queue(service.queue_batches)
        self.host = host
        self.mark_unknown_at_stop = mark_unknown_at_stop
        self.totals = _Totals()
        self.community: str | None = None
        self._rate_mark = (0, time.monotonic())  # results and when, at the last heartbeat
        self.run_id: int | None = None
        self.started_at: datetime | None = None
        self.ready = threading.Event()
        self.failure: BaseException | None = None

    def put(self, item: _Item) -> None:
        self.queue.put(item)  # blocks when full: back-pressure on the poller, never a drop

    def run(self) -> None:
        try:
            if self.leases is not None:
                self.started_at = self.monitoring.clock.now()
                self.run_id = self.leases.start(self.cycle)
            elif self.host is not None:
                self.started_at = self.monitoring.clock.now()
                self.run_id = self.monitoring.start_run(
                    self.host, self.started_at, community=self.community
                )
        except BaseException as exc:  # the loop waits on ready: tell it
            self.failure = exc
            self._close_store()
            self.ready.set()
            return
        self.ready.set()
        mono = time.monotonic
        settings = self.service  # its intervals and witness
        next_beat = mono() + settings.heartbeat_s
        next_upkeep = mono() + settings.upkeep_s
        next_prune = mono() + settings.prune_s
        next_handover = mono()  # at once: alarms left pending by an earlier run
        next_plans = mono()  # at once, then with the upkeep: preventive work now due
        while True:
            # batches in the store process: their replies are taken as they come
            waiting = self.store is not None and self.store.in_flight > 0
            try:
                item = self.queue.get(timeout=0.02 if waiting else min(1.0, settings.heartbeat_s))
            except queue.Empty:
                item = None
            if waiting:
                self._collect()
            if isinstance(item, _Stop):
                self._close_store()  # every batch it was given is stored when it ends
                break
            if item is not None:
                self._store(item)
            if self.run_id is None:
                continue
            now = mono()
            if now >= next_beat:
                next_beat = now + settings.heartbeat_s
                if self.leases is None:  # a registered poller heartbeats from its own thread
                    self._safely(self.monitoring.heartbeat, self.run_id, None, self.cycle())
            if self._upkeep is not None and self._upkeep.is_alive():
                continue  # the last pass still runs: what is due waits for it
            jobs: list[Callable[[], object]] = []
            if now >= next_upkeep and self.started_at is not None:
                next_upkeep = now + settings.upkeep_s
                if self.first_cycle is None or self.first_cycle.is_set():
                    watched = self.leases.watched() if self.leases is not None else None
                    jobs.append(
                        partial(
                            self.monitoring.check_stale,
                            self.started_at,
                            None,
                            watched,
                            self.stored_until,
                        )
                    )
                jobs.append(self.monitoring.rollup)
            if now >= next_prune:
                next_prune = now + settings.prune_s
                jobs.append(self.monitoring.prune)
                if settings.witness is not None:  # a checkpoint of the audit chain, once a day
                    jobs.append(settings.witness)
            if now >= next_handover:
                next_handover = now + settings.handover_s
                # failed alarm hand-overs whose back-off has passed
                jobs.append(self.monitoring.retry_handovers)
            if self.preventive is not None and now >= next_plans:
                next_plans = now + settings.upkeep_s
                jobs.append(self.preventive)
            if jobs:
                self._upkeep = threading.Thread(
                    target=self._run_upkeep, args=(jobs,), name="ops-console-upkeep", daemon=True
                )
                self._upkeep.start()
        if self._upkeep is not None:
            self._upkeep.join()  # the pass under way ends before the run does
        if self.leases is not None:
            self.leases.stop()
        elif self.run_id is not None:
            self._safely(self.monitoring.heartbeat, self.run_id, None, self.cycle())
            self._safely(
                self.monitoring.stop_run,
                self.run_id,
                None,
                mark_unknown=self.mark_unknown_at_stop,
                community=self.community,
            )

    def _run_upkeep(self, jobs: Sequence[Callable[[], object]]) -> None:
        """One upkeep pass (stale data, sealing and rollups, pruning, hand-over retries,
        preventive work), in a thread of its own: the writer keeps handing batches to the
        store process meanwhile (at 100,000 devices a pass took seconds of wall time during
        which nothing was stored and the queue filled)."""
        for job in jobs:
            self._safely(job)

    def _store(self, item: _Results | _Traps) -> None:
        try:
            if isinstance(item, _Results):
                fence = self.leases.fence() if self.leases is not None else None
                if fence is None and self.leases is not None:
                    self.totals.summary.fenced += len(item.batch)  # cut off: not ours any more
                    return
                if self.store is not None:  # pipelined: the replies come back later
                    now = self.monitoring.clock.now()
                    for reply in self.store.send(item.batch, now, fence, item.packed):
                        self._replied(reply)
                    return
                self._stored(item.batch, self.monitoring.store_results(item.batch, None, fence))
            else:
                self._settle()  # the results handed before these traps are stored first
                self.monitoring.handle_traps(item.batch)
                self.totals.traps_stored += len(item.batch)
        except Exception:
            self.totals.store_errors += 1
            kind = "results" if isinstance(item, _Results) else "traps"
            log.exception("storing a batch of %d %s failed", len(item.batch), kind)

    def _stored(self, batch: Sequence[PollResult], got: StoreSummary) -> None:
        self.totals.summary.add(got)
        newest = max(r.at for r in batch) if batch else None
        if newest is not None and (self.stored_until is None or newest > self.stored_until):
            self.stored_until = newest
        if self.service.on_stored is not None:
            self.service.on_stored(got)

    def _replied(self, reply: Reply) -> None:
        """A batch the store process answered for: the hand-over of the alarms it opened or
        cleared here, after its commit; stored here when the process is gone (killed,
        crashed; had it committed the batch before it died, the samples are skipped as
        repeats); a refused batch is logged as any."""
        try:
            if reply.gone:
                if self.store is not None:
                    log.error("the store process is gone: storing in the writer thread")
                    self.store = None
                got = self.monitoring.store_results(reply.results, reply.now, reply.fence)
            elif reply.summary is None:
                raise StoreProcessFailed(reply.error)
            else:
                got = reply.summary
                self.monitoring.after_store(got, reply.now)
            self._stored(reply.results, got)
        except Exception:
            self.totals.store_errors += 1
            log.exception("storing a batch of %d results failed", len(reply.results))

    def _collect(self, *, every: bool = False) -> None:
        """Take the store process's replies that came (``every``: wait for all in flight)."""
        if self.store is not None:
            for reply in self.store.replies(every=every):
                self._replied(reply)

    def _settle(self) -> None:
        """Wait until every batch handed to the store process is stored."""
        self._collect(every=True)

    def _close_store(self) -> None:
        if self.store is not None:
            self._settle()
        if self.store is not None:
            self._safely(self.store.close)
            self.store = None

    @staticmethod
    def _safely(fn: Callable[_P, object], *args: _P.args, **kwargs: _P.kwargs) -> None:
        try:
            fn(*args, **kwargs)
        except Exception:
            log.exception("%s failed", getattr(fn, "__name__", fn))

    def cycle(self) -> dict[str, Any]:
        s = self.totals.summary
        now = time.monotonic()
        last_n, last_t = self._rate_mark
        rate = round((s.devices - last_n) / (now - last_t), 1) if now > last_t else 0.0
        self._rate_mark = (s.devices, now)
        return {
            "rate": rate,
            **_figures(s),
            "traps": self.service.trap_counters(),
            "store_errors": self.totals.store_errors,
            "fenced": s.fenced,
            "devices": len(self.leases.held) if self.leases is not None else None,
        }


# discovery requests precede every v3 inform: normal, not a trap left unmapped
_TRAP_COUNTS_OK = frozenset({"received", "mapped", "informs_acked", "v3_discovery"})


def trap_summary(counts: dict[str, int]) -> str | None:
    """One line naming every kind of trap not mapped (unknown sender, wrong community, v3
    rejections…) with its count, or None when every trap received was mapped."""
    ignored = sorted((k, n) for k, n in counts.items() if n and k not in _TRAP_COUNTS_OK)
    if not ignored:
        return None
    kinds = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in ignored)
    return f"traps not mapped (of {counts.get('received', 0)} received): {kinds}"


class PollerService:
    """Polls every in-service device on its interval, listens for traps, stores it all.

    Attributes:
        trap_port: UDP port of the trap receiver (1162 by default; 0 picks a free one;
            ``None`` disables it).
        witness: called hourly with the upkeep; appends a signed checkpoint of the audit
            chain's head to the witness log when the last one is a day old.
    """

    def __init__(
        self,
        monitoring: MonitoringPort,
        *,
        community: str | None = None,
        trap_host: str = "0.0.0.0",
        trap_port: int | None = 1162,
        max_in_flight: int = 200,
        slow_in_flight: int = 100,
        batch_max: int = 1000,
        queue_batches: int = 64,
        refresh_s: float = 60.0,
        heartbeat_s: float = 30.0,
        upkeep_s: float = 300.0,
        prune_s: float = 3600.0,
        on_stored: Callable[[StoreSummary], None] | None = None,
        handover_s: float = 60.0,
        witness: Callable[[], object] | None = None,
        leases: LeaseKeeper | None = None,
        preventive: Callable[[], object] | None = None,
        sidecar: Sidecar | None = None,
        monotonic: Callable[[], float] | None = None,
        tick_s: float = 0.5,
        first_poll_now: bool = False,
        store_process: bool | None = False,
        own_process: bool = False,
    ) -> None:
        """``sidecar`` runs beside the poller (the demo's agent); ``monotonic`` is the
        scheduler's clock (simulated seconds for a fast demo, with the monitoring clock
        running as fast), ``tick_s`` how often it looks for due devices, and
        ``first_poll_now`` polls every device at once on start instead of spread;
        ``preventive`` generates the preventive work orders now due (at the start, then
        with each upkeep, in the writer thread); ``store_process`` stores results in a
        process of its own (``monitoring.ingest.process``: the poller and the writer on two
        cores) when the database allows it (not an in-memory one); None decides: yes for the
        long-running poller, for ``poll_once`` from 1,000 devices (below, starting the
        process costs more than it saves). ``own_process``: the process is the poller's
        alone (the CLI's, not the console's window): once started, its collector is tuned
        for it (``tune_collector``)."""
        self.own_process = own_process
        self.store_process = store_process
        self.monitoring = monitoring
        self.preventive = preventive
        self.sidecar = sidecar
        self.monotonic = monotonic
        self.tick_s = tick_s
        self.first_poll_now = first_poll_now
        self.witness = witness
        self.leases = leases
        self.community = community
        self.trap_host = trap_host
        self.trap_port = trap_port
        self.max_in_flight = max_in_flight
        self.slow_in_flight = slow_in_flight
        self.batch_max = batch_max
        self.queue_batches = queue_batches
        self.refresh_s = refresh_s
        self.heartbeat_s = heartbeat_s
        self.upkeep_s = upkeep_s
        self.prune_s = prune_s
        self.handover_s = handover_s
        self.on_stored = on_stored
        self.trap_address: tuple[str, int] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._stop_requested = threading.Event()
        self._senders: dict[str, TrapSender] = {}
        self._trap_auth = TrapAuth()  # communities and v3 users the trap receiver accepts
        self._receiver: TrapReceiver | None = None
        self._writer: _Writer | None = None
        self._left = 0
        self._first_cycle = FirstCycle()

    # control (any thread) ---------------------------------------------------------------
    def request_stop(self) -> None:
        """Ask the running poller to stop cleanly; safe from any thread or a signal handler."""
        self._stop_requested.set()
        loop, stop = self._loop, self._stop
        if loop is not None and stop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stop.set)

    def stats(self) -> PollerStats:
        w = self._writer
        s = w.totals.summary if w else StoreSummary()
        return PollerStats(
            running=self._loop is not None,
            run_id=w.run_id if w else None,
            **_figures(s),
            traps=self.trap_counters(),
            queue_depth=w.queue.qsize() if w else 0,
            store_errors=w.totals.store_errors if w else 0,
        )

    def trap_counters(self) -> dict[str, int]:
        r = self._receiver
        return dict(r.counters) if r is not None else {}

    # running -------------------------------------------------------------------------
    def run(self, *, install_signals: bool = True) -> PollerStats:
        """Run until SIGINT/SIGTERM or ``request_stop()``; blocks the calling thread."""
        return asyncio.run(self.run_async(install_signals=install_signals))

    def poll_once(self, community: str | None = None) -> OnceSummary:
        """Poll every in-service device once (of one community), store, and return figures."""
        return asyncio.run(self.once_async(community))

    def _start_writer(
        self,
        *,
        host: str | None,
        mark_unknown: bool,
        devices: int | None = None,
        store: StoreProcess | Literal["decide"] | None = "decide",
    ) -> _Writer:
        if store == "decide":
            store = self.monitoring.store_process() if self._in_process(devices) else None
        self._first_cycle = FirstCycle()  # this run's
        self._writer = _Writer(
            self,
            host=host,
            mark_unknown_at_stop=mark_unknown,
            store=store,
            first_cycle=self._first_cycle.done,
        )
        self._writer.community = self.community
        self._writer.start()
        self._writer.ready.wait()
        if self._writer.failure is not None:
            raise self._writer.failure
        return self._writer

    def _in_process(self, devices: int | None) -> bool:
        """Whether to store in a process of its own (``devices`` None: long-running)."""
        if self.store_process is None:  # long-running, or enough devices to gain
            return devices is None or devices >= STORE_PROCESS_FROM
        return self.store_process

    def _started(self) -> None:
        """Start-up is over (writer and store process started, targets loaded)."""
        if self.own_process:
            tune_collector()

    async def _hand(self, item: _Results | _Traps) -> None:
        writer = self._writer
        assert writer is not None
        if isinstance(item, _Results):
            self._first_cycle.reached(r.device_id for r in item.batch)
            if writer.store is not None and item.packed is None:
                # packed here, on the loop's thread: packed on the writer's, it held the GIL
                # from the loop each time the loop let go of it for a socket call
                item = _Results(item.batch, pack_results(item.batch))
        try:
            writer.queue.put_nowait(item)
        except queue.Full:  # wait in a worker thread: the loop keeps polling meanwhile
            await asyncio.get_running_loop().run_in_executor(None, writer.put, item)

    async def _finish_writer(self) -> None:
        writer = self._writer
        if writer is None:
            return
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, writer.put, _STOP)
        await loop.run_in_executor(None, writer.join)

    def _new_poller(self) -> tuple[SnmpPoller, Scheduler]:
        if self.monotonic is None:
            poller = SnmpPoller(self.monitoring.profiles, self.monitoring.credential)
            sched = Scheduler(
                poller, max_in_flight=self.max_in_flight, slow_in_flight=self.slow_in_flight
            )
            return poller, sched
        # simulated time: results are stamped, rated and scheduled by it
        poller = SnmpPoller(
            self.monitoring.profiles,
            self.monitoring.credential,
            now=self.monitoring.clock.now,
            monotonic=self.monotonic,
        )
        sched = Scheduler(
            poller,
            max_in_flight=self.max_in_flight,
            slow_in_flight=self.slow_in_flight,
            monotonic=self.monotonic,
        )
        return poller, sched

    async def _targets(self) -> list[PollTarget]:
        loop = asyncio.get_running_loop()
        targets: list[PollTarget] = await loop.run_in_executor(
            None, self.monitoring.targets, self.community
        )
        targets = self._selected(targets)
        keeper = self.leases
        if keeper is not None:
            held = keeper.held  # a registered poller polls exactly what it leases
            self._left = sum(1 for t in targets if t.device_id not in held)
            targets = [t for t in targets if t.device_id in held]
        if self.sidecar is not None:
            targets = await self.sidecar.route(targets)
        self._first_cycle.targets(t.device_id for t in targets)
        self._senders = await loop.run_in_executor(None, self.monitoring.trap_senders)
        # the credentials traps are checked against (a keyring may block: off the loop)
        self._trap_auth = await loop.run_in_executor(
            None, trap_auth, targets, self.monitoring.credential
        )
        if self._receiver is not None:
            self._receiver.configure(self._trap_auth)
        return targets

    def _selected(self, targets: list[PollTarget]) -> list[PollTarget]:
        """The targets this service polls, before the leases are applied (all of them; the
        console's "Poll now" polls its selection)."""
        return targets

    def _first_due(self, target: PollTarget) -> float | None:
        keeper = self.leases
        if keeper is None:
            return 0.0 if self.first_poll_now else None
        return keeper.first_delay(target.device_id, target.interval_s, self.monitoring.clock.now())

    async def _start_traps(self) -> asyncio.Task[None] | None:
        if self.trap_port is None:
            return None
        # looked up at each trap: _targets() replaces the senders' map when devices change
        receiver = TrapReceiver(
            self.monitoring.profiles, lambda host: self._senders.get(host), auth=self._trap_auth
        )
        try:
            self.trap_address = await receiver.start(self.trap_host, self.trap_port)
        except OSError as exc:
            log.error(
                "trap receiver cannot listen on %s:%s (%s): polling without traps",
                self.trap_host,
                self.trap_port,
                exc.strerror or exc,
            )
            return None
        self._receiver = receiver
        log.info("listening for traps on %s:%s", *self.trap_address)
        return asyncio.create_task(self._pump_traps(receiver))

    async def _pump_traps(self, receiver: TrapReceiver) -> None:
        while True:
            event: TrapEvent = await receiver.queue.get()
            batch = [event]
            while not receiver.queue.empty() and len(batch) < 500:
                batch.append(receiver.queue.get_nowait())
            await self._hand(_Traps(batch))

    async def _stop_traps(self, task: asyncio.Task[None] | None) -> None:
        receiver = self._receiver
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if receiver is not None:
            receiver.close()
            leftover = []
            while not receiver.queue.empty():
                leftover.append(receiver.queue.get_nowait())
            if leftover:
                await self._hand(_Traps(leftover))
            summary = trap_summary(dict(receiver.counters))
            if summary:
                log.warning("%s", summary)

    def _install_signals(self, loop: asyncio.AbstractEventLoop) -> list[int]:
        installed: list[int] = []
        if threading.current_thread() is not threading.main_thread():
            return installed
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.request_stop)
                installed.append(sig)
            except (NotImplementedError, RuntimeError):  # Windows: SIGINT via KeyboardInterrupt
                pass
        return installed

    async def run_async(self, *, install_signals: bool = True) -> PollerStats:
        """The long-running poller, for a loop the caller owns (the UI's QThread)."""
        loop = asyncio.get_running_loop()
        self._loop = loop
        self._stop = asyncio.Event()
        if self._stop_requested.is_set():
            self._stop.set()
        installed = self._install_signals(loop) if install_signals else []
        await loop.run_in_executor(
            None, lambda: self._start_writer(host=socket.gethostname(), mark_unknown=True)
        )
        poller, sched = self._new_poller()
        trap_task = None
        try:
            if self.sidecar is not None:
                await self.sidecar.start(lambda: self.trap_address)
            await self._targets()  # senders known before the first trap arrives
            trap_task = await self._start_traps()
            self._started()

            async def sink(batch: list[PollResult]) -> None:
                await self._hand(_Results(batch))

            leased = self.leases is not None
            await sched.run(
                self._targets,
                sink,
                self._stop,
                # with leases, what to poll follows them within one heartbeat; a device taken
                # over is first polled one interval after its last poll (within a heartbeat if
                # that is past), one never polled somewhere in its interval
                refresh_s=self.heartbeat_s if leased else self.refresh_s,
                batch_max=self.batch_max,
                first_due=self._first_due if leased or self.first_poll_now else None,
                tick_s=self.tick_s,
            )
        finally:
            if self.sidecar is not None:
                await self.sidecar.stop()
            await self._stop_traps(trap_task)
            poller.close()
            await self._finish_writer()
            for sig in installed:
                loop.remove_signal_handler(sig)
            stats = self.stats()
            self._loop = None
            log.info("poller stopped: %s", stats)
        return stats

    async def once_async(self, community: str | None = None) -> OnceSummary:
        """Poll every target once; results are stored in batches while the rest are polled."""
        started = time.perf_counter()
        if community is not None:
            self.community = community
        if self.sidecar is not None:
            await self.sidecar.start(lambda: None)
        try:
            return await self._once(started)
        finally:
            if self.sidecar is not None:
                await self.sidecar.stop()

    async def _once(self, started: float) -> OnceSummary:
        loop = asyncio.get_running_loop()

        def start(devices: int | None, store: StoreProcess | Literal["decide"] | None) -> None:
            self._start_writer(
                host=socket.gethostname(), mark_unknown=False, devices=devices, store=store
            )

        if self.leases is None:
            # the store process starts first: its start (spawn, imports, the first reads)
            # overlaps loading the targets; a small poll stores in the writer thread after all
            store = None
            if self.store_process is not False:
                store = await loop.run_in_executor(None, self.monitoring.store_process)
            try:
                targets = await self._targets()
            except BaseException:
                if store is not None:
                    store.abort()
                raise
            if store is not None and not self._in_process(len(targets)):
                store.abort()
                store = None
            await loop.run_in_executor(None, start, len(targets), store)
        else:  # registered first: it polls the devices it could take, no others
            await loop.run_in_executor(None, start, None, "decide")
            try:
                targets = await self._targets()
            except BaseException:
                await self._finish_writer()
                raise
        poller, sched = self._new_poller()
        try:
            # every v3 target is registered before the first poll: registering while
            # polling rebuilds pysnmp's tables (quadratic slow-down, false timeouts)
            poller.begin_cycle()
            await poller.prepare(targets)
            self._started()
            # chunks polled concurrently under the scheduler's shared limits: each chunk is
            # stored as soon as it is done, and a dead device holds up only its own chunk
            size = max(1, self.batch_max)
            tasks = [
                asyncio.create_task(sched.run_once(targets[i : i + size]))
                for i in range(0, len(targets), size)
            ]
            for done in asyncio.as_completed(tasks):
                await self._hand(_Results(await done))
        finally:
            poller.close()
            await self._finish_writer()
        totals = self._writer.totals.summary if self._writer else StoreSummary()
        return OnceSummary(
            len(targets),
            totals.ok,
            totals.failed,
            totals.samples,
            time.perf_counter() - started,
            self._left,
        )
