"""Storing poll results in a process of its own, so the poller and the writer use both cores.

Evaluating and writing a result costs about as much CPU as polling it, and one Python process
runs one thread at a time (the GIL): in one process, storing halves the poller. The poller's
writer thread hands each batch to a child process instead (``StoreProcess.send``): the child
opens the same database, evaluates and writes the batch in one transaction
(``ingest.store.store_batch``, as ``MonitoringService.store_batch`` does) and sends back the
``StoreSummary``; the parent hands the alarms it opened or cleared over to work orders
(``MonitoringService.after_store``).

Shared nothing: the child has its own connection, profiles and series cache; batches and
summaries travel over two one-way pipes (a batch's results in ``pack_results``'s wire form,
the rest pickled). Batches are pipelined: the writer hands the
next ones (``StoreProcess.send``, at most ``depth`` in flight) while the child stores, so the
child does not wait for the parent between batches; a thread of the parent reads the
summaries as they come, in the order the batches went (the child's pipe never fills with
unread summaries while the parent waits to send). Once ``depth`` batches are in flight,
``send`` waits for the oldest, so the writer's bounded queue still slows the poller when
storing falls behind. The child ignores SIGINT (Ctrl+C stops the parent, which drains its
queue into the child before telling it to end), and ends by itself when the parent's end of
the pipe closes. ``spawn`` everywhere: the same start on Linux, Windows and macOS, and no
fork of a process that runs threads. The child opens the database and reads once before it
takes the first batch (the ORM's mappers configured, the first statements compiled), so a
long-running poller pays that once, at its start, not with its first results; then it
tunes its garbage collector (``tune_collector``).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import queue
import signal
import threading
import traceback
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from ....domain.errors import OpsError
from ....domain.health import DebouncePolicy
from ....polling.profiles import Profile
from ....polling.results import PollResult, pack_results, unpack_results
from .fence import Fence
from .store import StoreSummary

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

log = logging.getLogger(__name__)


# young objects between two collections of the youngest generation in a process of the
# polling pipeline (Python's default: 700)
YOUNG_COLLECTION = 10_000


def tune_collector() -> None:
    """The garbage collector of a process that only polls or only stores (the CLI's poller,
    the store process), once its start-up is over. What start-up built (modules, services,
    the ORM's mappers and compiled statements, profiles, targets) lives as long as the
    process: it is frozen out of the collector's scans. And the youngest generation is
    collected after 10,000 new objects, not 700: polling and storing allocate a few objects
    per value, nearly all freed by reference counting at once, yet every 700 allocations
    started a collection and every hundredth a scan of all that lived. In
    ``benchmarks/poll_store.py``'s running cycles (10,000 devices, load 3-5) the poller's
    process spent 0.8 s in collections over 5 cycles, a full scan 62 ms; 0.16 s once tuned;
    the store process 0.048 -> 0.042 ms of CPU per result."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION, 10, 10)


class StoreProcessFailed(OpsError):
    """The store process refused a batch (the reason is its error), or is gone."""


class StoreProcessGone(StoreProcessFailed):
    """The store process ended (killed, crashed): the batch may or may not be stored."""


@dataclass(frozen=True)
class StoreSpec:
    """What the child needs to store as the parent would: the database (its URL with the
    password: it travels over the pipe to the child only), the person a seat connects as,
    the profiles when they are not the shipped ones, and the debouncer's policy."""

    url: str
    person: str | None
    profiles: Mapping[str, Profile] | None
    policy: DebouncePolicy


@dataclass
class Reply:
    """What became of one batch sent to the store process: its ``summary`` when stored, the
    reason the child refused it (``error``: nothing of it was written), or ``gone`` when the
    child ended before it answered (the batch may or may not be stored)."""

    results: Sequence[PollResult]
    now: datetime
    fence: Fence | None
    summary: StoreSummary | None = None
    error: str | None = None
    gone: bool = False


_GONE = ("gone", None)


class StoreProcess:
    """A child process that stores batches of poll results (see the module's text)."""

    def __init__(self, spec: StoreSpec, depth: int = 3) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.depth = max(1, depth)
        batches_in, self._batches = ctx.Pipe(duplex=False)  # parent → child
        self._replies, replies_out = ctx.Pipe(duplex=False)  # child → parent
        self._proc: BaseProcess = ctx.Process(
            target=_serve,
            args=(batches_in, replies_out, spec),
            name="ops-console-store",
            daemon=True,
        )
        self._proc.start()
        # the parent's copies: the child sees EOF when the parent's end closes, and the parent
        # when the child's does
        batches_in.close()
        replies_out.close()
        self._in_flight: deque[Reply] = deque()
        self._answers: queue.SimpleQueue[tuple[str, object]] = queue.SimpleQueue()
        self._gone = False
        self._reader = threading.Thread(
            target=self._read, name="ops-console-store-replies", daemon=True
        )
        self._reader.start()

    @property
    def pid(self) -> int | None:
        return self._proc.pid

    @property
    def alive(self) -> bool:
        return self._proc.is_alive()

    @property
    def in_flight(self) -> int:
        """Batches sent whose reply was not returned yet."""
        return len(self._in_flight)

    def _read(self) -> None:
        """The parent's reading thread: every reply, in order, then ``gone`` at EOF."""
        while True:
            try:
                msg: tuple[str, object] = self._replies.recv()
            except (EOFError, OSError):
                self._answers.put(_GONE)
                return
            self._answers.put(msg)

    def send(
        self,
        results: Sequence[PollResult],
        now: datetime,
        fence: Fence | None,
        packed: bytes | None = None,
    ) -> list[Reply]:
        """Hand one batch to the child, to be stored in a transaction of its own; returns the
        replies that came meanwhile, oldest first (waiting for the oldest first when
        ``depth`` batches are in flight). ``packed``: the results as ``pack_results`` wrote
        them, when the caller packed them already. Once the child is gone, every batch sent and
        not answered, this one included, comes back ``gone``."""
        out = self.replies(block=len(self._in_flight) >= self.depth)
        batch = Reply(list(results), now, fence)
        self._in_flight.append(batch)
        if not self._gone:
            try:
                self._batches.send((packed or pack_results(results), now, fence))
            except OSError:
                self._gone = True
        if self._gone:
            out += self.replies(block=False)
        return out

    def replies(self, *, block: bool = False, every: bool = False) -> list[Reply]:
        """The replies received, oldest first: none waited for, or (``block``) at least the
        oldest batch's, or (``every``) every batch's in flight."""
        out: list[Reply] = []
        while self._in_flight:
            wait = every or (block and not out)
            if self._gone:
                kind, payload = _GONE
            else:
                try:
                    kind, payload = self._answers.get() if wait else self._answers.get_nowait()
                except queue.Empty:
                    break
            batch = self._in_flight.popleft()
            if kind == "gone":
                self._gone = True
                self._proc.join(1)
                batch.gone = True
            elif kind == "error":
                batch.error = str(payload)
            else:
                assert isinstance(payload, StoreSummary)
                batch.summary = payload
            out.append(batch)
        return out

    def store(
        self, results: Sequence[PollResult], now: datetime, fence: Fence | None
    ) -> StoreSummary:
        """Store one batch and wait for it (nothing else in flight); raises
        StoreProcessFailed when the child refused it (nothing of it was written),
        StoreProcessGone when it is gone."""
        if self._in_flight:
            raise RuntimeError("store() with batches in flight: use send() and replies()")
        self.send(results, now, fence)
        (reply,) = self.replies(every=True)
        if reply.gone:
            raise StoreProcessGone(f"the store process ended (exit code {self._proc.exitcode})")
        if reply.error is not None:
            raise StoreProcessFailed(reply.error)
        assert reply.summary is not None
        return reply.summary

    def abort(self) -> None:
        """End the child at once, unused (nothing was sent to it)."""
        self._proc.terminate()
        self._proc.join(5)
        self._batches.close()
        self._reader.join(5)
        self._replies.close()

    def close(self, timeout: float = 30.0) -> None:
        """Tell the child to end once it stored what it has, and wait for it (the replies of
        batches still in flight are dropped: take them with ``replies(every=True)`` first)."""
        with contextlib.suppress(OSError):  # already gone
            self._batches.send(None)
        self._proc.join(timeout)
        if self._proc.is_alive():
            log.error("the store process did not end within %.0f s: terminated", timeout)
            self._proc.terminate()
            self._proc.join(5)
        self._batches.close()
        self._reader.join(5)
        self._replies.close()


def _serve(conn: Connection, out: Connection, spec: StoreSpec) -> None:
    """The child: store every batch received on ``conn`` until None or EOF, each reply on
    ``out``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s store: %(message)s")
    from ....db.engine import Database
    from ....polling.profiles import load_profiles
    from ..series import SeriesCache
    from .poll_eval import EvalMemo, ProfileIndex
    from .store import store_batch, warm_up

    try:
        db = Database(spec.url, person=spec.person)
        profiles = spec.profiles if spec.profiles is not None else load_profiles()
        indices = {code: ProfileIndex(p) for code, p in profiles.items()}
        cache = SeriesCache()
        memo = EvalMemo()
        warm_up(db)
        tune_collector()
    except Exception as exc:  # refuse every batch with the reason, so the parent says it
        reason = f"the store process cannot start: {exc}"
        while (msg := _recv(conn)) is not None:
            out.send(("error", reason))
        return
    try:
        while (msg := _recv(conn)) is not None:
            packed, now, fence = msg
            try:
                results = unpack_results(packed)
                summary = store_batch(db, results, now, fence, indices, spec.policy, cache, memo)
            except Exception as exc:
                log.error("storing a batch failed:\n%s", traceback.format_exc())
                out.send(("error", f"{type(exc).__name__}: {exc}"))
            else:
                out.send(("ok", summary))
    finally:
        db.dispose()
        conn.close()
        out.close()


def _recv(conn: Connection) -> tuple[bytes, datetime, Fence | None] | None:
    try:
        msg: tuple[bytes, datetime, Fence | None] | None = conn.recv()
    except (EOFError, OSError):
        return None  # the parent is gone
    return msg
