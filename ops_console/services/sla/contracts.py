"""Contracts, their calendars and versioned SLA policies: import from TOML, read back."""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from ...db import Session
from ...db.models import BusinessCalendar, Contract, SlaPolicy, SlaTerm
from ...db.repos import accounts as accounts_repo
from ...db.repos import contracts as repo
from ...domain.errors import NotFound, Problem, ValidationError
from ...domain.text import check_text
from .. import audit
from ..accounts import new_organization
from ..base import ServiceBase
from ..context import Actor
from ..formats import problems_error
from .contract_file import ALWAYS, CalendarSpec, parse_contract
from .contract_terms import AvailabilityTerm, Parties, availability_from_json, availability_to_json


class _Targets(Protocol):
    """An SLA term's targets and penalties as a contract file states them (``TermSpec``) or
    the database holds them (``SlaTerm``)."""

    @property
    def key(self) -> str: ...
    @property
    def response_minutes(self) -> int: ...
    @property
    def resolution_minutes(self) -> int: ...
    @property
    def warning_ratio(self) -> float | Decimal: ...
    @property
    def penalty_per_breach(self) -> Decimal: ...
    @property
    def penalty_per_hour(self) -> Decimal: ...


class _Term(_Targets, Protocol):
    """An SLA term with its calendar's name (``TermSpec``, ``TermInfo``)."""

    @property
    def calendar(self) -> str: ...


def term_json(t: _Term) -> dict[str, object]:
    """A term's targets and penalties as ``contracts show --format json`` and the policy's
    audit entry write them (amounts as exact decimal text)."""
    return {
        "response_minutes": t.response_minutes,
        "resolution_minutes": t.resolution_minutes,
        "calendar": t.calendar,
        "warning_ratio": t.warning_ratio,
        "penalty_per_breach": str(t.penalty_per_breach),
        "penalty_per_hour": str(t.penalty_per_hour),
    }


@dataclass(frozen=True)
class TermInfo:
    key: str
    response_minutes: int
    resolution_minutes: int
    calendar: str
    warning_ratio: float
    penalty_per_breach: Decimal
    penalty_per_hour: Decimal

    @classmethod
    def of(cls, t: _Targets, calendar: str) -> TermInfo:
        """The term of a contract file's ``TermSpec`` or of a stored ``SlaTerm`` row."""
        return cls(
            t.key,
            t.response_minutes,
            t.resolution_minutes,
            calendar,
            float(t.warning_ratio),
            Decimal(t.penalty_per_breach),
            Decimal(t.penalty_per_hour),
        )

    def to_json(self) -> dict[str, object]:
        return term_json(self)


@dataclass(frozen=True)
class PolicyInfo:
    id: int
    version: int
    effective_from: datetime
    terms: tuple[TermInfo, ...]
    # the hold reasons that stop the clocks under this version; None: every reason does
    stops_clock: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ContractInfo:
    """A contract as screens and reports show it.

    Attributes:
        communities: the communities covered, by name.
        policy_version: the latest SLA policy version (0 when none).
    """

    id: int
    code: str
    name: str
    firm: str
    communities: tuple[str, ...]
    starts_on: date
    ends_on: date
    monthly_fee: Decimal
    penalty_cap_ratio: Decimal
    timezone: str
    policy_version: int
    # the latest policy version's hold reasons that stop the clocks; None: every reason does
    stops_clock: tuple[str, ...] | None = None
    parties: Parties = field(default_factory=Parties)
    availability: tuple[AvailabilityTerm, ...] = ()


@dataclass(frozen=True)
class ContractImportResult:
    """What an import did.

    Attributes:
        created: the contract was new.
        changed: contract fields (name, fee, communities...) changed.
        new_policy: a new SLA policy version was created.
        policy_version: the version now in force.
    """

    code: str
    created: bool
    changed: bool
    new_policy: bool
    policy_version: int


@dataclass(frozen=True)
class ContractPreview:
    """What importing a file would do, worked out by the import itself and rolled back.

    Attributes:
        result: the import's result, as the import would return it.
        new_firm: the firm the import would add as an organization, if it is new.
        changes: each contract field that would change, as (field, before, after) texts
            (a new contract: every field, before empty).
        terms: the SLA policy version the import would add (empty: the policy stays).
    """

    result: ContractImportResult
    new_firm: str | None
    changes: tuple[tuple[str, str, str], ...]
    terms: tuple[TermInfo, ...]


class _Preview(Exception):
    """Carries a preview out of its write transaction, which it rolls back."""

    def __init__(self, preview: ContractPreview) -> None:
        super().__init__("preview")
        self.preview = preview


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"  # 80000, not the normalized 8E+4
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def contract_info(c: Contract) -> ContractInfo:
    return ContractInfo(
        c.id,
        c.code,
        c.name,
        c.firm.name,
        tuple(x.name for x in c.communities),
        c.starts_on,
        c.ends_on,
        Decimal(c.monthly_fee),
        Decimal(c.penalty_cap_ratio),
        c.timezone,
        max((p.version for p in c.policies), default=0),
        _stops_clock(c.policies[-1].stops_clock_json) if c.policies else None,
        Parties.from_json(c.parties_json),
        availability_from_json(c.availability_json),
    )


def _stops_clock(stored: str | None) -> tuple[str, ...] | None:
    return None if stored is None else tuple(sorted(json.loads(stored)))


def sees_contract(actor: Actor, c: Contract) -> bool:
    """Whether the actor may read the contract: it covers one of the actor's communities."""
    return actor.community_ids is None or any(actor.sees_community(x.id) for x in c.communities)


def visible_contract(actor: Actor, c: Contract | None, code: str) -> Contract:
    """The contract, if the actor may read it; one outside their scope reads as absent.

    Raises:
        NotFound: no such contract, or none the actor may see.
    """
    if c is None or not sees_contract(actor, c):
        raise NotFound.of('no contract with code "{code}"', code=code)
    return c


def _snapshot(c: Contract, communities: list[str]) -> dict[str, Any]:
    return {
        "name": c.name,
        "firm_id": c.firm_id,
        "communities": sorted(communities),
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "monthly_fee": Decimal(c.monthly_fee).normalize(),
        "penalty_cap_ratio": Decimal(c.penalty_cap_ratio).normalize(),
        "timezone": c.timezone,
        "parties": json.loads(c.parties_json) if c.parties_json else None,
        "availability": json.loads(c.availability_json) if c.availability_json else None,
    }


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError.of("{path}: no such file", path=path) from None
    except UnicodeDecodeError:
        raise ValidationError.of("{name}: not UTF-8 text", name=path.name) from None


class ContractsService(ServiceBase):
    """Contract files in, contracts and policy versions out."""

    def import_file(self, actor: Actor, path: Path) -> ContractImportResult:
        """Import a contract TOML file; see :meth:`import_text`."""
        path = Path(path)
        return self.import_text(actor, _read(path), where=path.name)

    def preview_file(self, actor: Actor, path: Path) -> ContractPreview:
        """What importing a contract TOML file would do; see :meth:`preview_text`."""
        path = Path(path)
        return self.preview_text(actor, _read(path), where=path.name)

    def import_text(
        self, actor: Actor, text: str, *, where: str = "contract.toml"
    ) -> ContractImportResult:
        """Create or update a contract, its calendar and its SLA policy.

        Changed terms (or a changed calendar) create a new policy version, in force from now;
        the first version is in force from the contract's start. An unchanged file creates
        nothing. All or nothing.

        Raises:
            ValidationError: naming the place of every problem.
            PermissionDenied: the actor may not import contracts.
        """
        return self._import(actor, text, where, preview=False).result

    def preview_text(
        self, actor: Actor, text: str, *, where: str = "contract.toml"
    ) -> ContractPreview:
        """What :meth:`import_text` would do with this text, and nothing written: the same
        import runs in a transaction that is rolled back, so the preview and the import can
        never disagree, and bad input raises the same errors."""
        return self._import(actor, text, where, preview=True)

    def _import(self, actor: Actor, text: str, where: str, *, preview: bool) -> ContractPreview:
        try:
            return self._apply(actor, text, where, preview=preview)
        except _Preview as rolled_back:
            return rolled_back.preview

    def _apply(self, actor: Actor, text: str, where: str, *, preview: bool) -> ContractPreview:
        actor.require("contract.write")
        spec = parse_contract(text, where)
        for value, key in (
            (spec.code, "contract.code"),
            (spec.name, "contract.name"),
            (spec.firm, "contract.firm"),
            (spec.calendar.name if spec.calendar else None, "calendar.name"),
        ):
            check_text(value, f"{where}: {key}")
        now = self.clock.now()
        with self.db.write() as s:
            communities = []
            problems: list[str] = []
            for i, name in enumerate(spec.communities):
                community = accounts_repo.community_by_name(s, name)
                if community is None:
                    problems.append(
                        Problem.of(
                            '{where}: contract.communities[{i}]: no community named "{name}"',
                            where=where,
                            i=i,
                            name=name,
                        )
                    )
                else:
                    communities.append(community)
            if len(problems) == 1:
                raise ValidationError.of_problem(problems[0])
            if problems:
                raise problems_error(
                    "{where}: {n_problems} problems",
                    problems,
                    where=where,
                )
            contract = repo.contract_by_code(s, spec.code)
            # a contract follows community scope: every community it covers now and will
            # cover must be the actor's (a manager of 湖滨 neither rewrites 张江's contract
            # nor makes a new one for 张江)
            for c in [*(contract.communities if contract else []), *communities]:
                actor.require_community(c.id, c.name)
            firm = accounts_repo.organization_by_name(s, spec.firm)
            new_firm = spec.firm if firm is None else None
            if firm is None:
                firm = new_organization(s, spec.firm, "firm", at=now, actor=actor.username)
            created = contract is None
            old_firm = "" if contract is None else contract.firm.name
            values = {
                "name": spec.name,
                "firm_id": firm.id,
                "starts_on": spec.start,
                "ends_on": spec.end,
                "monthly_fee": spec.monthly_fee,
                "penalty_cap_ratio": spec.penalty_cap_ratio,
                "timezone": spec.timezone,
                "parties_json": (
                    json.dumps(spec.parties.to_json(), ensure_ascii=False, sort_keys=True)
                    if spec.parties != Parties()
                    else None
                ),
                "availability_json": availability_to_json(spec.availability),
            }
            if contract is None:
                contract = Contract(code=spec.code, communities=communities, **values)
                s.add(contract)
                s.flush()
                before: dict[str, Any] = {}
            else:
                before = _snapshot(contract, [c.name for c in contract.communities])
                for k, v in values.items():
                    setattr(contract, k, v)
                contract.communities = communities
            after = _snapshot(contract, [c.name for c in communities])
            b, a = audit.diff(before, after)
            changed = bool(a) and not created
            if created or a:
                audit.record(
                    s,
                    now,
                    actor,
                    "contract.create" if created else "contract.update",
                    "contract",
                    spec.code,
                    before=b or None,
                    after=a,
                )
            policies = repo.policies(s, contract.id)
            digest = spec.policy_digest()
            latest = policies[-1] if policies else None
            changes = tuple(
                ("firm", old_firm, spec.firm)
                if k == "firm_id"
                else (k, _shown(b.get(k)), _shown(v))
                for k, v in a.items()
            )

            def done(result: ContractImportResult, terms: tuple[TermInfo, ...]) -> ContractPreview:
                out = ContractPreview(result, new_firm, changes, terms)
                if preview:
                    raise _Preview(out)  # rolls the transaction back
                return out

            if latest is not None and latest.source_digest == digest:
                return done(
                    ContractImportResult(spec.code, created, changed, False, latest.version), ()
                )
            calendar_row = self._calendar(s, spec.calendar) if spec.calendar else None
            version = 1 if latest is None else latest.version + 1
            effective = (
                datetime.combine(spec.start, time(0), ZoneInfo(spec.timezone)).astimezone(UTC)
                if latest is None
                else now
            )
            policy = SlaPolicy(
                contract_id=contract.id,
                version=version,
                effective_from=effective,
                created_at=now,
                source_digest=digest,
                stops_clock_json=None
                if spec.stops_clock is None
                else json.dumps(list(spec.stops_clock)),
                terms=[
                    SlaTerm(
                        key=t.key,
                        response_minutes=t.response_minutes,
                        resolution_minutes=t.resolution_minutes,
                        calendar=None if t.calendar == ALWAYS else calendar_row,
                        warning_ratio=t.warning_ratio,
                        penalty_per_breach=t.penalty_per_breach,
                        penalty_per_hour=t.penalty_per_hour,
                    )
                    for t in spec.terms
                ],
            )
            audit.created(
                s,
                policy,
                now,
                actor,
                "sla_policy.create",
                "sla_policy",
                f"{spec.code} v{version}",
                after={
                    "effective_from": effective,
                    "terms": {t.key: term_json(t) for t in spec.terms},
                    "stops_clock": "all hold reasons"
                    if spec.stops_clock is None
                    else list(spec.stops_clock),
                },
            )
            return done(
                ContractImportResult(spec.code, created, changed, True, version),
                tuple(TermInfo.of(t, t.calendar) for t in spec.terms),
            )

    def _calendar(self, s: Session, spec: CalendarSpec) -> BusinessCalendar:
        """Return the stored calendar with this content, creating a new version when it changed.

        A stored calendar is never edited: policies already using it keep their figures.
        """
        content = {
            "timezone": spec.timezone,
            "hours_json": json.dumps(spec.hours, ensure_ascii=False, sort_keys=True),
            "holidays_json": json.dumps(spec.holidays),
            "makeup_json": json.dumps(spec.makeup, sort_keys=True),
        }
        rows = repo.calendars_named(s, spec.name)
        for row in rows:
            if all(getattr(row, k) == v for k, v in content.items()):
                return row
        name = spec.name if not rows else f"{spec.name} v{len(rows) + 1}"
        row = BusinessCalendar(name=name, always_open=False, **content)
        s.add(row)
        s.flush()
        return row

    # reading ----------------------------------------------------------------------
    def get(self, actor: Actor, code: str) -> ContractInfo:
        """Return a contract by code.

        Raises:
            NotFound: no contract with that code.
        """
        actor.require("read")
        with self.db.read() as s:
            return contract_info(visible_contract(actor, repo.contract_by_code(s, code), code))

    def list(self, actor: Actor) -> list[ContractInfo]:
        actor.require("read")
        with self.db.read() as s:
            out = []
            for c in repo.all_contracts(s):
                if sees_contract(actor, c):
                    out.append(contract_info(c))
            return out

    # builtins.list: inside this class, a bare ``list`` is the method above
    def policies(self, actor: Actor, code: str) -> builtins.list[PolicyInfo]:
        """Return every SLA policy version of a contract, oldest first."""
        actor.require("read")
        with self.db.read() as s:
            c = visible_contract(actor, repo.contract_by_code(s, code), code)
            return [
                PolicyInfo(
                    p.id,
                    p.version,
                    p.effective_from,
                    tuple(
                        TermInfo.of(t, t.calendar.name if t.calendar else ALWAYS) for t in p.terms
                    ),
                    _stops_clock(p.stops_clock_json),
                )
                for p in repo.policies(s, c.id)
            ]
