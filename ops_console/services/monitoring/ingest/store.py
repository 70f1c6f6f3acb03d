"""Storing a batch of poll results in one transaction: samples, device states, health spans,
the alarm debouncer's states, and the alarms they open or clear.

Bulk statements (Core executemany) for what every poll touches; the ORM only for the
rare alarm. Called by ``MonitoringService.store_results`` with an open write session.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ....db import Session
from ....db.engine import Database
from ....db.repos import monitoring as repo
from ....db.repos import series as series_repo
from ....db.repos.monitoring.rows import RuleStateRow
from ....domain.health import (
    LEVELS_BY_NAME,
    DebouncePolicy,
    DebounceState,
    Level,
    Transition,
    debounce,
)
from ....domain.messages import Msg
from ....polling.results import PollResult
from .. import alarms
from ..series import PendingWrite, SampleIn, SeriesCache, open_rows
from .fence import Fence
from .poll_eval import STALE, UNREACHABLE, EvalMemo, ProfileIndex, evaluate

_CLOSED = DebounceState()
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class StoreSummary:
    """What one ``store_results`` call did."""

    devices: int = 0
    ok: int = 0
    failed: int = 0
    samples: int = 0
    opened: int = 0
    cleared: int = 0
    fenced: int = 0
    changes: list[alarms.AlarmChange] = field(default_factory=list)

    def add(self, other: StoreSummary) -> None:
        self.devices += other.devices
        self.ok += other.ok
        self.failed += other.failed
        self.samples += other.samples
        self.opened += other.opened
        self.cleared += other.cleared
        self.fenced += other.fenced
        self.changes += other.changes


def _state_of(row: RuleStateRow | None) -> DebounceState:
    if row is None:
        return _CLOSED
    return DebounceState(
        open=bool(row.active),
        failing=row.failing,
        passing=row.passing,
        severity=Level.parse(row.level or "ok"),
    )


# stored when they change (and after a keep-alive), numbers every poll
_ON_CHANGE = ("status", "text")


def _kind(index: ProfileIndex | None, name: str) -> str | None:
    """The profile's kind of a stored metric name (``bands.battery[2]`` → its column's)."""
    return index.kind(name) if index is not None else None


def unique_rounds(results: Sequence[PollResult]) -> list[list[PollResult]]:
    """Split results so no device appears twice in one round (bulk updates stay exact)."""
    rounds: list[list[PollResult]] = []
    placed: dict[int, int] = {}
    for r in results:
        i = placed.get(r.device_id, -1) + 1
        placed[r.device_id] = i
        if i == len(rounds):
            rounds.append([])
        rounds[i].append(r)
    return rounds


def store_batch(
    db: Database,
    results: Sequence[PollResult],
    now: datetime,
    fence: Fence | None,
    indices: Mapping[str, ProfileIndex],
    policy: DebouncePolicy,
    cache: SeriesCache,
    memo: EvalMemo | None = None,
) -> StoreSummary:
    """One batch in one write transaction, round by round (``unique_rounds``); with a
    ``fence``, only the results its poller may still store. The series cache learns what
    the batch wrote once it committed; ``memo`` keeps each device's last evaluation that
    passed every rule, so an unchanged one is not evaluated again (``evaluate``). No
    hand-over here: the caller does it after."""
    total = StoreSummary()
    if not results:
        return total
    pending = PendingWrite()
    with db.write() as s:
        if fence is not None:
            kept = fence.admit(s, results)
            total.fenced = len(results) - len(kept)
            results = kept
        for batch in unique_rounds(results):
            total.add(store_round(s, batch, now, indices, policy, cache, pending, memo))
    cache.commit(pending)
    return total


def warm_up(db: Database) -> None:
    """Read what ``store_round`` reads, for no device: the ORM's mappers are configured and
    the statements compiled before the first batch (~0.1 s of CPU a store process would
    otherwise spend on its first results)."""
    with db.read() as s:
        repo.device_meta(s, [0])
        repo.state_rows(s, [0])
        repo.rule_states(s, [0])
        repo.active_window_targets(s, _EPOCH)  # any instant: compiled, not used


def store_round(
    session: Session,
    results: Sequence[PollResult],
    now: datetime,
    indices: Mapping[str, ProfileIndex],
    policy: DebouncePolicy,
    cache: SeriesCache,
    pending: PendingWrite,
    memo: EvalMemo | None = None,
) -> StoreSummary:
    """Store results of distinct devices in the caller's transaction (what the series cache
    learns goes to ``pending``, for the caller to commit after the transaction did)."""
    out = StoreSummary()
    ids = [r.device_id for r in results]
    meta = repo.device_meta(session, ids)
    states = repo.state_rows(session, ids)
    rstates = repo.rule_states(session, ids)
    win_devices, win_communities = repo.active_window_targets(session, now)
    ruled = {d for d, _ in rstates}  # devices with a rule state: every verdict counts
    sample_rows: list[SampleIn] = []
    new_states: list[dict[str, Any]] = []
    state_updates: list[dict[str, Any]] = []
    span_close: list[dict[str, Any]] = []
    span_new: list[dict[str, Any]] = []
    r_ins: list[dict[str, Any]] = []
    r_upd: list[dict[str, Any]] = []
    r_del: list[dict[str, Any]] = []
    transitions: list[tuple[int, str, str, Transition, Any]] = []
    written = memo.written if memo is not None else None
    for r in results:
        m = meta.get(r.device_id)
        if m is None:
            continue  # deleted since it was polled
        dev, tag, category, community_id = m.device_id, m.asset_tag, m.category, m.community_id
        row = states.get(dev)
        stored_summary = row.summary_json if row is not None else None
        prev_summary: dict[str, Any] = _NOTHING
        if r.ok and stored_summary is not None and stored_summary.endswith(_NO_LEVELS):
            prev_levels: dict[str, str] = _NO_LEVELS_KEPT  # no need to parse it
        elif (
            r.ok
            and written is not None
            and (last := written.get(dev)) is not None
            and last[0] == stored_summary
        ):
            prev_levels = last[1]  # the levels this process wrote with it: no need to parse
        else:
            prev_summary = _parse(stored_summary)
            prev_levels = prev_summary.get("levels", {})
        index = indices.get(category)
        ev = evaluate(index, r, prev_levels, tag, memo, dev not in ruled)
        at = r.at
        epoch = int(at.timestamp())
        out.devices += 1
        if r.ok:
            out.ok += 1
        else:
            out.failed += 1
        kinds = index.kinds if index is not None else _NO_KINDS
        for name, value, text in ev.rows:
            kind = kinds.get(name, _UNSEEN)
            if kind is _UNSEEN:
                kind = _kind(index, name)
            if kind == "counter" and value is not None:
                value = round(value, 3)  # a rate: a thousandth per second is plenty
            sample_rows.append((dev, name, epoch, value, text, kind in _ON_CHANGE))
        if r.ok:
            summary = ev.summary  # made for this result: levels added last, not copied
            summary["levels"] = ev.levels
        else:
            summary = {**prev_summary, "error": str(r.error), "levels": ev.levels}
            summary.pop("causes", None)  # down for its poll error (last_error), not for those
        health = ev.health.value
        prev_health = row.health if row is not None else None
        health_since = row.health_since if row is not None else None
        if prev_health != health or health_since is None:
            span_close.append({"b_id": dev, "b_at": at})
            span_new.append({"device_id": dev, "health": health, "starts_at": at, "ends_at": None})
            health_since = at
        failures = 0 if r.ok else ((row.consecutive_failures if row is not None else 0) + 1)
        last_error = _last_error(r)
        summary_json = _to_json(summary)
        if written is not None:
            if ev.levels:
                written[dev] = (summary_json, ev.levels)
            else:
                written.pop(dev, None)  # its summary ends with no level: not parsed anyway
        if row is None:
            new_states.append(
                {
                    "device_id": dev,
                    "health": health,
                    "health_since": health_since,
                    "last_poll_at": at,
                    "last_ok_at": at if r.ok else None,
                    "last_error": last_error,
                    "consecutive_failures": failures,
                    "summary_json": summary_json,
                }
            )
        else:  # only what changed (the columns in one order, so the updates group)
            upd: dict[str, Any] = {"b_id": dev, "last_poll_at": at}
            if r.ok:
                upd["last_ok_at"] = at
            if health != row.health:
                upd["health"] = health
            if health_since != row.health_since:
                upd["health_since"] = health_since
            if last_error != row.last_error:
                upd["last_error"] = last_error
            if failures != row.consecutive_failures:
                upd["consecutive_failures"] = failures
            if summary_json != stored_summary:
                upd["summary_json"] = summary_json
            state_updates.append(upd)
        # a stale-data (no data) alarm clears with the first good poll; after failed polls
        # it lasts until the unreachable alarm opens (below), so one of them always shows
        stale = rstates.get((dev, STALE))
        stale_open = stale is not None and stale.active
        if stale_open and r.ok:
            r_del.append({"b_id": dev, "b_rule": STALE})
            transitions.append((dev, tag, STALE, Transition.CLEAR, "data arrived again"))
            stale_open = False
        in_window = dev in win_devices or community_id in win_communities
        for v in ev.verdicts:
            prow = rstates.get((dev, v.rule))
            if prow is None:
                if v.failing is False:
                    continue  # closed and passing: stays closed, nothing to write (most verdicts)
            elif (
                v.failing
                and prow.active
                and prow.passing == 0
                and not in_window
                and v.severity <= LEVELS_BY_NAME.get(prow.level or "ok", -1)
                and not (stale_open and v.rule == UNREACHABLE)
            ):
                continue  # open and still failing, no worse: the same state, no transition
            st = _state_of(prow)
            failing = None if (v.failing and in_window) else v.failing
            new, tr = debounce(st, failing, v.severity, policy)
            if new != st:
                params = {
                    "failing": new.failing,
                    "passing": new.passing,
                    "active": new.open,
                    "level": new.severity.name.lower(),
                }
                if new == _CLOSED:
                    if prow is not None:
                        r_del.append({"b_id": dev, "b_rule": v.rule})
                elif prow is not None:
                    r_upd.append({"b_id": dev, "b_rule": v.rule, **params})
                else:
                    r_ins.append({"device_id": dev, "rule": v.rule, **params})
            if tr is not Transition.NONE:
                transitions.append((dev, tag, v.rule, tr, (v, new)))
            if stale_open and v.rule == UNREACHABLE and new.open:
                r_del.append({"b_id": dev, "b_rule": STALE})
                transitions.append(
                    (dev, tag, STALE, Transition.CLEAR, "superseded by the unreachable alarm")
                )
                stale_open = False
    appended = open_rows(session, cache, sample_rows, pending)
    series_repo.append(session, appended)
    repo.insert_states(session, new_states)
    repo.update_states(session, state_updates)
    repo.close_spans(session, span_close)
    repo.insert_spans(session, span_new)
    repo.save_rule_states(session, r_ins, r_upd, r_del)
    out.samples = len(appended)
    for dev, tag, rule, tr, extra in transitions:
        if tr is Transition.OPEN:
            v, new = extra
            change = alarms.open_alarm(
                session,
                now=now,
                device_id=dev,
                asset_tag=tag,
                rule=rule,
                severity=new.severity.name.lower(),
                message=v.message or Msg("alarm.recorded", {"text": f"{tag} {rule}"}),
                work_kind=v.work_kind,
            )
            if change is not None:
                out.opened += 1
                out.changes.append(change)
        elif tr is Transition.CLEAR:
            reason = str(extra) if rule == STALE else f"{policy.clear_after} consecutive good polls"
            change = alarms.clear_alarm(session, now=now, device_id=dev, rule=rule, reason=reason)
            if change is not None:
                out.cleared += 1
                out.changes.append(change)
        elif tr is Transition.ESCALATE:
            v, new = extra
            alarms.escalate_alarm(
                session,
                now=now,
                device_id=dev,
                rule=rule,
                severity=new.severity.name.lower(),
                message=v.message or Msg("alarm.recorded", {"text": f"{tag} {rule}"}),
            )
    return out


# json.dumps(summary, ensure_ascii=False, default=str) without a new encoder per call
_to_json = json.JSONEncoder(ensure_ascii=False, default=str).encode
_NO_KINDS: dict[str, str | None] = {}
_UNSEEN = "\0unseen"  # not a kind: the name's kind not looked up yet

# a stored summary whose alarm levels are all ok ends so (``levels`` is its last key)
_NO_LEVELS = '"levels": {}}'
_NOTHING: dict[str, Any] = {}
_NO_LEVELS_KEPT: dict[str, str] = {}


def _parse(summary_json: str | None) -> dict[str, Any]:
    if not summary_json:
        return {}
    try:
        parsed = json.loads(summary_json)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _last_error(r: PollResult) -> str | None:
    """What the device's last poll went wrong with, as a stored message (JSON)."""
    if not r.ok:
        error = r.error.message() if r.error is not None else Msg("poll.timeout_v3")
        return error.dumps()
    if r.problems:
        return Msg("poll.metric_problems", {"detail": "; ".join(r.problems[:3])[:900]}).dumps()
    return None
