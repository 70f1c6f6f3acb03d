"""Monitoring: poll targets, storing results in batches, device health, poller runs,
alarms and care alerts, maintenance windows, rollups and metric history.

One call is one transaction. The poller (``poller_service.PollerService``) calls the
system-facing methods (``targets``, ``store_results``, ``handle_traps``, runs, rollups)
from its writer thread; people call the others with an ``Actor``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..db.engine import Database
from ..db.models import Device, MaintenanceWindow, PollerRun
from ..db.repos import accounts as accounts_repo
from ..db.repos import monitoring as repo
from ..domain.clock import Clock
from ..domain.errors import NotFound, ValidationError
from ..domain.health import DebouncePolicy
from ..polling.credentials import SnmpCredential
from ..polling.profiles import Profile, load_profiles
from ..polling.results import PollResult, PollTarget
from ..polling.traps import TrapEvent, TrapSender
from . import alarms, audit
from .alarms import AlarmInfo, CareAlertInfo, WorkOrderHandover
from .context import Actor
from .monitoring_handover import Handovers, HandoverSummary
from .monitoring_history import MetricHistory, Retention, history_points, prune, roll_up
from .monitoring_stale import open_stale
from .monitoring_store import StoreSummary, store_round, unique_rounds
from .monitoring_traps import TrapRules, TrapSummary, apply_traps
from .poll_eval import ProfileIndex

log = logging.getLogger(__name__)

MAX_WINDOW_DAYS = 31


@dataclass(frozen=True)
class DeviceHealth:
    """A device's current health, as the status grid and ``devices health`` show it.

    Attributes:
        summary: last values (``metrics``), status names (``status``, e.g. a gate's
            ``manual_passage``), per-table row counts, problems and latency.
    """

    asset_tag: str
    name: str
    category: str
    community: str
    health: str
    health_since: datetime | None
    last_poll_at: datetime | None
    last_ok_at: datetime | None
    last_error: str | None
    open_alarms: int
    in_maintenance: bool
    status: str
    summary: Mapping[str, Any]

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        for k in ("health_since", "last_poll_at", "last_ok_at"):
            if d[k] is not None:
                d[k] = d[k].isoformat()
        d["summary"] = dict(self.summary)
        return d


@dataclass(frozen=True)
class MaintenanceWindowInfo:
    id: int
    asset_tag: str | None
    community: str | None
    starts_at: datetime
    ends_at: datetime
    reason: str
    created_by: str


@dataclass(frozen=True)
class HealthSpanInfo:
    """A span of one health (``ends_at`` None while it lasts), for availability reports."""

    device_id: int
    health: str
    starts_at: datetime
    ends_at: datetime | None


class MonitoringService:
    """Stores what the poller sees and serves it to people.

    Attributes:
        policy: the alarm debouncer's N (open) and M (clear).
        retention: how long raw samples and 5-minute rollups are kept.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        secrets: Any | None = None,
        handover: WorkOrderHandover | None = None,
        profiles: Mapping[str, Profile] | None = None,
        policy: DebouncePolicy | None = None,
        retention: Retention | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.secrets = secrets
        self.handovers = Handovers(db, handover)
        self._profiles = dict(profiles) if profiles is not None else None
        self._indices: dict[str, ProfileIndex] | None = None
        self._trap_rules: dict[str, TrapRules] = {}
        self.policy = policy or DebouncePolicy()
        self.retention = retention or Retention()

    # profiles and credentials -----------------------------------------------------
    @property
    def profiles(self) -> dict[str, Profile]:
        if self._profiles is None:
            self._profiles = load_profiles()
        return self._profiles

    @property
    def indices(self) -> dict[str, ProfileIndex]:
        if self._indices is None:
            self._indices = {code: ProfileIndex(p) for code, p in self.profiles.items()}
        return self._indices

    def credential(self, name: str) -> SnmpCredential | None:
        """The SNMP credential ``name`` from the secret store (the poller caches per cycle)."""
        if self.secrets is None:
            return None
        fields = self.secrets.get_snmp_credential(name)
        if fields is None:
            return None
        return SnmpCredential(
            community=fields.get("community"),
            user=fields.get("user"),
            auth_proto=fields.get("auth_proto"),
            auth_key=fields.get("auth_key"),
            priv_proto=fields.get("priv_proto"),
            priv_key=fields.get("priv_key"),
        )

    # targets -----------------------------------------------------------------------
    def targets(self, community: str | None = None) -> list[PollTarget]:
        """Every in-service device with an address, as the poller's targets."""
        with self.db.read() as s:
            ids = None
            if community:
                c = accounts_repo.community_by_name(s, community)
                if c is None:
                    raise NotFound(f"no community named {community!r}")
                ids = [c.id]
            rows = repo.target_rows(s, ids)
        return [
            PollTarget(
                device_id=r[0],
                address=r[1],
                port=r[2],
                version=r[3] if r[3] in ("v1", "v2c", "v3", "none") else "v2c",
                credential=r[4],
                category=r[5],
                interval_s=max(10, r[6] or 300),
            )
            for r in rows
        ]

    def trap_senders(self) -> dict[str, TrapSender]:
        """Sender address → device, for the trap receiver."""
        with self.db.read() as s:
            rows = repo.device_ids_by_address(s)
        return {addr: TrapSender(dev, cat) for addr, (dev, cat) in rows.items()}

    # storing -------------------------------------------------------------------------
    def store_results(
        self, results: Sequence[PollResult], now: datetime | None = None
    ) -> StoreSummary:
        """Store one batch of poll results in one transaction; hand over alarm changes."""
        now = now or self.clock.now()
        total = StoreSummary()
        if not results:
            return total
        with self.db.write() as s:
            for batch in unique_rounds(results):
                total.add(store_round(s, batch, now, self.indices, self.policy))
        self.handovers.after_commit(total.changes, now)
        return total

    @property
    def handover(self) -> WorkOrderHandover | None:
        return self.handovers.handover

    @handover.setter
    def handover(self, value: WorkOrderHandover | None) -> None:
        self.handovers.handover = value

    def retry_handovers(self, now: datetime | None = None) -> HandoverSummary:
        """Hand over again the alarms whose hand-over failed and is due (the poller calls
        this every minute); see ``monitoring_handover``."""
        return self.handovers.retry(now or self.clock.now())

    def handle_traps(self, events: Sequence[TrapEvent], now: datetime | None = None) -> TrapSummary:
        """Turn mapped notifications into alarms (under the poll's rule names, see
        ``monitoring_traps``) or care alerts."""
        now = now or self.clock.now()
        with self.db.write() as s:
            summary, changes = apply_traps(s, events, self.profiles, self._trap_rules, now)
        self.handovers.after_commit(changes, now)
        return summary

    # poller runs -----------------------------------------------------------------------
    def start_run(self, host: str, now: datetime | None = None) -> int:
        """Record a poller run; the time since the last run ended becomes unknown health.

        A run that never stopped (a crash) ends at its last heartbeat.
        """
        now = now or self.clock.now()
        with self.db.write() as s:
            last_known = repo.last_stopped_at(s)
            for run in repo.unfinished_runs(s):
                run.stopped_at = run.heartbeat_at
                last_known = max(last_known or run.heartbeat_at, run.heartbeat_at)
            if last_known is not None:
                self._mark_unknown(s, min(last_known, now))
            run = PollerRun(host=host[:200], started_at=now, heartbeat_at=now, stopped_at=None)
            s.add(run)
            s.flush()
            return run.id

    def heartbeat(self, run_id: int, now: datetime | None = None, cycle: Any = None) -> None:
        now = now or self.clock.now()
        with self.db.write() as s:
            run = repo.poller_run(s, run_id)
            if run is None:
                return
            run.heartbeat_at = now
            if cycle is not None:
                run.last_cycle_json = json.dumps(cycle, default=str)

    def stop_run(
        self, run_id: int, now: datetime | None = None, *, mark_unknown: bool = True
    ) -> None:
        """Close a run. With ``mark_unknown`` every device's health becomes unknown from now
        (nothing watches it any more); ``poll --once`` keeps the snapshot instead."""
        now = now or self.clock.now()
        with self.db.write() as s:
            run = repo.poller_run(s, run_id)
            if run is None or run.stopped_at is not None:
                return
            run.heartbeat_at = now
            run.stopped_at = now
            if mark_unknown:
                self._mark_unknown(s, now)

    @staticmethod
    def _mark_unknown(s: Any, at: datetime) -> None:
        closes: list[dict[str, Any]] = []
        spans: list[dict[str, Any]] = []
        ids: list[int] = []
        for dev, health, starts in repo.open_span_rows(s):
            if health == "unknown":
                continue
            start = max(at, starts)
            closes.append({"b_id": dev, "b_at": start})
            spans.append(
                {"device_id": dev, "health": "unknown", "starts_at": start, "ends_at": None}
            )
            ids.append(dev)
        repo.close_spans(s, closes)
        repo.insert_spans(s, spans)
        repo.set_health_unknown(s, ids, at)

    def poller_runs(
        self, since: datetime, until: datetime
    ) -> list[tuple[datetime, datetime | None]]:
        """(started, stopped) of the runs overlapping a period (gaps are unknown time)."""
        with self.db.read() as s:
            return [(r.started_at, r.stopped_at) for r in repo.runs_between(s, since, until)]

    # periodic upkeep (the writer thread) ------------------------------------------------
    def check_stale(self, running_since: datetime, now: datetime | None = None) -> int:
        """Open a stale-data alarm for each in-service device without data for 3 intervals
        while the poller has been running, never-polled ones included (see
        ``monitoring_stale``); returns how many opened."""
        now = now or self.clock.now()
        with self.db.write() as s:
            changes = open_stale(s, running_since, now)
        self.handovers.after_commit(changes, now)
        return len(changes)

    def rollup(self, now: datetime | None = None) -> int:
        """Roll complete buckets up (5-minute, hourly); returns buckets written."""
        with self.db.write() as s:
            return roll_up(s, now or self.clock.now())

    def prune(self, now: datetime | None = None) -> tuple[int, int]:
        """Drop raw samples and 5-minute rollups past retention (rolled up first)."""
        now = now or self.clock.now()
        with self.db.write() as s:
            roll_up(s, now)
            return prune(s, now, self.retention)

    # alarms (people) ------------------------------------------------------------------
    def _scope(self, s: Any, actor: Actor, community: str | None) -> list[int] | None:
        if community:
            c = accounts_repo.community_by_name(s, community)
            if c is None:
                raise NotFound(f"no community named {community!r}")
            actor.require_community(c.id, c.name)
            return [c.id]
        return None if actor.community_ids is None else sorted(actor.community_ids)

    def list_alarms(
        self,
        actor: Actor,
        *,
        open_only: bool = False,
        community: str | None = None,
        limit: int | None = 1000,
    ) -> list[AlarmInfo]:
        """Alarms the actor may see, newest first."""
        actor.require("read")
        with self.db.read() as s:
            ids = self._scope(s, actor, community)
            rows = repo.alarm_rows(s, community_ids=ids, open_only=open_only, limit=limit)
            return [alarms.alarm_info(r) for r in rows]

    def get_alarm(self, actor: Actor, alarm_id: int) -> AlarmInfo:
        actor.require("read")
        with self.db.read() as s:
            rows = repo.alarm_rows(s, community_ids=None, open_only=False, alarm_ids=[alarm_id])
            if not rows:
                raise NotFound(f"no alarm {alarm_id}")
            info = alarms.alarm_info(rows[0])
            actor.require_community(info.community_id, info.community)
            return info

    def acknowledge(self, actor: Actor, alarm_id: int, note: str | None = None) -> AlarmInfo:
        """Acknowledge an alarm (audited); an alarm is acknowledged once."""
        actor.require("alarm.ack")
        now = self.clock.now()
        with self.db.write() as s:
            a = repo.alarm(s, alarm_id)
            if a is None:
                raise NotFound(f"no alarm {alarm_id}")
            device = s.get(Device, a.device_id)
            actor.require_community(device.community_id)
            if a.acknowledged_at is not None:
                raise ValidationError(
                    f"alarm {alarm_id} was already acknowledged by {a.acknowledged_by} "
                    f"at {a.acknowledged_at.isoformat(timespec='seconds')}"
                )
            a.acknowledged_at = now
            a.acknowledged_by = actor.username
            audit.record(
                s,
                at=now,
                actor=actor.username,
                action="alarm.ack",
                entity="alarm",
                entity_id=a.id,
                before={"acknowledged_at": None},
                after={"acknowledged_at": now, "note": note} if note else {"acknowledged_at": now},
            )
        return self.get_alarm(actor, alarm_id)

    # care alerts (people) ----------------------------------------------------------------
    def list_care_alerts(
        self,
        actor: Actor,
        *,
        open_only: bool = False,
        community: str | None = None,
        limit: int | None = 1000,
    ) -> list[CareAlertInfo]:
        actor.require("read")
        with self.db.read() as s:
            ids = self._scope(s, actor, community)
            rows = repo.care_rows(s, community_ids=ids, open_only=open_only, limit=limit)
            return [alarms.care_info(r) for r in rows]

    def acknowledge_care(
        self, actor: Actor, care_id: int, note: str | None = None
    ) -> CareAlertInfo:
        """Acknowledge a care alert (audited)."""
        actor.require("care.ack")
        now = self.clock.now()
        with self.db.write() as s:
            c = repo.care_alert(s, care_id)
            if c is None:
                raise NotFound(f"no care alert {care_id}")
            device = s.get(Device, c.device_id)
            actor.require_community(device.community_id)
            if c.acknowledged_at is not None:
                raise ValidationError(
                    f"care alert {care_id} was already acknowledged by {c.acknowledged_by}"
                )
            c.acknowledged_at = now
            c.acknowledged_by = actor.username
            if note:
                c.note = note[:500]
            audit.record(
                s,
                at=now,
                actor=actor.username,
                action="care.ack",
                entity="care_alert",
                entity_id=c.id,
                before={"acknowledged_at": None},
                after={"acknowledged_at": now, "note": note},
            )
            ids = [c.id]
        with self.db.read() as s:
            rows = repo.care_rows(s, community_ids=None, open_only=False)
            return next(alarms.care_info(r) for r in rows if r[0] in ids)

    # health (people) -------------------------------------------------------------------
    def device_health(self, actor: Actor, *, community: str | None = None) -> list[DeviceHealth]:
        """Every device (not retired) the actor may see, with its current health."""
        actor.require("read")
        now = self.clock.now()
        with self.db.read() as s:
            ids = self._scope(s, actor, community)
            rows = repo.health_rows(s, ids)
            counts = repo.open_alarm_counts(s)
            win_devices, win_communities = repo.active_window_targets(s, now)
        out = []
        for r in rows:
            try:
                summary = json.loads(r[10]) if r[10] else {}
            except ValueError:
                summary = {}
            summary.pop("levels", None)
            out.append(
                DeviceHealth(
                    asset_tag=r[1],
                    name=r[2],
                    category=r[3],
                    community=r[4],
                    health=r[5] or "unknown",
                    health_since=r[6],
                    last_poll_at=r[7],
                    last_ok_at=r[8],
                    last_error=r[9],
                    open_alarms=counts.get(r[0], 0),
                    in_maintenance=r[0] in win_devices or r[11] in win_communities,
                    status=r[12],
                    summary=summary,
                )
            )
        return out

    def health_spans(
        self, actor: Actor, since: datetime, until: datetime, device_tag: str | None = None
    ) -> list[HealthSpanInfo]:
        """Health spans overlapping a period (for availability; unknown spans included)."""
        actor.require("read")
        with self.db.read() as s:
            ids = None
            if device_tag:
                d = repo.device_by_tag(s, device_tag)
                if d is None:
                    raise NotFound(f"no device with asset tag {device_tag!r}")
                actor.require_community(d.community_id)
                ids = [d.id]
            rows = repo.spans_between(s, ids, since, until)
        return [HealthSpanInfo(*r) for r in rows]

    def metric_history(
        self,
        actor: Actor,
        device_tag: str,
        metric: str,
        since: datetime,
        until: datetime,
        max_points: int = 500,
    ) -> MetricHistory:
        """A metric's points for a chart: raw samples when they fit, else rollups."""
        actor.require("read")
        if since.tzinfo is None or until.tzinfo is None:
            raise ValidationError("history: instants must carry a time zone")
        if until <= since:
            raise ValidationError("history: the end must come after the start")
        if max_points < 2:
            raise ValidationError("history: max_points must be at least 2")
        with self.db.read() as s:
            d = repo.device_by_tag(s, device_tag)
            if d is None:
                raise NotFound(f"no device with asset tag {device_tag!r}")
            actor.require_community(d.community_id)
            resolution, points = history_points(s, d.id, metric, since, until, max_points)
            category = d.category_code
        index = self.indices.get(category)
        base = metric.split("[", 1)[0]
        spec = index.specs.get(base) if index else None
        return MetricHistory(
            device_tag,
            metric,
            spec.unit if spec else "",
            (spec.label_en or base) if spec else base,
            since,
            until,
            resolution,
            tuple(points),
        )

    def metrics_of(self, actor: Actor, device_tag: str) -> list[str]:
        """Metric names with history for a device (for a chart's picker)."""
        actor.require("read")
        with self.db.read() as s:
            d = repo.device_by_tag(s, device_tag)
            if d is None:
                raise NotFound(f"no device with asset tag {device_tag!r}")
            actor.require_community(d.community_id)
            return repo.metrics_of(s, d.id)

    # maintenance windows -------------------------------------------------------------------
    def add_maintenance_window(
        self,
        actor: Actor,
        *,
        start: datetime,
        end: datetime,
        reason: str,
        device_tag: str | None = None,
        community: str | None = None,
        allow_past: bool = False,
    ) -> MaintenanceWindowInfo:
        """Plan a window for one device or a whole community (audited).

        Raises:
            ValidationError: both or neither target, naive or reversed times, a window over
                31 days, one that already ended (unless ``allow_past``, for imports), or no reason.
        """
        actor.require("maintenance.write")
        if (device_tag is None) == (community is None):
            raise ValidationError("maintenance window: name either a device or a community")
        if start.tzinfo is None or end.tzinfo is None:
            raise ValidationError("maintenance window: times must carry a time zone")
        if end <= start:
            raise ValidationError("maintenance window: --to must come after --from")
        if end - start > timedelta(days=MAX_WINDOW_DAYS):
            raise ValidationError(
                f"maintenance window: at most {MAX_WINDOW_DAYS} days (plan several windows)"
            )
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("maintenance window: a reason is required")
        if len(reason) > 500:
            raise ValidationError("maintenance window: the reason is longer than 500 characters")
        now = self.clock.now()
        if end <= now and not allow_past:
            raise ValidationError(
                "maintenance window: it already ended; windows are planned, not back-dated"
            )
        with self.db.write() as s:
            device_id = community_id = None
            if device_tag is not None:
                d = repo.device_by_tag(s, device_tag)
                if d is None:
                    raise NotFound(f"no device with asset tag {device_tag!r}")
                actor.require_community(d.community_id)
                device_id = d.id
            else:
                c = accounts_repo.community_by_name(s, community or "")
                if c is None:
                    raise NotFound(f"no community named {community!r}")
                actor.require_community(c.id, c.name)
                community_id = c.id
            w = MaintenanceWindow(
                device_id=device_id,
                community_id=community_id,
                starts_at=start,
                ends_at=end,
                reason=reason,
                created_by=actor.username,
                created_at=now,
            )
            s.add(w)
            s.flush()
            audit.record(
                s,
                at=now,
                actor=actor.username,
                action="maintenance.add",
                entity="maintenance_window",
                entity_id=w.id,
                after={
                    "device": device_tag,
                    "community": community,
                    "from": start,
                    "to": end,
                    "reason": reason,
                },
            )
            return MaintenanceWindowInfo(
                w.id, device_tag, community, start, end, reason, actor.username
            )

    def list_maintenance_windows(
        self, actor: Actor, *, include_past: bool = False
    ) -> list[MaintenanceWindowInfo]:
        actor.require("read")
        with self.db.read() as s:
            ids = None if actor.community_ids is None else sorted(actor.community_ids)
            rows = repo.window_rows(s, ids, None if include_past else self.clock.now())
        return [MaintenanceWindowInfo(*r) for r in rows]


CREDENTIAL_FIELDS = ("community", "user", "auth_proto", "auth_key", "priv_proto", "priv_key")


def set_snmp_credential(services: Any, actor: Actor, name: str, credential: SnmpCredential) -> None:
    """Store an SNMP credential in the keyring (never the database); audit its name and kind.

    Raises:
        ValidationError: an unusable credential (short keys, unknown protocols).
    """
    actor.require("credentials.write")
    problem = credential.problem()
    if problem:
        raise ValidationError(f"credential {name}: {problem}")
    fields = {k: getattr(credential, k) for k in CREDENTIAL_FIELDS}
    fields = {k: (v.upper() if k.endswith("_proto") else v) for k, v in fields.items() if v}
    services.secrets.set_snmp_credential(name, fields)
    now = services.clock.now()
    with services.db.write() as s:
        audit.record(
            s,
            at=now,
            actor=actor.username,
            action="credential.set",
            entity="snmp_credential",
            entity_id=name,
            # what kind it is, never the secret itself
            after={
                "kind": "v3" if credential.is_v3 else "community",
                "user": credential.user,
                "auth_proto": fields.get("auth_proto"),
                "priv_proto": fields.get("priv_proto"),
            },
        )
