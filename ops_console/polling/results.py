"""What goes into the poller and what comes out: immutable values, no database, no Qt.

A target and a result are frozen dataclasses; a sample and a status reading, built for every
value read, are named tuples (built in a third of a frozen dataclass's time).
"""

from __future__ import annotations

import marshal
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from ops_console.polling.errors import ErrorKind, PollError
from ops_console.polling.profiles import ProbeSpec

VERSIONS = ("v1", "v2c", "v3", "none")
__all__ = ["ErrorKind", "PollError", "PollResult", "PollTarget", "Sample", "StatusReading"]


@dataclass(frozen=True)
class PollTarget:
    """One device to poll.

    Attributes:
        device_id: the device's database id (opaque to the poller).
        address: IPv4/IPv6 literal or host name.
        port: SNMP UDP port (161).
        version: ``v1``, ``v2c``, ``v3`` or ``none`` (probe only).
        credential: name of the credential (community or v3 user) in the secret store.
        category: profile code (``smart_bin``).
        probe: an explicit probe; when ``None`` the profile's default probe is used for
            ``version="none"`` (or ICMP if the profile has none).
        interval_s: polling interval in seconds.
        timeout_s: per-request timeout; ``retries``: resends after a timeout.
    """

    device_id: int
    address: str
    port: int = 161
    version: str = "v2c"
    credential: str | None = None
    category: str = "network"
    probe: ProbeSpec | None = None
    interval_s: int = 60
    timeout_s: float = 1.0
    retries: int = 1


class Sample(NamedTuple):
    """One value read from a device.

    Attributes:
        metric: the profile's metric key; a table column is ``<table>.<column>``.
        value: the number after scaling (a rate per second for counters), or ``None``.
        text: the text of a ``text`` metric, or the state name of a ``status`` metric.
        index: the table row index (``None`` for scalars).
        problem: why there is no value (noSuchObject, wrong type, absurd value, counter reset).
    """

    metric: str
    value: float | None
    text: str | None = None
    # the field shadows tuple.index (a method nobody calls on a sample): mypy's objection
    index: str | None = None  # type: ignore[assignment]
    problem: str | None = None


class StatusReading(NamedTuple):
    """A status metric's raw code mapped through the profile."""

    metric: str
    code: int | None
    state: str | None
    severity: str
    index: str | None = None  # type: ignore[assignment]  # shadows tuple.index, as in Sample
    alarm: str | None = None


@dataclass(frozen=True)
class PollResult:
    """The outcome of polling one device once.

    ``ok`` says the device answered; ``error`` says why not: its ``kind`` (timeout,
    unreachable, v3 authentication, unresolvable name, credential...) and its detail. Per-metric
    problems of a device that did answer are in ``Sample.problem``.
    """

    device_id: int
    ok: bool
    at: datetime
    samples: tuple[Sample, ...] = ()
    statuses: tuple[StatusReading, ...] = ()
    error: PollError | None = None
    latency_ms: float | None = None
    lane: str = "main"
    problems: tuple[str, ...] = field(default=())

    def __reduce__(self) -> tuple[Callable[..., PollResult], tuple[object, ...]]:
        """Pickled as plain tuples: the poller hands thousands a second to its store process,
        and the dataclass's default (a dict of fields, each sample a named tuple rebuilt by
        its class) took twice the pickling CPU in the poller's process."""
        return (
            _unpickled,
            (
                self.device_id,
                self.ok,
                self.at,
                tuple(map(tuple, self.samples)),
                tuple(map(tuple, self.statuses)),
                self.error,
                self.latency_ms,
                self.lane,
                self.problems,
            ),
        )


_sample = Sample._make
_status = StatusReading._make


def _unpickled(
    device_id: int,
    ok: bool,
    at: datetime,
    samples: tuple[tuple[Any, ...], ...],
    statuses: tuple[tuple[Any, ...], ...],
    error: PollError | None,
    latency_ms: float | None,
    lane: str,
    problems: tuple[str, ...],
) -> PollResult:
    """``PollResult.__reduce__``'s other half (the fields set as ``__init__`` would)."""
    result = object.__new__(PollResult)
    result.__dict__.update(
        device_id=device_id,
        ok=ok,
        at=at,
        samples=tuple(map(_sample, samples)),
        statuses=tuple(map(_status, statuses)),
        error=error,
        latency_ms=latency_ms,
        lane=lane,
        problems=problems,
    )
    return result


# The wire form of a batch of results handed to the store process (``pack_results``): plain
# tuples of numbers and strings, written by ``marshal`` (C, no Python call per object: the
# pickle of dataclasses called ``__reduce__`` for each result, and on the poller's writer
# thread that cost 12-13 us of CPU per result against the event loop for the GIL, 3.4 us
# alone). Times travel as whole microseconds since the epoch when in UTC (exact), else as ISO
# text; a batch ``marshal`` cannot write (a value of another type) goes pickled instead.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)
_MARSHAL, _PICKLE = b"m", b"p"


def _time_out(at: datetime) -> int | str:
    return (at - _EPOCH) // _MICRO if at.tzinfo is UTC else at.isoformat()


def _time_in(at: int | str) -> datetime:
    return (
        _EPOCH + timedelta(microseconds=at) if isinstance(at, int) else datetime.fromisoformat(at)
    )


def _error_out(e: PollError | None) -> tuple[object, ...] | None:
    return None if e is None else (e.kind.value, e.detail, tuple(e.params.items()), e.code)


def _error_in(e: tuple[Any, ...] | None) -> PollError | None:
    return None if e is None else PollError(ErrorKind(e[0]), e[1], dict(e[2]), e[3])


def pack_results(results: Sequence[PollResult]) -> bytes:
    """A batch of results as bytes for another process (``unpack_results`` reads it back
    equal, field for field)."""
    rows: tuple[Any, ...] = tuple(
        (
            r.device_id,
            r.ok,
            _time_out(r.at),
            tuple(map(tuple, r.samples)),
            tuple(map(tuple, r.statuses)),
            _error_out(r.error),
            r.latency_ms,
            r.lane,
            r.problems,
        )
        for r in results
    )
    try:
        return _MARSHAL + marshal.dumps(rows)
    except ValueError:  # a value marshal does not write
        return _PICKLE + pickle.dumps(list(results), protocol=pickle.HIGHEST_PROTOCOL)


def unpack_results(data: bytes) -> list[PollResult]:
    """The results ``pack_results`` wrote."""
    if data[:1] == _PICKLE:
        got: list[PollResult] = pickle.loads(data[1:])
        return got
    if data[:1] != _MARSHAL:
        raise ValueError("not a batch of poll results")
    new = object.__new__
    out: list[PollResult] = []
    for device_id, ok, at, samples, statuses, error, latency_ms, lane, problems in marshal.loads(
        data[1:]
    ):
        result = new(PollResult)
        result.__dict__.update(
            device_id=device_id,
            ok=ok,
            at=_time_in(at),
            samples=tuple(map(_sample, samples)),
            statuses=tuple(map(_status, statuses)),
            error=_error_in(error),
            latency_ms=latency_ms,
            lane=lane,
            problems=problems,
        )
        out.append(result)
    return out
