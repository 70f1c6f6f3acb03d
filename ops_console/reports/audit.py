"""The audit report: the entries of the period, the chain verification and its fingerprint."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ..services.audit import VerifyResult, witness
from .api import ReportBody, ReportContext
from .masking import scrub
from .output import CsvTable
from .template import ALERT, CONTENT_WIDTH, OK, data_table, figures_block, heading, para

PAGE_SIZE = 1000
_HIDDEN = {"password", "password_hash", "secret", "community_string", "auth_key", "priv_key"}


def _fields(before_json: str | None, after_json: str | None) -> str:
    """Return the names of the fields an entry changed (never their values)."""
    names: list[str] = []
    for raw in (before_json, after_json):
        if not raw:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        if isinstance(value, dict):
            names.extend(k for k in value if k not in names)
    return ", ".join(n for n in names if n not in _HIDDEN)


def entries(ctx: ReportContext) -> list[tuple[Any, ...]]:
    """Return the period's entries, oldest first, as (id, when, who, what, object, fields)."""
    rows: list[tuple[Any, ...]] = []
    after_id: int | None = None
    while True:
        ctx.check_cancel()
        page = ctx.services.audit.page(
            ctx.actor, after_id=after_id, limit=PAGE_SIZE, since=ctx.start, until=ctx.end
        )
        for e in page:
            target = e.entity if e.entity_id is None else f"{e.entity} {e.entity_id}"
            rows.append(
                (
                    e.id,
                    ctx.local(e.at, "%Y-%m-%d %H:%M:%S"),
                    e.actor,
                    e.action,
                    scrub(target),
                    _fields(e.before_json, e.after_json),
                )
            )
        if len(page) < PAGE_SIZE:
            break
        after_id = page[-1].id
    rows.reverse()  # pages come newest first
    return rows


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


def build(ctx: ReportContext) -> ReportBody:
    """Build the audit report."""
    m, st = ctx.m, ctx.styles
    ctx.actor.require("audit.read")
    result = ctx.services.audit.verify(ctx.actor)
    ctx.progress(0.3)
    rows = entries(ctx)
    ctx.progress(0.9)
    if result.ok:
        verdict = m("audit.intact", n=result.entries)
    else:
        verdict = m("audit.broken", id=result.first_broken)
    story: list[Flowable] = [*heading(m("audit.chain"), st)]
    story.append(
        figures_block(
            [
                (m("audit.result"), "intact" if result.ok else f"BROKEN #{result.first_broken}"),
                (m("audit.entries_checked"), str(result.entries)),
                (m("audit.count", n="").rstrip("：: "), str(len(rows))),
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
    story.extend(heading(m("audit.entries"), st))
    headers = [m(f"audit.col.{k}") for k in ("id", "at", "actor", "action", "object", "fields")]
    if rows:
        w = CONTENT_WIDTH
        story.append(
            data_table(
                headers,
                rows,
                st,
                widths=[12 * mm, 31 * mm, 24 * mm, 30 * mm, 38 * mm, w - 135 * mm],
                numeric=(0,),
                wrap=(4, 5),
                font_size=8,
            )
        )
    else:
        story.append(para(m("no_entries"), st.body))

    def csv_rows() -> Iterator[tuple[Any, ...]]:
        yield from rows

    verification = [
        ("result", "intact" if result.ok else "broken"),
        ("entries_checked", result.entries),
        ("first_broken", result.first_broken or ""),
        ("problem", result.problem or ""),
        ("fingerprint", result.fingerprint or ""),
        ("witness_checkpoint", witness_line),
        ("witness_problem", witness_problem or ""),
    ]
    return ReportBody(
        story,
        tables=[
            CsvTable(m("audit.chain"), ["item", "value"], verification),
            CsvTable(m("audit.entries"), headers, csv_rows()),
        ],
        figures={
            "ok": result.ok,
            "entries_checked": result.entries,
            "first_broken": result.first_broken,
            "fingerprint": result.fingerprint,
            "entries_in_period": len(rows),
            "witness": witness_line,
            "witness_problem": witness_problem,
        },
    )
