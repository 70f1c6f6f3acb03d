"""Pollers that share the devices through the database alone: registration, heartbeats,
device leases, take-over of a dead poller's devices, and the registry people read.

- A poller registers under its name (a new ``epoch`` each time) and heartbeats every few
  seconds. Each heartbeat commits its own row at once, then buries the dead pollers, each in
  a short transaction of its own (no heartbeat for the failover delay: their devices become
  unknown from their last heartbeat and their leases free; on PostgreSQL a few set-based
  statements whatever the devices), then in one more transaction gives new devices a lease
  row, drops the leases of devices no longer polled, and balances: each (community, zone)
  cell is split evenly among the live pollers whose scope covers it (``shares.split``), so
  pollers of the same scope hold a fair share each and pollers whose scopes overlap share
  the devices both can poll. A poller hands back
  its excess in a cell and claims free ones (``FOR UPDATE SKIP LOCKED``) up to its share.
- Take-over is not left to the next regular heartbeat: each heartbeat says when the first
  other live poller would turn dead, and the poller heartbeats again at that moment; one
  that finds the dead poller's devices locked (another poller is burying it) tries again a
  quarter of a second later (``leases.HURRY_S``). Kill → every device leased again is the
  failover delay plus a transaction or two.
- Every store transaction is fenced (``monitoring.ingest.fence.Fence``): a poller declared dead, or
  whose lease moved on, cannot write. A poller that cannot reach the database stops polling
  once its last heartbeat is older than the failover delay less one heartbeat, before anyone
  can take its devices over, and registers again (a new epoch) when the database is back.
- A clean stop hands every lease back at once; those devices are unknown until another
  poller takes them (its first poll of a device comes within one heartbeat).

The clock is passed in: pollers compare their own heartbeats with the time of the poller
that reads them, so the hosts' clocks must agree (NTP) to well within the failover delay.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ...db import Session
from ...db.engine import Database
from ...db.models import Poller
from ...db.repos import monitoring as mon_repo
from ...db.repos import pollers as repo
from ...domain.clock import Clock
from ...domain.errors import OpsError, ValidationError
from ..context import Actor
from ..formats import JsonFields
from ..monitoring import Fence, mark_unknown
from .shares import Cell, split

FAILOVER_S = 30.0
HEARTBEAT_S = 5.0


class PollerFenced(OpsError):
    """This poller was declared dead (or registered again elsewhere): register again."""


@dataclass(frozen=True)
class PollerScope:
    """The communities and zones a poller polls (empty: all).

    ``share`` is False for a one-off poll (``poll --once`` on a shared installation): it takes
    the devices of its scope that no live poller holds when it starts, polls them once and
    hands them back, and takes no share of the others' devices meanwhile."""

    communities: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()
    share: bool = True

    def to_json(self) -> str:
        d: dict[str, Any] = {"communities": sorted(self.communities), "zones": sorted(self.zones)}
        if not self.share:
            d["share"] = False
        return json.dumps(d, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> PollerScope:
        try:
            d = json.loads(text or "{}")
        except ValueError:
            d = {}
        return cls(tuple(d.get("communities", ())), tuple(d.get("zones", ())), d.get("share", True))

    def describe(self) -> str:
        parts = [", ".join(self.communities) or "*"]
        if self.zones:
            parts.append("/".join(self.zones))
        if not self.share:
            parts.append("(once)")
        return " ".join(parts)


@dataclass(frozen=True)
class Registration:
    """A poller's registration: what its heartbeats and writes carry."""

    poller_id: int
    epoch: int
    name: str
    scope: PollerScope
    run_id: int

    @property
    def fence(self) -> Fence:
        return Fence(self.poller_id, self.epoch)


@dataclass(frozen=True)
class Leases:
    """What one heartbeat left a poller holding.

    Attributes:
        held: device id → when the poller took the lease.
        claimed: device ids taken in this heartbeat; released: handed back in it.
        buried: names of the dead pollers this heartbeat took devices back from.
        share: the devices this poller should hold (its fair share of each cell it covers).
        hurry: short of its share while some devices it could take were locked (a dead
            poller's, being buried by another): heartbeat again soon, not a whole beat later.
        expiry: when the first of the other live pollers turns dead unless it heartbeats
            again: heartbeat then, so a take-over does not wait for the next beat.
        last_polled: the last poll of each device claimed (by whichever poller), so the new
            holder polls it one interval after that, not twice in one interval.
    """

    held: dict[int, datetime] = field(default_factory=dict)
    last_polled: dict[int, datetime] = field(default_factory=dict)
    claimed: tuple[int, ...] = ()
    released: tuple[int, ...] = ()
    buried: tuple[str, ...] = ()
    share: int = 0
    hurry: bool = False
    expiry: datetime | None = None


@dataclass(frozen=True)
class PollerInfo(JsonFields):
    """A row of the Pollers page and ``pollers list``.

    ``state`` is running, late (no heartbeat for two intervals), dead (no heartbeat for the
    failover delay, or declared dead) or stopped (a clean stop). For a dead poller,
    ``taken_over`` lists (poller name, devices) now polling its devices and ``uncovered``
    how many no live poller holds.
    """

    name: str
    host: str
    pid: int
    scope: str
    state: str
    devices: int
    started_at: datetime
    heartbeat_at: datetime
    stopped_at: datetime | None
    last_cycle: dict[str, Any]
    taken_over: tuple[tuple[str, int], ...] = ()
    uncovered: int = 0
    devices_at_stop: int = 0

    def to_json(self) -> dict[str, Any]:
        """The fields, each poller that took devices over as ``{"poller", "devices"}``."""
        taken = [{"poller": n, "devices": c} for n, c in self.taken_over]
        return super().to_json() | {"taken_over": taken}

    @property
    def alarm(self) -> bool:
        """A dead poller is an alarm (a clean stop is not)."""
        return self.state == "dead"


class PollersService:
    """The registry and leases (see the module).

    Attributes:
        failover_s: how long without a heartbeat before a poller is dead and its devices
            are taken over (default 30 s).
        heartbeat_s: how often a poller heartbeats (default 5 s).
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        failover_s: float = FAILOVER_S,
        heartbeat_s: float = HEARTBEAT_S,
    ) -> None:
        if failover_s <= 2 * heartbeat_s:
            raise ValidationError(
                f"failover delay ({failover_s:g} s) must be more than two heartbeats "
                f"({heartbeat_s:g} s each)"
            )
        self.db = db
        self.clock = clock
        self.failover_s = failover_s
        self.heartbeat_s = heartbeat_s

    @property
    def failover(self) -> timedelta:
        return timedelta(seconds=self.failover_s)

    # a poller's own calls -----------------------------------------------------------------
    def register(
        self,
        name: str,
        host: str,
        pid: int,
        scope: PollerScope = PollerScope(),
        now: datetime | None = None,
    ) -> Registration:
        """Register (or register again) a poller under ``name``.

        Raises:
            ValidationError: an empty or too long name, a community or zone that does not
                exist, or a live poller of that name on another host or process.
        """
        name = name.strip()
        if not name or len(name) > 100:
            raise ValidationError("poller name: 1 to 100 characters")
        now = now or self.clock.now()
        with self.db.write() as s:
            _, _, missing = repo.scope_ids(s, scope.communities, scope.zones)
            if missing:
                raise ValidationError(f"poller scope: no community or zone named {missing[0]!r}")
            p = repo.poller_by_name(s, name)
            if p is None:
                p = repo.add_poller(
                    s,
                    {
                        "name": name,
                        "host": host[:200],
                        "pid": pid,
                        "scope_json": scope.to_json(),
                        "epoch": 1,
                        "started_at": now,
                        "heartbeat_at": now,
                        "stopped_at": None,
                    },
                )
            else:
                if p.stopped_at is None:
                    alive = p.heartbeat_at > now - self.failover
                    if alive and (p.host, p.pid) != (host[:200], pid):
                        raise ValidationError(
                            f"a poller named {name!r} is running on {p.host} (pid {p.pid}, last "
                            f"heartbeat {p.heartbeat_at.isoformat(timespec='seconds')}): "
                            "choose another name, or stop that one first"
                        )
                    # its own earlier life (a crash, or cut off from the database)
                    self._bury(s, p, min(p.heartbeat_at, now), now)
                p.host, p.pid, p.scope_json = host[:200], pid, scope.to_json()
                p.epoch += 1
                p.started_at = p.heartbeat_at = now
                p.stopped_at, p.stop_reason, p.devices_at_stop = None, None, 0
                p.last_cycle_json = "{}"
            from ..monitoring import start_run

            run_id = start_run(s, host, now, poller_id=p.id)
            return Registration(p.id, p.epoch, name, scope, run_id)

    def heartbeat(
        self, reg: Registration, now: datetime | None = None, cycle: dict[str, Any] | None = None
    ) -> Leases:
        """Heartbeat, bury the dead, and balance this poller's leases, in short transactions
        of their own: the heartbeat (committed first: a take-over never delays it), each dead
        poller's burial, then the balance.

        Raises:
            PollerFenced: the poller was declared dead meanwhile (or registered again).
        """
        now = now or self.clock.now()
        alive_after = now - self.failover
        cycle_json = None if cycle is None else json.dumps(cycle, default=str)
        # the heartbeat itself, committed at once: never held back by a take-over's work
        self._beat(reg, now, cycle_json)
        buried = self._bury_dead(alive_after)
        with self.db.write() as s:
            # the poller's row stays key-share locked until this transaction ends, so nobody
            # buries it (and takes its leases) while it balances; its heartbeats (plain
            # updates, ``pulse``) do not wait for this lock
            self._fence(reg, s)
            repo.add_missing_leases(s, now)
            repo.drop_unpollable_leases(s)
            live = repo.live_pollers(s, alive_after)
            # a one-off poll keeps what it took at its start
            targets = self._targets(s, reg, live) if reg.scope.share else {}
            mine = repo.held_cells(s, reg.poller_id)
            extra = (
                [d for c, rows in mine.items() for d, _ in rows[targets.get(c, 0) :]]
                if reg.scope.share
                else []
            )
            released = repo.release(s, reg.poller_id, now, extra) if extra else []
            short = {
                c: t - len(mine.get(c, ())) for c, t in targets.items() if t > len(mine.get(c, ()))
            }
            claimed: list[int] = []
            hurry = False
            if short:
                live_ids = [p.id for p in live]
                claimable = repo.claimable_cells(s, live_ids)
                for c in sorted(short, key=lambda c: _cell_key((c, 0))):
                    if not claimable.get(c):
                        continue
                    got = repo.claim(s, reg.poller_id, c, live_ids, short[c], now)
                    claimed += got
                    # some were locked by a poller burying their dead holder: try again soon
                    hurry = hurry or (len(got) < short[c] and claimable[c] > len(got))
            # what it holds now, without reading its leases again: none can change hands
            # meanwhile (its own row stays locked by the beat, so nobody buries it)
            gone = set(released)
            held = {d: t or now for rows in mine.values() for d, t in rows if d not in gone}
            held.update(dict.fromkeys(claimed, now))
            last = repo.last_polls(s, claimed)
            others = [p.heartbeat_at for p in live if p.id != reg.poller_id]
            expiry = min(others) + self.failover if others else None
        share = sum(targets.values())
        return Leases(
            held, last, tuple(claimed), tuple(released), tuple(buried), share, hurry, expiry
        )

    def pulse(
        self, reg: Registration, now: datetime | None = None, cycle: dict[str, Any] | None = None
    ) -> None:
        """The heartbeat alone, in a short transaction of its own (the poller's heartbeat
        thread; ``heartbeat`` also balances).

        Raises:
            PollerFenced: the poller was declared dead meanwhile (or registered again).
        """
        cycle_json = None if cycle is None else json.dumps(cycle, default=str)
        self._beat(reg, now or self.clock.now(), cycle_json)

    @staticmethod
    def _fence(reg: Registration, session: Session) -> None:
        """Hold the poller's row (key-share) for this transaction: nobody buries it meanwhile.

        Raises:
            PollerFenced: the poller was declared dead meanwhile (or registered again).
        """
        if not repo.fence_poller(session, reg.poller_id, reg.epoch):
            raise PollerFenced(f"poller {reg.name} was declared dead; registering again")

    def _beat(self, reg: Registration, now: datetime, cycle_json: str | None) -> None:
        """Move a poller's heartbeat (and its run's) to ``now``, in a transaction of its own.

        Raises:
            PollerFenced: the poller was declared dead meanwhile (or registered again).
        """
        with self.db.write() as s:
            if not repo.beat(s, reg.poller_id, reg.epoch, now, cycle_json):
                raise PollerFenced(f"poller {reg.name} was declared dead; registering again")
            run = mon_repo.poller_run(s, reg.run_id)
            if run is not None and run.stopped_at is None:
                run.heartbeat_at = now
                if cycle_json is not None:
                    run.last_cycle_json = cycle_json

    def _bury_dead(self, alive_after: datetime) -> list[str]:
        """Bury the pollers whose last heartbeat is at or before ``alive_after``, each in a
        short transaction of its own (set-based: a few statements whatever its devices);
        those another poller is burying are skipped. Returns their names."""
        buried: list[str] = []
        while True:
            with self.db.write() as s:
                dead = repo.lock_dead_pollers(s, alive_after, limit=1)
                if not dead:
                    return buried
                self._bury(s, dead[0])
                buried.append(dead[0].name)

    def _targets(
        self, session: Session, reg: Registration, live: Sequence[repo.LivePoller]
    ) -> dict[Cell, int]:
        """This poller's fair share in each (community, zone) cell (``shares.split``)."""
        cells = repo.cell_counts(session)
        scopes: dict[str, tuple[list[int] | None, list[int] | None]] = {}
        of: dict[int, tuple[list[int] | None, list[int] | None]] = {}
        # one-off polls take no share: they hold what they took at their start
        ids = [p.id for p in live if PollerScope.from_json(p.scope_json).share]
        if reg.poller_id not in ids:  # a heartbeat counts itself in, whatever its clock said
            ids.append(reg.poller_id)
        texts = {p.id: p.scope_json for p in live} | {reg.poller_id: reg.scope.to_json()}
        for pid in ids:
            text = texts[pid] or "{}"
            if text not in scopes:
                sc = PollerScope.from_json(text)
                cids, zids, _ = repo.scope_ids(session, sc.communities, sc.zones)
                scopes[text] = (cids, zids)
            of[pid] = scopes[text]

        return split(cells, ids, lambda pid, cell: _covers(*of[pid], cell)).get(reg.poller_id, {})

    def take_free(
        self,
        reg: Registration,
        now: datetime | None = None,
        devices: Collection[int] | None = None,
    ) -> Leases:
        """A one-off poll's start: take every device of its scope (of ``devices`` only, if
        given: the console's "Poll now" of a selection) that no live poller holds (free, or a
        dead poller's), in one transaction; the rest stay with their pollers."""
        now = now or self.clock.now()
        self._beat(reg, now, None)
        buried = self._bury_dead(now - self.failover)
        with self.db.write() as s:
            self._fence(reg, s)
            repo.add_missing_leases(s, now)
            live_ids = [p[0] for p in repo.live_pollers(s, now - self.failover)]
            cids, zids, _ = repo.scope_ids(s, reg.scope.communities, reg.scope.zones)
            claimed: list[int] = []
            for cell, n in sorted(repo.claimable_cells(s, live_ids).items(), key=_cell_key):
                if _covers(cids, zids, cell):
                    claimed += repo.claim(s, reg.poller_id, cell, live_ids, n, now, devices)
            held = repo.held_since(s, reg.poller_id)
            last = repo.last_polls(s, claimed)
        return Leases(held, last, tuple(claimed), (), tuple(buried), len(held))

    def stop(self, reg: Registration, now: datetime | None = None) -> int:
        """A clean stop: hand every lease back at once (those devices are unknown from now
        until another poller takes them; a one-off poll's stay as it left them) and close
        the run. Returns the devices handed back. A poller already declared dead has
        nothing left to hand back."""
        now = now or self.clock.now()
        with self.db.write() as s:
            p = s.get(Poller, reg.poller_id, with_for_update=True)
            if p is None or p.epoch != reg.epoch or p.stopped_at is not None:
                return 0
            released = repo.release(s, p.id, now)
            if reg.scope.share:
                mark_unknown(s, now, released)
            p.heartbeat_at = p.stopped_at = now
            p.stop_reason, p.devices_at_stop = "stopped", len(released)
            for run in repo.open_runs_of(s, p.id):
                run.heartbeat_at = run.stopped_at = now
            return len(released)

    def _bury(
        self, session: Session, p: Poller, at: datetime | None = None, now: datetime | None = None
    ) -> None:
        """Declare a poller dead from ``at`` (its last heartbeat): its devices become unknown
        from then and its leases free for the others."""
        at = at or p.heartbeat_at
        released = repo.release(session, p.id, now or at)
        mark_unknown(session, at, released)
        p.stopped_at, p.stop_reason, p.devices_at_stop = at, "dead", len(released)
        for run in repo.open_runs_of(session, p.id):
            run.stopped_at = run.heartbeat_at = at

    # people --------------------------------------------------------------------------------
    def list_pollers(self, actor: Actor, now: datetime | None = None) -> list[PollerInfo]:
        """Every poller the registry knows, with its state and devices."""
        actor.require("read")
        now = now or self.clock.now()
        late = timedelta(seconds=2 * self.heartbeat_s)
        with self.db.read() as s:
            rows = repo.all_pollers(s)
            counts = repo.lease_counts(s)
            names = {p.id: p.name for p in rows}
            out = []
            for p in rows:
                age = now - p.heartbeat_at
                if p.stopped_at is not None:
                    state = "dead" if p.stop_reason == "dead" else "stopped"
                elif age >= self.failover:
                    state = "dead"
                elif age >= late:
                    state = "late"
                else:
                    state = "running"
                taken: tuple[tuple[str, int], ...] = ()
                uncovered = 0
                if state == "dead":
                    by = repo.taken_over_counts(s, p.id)
                    live_ids = {q.id for q in rows if q.stopped_at is None}
                    uncovered = sum(n for h, n in by.items() if h is None or h not in live_ids)
                    taken = tuple(
                        sorted(
                            (names[h], n) for h, n in by.items() if h is not None and h in live_ids
                        )
                    )
                    if p.stopped_at is None:  # nobody has buried it yet
                        uncovered += counts.get(p.id, 0)
                try:
                    cycle = json.loads(p.last_cycle_json or "{}")
                except ValueError:
                    cycle = {}
                out.append(
                    PollerInfo(
                        name=p.name,
                        host=p.host,
                        pid=p.pid,
                        scope=PollerScope.from_json(p.scope_json).describe(),
                        state=state,
                        devices=counts.get(p.id, 0) if state in ("running", "late") else 0,
                        started_at=p.started_at,
                        heartbeat_at=p.heartbeat_at,
                        stopped_at=p.stopped_at,
                        last_cycle=cycle,
                        taken_over=taken,
                        uncovered=uncovered,
                        devices_at_stop=p.devices_at_stop
                        if p.stopped_at is not None
                        else counts.get(p.id, 0),
                    )
                )
        return out

    def uncovered_devices(self) -> int:
        """In-service devices no live poller holds (for tests and the dashboard)."""
        now = self.clock.now()
        with self.db.read() as s:
            live = {p.id for p in repo.live_pollers(s, now - self.failover)}
            return repo.count_uncovered(s, sorted(live))


def _covers(cids: Sequence[int] | None, zids: Sequence[int] | None, cell: Cell) -> bool:
    """Whether a scope (community ids, zone ids; None: all) includes a (community, zone) cell."""
    if cids is not None and cell[0] not in cids:
        return False
    return zids is None or (cell[1] is not None and cell[1] in zids)


def _cell_key(item: tuple[Cell, int]) -> tuple[int, int]:
    return item[0][0], item[0][1] or 0


def dead_alarm_text(p: PollerInfo, now: datetime) -> str:
    """ "poller 湖滨-1 stopped 2 min ago; 3,400 devices taken over by 湖滨-2" (English; the
    console translates the same parts)."""
    since = p.stopped_at or p.heartbeat_at
    minutes = max(0, int((now - since).total_seconds() // 60))
    parts = [f"{n:,} devices taken over by {name}" for name, n in p.taken_over]
    if p.uncovered:
        parts.append(f"{p.uncovered:,} not covered")
    return f"poller {p.name} stopped {minutes} min ago; " + ("; ".join(parts) or "no devices")


__all__: Sequence[str] = (
    "FAILOVER_S",
    "HEARTBEAT_S",
    "Leases",
    "PollerFenced",
    "PollerInfo",
    "PollerScope",
    "PollersService",
    "Registration",
    "dead_alarm_text",
)
