"""The audit report: the chain's verification and fingerprint, a summary of the period by
person and by action, and every entry in chain order with its time, in words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..domain.text import name_and_login
from ..services.audit import VerifyResult, witness
from ..services.audit.trail import AuditRow
from . import audit_words as words
from .api import ReportBody, ReportContext
from .masking import scrub
from .output import CsvTable
from .tables import Columns, Section, csv_table
from .template import ALERT, OK, figures_block, heading, para

PAGE_SIZE = 1000
_HIDDEN = {"password", "password_hash", "secret", "community_string", "auth_key", "priv_key"}
# printed after the time of an entry that is older than the one before it in the chain
BACK_DATED = "※"
BY_PERSON = Columns(
    "audit.col",
    ("person", "entries", "first", "last"),
    widths=(66, 22, 43, None),
    numeric=(1,),
    wrap=(0,),
)
BY_ACTION = Columns("audit.col", ("action", "entries"), widths=(88, 22), numeric=(1,), wrap=(0,))
ENTRIES = Columns(
    "audit.col",
    ("id", "at", "actor", "action", "object", "fields"),
    widths=(12, 31, 25, 28, 32, None),
    numeric=(0,),
    wrap=(1, 2, 3, 4, 5),
    font_size=8,
)


@dataclass(frozen=True)
class Entry:
    """One audit entry as the report prints it.

    Attributes:
        row: the log's entry, its time made aware (UTC when stored without a zone).
        fields: the names of the fields it changed (:func:`changed_fields`).
        back_dated: its time is earlier than the previous entry's in the chain.
    """

    row: AuditRow
    fields: tuple[str, ...]
    back_dated: bool


def changed_fields(before_json: str | None, after_json: str | None) -> tuple[str, ...]:
    """Return the names of the fields an entry changed (never their values).

    A field counts when its value differs between before and after, or it is only on one
    side (every field of a creation). Secrets' names are left out, and so is the unnamed
    field of a snapshot that is not a JSON object.
    """
    before, after = words.snapshot(before_json), words.snapshot(after_json)
    names = [k for k in after if k not in before or before[k] != after[k]]
    names += [k for k in before if k not in after]
    return tuple(n for n in names if n and n not in _HIDDEN)


def entries(ctx: ReportContext) -> list[Entry]:
    """Return the period's entries in chain order (by entry number), flagging back-dated ones."""
    found: list[AuditRow] = []
    after_id: int | None = None
    while True:
        ctx.check_cancel()
        page = ctx.services.audit.page(
            ctx.actor, after_id=after_id, limit=PAGE_SIZE, since=ctx.start, until=ctx.end
        )
        found.extend(page)
        if len(page) < PAGE_SIZE:
            break
        after_id = page[-1].id
    found.sort(key=lambda e: e.id)  # pages come newest first
    out: list[Entry] = []
    previous: datetime | None = None
    for e in found:
        row = replace(e, at=_aware(e.at))
        fields = changed_fields(e.before_json, e.after_json)
        out.append(Entry(row, fields, previous is not None and row.at < previous))
        previous = row.at
    return out


def _aware(at: datetime) -> datetime:
    from datetime import UTC

    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _witness(ctx: ReportContext, result: VerifyResult) -> tuple[str, str | None]:
    """The last checkpoint in the witness log, in words, and how the chain contradicts it."""
    m = ctx.m
    path = witness.witness_path()
    try:
        last = witness.last_checkpoint(ctx.services.db, path)
    except witness.WitnessError as exc:
        return m("audit.witness_none", path=path), str(exc)
    if last is None:
        return m("audit.witness_none", path=path), None
    line = m(
        "audit.witness_at",
        id=last.last_id,
        at=ctx.local(last.at),
        hash=last.last_hash[:16],
        public=last.public_key[:12],
        path=path,
    )
    return line, witness.contradiction(ctx.services.db, result, last) if result.ok else None


class _Words:
    """Codes of the log in the report's language: actions, objects, fields, people."""

    def __init__(self, ctx: ReportContext) -> None:
        self.lang = ctx.m.lang
        self.sep = "、" if ctx.m.zh else ", "
        self.people = {
            u.username: u.display_name for u in ctx.services.accounts.list_users(ctx.actor)
        }

    def person(self, username: str) -> str:
        if username == "system":
            return words.SYSTEM_ACTOR[0 if self.lang == "zh_CN" else 1]
        return name_and_login(self.people.get(username), username)

    def action(self, code: str) -> str:
        return words.action(code, self.lang)

    def target(self, e: Entry) -> str:
        kind = words.entity(e.row.entity, self.lang)
        return kind if e.row.entity_id is None else f"{kind} {scrub(e.row.entity_id)}"

    def fields(self, names: tuple[str, ...]) -> str:
        return self.sep.join(words.field(n, self.lang) for n in names)


def build(ctx: ReportContext) -> ReportBody:
    """Build the audit report."""
    m, st = ctx.m, ctx.styles
    ctx.actor.require("audit.read")
    result = ctx.services.audit.verify(ctx.actor)
    ctx.progress(0.3)
    found = entries(ctx)
    ctx.progress(0.7)
    w = _Words(ctx)
    back_dated = sum(1 for e in found if e.back_dated)
    if result.ok:
        state = m("audit.state.intact")
        verdict = m("audit.intact", n=result.entries)
    else:
        state = m("audit.state.broken", id=result.first_broken)
        verdict = m("audit.broken", id=result.first_broken)
    story: list[Flowable] = [*heading(m("audit.chain"), st)]
    story.append(
        figures_block(
            [
                (m("audit.result"), state),
                (m("audit.entries_checked"), str(result.entries)),
                (m("audit.count", n="").rstrip("：: "), str(len(found))),
            ],
            st,
        )
    )
    story.append(Spacer(1, 3 * mm))
    verdict_style = st.h2.clone("verdict", textColor=OK if result.ok else ALERT)
    story.append(para(verdict, verdict_style))
    if not result.ok and result.problem:
        story.append(para(f"{m('audit.problem')}：{result.problem}", st.body))
    story.append(para(m("audit.fingerprint"), st.label))
    story.append(
        para(result.fingerprint or m("audit.fingerprint_none"), st.body.clone("fp", fontSize=9))
    )
    witness_line, witness_problem = _witness(ctx, result)
    story.append(para(m("audit.witness"), st.label))
    story.append(para(witness_line, st.body.clone("wit", fontSize=9)))
    if witness_problem:
        story.append(para(witness_problem, st.body.clone("witbad", textColor=ALERT)))
    story.append(Spacer(1, 2 * mm))
    story.append(para(m("audit.note"), st.small))

    by_person = _by_person(found, w)
    person_rows = [(p, n, ctx.local(a), ctx.local(b)) for p, n, a, b in by_person]
    by_action = Counter(e.row.action for e in found)
    action_rows = [(w.action(code), n) for code, n in by_action.most_common()]
    people = Section(m, m("audit.by_person"), BY_PERSON, person_rows)
    actions = Section(m, m("audit.by_action"), BY_ACTION, action_rows)
    story += people.story(st, empty=m("no_entries"))
    story += actions.story(st, empty=m("no_entries"))

    notes = [para(m("audit.order_note", mark=BACK_DATED), st.small)]
    if back_dated:
        notes.append(para(m("audit.back_dated", n=back_dated, mark=BACK_DATED), st.small))
    stamp = "%Y-%m-%d %H:%M:%S"

    def row(e: Entry) -> tuple[Any, ...]:
        when = ctx.local(e.row.at, stamp)
        return (
            e.row.id,
            f"{when} {BACK_DATED}" if e.back_dated else when,
            w.person(e.row.actor),
            w.action(e.row.action),
            w.target(e),
            w.fields(e.fields),
        )

    entry_list = Section(m, m("audit.entries"), ENTRIES, [row(e) for e in found])
    story += entry_list.story(st, notes=notes, empty=m("no_entries"))
    entry_csv: dict[str, Callable[[Entry], Any]] = {
        "id": lambda e: e.row.id,
        "at": lambda e: ctx.local(e.row.at, stamp),
        "back_dated": lambda e: m.yes_no(e.back_dated),
        "actor": lambda e: w.person(e.row.actor),
        "action": lambda e: w.action(e.row.action),
        "object": w.target,
        "fields": lambda e: w.fields(e.fields),
    }

    verification = [
        (m("audit.result"), state),
        (m("audit.entries_checked"), result.entries),
        (m("audit.first_broken"), result.first_broken or ""),
        (m("audit.problem"), result.problem or ""),
        (m("audit.fingerprint"), result.fingerprint or ""),
        (m("audit.witness"), witness_line),
        (m("audit.witness_problem"), witness_problem or ""),
    ]
    return ReportBody(
        story,
        tables=[
            CsvTable(m("audit.chain"), m.headings("audit.col", "item", "value"), verification),
            people.csv(),
            actions.csv(),
            csv_table(m, m("audit.entries"), "audit.col", entry_csv, found),
        ],
        figures={
            "ok": result.ok,
            "entries_checked": result.entries,
            "first_broken": result.first_broken,
            "fingerprint": result.fingerprint,
            "entries_in_period": len(found),
            "back_dated": [e.row.id for e in found if e.back_dated],
            "by_person": {p: n for p, n, _a, _b in by_person},
            "by_action": dict(by_action),
            "witness": witness_line,
            "witness_problem": witness_problem,
        },
    )


def _by_person(found: list[Entry], w: _Words) -> list[tuple[str, int, datetime, datetime]]:
    """Return (person, entries, earliest time, latest time), most entries first."""
    seen: dict[str, list[datetime]] = {}
    for e in found:
        seen.setdefault(e.row.actor, []).append(e.row.at)
    rows = [(w.person(a), len(ts), min(ts), max(ts)) for a, ts in seen.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))
