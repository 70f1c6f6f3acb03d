"""When each device is polled: start-time jitter, bounded fan-out, a slow lane for the dead.

The living are polled in the main lane with one attempt per request; a device that does not
answer moves to the slow lane, where its retries run (on their own, smaller budget) and,
if it stays dead, its next polls back off exponentially. A dead device therefore never
holds a main-lane slot for longer than one timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import time
import zlib
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass

from ops_console.polling.results import PollResult, PollTarget
from ops_console.polling.snmp import SnmpPoller

log = logging.getLogger(__name__)

TargetsProvider = Callable[[], Sequence[PollTarget] | Awaitable[Sequence[PollTarget]]]
ResultSink = Callable[[list[PollResult]], Awaitable[None] | None]


@dataclass
class _DeviceState:
    target: PollTarget
    next_due: float
    failures: int = 0
    in_flight: bool = False


def jitter_offset(device_id: int, interval_s: float) -> float:
    """Spread first polls evenly over the interval, the same offset for a device every run."""
    return (zlib.crc32(device_id.to_bytes(8, "little", signed=True)) / 0xFFFFFFFF) * interval_s


class Scheduler:
    """Runs an ``SnmpPoller`` over many targets.

    Attributes:
        max_in_flight: main-lane concurrency (living devices).
        slow_in_flight: slow-lane concurrency (devices that did not answer).
        backoff_max_s: cap of the dead devices' back-off.
    """

    def __init__(
        self,
        poller: SnmpPoller,
        *,
        max_in_flight: int = 200,
        slow_in_flight: int = 100,
        backoff_max_s: float = 1800.0,
        cycle_timeout_s: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.poller = poller
        self.max_in_flight = max_in_flight
        self.slow_in_flight = slow_in_flight
        self.backoff_max_s = backoff_max_s
        self.cycle_timeout_s = cycle_timeout_s
        self._mono = monotonic
        self._main = asyncio.Semaphore(max_in_flight)
        self._slow = asyncio.Semaphore(slow_in_flight)
        self._states: dict[int, _DeviceState] = {}

    # -- one device, two lanes --

    async def _poll_device(self, target: PollTarget, known_dead: bool) -> PollResult:
        if not known_dead:
            async with self._main:
                result = await self.poller.poll(target, retries=0, lane="main")
            if result.ok or target.retries == 0 or not _is_timeout(result):
                return result
        async with self._slow:
            # retries of a silent device run here, never in the main lane
            return await self.poller.poll(
                target, retries=max(0, target.retries - (0 if known_dead else 1)), lane="slow"
            )

    def _after(self, state: _DeviceState, result: PollResult, now: float) -> None:
        interval = max(1, state.target.interval_s)
        if result.ok:
            state.failures = 0
            state.next_due = max(state.next_due + interval, now + interval * 0.5)
        else:
            state.failures += 1
            delay = min(interval * (2 ** (state.failures - 1)), max(self.backoff_max_s, interval))
            state.next_due = now + delay

    def backoff_of(self, device_id: int) -> tuple[int, float] | None:
        """(consecutive failures, seconds until the next poll) of a device, for display."""
        st = self._states.get(device_id)
        return None if st is None else (st.failures, max(0.0, st.next_due - self._mono()))

    # -- one cycle --

    async def run_once(self, targets: Iterable[PollTarget]) -> list[PollResult]:
        """Poll every target once, now (no jitter), and return the results in target order."""
        targets = list(targets)
        self.poller.begin_cycle()
        await self.poller.prepare(targets)
        now = self._mono()
        for t in targets:
            st = self._states.get(t.device_id)
            if st is None or st.target != t:
                self._states[t.device_id] = _DeviceState(t, now)
        if self.cycle_timeout_s:
            results = await asyncio.wait_for(self._poll_all(targets), self.cycle_timeout_s)
        else:
            results = await self._poll_all(targets)
        done = self._mono()
        for t, r in zip(targets, results, strict=True):
            self._after(self._states[t.device_id], r, done)
        return list(results)

    async def _poll_all(self, targets: list[PollTarget]) -> list[PollResult]:
        """Every target once, in ``max_in_flight`` workers that each hold one main-lane slot.

        A worker polls one living device after another (no task and no semaphore round per
        device); a device that times out goes on to the slow lane as a task of its own, so
        the worker's slot is held for one timeout at most, as in ``_poll_device``.
        """
        results: list[PollResult | None] = [None] * len(targets)
        slow: list[asyncio.Task[None]] = []
        todo = iter(enumerate(targets))
        poll = self.poller.poll

        async def slow_lane(i: int, target: PollTarget, retries: int) -> None:
            async with self._slow:
                results[i] = await poll(target, retries=retries, lane="slow")

        async def worker() -> None:
            async with self._main:
                for i, t in todo:
                    if self._states[t.device_id].failures > 0:  # known dead: slow lane only
                        slow.append(asyncio.create_task(slow_lane(i, t, t.retries)))
                        continue
                    result = await poll(t, retries=0, lane="main")
                    if result.ok or t.retries == 0 or not _is_timeout(result):
                        results[i] = result
                    else:  # its retries run in the slow lane, never in a main-lane slot
                        slow.append(asyncio.create_task(slow_lane(i, t, t.retries - 1)))

        workers = [
            asyncio.create_task(worker()) for _ in range(min(self.max_in_flight, len(targets)))
        ]
        try:
            await asyncio.gather(*workers)
            while slow:  # slow-lane tasks are only added by workers, all finished now
                batch, slow[:] = list(slow), []
                await asyncio.gather(*batch)
        finally:
            for task in [*workers, *slow]:
                task.cancel()
        assert all(r is not None for r in results)
        return results  # type: ignore[return-value]

    # -- long-running --

    async def run(
        self,
        targets_provider: TargetsProvider,
        sink: ResultSink,
        stop_event: asyncio.Event,
        *,
        tick_s: float = 0.5,
        refresh_s: float = 30.0,
        batch_max: int = 1000,
        first_due: Callable[[PollTarget], float | None] | None = None,
    ) -> None:
        """Poll until ``stop_event`` is set; results go to ``sink`` in batches.

        New devices start at a jittered offset within their interval; failures back off. ``first_due`` may give a new device's first poll in seconds from now
        instead (a device whose previous poller polled it a moment ago).
        The loop never waits for a poll: each device runs as its own task; on stop the
        in-flight polls are cancelled and what already finished is flushed to ``sink``.
        """
        pending: list[PollResult] = []
        tasks: set[asyncio.Task[None]] = set()
        last_refresh = -1e18

        async def poll_one(st: _DeviceState) -> None:
            try:
                result = await self._poll_device(st.target, st.failures > 0)
                self._after(st, result, self._mono())
                pending.append(result)
            finally:
                st.in_flight = False

        try:
            while not stop_event.is_set():
                now = self._mono()
                if now - last_refresh >= refresh_s:
                    last_refresh = now
                    try:
                        await self._refresh(targets_provider, now, first_due)
                    except Exception:
                        log.exception("targets provider failed; keeping the previous targets")
                for st in self._states.values():
                    if not st.in_flight and st.next_due <= now:
                        st.in_flight = True
                        task = asyncio.create_task(poll_one(st))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
                while pending:
                    batch, pending[:] = pending[:batch_max], pending[batch_max:]
                    await _deliver(sink, batch)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop_event.wait(), tick_s)
        finally:
            for task in list(tasks):
                task.cancel()
            if tasks:
                await asyncio.gather(*tasks, return_exceptions=True)
            if pending:
                with contextlib.suppress(Exception):
                    await _deliver(sink, list(pending))

    async def _refresh(
        self,
        provider: TargetsProvider,
        now: float,
        first_due: Callable[[PollTarget], float | None] | None = None,
    ) -> None:
        got = provider()
        targets = await got if inspect.isawaitable(got) else got
        self.poller.begin_cycle()
        fresh: list[PollTarget] = []
        seen: set[int] = set()
        for t in targets:
            seen.add(t.device_id)
            st = self._states.get(t.device_id)
            if st is None:
                delay = first_due(t) if first_due is not None else None
                if delay is None:
                    delay = jitter_offset(t.device_id, t.interval_s)
                self._states[t.device_id] = _DeviceState(t, now + delay)
                fresh.append(t)
            elif st.target != t:
                st.target = t
                fresh.append(t)
        for gone in set(self._states) - seen:
            if not self._states[gone].in_flight:
                del self._states[gone]
                self.poller.forget(gone)
        if fresh:
            await self.poller.prepare(fresh)


def _is_timeout(result: PollResult) -> bool:
    return result.error is not None and result.error.is_timeout


async def _deliver(sink: ResultSink, batch: list[PollResult]) -> None:
    try:
        out = sink(batch)
        if inspect.isawaitable(out):
            await out
    except Exception:
        log.exception("result sink failed for a batch of %d results", len(batch))
