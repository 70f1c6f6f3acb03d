"""The wire form of poll results handed to the store process: read back equal, field for
field, whatever the result holds."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from ops_console.polling.errors import ErrorKind, PollError
from ops_console.polling.results import (
    PollResult,
    Sample,
    StatusReading,
    pack_results,
    unpack_results,
)

AT = datetime(2026, 12, 5, 8, 41, 25, 483716, tzinfo=UTC)


def _results() -> list[PollResult]:
    ok = PollResult(
        7,
        True,
        AT,
        samples=(
            Sample("fill_level", 42.0),
            Sample("lid", 1.0, text="closed"),
            Sample("if.in_octets", 1.5e9, index="3"),
            Sample("battery", None, problem="noSuchObject"),
        ),
        statuses=(StatusReading("lid", 1, "closed", "ok", alarm="lid"),),
        latency_ms=9.586868000042159,
        problems=("counter reset: if.in_octets",),
    )
    failed = PollResult(
        8,
        False,
        AT + timedelta(microseconds=1),
        error=PollError(
            ErrorKind.TIMEOUT, "no answer", {"timeout_s": 1.0, "tries": 2, "host": "h"}, "t"
        ),
        lane="slow",
    )
    # a time in another zone than UTC (a clock that is not the shipped one) keeps its offset
    shanghai = PollResult(9, True, datetime(2026, 12, 5, 16, 0, 0, 1, timezone(timedelta(hours=8))))
    return [ok, failed, shanghai]


def test_results_come_back_equal_field_for_field() -> None:
    results = _results()
    back = unpack_results(pack_results(results))
    assert back == results
    assert [r.at.utcoffset() for r in back] == [r.at.utcoffset() for r in results]
    assert all(type(s) is Sample for r in back for s in r.samples)
    assert back[1].error is not None and back[1].error.params == {
        "timeout_s": 1.0,
        "tries": 2,
        "host": "h",
    }
    assert back[1].error.is_timeout


def test_every_microsecond_survives() -> None:
    # times travel as whole microseconds: none rounds to its neighbour
    times = [AT + timedelta(microseconds=n) for n in range(0, 2_000_000, 99_991)]
    back = unpack_results(pack_results([PollResult(1, True, at) for at in times]))
    assert [r.at for r in back] == times


def test_a_value_marshal_cannot_write_goes_pickled() -> None:
    odd = PollResult(1, True, AT, samples=(Sample("x", Decimal("1.5")),))  # type: ignore[arg-type]
    packed = pack_results([odd])
    assert packed[:1] == b"p"
    assert unpack_results(packed) == [odd]


def test_an_empty_batch_and_bytes_of_something_else() -> None:
    assert unpack_results(pack_results([])) == []
    with pytest.raises(ValueError, match="not a batch of poll results"):
        unpack_results(pickle.dumps([1, 2]))
