"""Monitoring: the service the poller and people call. One call is one transaction.

The poller (``pollers.PollerService``) calls the system-facing methods (``targets``,
``store_results``, ``handle_traps``, runs, stale data, hand-over retries, rollups) from its
writer thread; people call the others with an ``Actor``. The work is done in topic modules,
each in the caller's transaction:

- ``ingest.store``: a batch of poll results (samples, states, spans, debounced alarms);
- ``ingest.traps``: traps → alarms under the poll's rule names, care alerts;
- ``ingest.stale``: the stale-data rule (devices polled in this run, then not), in batches;
- ``ingest.handover``: alarms → work orders, recorded, retried with back-off;
- ``ingest.runs``: poller runs and unknown health between them;
- ``ingest.windows``, ``ingest.health``, ``history``,
  ``credentials``: maintenance windows, health views, charts, SNMP credentials;
- ``alarms``: opening, clearing and acknowledging alarms and care alerts.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict, TypeVar, Unpack

from ...db import Session
from ...db.engine import Database
from ...db.repos import monitoring as repo
from ...db.repos import pollers as pollers_repo
from ...db.repos import series as series_repo
from ...db.repos import settings as settings_repo
from ...domain.clock import Clock
from ...domain.errors import NotFound, ValidationError
from ...domain.health import Cause, DebouncePolicy, summary_causes
from ...domain.text import check_text
from ...polling.credentials import SnmpCredential
from ...polling.profiles import Profile, load_profiles
from ...polling.results import PollResult, PollTarget
from ...polling.traps import TrapEvent, TrapSender
from .. import audit
from ..accounts import community_ids, community_named, visible_device
from ..context import Actor
from . import alarms, care, retention
from .alarms import AlarmInfo, CareAlertInfo, WorkOrderHandover
from .credentials import CREDENTIAL_FIELDS, credential_from, set_snmp_credential
from .history import MetricHistory, Retention, history_points
from .ingest import runs, stale
from .ingest.fence import Fence
from .ingest.handover import Handovers, HandoverSummary
from .ingest.health import DeviceHealth, HealthSpanInfo, device_healths
from .ingest.poll_eval import EvalMemo, ProfileIndex
from .ingest.process import StoreProcess, StoreSpec
from .ingest.store import StoreSummary, store_batch
from .ingest.traps import TrapRules, TrapSummary, apply_traps
from .ingest.windows import MaintenanceWindowInfo, WindowPlan, add_window
from .series import SeriesCache, Upkeep, UpkeepReport

if TYPE_CHECKING:
    from ...secrets import SecretStore

log = logging.getLogger(__name__)

# PostgreSQL advisory lock key: one poller at a time rolls up and prunes
ROLLUP_LOCK = 0x6F7073_01


class AlarmQuery(TypedDict, total=False):
    """Which alarms or care alerts a list holds, newest first: open ones only (default: all),
    of one community (default: every one the actor sees), at most ``limit`` (default 1000;
    None: all)."""

    open_only: bool
    community: str | None
    limit: int | None


_Row = TypeVar("_Row")
_Info = TypeVar("_Info")


class MonitoringService:
    """Stores what the poller sees and serves it to people.

    Attributes:
        policy: the alarm debouncer's N (open) and M (clear).
        retention: how long each resolution is kept when given; None (the default) reads
            the installation's settings before each prune (``retention_settings``).
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        secrets: SecretStore | None = None,
        workorders: Callable[[], WorkOrderHandover] | None = None,
        profiles: Mapping[str, Profile] | None = None,
        policy: DebouncePolicy | None = None,
        retention: Retention | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.secrets = secrets
        self.handovers = Handovers(db, workorders)
        self._profiles = dict(profiles) if profiles is not None else None
        self._custom_profiles = profiles is not None
        self._indices: dict[str, ProfileIndex] | None = None
        self._trap_rules: dict[str, TrapRules] = {}
        self.policy = policy or DebouncePolicy()
        # given: used as is (tests, benchmarks); else the installation's settings
        self.retention = retention
        self.series = SeriesCache()
        self.memo = EvalMemo()  # each device's last evaluation that passed every rule

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
        return credential_from(self.secrets, name, self.db)

    # targets -----------------------------------------------------------------------
    def targets(self, community: str | None = None) -> list[PollTarget]:
        """Every in-service device with an address, as the poller's targets."""
        with self.db.read() as s:
            rows = repo.target_rows(s, self._community_ids(s, community))
        return [
            PollTarget(
                device_id=r.device_id,
                address=r.address,
                port=r.port,
                version=r.version if r.version in ("v1", "v2c", "v3", "none") else "v2c",
                credential=r.credential,
                category=r.category,
                interval_s=max(10, r.interval_s or 300),
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
        self,
        results: Sequence[PollResult],
        now: datetime | None = None,
        fence: Fence | None = None,
    ) -> StoreSummary:
        """Store one batch of poll results in one transaction; hand over alarm changes.

        With ``fence`` (a registered poller's leases), only the results of devices whose
        lease the poller still holds with the token it was given are stored, and none once
        the poller was declared dead or registered again: a poller that was taken over never
        writes after the fact. ``fenced`` in the summary counts the results dropped.
        """
        now = now or self.clock.now()
        total = self.store_batch(results, now, fence)
        self.after_store(total, now)
        return total

    def store_batch(
        self, results: Sequence[PollResult], now: datetime, fence: Fence | None = None
    ) -> StoreSummary:
        """``store_results`` without the hand-over of the alarms it opened or cleared: what
        a store process runs (``ingest.process``); the caller then calls ``after_store``."""
        return store_batch(
            self.db, results, now, fence, self.indices, self.policy, self.series, self.memo
        )

    def after_store(self, summary: StoreSummary, now: datetime) -> None:
        """Hand the alarms a stored batch opened or cleared over to work orders."""
        self.handovers.after_commit(summary.changes, now)

    def store_process(self) -> StoreProcess | None:
        """A process of its own that stores batches as ``store_batch`` does (see
        ``ingest.process``); None for an in-memory database, which no other process sees."""
        if self.db.is_sqlite and self.db.sqlite_path is None:
            return None
        spec = StoreSpec(
            url=self.db.url.render_as_string(hide_password=False),
            person=self.db.person,
            profiles=self._profiles if self._custom_profiles else None,
            policy=self.policy,
        )
        return StoreProcess(spec)

    def retry_handovers(self, now: datetime | None = None) -> HandoverSummary:
        """Hand over again the alarms whose hand-over failed and is due, and tell work orders
        again about cleared alarms whose "device recovered" notice failed and is due (the
        poller calls this every minute); see ``ingest.handover``."""
        return self.handovers.retry(now or self.clock.now())

    def handle_traps(self, events: Sequence[TrapEvent], now: datetime | None = None) -> TrapSummary:
        """Turn mapped notifications into alarms (under the poll's rule names, see
        ``ingest.traps``) or care alerts."""
        now = now or self.clock.now()
        with self.db.write() as s:
            summary, changes = apply_traps(s, events, self.profiles, self._trap_rules, now)
        self.handovers.after_commit(changes, now)
        return summary

    # poller runs (see ingest.runs) --------------------------------------------------------
    def start_run(
        self,
        host: str,
        now: datetime | None = None,
        *,
        community: str | None = None,
        poller_id: int | None = None,
    ) -> int:
        """Record a poller run; see ``ingest.runs.start_run`` for the unknown health it
        records (only for the devices the run covers: of ``community``, when given)."""
        with self.db.write() as s:
            return runs.start_run(
                s,
                host,
                now or self.clock.now(),
                community_ids=self._community_ids(s, community),
                poller_id=poller_id,
            )

    @staticmethod
    def _community_ids(session: Session, community: str | None) -> list[int] | None:
        return [community_named(session, community).id] if community else None

    def heartbeat(
        self, run_id: int, now: datetime | None = None, cycle: Mapping[str, object] | None = None
    ) -> None:
        with self.db.write() as s:
            runs.heartbeat(s, run_id, now or self.clock.now(), cycle)

    def stop_run(
        self,
        run_id: int,
        now: datetime | None = None,
        *,
        mark_unknown: bool = True,
        community: str | None = None,
    ) -> None:
        """Close a run. With ``mark_unknown`` the health of the devices it covered (of
        ``community``, when given) becomes unknown from now (nothing watches them any more);
        ``poll --once`` keeps the snapshot instead."""
        with self.db.write() as s:
            runs.stop_run(
                s,
                run_id,
                now or self.clock.now(),
                mark=mark_unknown,
                community_ids=self._community_ids(s, community),
            )

    def poller_runs(
        self, since: datetime, until: datetime
    ) -> list[tuple[datetime, datetime | None]]:
        """(started, stopped) of the runs overlapping a period (gaps are unknown time)."""
        with self.db.read() as s:
            return [(r.started_at, r.stopped_at) for r in repo.runs_between(s, since, until)]

    # periodic upkeep (the writer thread) ------------------------------------------------
    def check_stale(
        self,
        running_since: datetime,
        now: datetime | None = None,
        watched: Mapping[int, datetime] | None = None,
        data_until: datetime | None = None,
    ) -> int:
        """Open a stale-data alarm for each in-service device the poller polled since it
        watches it and then had no data from for 3 intervals (see ``ingest.stale``); returns
        how many opened. Read first, then written ``stale.BATCH`` devices per transaction,
        each handed over to work orders after its commit. ``watched``: the devices a
        registered poller holds, each with when it took the lease (None: every device);
        ``data_until``: the poll time of the newest result stored (staleness is measured up
        to it: the writer's backlog is not the devices')."""
        now = now or self.clock.now()
        with self.db.read() as s:
            due = stale.due_stale(s, running_since, now, watched, data_until)
        devices = sorted(due)
        opened = 0
        for i in range(0, len(devices), stale.BATCH):
            part = {dev: due[dev] for dev in devices[i : i + stale.BATCH]}
            with self.db.write() as s:
                changes = stale.open_stale(s, part, now)
            self.handovers.after_commit(changes, now)
            opened += len(changes)
        return opened

    def _upkeep(self) -> Upkeep:
        return Upkeep(
            self.db.write,
            lambda s: pollers_repo.try_singleton(s, ROLLUP_LOCK),
            read=self.db.read,
        )

    def rollup(self, now: datetime | None = None) -> UpkeepReport:
        """Seal the finished hours into chunks and roll finished days (5-minute) and 30-day
        windows (hourly) up, in short transactions (see ``monitoring.series``)."""
        at = int((now or self.clock.now()).timestamp())
        up = self._upkeep()
        report = UpkeepReport()
        up.seal(at, report)
        up.roll_up(at, report)
        return report

    def prune(self, now: datetime | None = None) -> UpkeepReport:
        """``rollup``, then drop chunks past retention (never one that no coarser rollup
        holds yet) and, on SQLite, give freed pages back to the file."""
        at = int((now or self.clock.now()).timestamp())
        return self._upkeep().run(at, self.retention or self.retention_settings())

    # settings ------------------------------------------------------------------------
    def retention_settings(self) -> Retention:
        """How long each resolution is kept: the installation's settings over the defaults
        (raw 7 days, 5-minute buckets 60 days, hourly buckets 2 years)."""
        with self.db.read() as s:
            stored = settings_repo.values(s, retention.PREFIX)
        return retention.retention_from(stored)

    def set_retention(self, actor: Actor, changes: Mapping[str, str]) -> Retention:
        """Change retention settings (``{"retention.raw_days": "14"}``; administrators):
        whole days within each setting's bounds, raw ≤ 5-minute ≤ hourly; the next upkeep
        of every poller prunes by them. Audited with the values before and after."""
        actor.require("settings.write")
        if not changes:
            raise ValidationError.of("no setting to change")
        days = {name: retention.checked(name, value) for name, value in changes.items()}
        now = self.clock.now()
        with self.db.write() as s:
            before = retention.retention_from(settings_repo.values(s, retention.PREFIX))
            after = retention.retention_from({n: str(d) for n, d in days.items()}, before)
            retention.check_order(after)
            for name, d in days.items():
                settings_repo.put(s, name, str(d), now, actor.username)
            audit.record(
                s,
                now,
                actor,
                "settings.change",
                "settings",
                "retention",
                before=retention.as_settings(before),
                after=retention.as_settings(after),
            )
        return after

    # alarms (people) ------------------------------------------------------------------
    def list_alarms(self, actor: Actor, **query: Unpack[AlarmQuery]) -> list[AlarmInfo]:
        """Alarms the actor may see (:class:`AlarmQuery`)."""
        return self._listed(actor, repo.alarm_rows, alarms.alarm_info, query)

    def _listed(
        self,
        actor: Actor,
        rows: Callable[..., Sequence[_Row]],
        info: Callable[[_Row], _Info],
        query: AlarmQuery,
    ) -> list[_Info]:
        actor.require("read")
        with self.db.read() as s:
            ids = community_ids(s, actor, query.get("community"))
            found = rows(
                s,
                community_ids=ids,
                open_only=query.get("open_only", False),
                limit=query.get("limit", 1000),
            )
            return [info(r) for r in found]

    def get_alarm(self, actor: Actor, alarm_id: int) -> AlarmInfo:
        actor.require("read")
        with self.db.read() as s:
            return self._alarm_info(s, actor, alarm_id)

    @staticmethod
    def _alarm_info(s: Session, actor: Actor, alarm_id: int) -> AlarmInfo:
        rows = repo.alarm_rows(s, community_ids=None, open_only=False, alarm_ids=[alarm_id])
        if not rows:
            raise NotFound.of("no alarm {alarm_id}", alarm_id=alarm_id)
        info = alarms.alarm_info(rows[0])
        actor.require_community(info.community_id, info.community)
        return info

    def acknowledge(self, actor: Actor, alarm_id: int, note: str | None = None) -> AlarmInfo:
        """Acknowledge an alarm (audited); an alarm is acknowledged once."""
        actor.require("alarm.ack")
        check_text(note, "note", multiline=True, max_length=2000)
        now = self.clock.now()
        with self.db.write() as s:
            alarms.acknowledge_alarm(s, actor, alarm_id, note, now)
            s.flush()
            # read back in the write's own transaction: no second one (a BEGIN, the read
            # and a ROLLBACK: three round trips on a remote database)
            return self._alarm_info(s, actor, alarm_id)

    # care alerts (people) ----------------------------------------------------------------
    def list_care_alerts(self, actor: Actor, **query: Unpack[AlarmQuery]) -> list[CareAlertInfo]:
        """Care alerts the actor may see (:class:`AlarmQuery`)."""
        return self._listed(actor, repo.care_rows, alarms.care_info, query)

    def acknowledge_care(
        self, actor: Actor, care_id: int, note: str | None = None
    ) -> CareAlertInfo:
        """Acknowledge a care alert (audited)."""
        actor.require("care.ack")
        check_text(note, "note", multiline=True, max_length=2000)
        now = self.clock.now()
        with self.db.write() as s:
            ids = [alarms.acknowledge_care_alert(s, actor, care_id, note, now)]
        with self.db.read() as s:
            rows = repo.care_rows(s, community_ids=None, open_only=False)
            return next(alarms.care_info(r) for r in rows if r.id in ids)

    def care_alerts(self, actor: Actor, *, open_only: bool = False) -> list[care.CareView]:
        """The Care page's list: open alerts first (not yet acknowledged before acknowledged),
        the band, building and location only for roles that look after residents."""
        actor.require("read")
        with self.db.read() as s:
            return care.views(s, actor, open_only=open_only)

    def close_care(self, actor: Actor, care_id: int, outcome: str) -> care.CareView:
        """Close an acknowledged care alert with its outcome (audited).

        Raises:
            ValidationError: no outcome, not acknowledged yet, or already closed.
        """
        actor.require("care.ack")
        now = self.clock.now()
        with self.db.write() as s:
            care.close(s, actor, care_id, outcome, now)
        with self.db.read() as s:
            return next(v for v in care.views(s, actor) if v.id == care_id)

    # health (people) -------------------------------------------------------------------
    def device_health(self, actor: Actor, *, community: str | None = None) -> list[DeviceHealth]:
        """Every device (not retired) the actor may see, with its current health."""
        actor.require("read")
        now = self.clock.now()
        with self.db.read() as s:
            ids = community_ids(s, actor, community)
            rows = repo.health_rows(s, ids)
            counts = repo.open_alarm_counts(s)
            win_devices, win_communities = repo.active_window_targets(s, now)
        return device_healths(rows, counts, (win_devices, win_communities))

    def health_causes(self, actor: Actor, device_tag: str) -> list[Cause]:
        """Why the device has its current health: the readings of its last poll that made it
        degraded or down (none when up, unknown, or down for its poll error)."""
        actor.require("read")
        with self.db.read() as s:
            d = visible_device(s, actor, device_tag)
            stored = repo.state_summary(s, d.id)
        return _causes(stored)

    def unhealthy_causes(
        self,
        actor: Actor,
        *,
        community: str | None = None,
        device_ids: Sequence[int] | None = None,
    ) -> dict[int, list[Cause]]:
        """Device id → why it has its health, for every degraded or down device the actor
        may see that has a cause (of ``device_ids`` only, when given): what a device list
        shows beside the health, read in one query that leaves the healthy devices alone."""
        actor.require("read")
        with self.db.read() as s:
            rows = repo.unhealthy_summaries(s, community_ids(s, actor, community), device_ids)
        out: dict[int, list[Cause]] = {}
        for dev, stored in rows:
            if '"causes"' in stored:  # most down devices are down for their poll error
                causes = _causes(stored)
                if causes:
                    out[dev] = causes
        return out

    def health_spans(
        self, actor: Actor, since: datetime, until: datetime, device_tag: str | None = None
    ) -> list[HealthSpanInfo]:
        """Health spans overlapping a period (for availability; unknown spans included)."""
        actor.require("read")
        with self.db.read() as s:
            ids = [visible_device(s, actor, device_tag).id] if device_tag else None
            rows = repo.spans_between(s, ids, since, until)
        return [HealthSpanInfo(r.device_id, r.health, r.starts_at, r.ends_at) for r in rows]

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
            raise ValidationError.of("history: instants must carry a time zone")
        if until <= since:
            raise ValidationError.of("history: the end must come after the start")
        if max_points < 2:
            raise ValidationError.of("history: max_points must be at least 2")
        with self.db.read() as s:
            d = visible_device(s, actor, device_tag)
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
            d = visible_device(s, actor, device_tag)
            ids = series_repo.series_of_device(s, d.id)
            return sorted(series_repo.metric_names(s, ids).values())

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
        check_text(reason, "reason", multiline=True)
        now = self.clock.now()
        plan = WindowPlan(start, end, reason, device_tag, community).checked(
            now, allow_past=allow_past
        )
        with self.db.write() as s:
            return add_window(s, actor, plan, now)

    def list_maintenance_windows(
        self, actor: Actor, *, include_past: bool = False
    ) -> list[MaintenanceWindowInfo]:
        actor.require("read")
        with self.db.read() as s:
            ids = None if actor.community_ids is None else sorted(actor.community_ids)
            rows = repo.window_rows(s, ids, None if include_past else self.clock.now())
        return [MaintenanceWindowInfo(**vars(r)) for r in rows]


__all__ = [
    "CREDENTIAL_FIELDS",
    "DeviceHealth",
    "HealthSpanInfo",
    "MaintenanceWindowInfo",
    "MonitoringService",
    "TrapSummary",
    "set_snmp_credential",
]


def _causes(stored: str | None) -> list[Cause]:
    """The causes of a stored state summary (none for an unreadable or older one)."""
    try:
        summary = json.loads(stored) if stored else {}
    except ValueError:
        return []
    return summary_causes(summary)
