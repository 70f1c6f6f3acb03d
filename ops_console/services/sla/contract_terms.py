"""The contract file's [parties] and [availability] tables: parsed, validated, stored as JSON.

Both are optional. Without [parties] the statement says which party the contract does not
name; without [availability] the statement has no availability section and no such penalty.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from ...domain.errors import Problem
from ..formats import JsonFields

NAME_MAX = 200
_PARTY_KEYS = ("firm", "street_office", "communities")
_ALL = "all"


@dataclass(frozen=True)
class Party(JsonFields):
    """A party to the contract in full, and optionally who signs for it."""

    name: str
    representative: str | None = None


@dataclass(frozen=True)
class Parties(JsonFields):
    """The firm, the street office (街道办事处) and each community's organization
    (居民委员会 or 社区工作站), by community name; None where the contract names none."""

    firm: Party | None = None
    street_office: Party | None = None
    communities: tuple[tuple[str, Party], ...] = ()

    def community(self, name: str) -> Party | None:
        return dict(self.communities).get(name)

    def to_json(self) -> dict[str, Any]:
        """The fields, the communities' parties by community name."""
        return super().to_json() | {"communities": {k: p.to_json() for k, p in self.communities}}

    @classmethod
    def from_json(cls, text: str | None) -> Parties:
        if not text:
            return cls()
        data = json.loads(text)

        def party(d: dict[str, str] | None) -> Party | None:
            return Party(d["name"], d.get("representative")) if d else None

        return cls(
            party(data.get("firm")),
            party(data.get("street_office")),
            tuple(
                (k, Party(v["name"], v.get("representative")))
                for k, v in data["communities"].items()
            ),
        )


@dataclass(frozen=True)
class AvailabilityTerm:
    """An availability target: for one device category, or ``all`` the devices no category
    term covers. Below the target, ``penalty_per_point`` is owed per started 0.1 percentage
    point."""

    scope: str
    target: Decimal
    penalty_per_point: Decimal

    def to_json(self) -> dict[str, str]:
        return {"target": str(self.target), "penalty_per_point": str(self.penalty_per_point)}


def availability_to_json(terms: tuple[AvailabilityTerm, ...]) -> str | None:
    if not terms:
        return None
    return json.dumps({t.scope: t.to_json() for t in terms}, sort_keys=True)


def availability_from_json(text: str | None) -> tuple[AvailabilityTerm, ...]:
    if not text:
        return ()
    data = json.loads(text)
    return tuple(
        AvailabilityTerm(k, Decimal(v["target"]), Decimal(v["penalty_per_point"]))
        for k, v in sorted(data.items(), key=lambda kv: (kv[0] != _ALL, kv[0]))
    )


def _unknown_keys(
    table: Mapping[str, Any], allowed: tuple[str, ...], place: str, problems: list[str]
) -> None:
    for key in table:
        if key not in allowed:
            problems.append(
                Problem.of(
                    '{place}: unknown key "{key}" (expected {allowed})',
                    place=place,
                    key=key,
                    allowed=", ".join(allowed),
                )
            )


def _party(value: object, place: str, problems: list[str]) -> Party | None:
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict):
        problems.append(
            Problem.of('{place}: expected a name or a table {{ name = "…" }}', place=place)
        )
        return None
    _unknown_keys(value, ("name", "representative"), place, problems)
    texts: list[str | None] = []
    for key in ("name", "representative"):
        text = value.get(key)
        if text is None and key == "representative":
            texts.append(None)
            continue
        if not isinstance(text, str) or not text.strip() or len(text.strip()) > NAME_MAX:
            problems.append(
                Problem.of(
                    "{place}.{key}: expected a text of 1 to {max} characters",
                    place=place,
                    key=key,
                    max=NAME_MAX,
                )
            )
            return None
        texts.append(text.strip())
    return Party(str(texts[0]), texts[1])


def parse_parties(raw: object, communities: tuple[str, ...], problems: list[str]) -> Parties:
    """Parse ``[parties]``: ``firm``, ``street_office`` and ``communities = { 湖滨 = … }``,
    each a name or ``{ name = "…", representative = "…" }``."""
    if raw is None:
        return Parties()
    if not isinstance(raw, dict):
        problems.append(Problem.of("parties: expected a table"))
        return Parties()
    _unknown_keys(raw, _PARTY_KEYS, "parties", problems)
    firm = _party(raw["firm"], "parties.firm", problems) if "firm" in raw else None
    office = (
        _party(raw["street_office"], "parties.street_office", problems)
        if "street_office" in raw
        else None
    )
    by_community: list[tuple[str, Party]] = []
    raw_communities = raw.get("communities", {})
    if not isinstance(raw_communities, dict):
        problems.append(
            Problem.of('parties.communities: expected a table {{ "湖滨" = "湖滨社区居民委员会" }}')
        )
        raw_communities = {}
    for name, value in raw_communities.items():
        if name not in communities:
            problems.append(
                Problem.of(
                    'parties.communities: "{name}" is not one of the contract\'s communities '
                    "({known})",
                    name=name,
                    known=", ".join(communities),
                )
            )
            continue
        party = _party(value, f"parties.communities.{name}", problems)
        if party is not None:
            by_community.append((name, party))
    order = {n: i for i, n in enumerate(communities)}
    return Parties(firm, office, tuple(sorted(by_community, key=lambda kv: order[kv[0]])))


def _number(table: Mapping[str, Any], key: str, place: str, problems: list[str]) -> Decimal | None:
    value = table.get(key)
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        problems.append(
            Problem.of(
                "{place}.{key}: expected a finite number, got {value}",
                place=place,
                key=key,
                value=repr(value),
            )
        )
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:  # pragma: no cover - finite TOML numbers always convert
        return None


def _availability_term(
    scope: str, table: Mapping[str, Any], place: str, problems: list[str]
) -> AvailabilityTerm | None:
    _unknown_keys(table, ("target", "penalty_per_point"), place, problems)
    target = _number(table, "target", place, problems)
    per_point = _number(table, "penalty_per_point", place, problems)
    if target is not None and not Decimal(0) < target <= Decimal(1):
        problems.append(
            Problem.of(
                "{place}.target: must be above 0 and at most 1 (0.995 = 99.5 %)", place=place
            )
        )
        return None
    if per_point is not None and per_point < 0:
        problems.append(Problem.of("{place}.penalty_per_point: must not be negative", place=place))
        return None
    if target is None or per_point is None:
        return None
    return AvailabilityTerm(scope, target, per_point)


def parse_availability(
    raw: object, categories: Mapping[str, object], problems: list[str]
) -> tuple[AvailabilityTerm, ...]:
    """Parse ``[availability]``: ``target`` and ``penalty_per_point`` for all devices, and/or
    ``[availability.<category>]`` tables with their own."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        problems.append(Problem.of("availability: expected a table"))
        return ()
    terms: list[AvailabilityTerm] = []
    own = {k: v for k, v in raw.items() if not isinstance(v, dict)}
    if own:
        term = _availability_term(_ALL, own, "availability", problems)
        if term is not None:
            terms.append(term)
    for key, value in raw.items():
        if not isinstance(value, dict):
            continue
        place = f"availability.{key}"
        if key not in categories:
            problems.append(
                Problem.of(
                    '{place}: "{key}" is not a device category (known: {known})',
                    place=place,
                    key=key,
                    known=", ".join(categories),
                )
            )
            continue
        term = _availability_term(key, value, place, problems)
        if term is not None:
            terms.append(term)
    if not terms and not problems:
        problems.append(
            Problem.of(
                "availability: give target and penalty_per_point, for all devices or a category"
            )
        )
    return tuple(terms)


def availability_penalty(
    term: AvailabilityTerm, ok_seconds: int, known_seconds: int
) -> tuple[int, Decimal]:
    """Return (started 0.1-point steps below the target, penalty) for measured seconds.

    Availability is ``ok_seconds`` (up or degraded) ÷ ``known_seconds``, counted exactly (no
    floating point), so 99.4 % against 99.5 % is one step and 99.45 % one started step. With
    no time known nothing is owed: unknown time is never counted as down.
    """
    if known_seconds <= 0:
        return 0, Decimal(0)
    shortfall = Fraction(term.target) - Fraction(ok_seconds, known_seconds)
    if shortfall <= 0:
        return 0, Decimal(0)
    steps = math.ceil(shortfall * 1000)  # 0.1 percentage point = 1/1000
    return steps, term.penalty_per_point * steps
