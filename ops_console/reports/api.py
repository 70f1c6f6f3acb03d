"""The report API the CLI and the UI call: one request in, a PDF (and CSV) out.

``build_report`` is safe to run in a background thread: it takes the services and the
acting user, reports progress as a fraction, checks ``cancelled`` between steps and on
every page, and leaves no file behind when it fails or is cancelled.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable

from ..domain.clock import DEFAULT_TIMEZONE
from ..domain.errors import NotFound, OpsError, ValidationError
from ..domain.sla import period_bounds
from ..services.context import Actor
from .i18n import Messages
from .output import CsvTable, atomic_output, check_writable, write_csv
from .template import PageInfo, Styles, render_pdf, title_block

if TYPE_CHECKING:
    from ..services.accounts import CommunityInfo
    from ..services.container import Services
    from ..services.sla import ContractInfo

KINDS = ("sla", "maintenance", "availability", "training", "notice", "audit")


class ReportCancelled(OpsError):
    """The user cancelled the report; nothing was written."""


@dataclass(frozen=True)
class ReportRequest:
    """What to report on.

    Attributes:
        kind: one of :data:`KINDS`.
        date_from: the period's first day (local date).
        date_to: the period's last day, included.
        community: a community's name, or None for every community the user sees.
        contract: a contract's code, or None.
        lang: ``zh_CN`` or ``en``.
        options: report-specific text (the notice's ``title``, ``message``, ``when``).
    """

    kind: str
    date_from: date
    date_to: date
    community: str | None = None
    contract: str | None = None
    lang: str = "zh_CN"
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportResult:
    """What was written.

    Attributes:
        pages: the PDF's page count.
        path: the PDF.
        csv_path: the CSV, when asked for.
        csv_rows: data rows written to the CSV.
        figures: the key figures printed, by name (for the UI and for tests).
        font_embedded: False when the CID fallback font was used (see fonts.py).
    """

    kind: str
    pages: int
    path: Path
    csv_path: Path | None = None
    csv_rows: int = 0
    figures: dict[str, Any] = field(default_factory=dict)
    font_embedded: bool = True


@dataclass
class ReportBody:
    """What one report module returns: the flowables, its CSV tables and key figures.

    Attributes:
        story: flowables after the title block.
        tables: the CSV tables.
        figures: key figures by name.
        own_title: the story draws its own title (the resident notice), skip the title block.
        page_label: printed after the title in every page's header (the statement's number).
        poster: a public poster signed by this name (the community office): no header or
            footer naming the console or the person who printed it.
    """

    story: list[Flowable]
    tables: list[CsvTable] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    own_title: bool = False
    page_label: str = ""
    poster: str = ""


@dataclass
class ReportContext:
    """Everything a report module needs, resolved once.

    Attributes:
        start: the period's first instant (local midnight of ``date_from``).
        end: the instant after the period (local midnight after ``date_to``).
        tz: the contract's or community's time zone.
        community: the community (an accounts.CommunityInfo) or None.
        contract: the contract as the SLA service describes it, or None.
        now: generation time in ``tz``.
    """

    services: Services
    actor: Actor
    request: ReportRequest
    m: Messages
    styles: Styles
    start: datetime
    end: datetime
    tz: tzinfo
    community: CommunityInfo | None
    contract: ContractInfo | None
    now: datetime
    progress: Callable[[float], None]
    check_cancel: Callable[[], None]

    @property
    def community_names(self) -> list[str] | None:
        """The communities in scope by name; None means all the user sees."""
        if self.community is not None:
            return [self.community.name]
        if self.contract is not None and self.contract.communities:
            return list(self.contract.communities)
        return None

    def local(self, instant: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
        """Format an instant in the report's time zone."""
        if instant is None:
            return ""
        if instant.tzinfo is None:  # SQLite hands back naive UTC
            from datetime import UTC

            instant = instant.replace(tzinfo=UTC)
        return instant.astimezone(self.tz).strftime(fmt)


def _find_community(services: Services, actor: Actor, name: str) -> CommunityInfo:
    for c in services.accounts.list_communities(actor):
        if c.name == name or (c.name_en and c.name_en.lower() == name.lower()):
            return c
    raise NotFound.of(
        "--community: no community named {name!r} (or you are not assigned to it)", name=name
    )


def _find_contract(services: Services, actor: Actor, code: str) -> ContractInfo:
    try:
        contract = services.contracts.get(actor, code)
    except NotFound as exc:
        raise NotFound.of("--contract: no contract with code {code!r}", code=code) from exc
    if actor.community_ids is not None and not any(
        c.name in contract.communities for c in services.accounts.list_communities(actor)
    ):
        raise NotFound.of(
            "--contract: no contract with code {code!r} in your communities", code=code
        )
    return contract


def _scope_label(
    ctx_community: CommunityInfo | None, contract: ContractInfo | None, m: Messages
) -> str:
    parts = []
    if contract is not None:
        parts.append(f"{contract.code} {contract.name}".strip())
    if ctx_community is not None:
        parts.append(ctx_community.name)
    return " · ".join(parts) or m("all_communities")


def _actor_label(actor: Actor) -> str:
    if actor.display_name and actor.display_name != actor.username:
        return f"{actor.display_name} ({actor.username})"
    return actor.username


def build_report(
    services: Services,
    actor: Actor,
    request: ReportRequest,
    out_pdf: Path,
    out_csv: Path | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ReportResult:
    """Build one report as a PDF (and optionally its tables as CSV).

    Raises:
        ValidationError: a bad period, language, kind or output path.
        NotFound: an unknown community or contract.
        PermissionDenied: the user may not print reports or see the community.
        ReportCancelled: ``cancelled()`` returned True; no file was left behind.
    """
    actor.require("report.print")
    if request.kind not in KINDS:
        raise ValidationError(f"report kind {request.kind!r}: one of {', '.join(KINDS)}")
    m = Messages(request.lang)
    out_pdf = Path(out_pdf)
    check_writable(out_pdf, "--out")
    if out_csv is not None:
        out_csv = Path(out_csv)
        check_writable(out_csv, "--csv")
        if out_csv.resolve() == out_pdf.resolve():
            raise ValidationError("--csv: must differ from --out")
    report = (lambda _f: None) if progress is None else progress

    def check_cancel() -> None:
        if cancelled is not None and cancelled():
            raise ReportCancelled(m("cancelled"))

    community = _find_community(services, actor, request.community) if request.community else None
    contract = _find_contract(services, actor, request.contract) if request.contract else None
    tz_name = (
        (contract.timezone if contract is not None else None)
        or (community.timezone if community is not None else None)
        or DEFAULT_TIMEZONE
    )
    tz = ZoneInfo(tz_name)
    start, end = period_bounds(request.date_from, request.date_to, tz)
    now = services.clock.now().astimezone(tz)
    styles = Styles()
    ctx = ReportContext(
        services,
        actor,
        request,
        m,
        styles,
        start,
        end,
        tz,
        community,
        contract,
        now,
        lambda f: report(min(0.6, max(0.0, f * 0.6))),
        check_cancel,
    )
    check_cancel()
    report(0.0)
    module = importlib.import_module(f"{__package__}.{request.kind}")
    body: ReportBody = module.build(ctx)
    check_cancel()
    report(0.6)

    period = m(
        "period_value",
        start=request.date_from.isoformat(),
        end=request.date_to.isoformat(),
        tz=tz_name,
    )
    scope = _scope_label(community, contract, m)
    generated_at = now.strftime("%Y-%m-%d %H:%M")
    by = _actor_label(actor)
    info = PageInfo(
        title=m(f"title.{request.kind}"),
        scope=scope,
        period=period,
        generated_at=generated_at,
        generated_by=body.poster or by,
        page_of=m("page_of", page="{page}", pages="{pages}"),
        footer=f"{m('app')} · {m('footer_generated', at=generated_at, by=by)}",
        app=m("app"),
        label=body.page_label,
        poster=bool(body.poster),
    )
    story: list[Flowable] = []
    if not body.own_title:
        labels = []
        if contract is not None:
            labels.append((m("contract"), f"{contract.code} {contract.name}"))
        labels.append(
            (m("community"), community.name if community is not None else _communities_text(ctx))
        )
        labels += [
            (m("period"), period),
            (m("generated_at"), f"{generated_at} ({tz_name})"),
            (m("generated_by"), by),
        ]
        story.extend(title_block(info, styles, labels))
    story.extend(body.story)

    def on_page(n: int) -> None:
        check_cancel()
        report(min(0.95, 0.6 + 0.35 * (1 - 1 / (1 + n / 20))))

    rows = 0
    with atomic_output(out_pdf, "--out") as fh:
        pages = render_pdf(fh, story, info, on_page=on_page)
        check_cancel()
        if out_csv is not None:  # inside: a failed CSV also discards the PDF
            rows = write_csv(out_csv, body.tables, check_cancel)
    report(1.0)
    from .fonts import report_font

    return ReportResult(
        request.kind,
        pages,
        out_pdf,
        out_csv,
        rows,
        body.figures,
        report_font().embedded,
    )


def _communities_text(ctx: ReportContext) -> str:
    names = ctx.community_names
    if names:
        return "、".join(names) if ctx.m.zh else ", ".join(names)
    seen = [c.name for c in ctx.services.accounts.list_communities(ctx.actor)]
    if not seen:
        return ctx.m("all_communities")
    joined = "、".join(seen) if ctx.m.zh else ", ".join(seen)
    return (
        f"{ctx.m('all_communities')}（{joined}）"
        if ctx.m.zh
        else f"{ctx.m('all_communities')} ({joined})"
    )
