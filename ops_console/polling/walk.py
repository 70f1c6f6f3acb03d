"""Reading values through any ``Session``: scalars in one GET (split on tooBig), table columns
by GETBULK walk with automatic fall-back to GETNEXT."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ops_console.polling import ber
from ops_console.polling.ber import Value, oid_body
from ops_console.polling.transport import Session, SnmpFailure

log = logging.getLogger(__name__)

MAX_BULK_VARBINDS = 48


async def get_scalars(session: Session, oids: Sequence[str], v1: bool) -> dict[str, Value]:
    """GET all ``oids`` in one request; split on tooBig; drop v1 noSuchName OIDs and retry.

    Returns every OID mapped to its value (noSuchObject for names a v1 agent refused).
    """
    out: dict[str, Value] = {}
    pending = [list(oids)]
    while pending:
        chunk = pending.pop()
        if not chunk:
            continue
        reply = await session.request(ber.GET, chunk)
        if reply.error_status == ber.TOO_BIG:
            if len(chunk) == 1:
                raise SnmpFailure(f"agent answered tooBig for the single OID {chunk[0]}")
            mid = len(chunk) // 2
            pending += [chunk[:mid], chunk[mid:]]
            continue
        if reply.error_status == ber.NO_SUCH_NAME and 1 <= reply.error_index <= len(chunk):
            bad = chunk[reply.error_index - 1]
            out[bad] = Value(ber.NO_SUCH_OBJECT, None)
            pending.append([o for o in chunk if o != bad])
            continue
        if reply.error_status:
            raise SnmpFailure(
                f"agent error {_status_name(reply.error_status)} (index {reply.error_index})"
            )
        if len(reply.oids) != len(chunk):
            raise SnmpFailure(f"agent returned {len(reply.oids)} values for {len(chunk)} OIDs")
        # names matched as BER bytes: no dotted string is written for an answer that fits
        for asked, name, value in zip(chunk, reply.oids, reply.values, strict=True):
            out[asked] = value if name == oid_body(asked) else Value(ber.NO_SUCH_INSTANCE, None)
    return out


def _status_name(status: int) -> str:
    return (
        ber.ERROR_STATUS[status]
        if 0 <= status < len(ber.ERROR_STATUS)
        else f"error-status {status}"
    )


def _oid_key(oid: str) -> tuple[int, ...]:
    return tuple(int(x) for x in oid.split("."))


async def walk_columns(
    session: Session, columns: Sequence[str], max_rows: int, use_bulk: bool
) -> tuple[dict[str, dict[str, Value]], bool]:
    """Walk table columns side by side; returns ({column: {index: value}}, used_bulk).

    GETBULK first (never on v1); an agent that mishandles it (error, empty or
    non-increasing answer, timeout after it answered the GET) is walked again with GETNEXT.
    """
    if use_bulk:
        try:
            return await _walk(session, columns, max_rows, bulk=True), True
        except _BulkMishandled as exc:
            log.info("GETBULK mishandled (%s); falling back to GETNEXT", exc)
    return await _walk(session, columns, max_rows, bulk=False), False


class _BulkMishandled(Exception):
    pass


async def _walk(
    session: Session, columns: Sequence[str], max_rows: int, bulk: bool
) -> dict[str, dict[str, Value]]:
    rows: dict[str, dict[str, Value]] = {c: {} for c in columns}
    cursors = {c: c for c in columns}
    active = list(columns)
    requests = 0
    while active:
        requests += 1
        if requests > max_rows + 10:
            raise SnmpFailure("table walk did not end (agent loops)")
        if bulk:
            reps = max(1, MAX_BULK_VARBINDS // len(active))
            try:
                reply = await session.request(ber.GETBULK, [cursors[c] for c in active], 0, reps)
            except SnmpFailure as exc:
                if exc.timeout:
                    raise _BulkMishandled("timeout on GETBULK") from None
                raise
            if reply.error_status or not reply.varbinds:
                raise _BulkMishandled(
                    f"GETBULK answered {_status_name(reply.error_status)} with {len(reply.varbinds)} values"
                )
        else:
            reply = await session.request(ber.GETNEXT, [cursors[c] for c in active])
            if reply.error_status == ber.NO_SUCH_NAME and 1 <= reply.error_index <= len(active):
                active.pop(reply.error_index - 1)  # v1 end of the MIB for that column
                continue
            if reply.error_status:
                raise SnmpFailure(f"table walk: agent error {_status_name(reply.error_status)}")
            if len(reply.varbinds) != len(active):
                raise SnmpFailure("table walk: wrong number of values in GETNEXT answer")
        done: set[str] = set()
        for i, (name, value) in enumerate(reply.varbinds):
            col = active[i % len(active)]
            if col in done:
                continue
            if value.tag == ber.END_OF_MIB_VIEW or not name.startswith(col + "."):
                done.add(col)
                continue
            if _oid_key(name) <= _oid_key(cursors[col]):
                if bulk:
                    raise _BulkMishandled("non-increasing OID in GETBULK answer")
                raise SnmpFailure(f"table walk: agent returned non-increasing OID {name}")
            rows[col][name[len(col) + 1 :]] = value
            cursors[col] = name
            if len(rows[col]) >= max_rows:
                done.add(col)
        active = [c for c in active if c not in done]
    return rows
