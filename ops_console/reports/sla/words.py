"""The SLA statement's words and numbers: amounts, percentages, minutes, hold reasons, the
statement's number and standing."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ...services.sla import Statement
from ..api import ReportContext
from ..i18n import Messages

CENT = Decimal("0.01")


def money(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(value).quantize(CENT, ROUND_HALF_UP):,}"


def pct(value: float | None, places: int = 1) -> str:
    if value is None:
        return "—"
    q = Decimal(1).scaleb(-places)
    return f"{Decimal(str(value * 100)).quantize(q, ROUND_HALF_UP)}%"


def mins(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def reason_text(m: Messages, code: str | None) -> str:
    """A hold reason in words (``other: text`` keeps its text)."""
    if not code:
        return ""
    head, _, rest = code.partition(":")
    words = m.get(f"reason.{head.strip()}", head)
    return (
        f"{words}：{rest.strip()}"
        if rest.strip() and m.zh
        else (f"{words}: {rest.strip()}" if rest.strip() else words)
    )


def number_label(m: Messages, st: Statement) -> str:
    """The number as every page prints it, with the printout's standing."""
    if st.number is None:
        return m("st.no_number")
    if st.state in ("issued", "revision", "matches"):
        return m("st.number_page", number=st.number)
    return m("st.number_draft", number=st.number)


def state_lines(m: Messages, ctx: ReportContext, st: Statement) -> list[str]:
    at = ctx.local(st.issued_at) if st.issued_at else ""
    if st.state == "none":
        return [m("st.state.none")]
    if st.state == "draft":
        return [m("st.state.draft", number=st.number)]
    if st.state == "issued":
        return [m("st.state.issued", number=st.number, at=at, by=st.issued_by)]
    if st.state == "revision":
        return [
            m("st.state.revision", revision=st.revision, replaces=st.replaces),
            m("st.state.issued", number=st.number, at=at, by=st.issued_by),
        ]
    if st.state == "matches":
        out = [
            m("st.state.matches", number=st.number, revision=st.revision, at=at, by=st.issued_by)
        ]
        if st.replaces:
            out.append(m("st.state.revision", revision=st.revision, replaces=st.replaces))
        return out
    return [m("st.state.differs", replaces=st.replaces, n=len(st.differences))]
