"""Import work-order history from an events CSV (spreadsheets, work recorded afterwards).

Header ``number,event,at,actor,assignee,priority,asset_tag,community,title,note``. The
lifecycle is checked, the certification rule is not (history is history). All or nothing,
with ``line N: problem`` for every bad row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ...db import Session
from ...db.models import Community, Device, User, WorkOrder
from ...db.repos import inventory as inventory_repo
from ...db.repos import workorders as repo
from ...domain import lifecycle, verification
from ...domain.bounds import check_year
from ...domain.errors import Problem, TransitionRefused, ValidationError, term
from ...domain.history_record import COLUMNS
from ...domain.text import text_problem
from ..base import ServiceBase
from ..context import Actor
from ..formats import at_line, problems_error
from ..formats.csv_input import read_csv
from .core import KINDS, SOURCES, apply_action, new_order, number_parts, state_of
from .create import TITLE_MAX

HEADER = COLUMNS
# ASCII digits only: \d would take full-width ２０２６ too
NUMBER_FORMAT = re.compile(r"WO-[0-9]{4}-[0-9]{6}")
ACTION_FOR_EVENT = {
    "created": None,
    "assigned": "assign",
    "accepted": "accept",
    "held": "hold",
    "resumed": "resume",
    "resolved": "resolve",
    "reopened": "reopen",
    "closed": "close",
    "cancelled": "cancel",
}


@dataclass(frozen=True)
class HistoryImportResult:
    created: int
    updated: int
    events: int


@dataclass
class _Row:
    line: int
    number: str
    event: str
    at: datetime
    actor: str
    values: dict[str, str]


def parse_time(text: str, where: str) -> datetime:
    """Parse an ISO 8601 time that carries an offset."""
    try:
        at = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError.of(
            "{where}: {text!r} is not an ISO 8601 time", where=where, text=text
        ) from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValidationError.of(
            "{where}: {text!r} has no offset (write e.g. {example}+08:00)",
            where=where,
            text=text,
            example=text.strip(),
        )
    return check_year(at, where)


def _note_fields(note: str) -> dict[str, str]:
    """``source=resident_app; kind=repair`` → {"source": ..., "kind": ...}."""
    fields = {}
    for part in note.replace(",", ";").split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip() in ("source", "kind"):
            fields[key.strip()] = value.strip()
    return fields


def _note_rest(note: str) -> str | None:
    """A created row's note without its ``source=…``/``kind=…`` fields, which are the order's
    source and kind, not words for the timeline: what people wrote beside them, or None."""
    rest = []
    for part in note.replace(",", ";").split(";"):
        key, sep, _ = part.partition("=")
        if not (sep and key.strip() in ("source", "kind")) and part.strip():
            rest.append(part.strip())
    return "; ".join(rest) or None


def _read(path: Path) -> list[_Row | str]:
    out: list[_Row | str] = []
    for line, raw in read_csv(path, HEADER, only=term("history file")):
        v = {k: (raw.get(k) or "").strip() for k in HEADER}
        problems: list[Any] = []
        surplus = raw.get(None)  # type: ignore[call-overload]
        if surplus:
            problems.append(
                Problem.of(
                    "{n} values for {columns} columns",
                    n=len(HEADER) + len(surplus),
                    columns=len(HEADER),
                )
            )
        if not v["number"]:
            problems.append(Problem.of("number: missing"))
        elif not NUMBER_FORMAT.fullmatch(v["number"]):
            problems.append(
                Problem.of(
                    "number: {value!r} is not a work-order number WO-YYYY-NNNNNN",
                    value=v["number"],
                )
            )
        if v["event"] not in ACTION_FOR_EVENT:
            problems.append(
                Problem.of(
                    "event: {value!r} is not one of {choices}",
                    value=v["event"],
                    choices=list(ACTION_FOR_EVENT),
                )
            )
        # actors are free text (people who are not users appear in old spreadsheets), but
        # never empty, never control characters, never a screenful
        if not v["actor"]:
            problems.append(Problem.of("actor: missing"))
        else:
            problems.append(text_problem(v["actor"], "actor", max_length=100))
        problems.append(text_problem(v["title"], "title"))
        problems.append(text_problem(v["note"], "note", multiline=True))
        problems = [p for p in problems if p is not None]
        at = None
        try:
            at = parse_time(v["at"], "at")
        except ValidationError as exc:
            problems.append(exc)
        if problems or at is None:
            out.extend(at_line(line, p) for p in problems)
            continue
        out.append(_Row(line, v["number"], v["event"], at, v["actor"], v))
    return out


class WorkOrderImporter(ServiceBase):
    """Loads an events CSV through the same lifecycle as live work."""

    def import_csv(self, actor: Actor, path: Path) -> HistoryImportResult:
        """Import work-order history; all or nothing.

        New numbers must start with a ``created`` row; rows for an existing work order append
        to its history (after its last event). Kind: ``kind=`` in the created row's note, else
        inspection for preventive orders, cleaning when first assigned to a collection team,
        else repair.

        Raises:
            ValidationError: every bad row as ``line N: problem``; nothing written.
        """
        actor.require("workorder.create")
        actor.require("workorder.dispatch")
        name = Path(path).name
        parsed = _read(path)
        problems = [p for p in parsed if isinstance(p, str)]
        rows = [r for r in parsed if isinstance(r, _Row)]
        now = self.clock.now()
        with self.db.write() as s:
            groups: dict[str, list[_Row]] = {}
            for r in rows:
                groups.setdefault(r.number, []).append(r)
            existing = {n: repo.by_number(s, n) for n in repo.existing_numbers(s, groups)}
            users = repo.users_by_names(
                s, [r.values["assignee"] for r in rows if r.values["assignee"]]
            )
            communities = repo.communities_by_name(s)
            devices = inventory_repo.devices_by_tags(
                s, [r.values["asset_tag"] for r in rows if r.values["asset_tag"]]
            )
            plans: list[tuple[str, list[_Row], dict[str, Any]]] = []
            for number, group in groups.items():
                plan = self._check_group(
                    number, group, existing.get(number), users, communities, devices, now, problems
                )
                if plan is not None:
                    plans.append((number, group, plan))
            if problems:
                problems.sort(
                    key=lambda p: int(p.split(":")[0].split()[1]) if p.startswith("line ") else 0
                )
                if len(problems) == 1:
                    raise ValidationError.of(
                        "{name}: {problems_0}", name=name, problems_0=problems[0]
                    )
                raise problems_error(
                    "{name}: {n_problems} problems; nothing was imported",
                    problems,
                    name=name,
                )
            created = updated = events = 0
            years: dict[int, int] = {}
            for number, group, plan in plans:
                wo = existing.get(number)
                todo = group
                if wo is None:
                    first = group[0]
                    wo = new_order(
                        s,
                        at=first.at,
                        actor=first.actor,
                        title=first.values["title"],
                        priority=first.values["priority"],
                        source=plan["source"],
                        kind=plan["kind"],
                        device=plan["device"],
                        community_id=plan["community_id"],
                        number=number,
                        note=_note_rest(first.values["note"]),
                    )
                    todo = group[1:]
                    created += 1
                    parts = number_parts(number)
                    if parts is not None:
                        years[parts[0]] = max(years.get(parts[0], 0), parts[1])
                else:
                    updated += 1
                events += len(group)
                for r in todo:
                    self._apply(s, wo, r, users)
                repo.flush_or_conflict(s, number)
            for year, last in years.items():
                repo.raise_counter(s, year, last)
        return HistoryImportResult(created, updated, events)

    @staticmethod
    def _apply(s: Session, wo: WorkOrder, r: _Row, users: dict[str, User]) -> None:
        note = r.values["note"] or None
        action = ACTION_FOR_EVENT[r.event]
        assert action is not None
        if action == lifecycle.Action.ASSIGN and wo.status == lifecycle.Status.IN_PROGRESS:
            action = "reassign"
        kwargs: dict[str, Any] = {"at": r.at, "actor": r.actor}
        if action in ("assign", "reassign"):
            kwargs["assignee_id"] = users[r.values["assignee"]].id
            if note and note.lower().startswith("override:"):
                kwargs["override_reason"] = note.split(":", 1)[1].strip()
            else:
                kwargs["note"] = note
        elif action == "hold":
            code, text = lifecycle.parse_hold_reason(note or "")
            kwargs["reason_code"], kwargs["note"] = code.value, text or None
        elif action == "close" and note and note.lower().startswith("override:"):
            # a manager closed without the liaison: the written reason follows "override:"
            kwargs["reason_code"] = verification.CLOSED_UNVERIFIED
            kwargs["override_reason"] = note.split(":", 1)[1].strip()
        elif action == "close":
            kwargs["reason_code"], kwargs["note"] = verification.VERIFIED, note
        else:
            kwargs["note"] = note
        if action == "resolve" and note and not wo.resolution_note:
            wo.resolution_note = note
        apply_action(s, wo, action, **kwargs)

    @staticmethod
    def _check_group(
        number: str,
        group: list[_Row],
        wo: WorkOrder | None,
        users: dict[str, User],
        communities: dict[str, Community],
        devices: dict[str, Device],
        now: datetime,
        problems: list[str],
    ) -> dict[str, Any] | None:
        before = len(problems)

        def bad(row: _Row, problem: Problem) -> None:
            problems.append(at_line(row.line, problem))

        plan: dict[str, Any] = {}
        first = group[0]
        if wo is None:
            if first.event != "created":
                bad(
                    first,
                    Problem.of(
                        "{number}: no such work order; its history must start with a created row",
                        number=number,
                    ),
                )
                return None
            v = first.values
            if v["priority"] not in lifecycle.PRIORITIES:
                bad(
                    first,
                    Problem.of(
                        "priority: {value!r} is not one of P1, P2, P3, P4", value=v["priority"]
                    ),
                )
            if not v["title"]:
                bad(first, Problem.of("title: missing"))
            elif len(v["title"]) > TITLE_MAX:
                bad(first, Problem.of("title: longer than {n} characters", n=TITLE_MAX))
            device = None
            community = None
            if v["asset_tag"]:
                device = devices.get(v["asset_tag"])
                if device is None:
                    bad(first, Problem.of("asset_tag: no device {tag!r}", tag=v["asset_tag"]))
            if v["community"]:
                community = communities.get(v["community"])
                if community is None:
                    bad(
                        first,
                        Problem.of(
                            "community: no community named {community!r}",
                            community=v["community"],
                        ),
                    )
            if not v["asset_tag"] and not v["community"]:
                bad(first, Problem.of("a created row needs an asset_tag or a community"))
            if device is not None and community is not None and device.community_id != community.id:
                bad(
                    first,
                    Problem.of(
                        "asset_tag: {tag} is not in {community}",
                        tag=v["asset_tag"],
                        community=v["community"],
                    ),
                )
            fields = _note_fields(v["note"])
            source = fields.get("source", "liaison")
            if source not in SOURCES:
                bad(
                    first,
                    Problem.of(
                        "note: source {value!r} is not one of {choices}",
                        value=source,
                        choices=list(SOURCES),
                    ),
                )
            kind = fields.get("kind")
            if kind is not None and kind not in KINDS:
                bad(
                    first,
                    Problem.of(
                        "note: kind {value!r} is not one of {choices}",
                        value=kind,
                        choices=list(KINDS),
                    ),
                )
            if kind is None:
                kind = "inspection" if source == "preventive" else "repair"
                first_assignee = next(
                    (users.get(r.values["assignee"]) for r in group if r.event == "assigned"), None
                )
                org = first_assignee.organization if first_assignee is not None else None
                if source != "preventive" and org is not None and org.kind == "collection_team":
                    kind = "cleaning"
            plan = {
                "device": device,
                "community_id": device.community_id
                if device is not None
                else (community.id if community else 0),
                "source": source,
                "kind": kind,
            }
            state = lifecycle.LifecycleState()
            last = first.at
            rest = group[1:]
        else:
            state = state_of(wo)
            last = max(e.at for e in wo.events)
            rest = group
        for r in rest:
            if r.event == "created":
                bad(r, Problem.of("{number}: created twice", number=number))
                continue
            if r.at < last:
                bad(
                    r,
                    Problem.of(
                        "{number}: {event} at {at} is earlier than the event before it",
                        number=number,
                        event=r.event,
                        at=r.at.isoformat(),
                    ),
                )
            last = max(last, r.at)
            if r.at > now:
                bad(r, Problem.of("at: {at} is in the future", at=r.at.isoformat()))
            action = ACTION_FOR_EVENT[r.event]
            assert action is not None
            if action == "assign":
                name = r.values["assignee"]
                if not name:
                    bad(r, Problem.of("assignee: missing"))
                elif name not in users:
                    bad(r, Problem.of("assignee: no user named {name!r}", name=name))
                elif users[name].role != lifecycle.Role.TECHNICIAN:
                    bad(
                        r,
                        Problem.of(
                            "assignee: {assignee} is a {role}; work orders go to technicians",
                            assignee=name,
                            role=users[name].role,
                        ),
                    )
                if state.status == lifecycle.Status.IN_PROGRESS:
                    action = "reassign"
            if action == "hold":
                try:
                    lifecycle.parse_hold_reason(r.values["note"])
                except ValidationError as exc:
                    bad(r, Problem.of("note: {error}", error=exc))
            try:
                state = state.apply(action)
            except TransitionRefused as exc:
                bad(r, Problem.of("{number}: {error}", number=number, error=exc))
        if first.at > now and wo is None:
            bad(first, Problem.of("at: {at} is in the future", at=first.at.isoformat()))
        return plan if len(problems) == before else None
