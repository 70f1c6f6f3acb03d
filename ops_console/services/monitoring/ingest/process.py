"""Storing poll results in a process of its own, so the poller and the writer use both cores.

Evaluating and writing a result costs about as much CPU as polling it, and one Python process
runs one thread at a time (the GIL): in one process, storing halves the poller. The poller's
writer thread hands each batch to a child process instead (``StoreProcess.store``): the child
opens the same database, evaluates and writes the batch in one transaction
(``ingest.store.store_batch``, as ``MonitoringService.store_batch`` does) and sends back the ``StoreSummary``; the parent hands the
alarms it opened or cleared over to work orders (``MonitoringService.after_store``).

Shared nothing: the child has its own connection, profiles and series cache; batches and
summaries travel pickled over a pipe, one batch at a time, so the writer's bounded queue still
slows the poller when storing falls behind. The child ignores SIGINT (Ctrl+C stops the parent,
which drains its queue into the child before telling it to end), and ends by itself when the
parent's end of the pipe closes. ``spawn`` everywhere: the same start on Linux, Windows and
macOS, and no fork of a process that runs threads.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from ....domain.errors import OpsError
from ....domain.health import DebouncePolicy
from ....polling.profiles import Profile
from ....polling.results import PollResult
from .fence import Fence
from .store import StoreSummary

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

log = logging.getLogger(__name__)


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


class StoreProcess:
    """A child process that stores batches of poll results (see the module's text)."""

    def __init__(self, spec: StoreSpec) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc: BaseProcess = ctx.Process(
            target=_serve, args=(child, spec), name="ops-console-store", daemon=True
        )
        self._proc.start()
        child.close()  # the parent's copy: the child sees EOF when the parent's end closes

    @property
    def pid(self) -> int | None:
        return self._proc.pid

    @property
    def alive(self) -> bool:
        return self._proc.is_alive()

    def store(
        self, results: Sequence[PollResult], now: datetime, fence: Fence | None
    ) -> StoreSummary:
        """Store one batch in the child's transaction; raises StoreProcessFailed when the
        child refused it (nothing of it was written), StoreProcessGone when it is gone."""
        try:
            self._conn.send((list(results), now, fence))
            kind, payload = self._conn.recv()
        except (EOFError, OSError) as exc:
            self._proc.join(1)
            raise StoreProcessGone(
                f"the store process ended (exit code {self._proc.exitcode})"
            ) from exc
        if kind == "error":
            raise StoreProcessFailed(str(payload))
        assert isinstance(payload, StoreSummary)
        return payload

    def close(self, timeout: float = 30.0) -> None:
        """Tell the child to end once it stored what it has, and wait for it."""
        with contextlib.suppress(OSError):  # already gone
            self._conn.send(None)
        self._proc.join(timeout)
        if self._proc.is_alive():
            log.error("the store process did not end within %.0f s: terminated", timeout)
            self._proc.terminate()
            self._proc.join(5)
        self._conn.close()


def _serve(conn: Connection, spec: StoreSpec) -> None:
    """The child: store every batch received until None or EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s store: %(message)s")
    from ....db.engine import Database
    from ....polling.profiles import load_profiles
    from ..series import SeriesCache
    from .poll_eval import ProfileIndex
    from .store import store_batch

    try:
        db = Database(spec.url, person=spec.person)
        profiles = spec.profiles if spec.profiles is not None else load_profiles()
        indices = {code: ProfileIndex(p) for code, p in profiles.items()}
        cache = SeriesCache()
    except Exception as exc:  # refuse every batch with the reason, so the parent says it
        reason = f"the store process cannot start: {exc}"
        while (msg := _recv(conn)) is not None:
            conn.send(("error", reason))
        return
    try:
        while (msg := _recv(conn)) is not None:
            results, now, fence = msg
            try:
                summary = store_batch(db, results, now, fence, indices, spec.policy, cache)
            except Exception as exc:
                log.error("storing a batch failed:\n%s", traceback.format_exc())
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
            else:
                conn.send(("ok", summary))
    finally:
        db.dispose()
        conn.close()


def _recv(conn: Connection) -> tuple[list[PollResult], datetime, Fence | None] | None:
    try:
        msg: tuple[list[PollResult], datetime, Fence | None] | None = conn.recv()
    except (EOFError, OSError):
        return None  # the parent is gone
    return msg
