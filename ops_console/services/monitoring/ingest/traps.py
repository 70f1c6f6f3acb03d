"""Mapped notifications (traps, informs) → alarms and care alerts, under the same rule names
the poller uses, so a condition seen both ways is one alarm.

- **Rule names.** A polled table column alarms per row (``band_battery_low:3`` for the
  wristband in row 3, ``link_down:2`` for interface 2). A trap about one row names it in a
  varbind under the mapping's ``subject_oid`` (the band-id column ``…6.2.1.1.3``, ``ifIndex.2``):
  the row index is that varbind OID's suffix, and the trap's rule becomes ``<rule>:<index>``.
  Scalars (a bin's ``bin_overflow``, a gate's ``manual_passage_failed``) share the plain name.
- **One state.** When a trap opens an alarm the poll can also judge (a threshold, or a status
  with a failing state), the poll debouncer's state for that rule is set open too: the poll's
  M good readings then clear it, and the poll's own opening counts as a repeat. A clear trap
  resets that state, so a condition still failing is raised again by N polls. Rules the poll
  cannot judge (an interface's oper status, "down" being normal for an unused port) stay the
  traps' own: opened and cleared by traps only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from ....db import Session
from ....db.repos import monitoring as repo
from ....domain.health import Level
from ....domain.messages import Localized, Msg
from ....polling.profiles import MetricSpec, Profile, TrapMapping
from ....polling.traps import TrapEvent
from .. import alarms
from .poll_eval import MAX_METRIC_LEN

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrapSummary:
    alarms_opened: int
    alarms_cleared: int
    care_alerts: int
    ignored: int


def _verdicts(spec: MetricSpec) -> bool:
    """Whether a poll of ``spec`` gives its rule a verdict (a threshold or a status)."""
    return spec.threshold is not None or spec.kind == "status"


def _judged(spec: MetricSpec) -> bool:
    """Whether a poll of ``spec`` can say its rule fails (and so also that it recovered)."""
    if spec.threshold is not None:
        return True
    return spec.kind == "status" and any(s.severity != "ok" for s in spec.states)


class TrapRules:
    """A profile's alarm rules as traps and polls share them.

    Attributes:
        polled: rule → whether the poll names it per table row (``<rule>:<row>``).
        judged: the rules whose poll can fail, and so can also clear a trap's alarm.
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.polled: dict[str, bool] = {}
        self.judged: set[str] = set()
        specs = [(m, False) for m in profile.metrics]
        specs += [(c, True) for t in profile.tables for c in t.columns]
        for spec, per_row in specs:
            if _verdicts(spec):
                self.polled[spec.rule] = per_row
            if _judged(spec):
                self.judged.add(spec.rule)

    def mapping(self, event: TrapEvent) -> TrapMapping | None:
        found = self.profile.trap(event.trap_oid)
        if found is not None and found.rule == event.rule:
            return found
        return next(
            (t for t in self.profile.traps if t.action == event.action and t.rule == event.rule),
            None,
        )

    def rule_of(self, event: TrapEvent) -> str:
        """The alarm rule a trap event opens or clears, named as the poll names it."""
        if not self.polled.get(event.rule, False):
            return event.rule
        mapping = self.mapping(event)
        index = row_index(event.varbinds, mapping.subject_oid if mapping else None)
        if index is None:
            log.info(
                "trap %s (%s) names no row under %s: alarm %r kept apart from the polled rows",
                event.trap_oid,
                event.rule,
                mapping.subject_oid if mapping else "its mapping",
                event.rule,
            )
            return event.rule
        return f"{event.rule}:{index}"[:MAX_METRIC_LEN]

    def poll_judges(self, rule: str) -> bool:
        """Whether the poll judges this very rule name (a row's rule only with its row)."""
        base, _, index = rule.partition(":")
        return base in self.judged and self.polled.get(base) == bool(index)


def row_index(varbinds: Iterable[tuple[str, str]], subject_oid: str | None) -> str | None:
    """The table row a trap is about: the suffix of its varbind under ``subject_oid``
    (``…6.2.1.1.3`` → ``3``; ``ifIndex.2`` → ``2``); None when there is no such varbind."""
    if not subject_oid:
        return None
    prefix = subject_oid + "."
    for oid, _text in varbinds:
        if oid.startswith(prefix) and len(oid) > len(prefix):
            return oid[len(prefix) :]
    return None


def apply_traps(
    session: Session,
    events: Sequence[TrapEvent],
    profiles: Mapping[str, Profile],
    rules_cache: dict[str, TrapRules],
    now: datetime,
) -> tuple[TrapSummary, list[alarms.AlarmChange]]:
    """Apply mapped trap events in the caller's transaction (see the module)."""
    opened = cleared = care = ignored = 0
    changes: list[alarms.AlarmChange] = []
    meta = repo.device_meta(session, [e.device_id for e in events])
    win_devices, win_communities = repo.active_window_targets(session, now)
    for e in events:
        m = meta.get(e.device_id)
        if m is None:
            ignored += 1
            continue
        tag = m.asset_tag
        if e.action == "care":
            # a person event: raised even in a maintenance window, never a work order
            alarms.raise_care_alert(
                session, now=e.at, device_id=e.device_id, asset_tag=tag, kind=e.rule,
                band_id=e.subject,
            )  # fmt: skip
            care += 1
            continue
        if e.action not in ("alarm", "clear"):
            ignored += 1
            continue
        rules = _rules(rules_cache, profiles, m.category)
        rule = rules.rule_of(e) if rules is not None else e.rule
        judged = rules is not None and rules.poll_judges(rule)
        if e.action == "alarm":
            if e.device_id in win_devices or m.community_id in win_communities:
                ignored += 1
                continue
            label = Localized(e.label_en or e.rule, e.label_zh or e.label_en or e.rule)
            subject = f" ({e.subject})" if e.subject else ""
            severity = e.severity if e.severity != "ok" else "warning"
            change = alarms.open_alarm(
                session,
                now=e.at,
                device_id=e.device_id,
                asset_tag=tag,
                rule=rule,
                severity=severity,
                message=Msg("alarm.trap", {"device": tag, "label": label, "subject": subject}),
                work_kind=e.work_kind,
                source="trap",
            )
            if judged:
                _set_rule_open(session, e.device_id, rule, severity)
            if change is not None:
                opened += 1
                changes.append(change)
        else:
            change = alarms.clear_alarm(
                session,
                now=e.at,
                device_id=e.device_id,
                rule=rule,
                reason=f"trap {e.label_en or e.trap_oid}",
            )
            if judged:
                repo.save_rule_states(session, [], [], [{"b_id": e.device_id, "b_rule": rule}])
            if change is not None:
                cleared += 1
                changes.append(change)
    return TrapSummary(opened, cleared, care, ignored), changes


def _rules(
    cache: dict[str, TrapRules], profiles: Mapping[str, Profile], category: str
) -> TrapRules | None:
    if category not in cache:
        profile = profiles.get(category)
        if profile is None:
            return None
        cache[category] = TrapRules(profile)
    return cache[category]


def _set_rule_open(session: Session, device_id: int, rule: str, severity: str) -> None:
    """Open the poll debouncer's state of ``rule`` (keeping a worse level it already had)."""
    row = repo.rule_states(session, [device_id]).get((device_id, rule))
    level = severity
    kept = row.level if row is not None and row.active else None
    if kept and Level.parse(kept) > Level.parse(severity):
        level = kept
    params = {"failing": 0, "passing": 0, "active": True, "level": level}
    if row is None:
        repo.save_rule_states(session, [{"device_id": device_id, "rule": rule, **params}], [], [])
    else:
        repo.save_rule_states(session, [], [{"b_id": device_id, "b_rule": rule, **params}], [])
