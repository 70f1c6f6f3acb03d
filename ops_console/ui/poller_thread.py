"""The in-app poller: a QThread hosting its own asyncio loop that runs the PollerService.

The loop, its SNMP engine and the service's writer thread never touch a widget: what they
report (state, stored batches) leaves as frozen dataclasses through queued signals, and the
GUI asks the service to stop with its thread-safe ``request_stop()``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal

from ..polling.results import PollTarget
from ..services.pollers import MonitoringPort, OnceSummary, PollerService
from .tasks import TaskControl

if TYPE_CHECKING:
    from ..services.monitoring import StoreSummary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NewAlarm:
    """An alarm a poll opened (copied out of the writer thread's summary)."""

    alarm_id: int
    device_id: int
    rule: str
    severity: str


@dataclass(frozen=True)
class StoredBatch:
    """What one stored batch of results did."""

    at: datetime
    devices: int
    ok: int
    failed: int
    samples: int
    opened: int
    cleared: int
    new_alarms: tuple[NewAlarm, ...] = ()


@dataclass(frozen=True)
class PollerState:
    """The in-app poller as the status bar shows it.

    Attributes:
        state: ``stopped``, ``starting``, ``running``, ``stopping`` or ``failed``.
        last_cycle: when the last batch of results was stored (UTC), if any.
        ok, failed: devices that answered / did not, since the poller started.
        error: why it failed, when ``state == "failed"``.
    """

    state: str = "stopped"
    last_cycle: datetime | None = None
    ok: int = 0
    failed: int = 0
    samples: int = 0
    error: str = ""

    @property
    def running(self) -> bool:
        return self.state in ("starting", "running")


def batch_of(summary: StoreSummary, at: datetime | None = None) -> StoredBatch:
    """Copy a writer thread's StoreSummary into a frozen batch (safe to send across threads)."""
    new = tuple(
        NewAlarm(c.alarm_id, c.device_id, c.rule, c.severity)
        for c in getattr(summary, "changes", ())
        if c.change == "opened"
    )
    return StoredBatch(
        at or datetime.now(UTC),
        summary.devices,
        summary.ok,
        summary.failed,
        summary.samples,
        summary.opened,
        summary.cleared,
        new,
    )


ServiceFactory = Callable[..., Any]
# a "Poll now"'s leases on a shared installation: (community, device ids) -> the service's
# keyword arguments (``leases``; none on SQLite)
OnceLeases = Callable[[str | None, Sequence[int] | None], dict[str, Any]]


class PollerThread(QThread):
    """Runs ``PollerService.run_async`` in this thread's own asyncio loop.

    Signals:
        state_changed(object): a :class:`PollerState`.
        batch_stored(object): a :class:`StoredBatch` (emitted from the writer thread, queued).
    """

    state_changed = Signal(object)
    batch_stored = Signal(object)

    def __init__(
        self,
        monitoring: MonitoringPort,
        factory: ServiceFactory = PollerService,
        options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("ops-console-poller")
        self.monitoring = monitoring
        # built here, on the GUI thread, so request_stop() works even before run() starts;
        # the SNMP engine itself is created by run_async inside this thread's loop
        opts = {"trap_port": None, **(options or {})}
        self.service = factory(monitoring, on_stored=self._on_stored, **opts)
        self._ok = 0
        self._failed = 0
        self._samples = 0
        self._last: datetime | None = None

    def _state(self, state: str, error: str = "") -> PollerState:
        return PollerState(state, self._last, self._ok, self._failed, self._samples, error)

    def _on_stored(self, summary: StoreSummary) -> None:  # the service's writer thread
        batch = batch_of(summary)
        self._ok += batch.ok
        self._failed += batch.failed
        self._samples += batch.samples
        self._last = batch.at
        self.batch_stored.emit(batch)
        self.state_changed.emit(self._state("running"))

    def run(self) -> None:
        self.state_changed.emit(self._state("running"))
        loop = asyncio.new_event_loop()
        error = ""
        try:
            loop.run_until_complete(self.service.run_async(install_signals=False))
        except Exception as exc:  # reported in the status bar, never raised into Qt
            log.exception("the in-app poller failed")
            error = str(exc) or type(exc).__name__
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                loop.close()
        self.state_changed.emit(self._state("failed" if error else "stopped", error))

    def request_stop(self) -> None:
        """Ask the poller to stop (any thread); it drains and closes its run first."""
        self.service.request_stop()


class PollerController(QObject):
    """Starts, stops and reports the in-app poller; the one owner of its thread.

    Signals:
        state_changed(object): a :class:`PollerState` (on the GUI thread).
        batch_stored(object): a :class:`StoredBatch` (on the GUI thread).
    """

    state_changed = Signal(object)
    batch_stored = Signal(object)

    def __init__(
        self,
        monitoring: MonitoringPort,
        factory: ServiceFactory = PollerService,
        options: Callable[[], dict[str, Any]] | None = None,
        connect: Callable[[], MonitoringPort] | None = None,
        once_options: Callable[[], dict[str, Any]] | None = None,
        may_run: bool = True,
        once_leases: OnceLeases | None = None,
    ) -> None:
        """``options`` gives the service's keyword arguments (``max_in_flight``,
        ``trap_port``…) each time the poller starts: Settings changes apply at the next start.
        ``connect``, where given, replaces ``monitoring`` at the first start (a seat of a
        shared installation: the host's poller login, never the person's); its OpsError is
        shown as the poller's failure. ``once_options`` gives those of a "Poll now" while the
        poller is not running (the demo's agent, which the running poller's own agent stands
        in for otherwise). ``may_run`` is False for a person without ``poll.run``: nothing
        starts the poller then (no button, no Settings switch; "Poll now" still works).
        ``once_leases`` gives the leases of a "Poll now" of a community (None: every one) or
        of some devices, on a shared installation (PostgreSQL): that poll takes leases as
        ``poll --once`` does, so it never polls a device a running poller holds."""
        super().__init__()
        self.may_run = may_run
        self.monitoring = monitoring
        self._reach = connect
        self.factory = factory
        self.options = options
        self.once_options = once_options
        self.once_leases = once_leases
        self.worker: PollerThread | None = None  # not ``thread``: that is QObject.thread()
        self.state = PollerState()

    def is_running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def start(self) -> None:
        if self.is_running() or not self.may_run:
            return
        if self._reach is not None:
            from ..domain.errors import OpsError

            try:
                self.monitoring = self._reach()
            except OpsError as exc:
                self._on_state(PollerState("failed", error=str(exc)))
                return
            self._reach = None
        options = self.options() if self.options is not None else None
        thread = PollerThread(self.monitoring, self.factory, options)
        thread.state_changed.connect(self._on_state)
        thread.batch_stored.connect(self.batch_stored)
        self.worker = thread
        self._on_state(PollerState("starting"))
        thread.start()

    def stop(self, wait_ms: int = 0) -> bool:
        """Ask the poller to stop; with ``wait_ms`` wait for it (window close). True if stopped."""
        thread = self.worker
        if thread is None or not thread.isRunning():
            return True
        if self.state.state != "stopping":
            self._on_state(PollerState("stopping", self.state.last_cycle, *self._counts()))
        thread.request_stop()
        return thread.wait(wait_ms) if wait_ms else False

    def toggle(self) -> None:
        if self.is_running():
            self.stop()
        else:
            self.start()

    def _counts(self) -> tuple[int, int, int]:
        return self.state.ok, self.state.failed, self.state.samples

    def _on_state(self, state: PollerState) -> None:
        if self.state.state == "stopping" and state.state == "running":
            return  # a late batch while draining: still stopping
        self.state = state
        self.state_changed.emit(state)


# "Poll now" -----------------------------------------------------------------------------
class _SelectedPoller(PollerService):
    """A PollerService limited to some devices (the Devices page's selection)."""

    def __init__(
        self,
        monitoring: MonitoringPort,
        device_ids: Sequence[int] | None,
        *,
        community: str | None,
        batch_max: int,
        on_stored: Callable[[StoreSummary], None],
        extra: dict[str, Any] | None = None,
    ) -> None:
        """``extra``: more of the service's keyword arguments (the demo's agent)."""
        super().__init__(
            monitoring,
            community=community,
            trap_port=None,  # a poll now listens for no traps
            batch_max=batch_max,
            on_stored=on_stored,
            **(extra or {}),
        )
        self.device_ids = set(device_ids) if device_ids else None
        self.total = 0

    def _selected(self, targets: list[PollTarget]) -> list[PollTarget]:
        if self.device_ids is not None:
            targets = [t for t in targets if t.device_id in self.device_ids]
        return targets

    async def _targets(self) -> list[PollTarget]:
        targets = await super()._targets()  # with leases: those this poll could take
        self.total = len(targets)
        return targets


@dataclass
class PollNowResult:
    """What a "Poll now" did; ``cancelled`` when the user stopped it part-way.
    ``left_to_pollers``: devices not polled because a running poller holds them (a shared
    installation)."""

    devices: int
    ok: int
    failed: int
    samples: int
    seconds: float
    cancelled: bool = False
    batches: list[StoredBatch] = field(default_factory=list)
    left_to_pollers: int = 0


def poll_now(
    monitoring: MonitoringPort,
    control: TaskControl,
    *,
    community: str | None = None,
    device_ids: Sequence[int] | None = None,
    options: dict[str, Any] | None = None,
) -> PollNowResult:
    """Poll some devices once in a private loop (a worker thread), reporting progress.

    ``control`` is the task's :class:`~ops_console.ui.tasks.TaskControl`: cancelling it
    cancels the polls in flight; what was already polled stays stored. ``options`` are more
    of the service's keyword arguments (the demo's agent as ``sidecar``, started and stopped
    with this one poll; on a shared installation the ``leases`` of a one-off poller, as
    ``poll --once`` takes them: it polls only what no running poller holds).
    """
    batches: list[StoredBatch] = []
    done = [0]
    service: _SelectedPoller

    def stored(summary: StoreSummary) -> None:
        batch = batch_of(summary)
        batches.append(batch)
        done[0] += batch.devices
        if service.total:
            control.progress(done[0] / service.total)

    service = _SelectedPoller(
        monitoring,
        device_ids,
        community=community,
        batch_max=25,
        on_stored=stored,
        extra=options,
    )

    async def main() -> tuple[OnceSummary | None, bool]:
        task = asyncio.create_task(service.once_async(community))
        while not task.done():
            if control.cancelled():
                task.cancel()
                try:
                    await task
                except asyncio.CancelledError:
                    return None, True
            await asyncio.wait({task}, timeout=0.1)
        return task.result(), False

    summary, cancelled = asyncio.run(main())
    ok = sum(b.ok for b in batches)
    failed = sum(b.failed for b in batches)
    samples = sum(b.samples for b in batches)
    if summary is not None:
        return PollNowResult(
            summary.devices,
            ok,
            failed,
            samples,
            summary.seconds,
            False,
            batches,
            summary.left_to_pollers,
        )
    return PollNowResult(service.total, ok, failed, samples, 0.0, cancelled, batches)
