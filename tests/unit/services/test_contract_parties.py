"""[parties] and [availability] in the contract file: parsed, checked, stored, shown."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from ops_console.cli import main
from ops_console.domain.errors import ValidationError
from ops_console.services.context import SYSTEM
from ops_console.services.sla.contract_terms import AvailabilityTerm, availability_penalty
from tests.unit.services.workorders_world import CONTRACT, build

PARTIES = """
[parties]
firm = { name = "杭州西湖智维科技有限公司", representative = "周建国" }
street_office = "杭州市上城区湖滨街道办事处"
[parties.communities]
"湖滨" = { name = "湖滨社区居民委员会", representative = "陈静" }
[availability]
target = 0.995
penalty_per_point = 500
[availability.access_gate]
target = 0.999
penalty_per_point = 1000
"""


def _with(extra: str) -> str:
    # the extra tables go before [calendar], where a contract file keeps them
    return CONTRACT.replace("[calendar]", extra.strip() + "\n[calendar]")


@pytest.fixture
def a(services, tmp_path):
    return build(services, tmp_path)


def test_parties_and_availability_are_stored_and_read_back(services, a):
    r = services.contracts.import_text(SYSTEM, _with(PARTIES))
    assert r.changed and not r.new_policy  # contract terms, not SLA policy terms
    c = services.contracts.get(a["mgr"], "HB-2026")
    assert c.parties.firm is not None and c.parties.firm.name == "杭州西湖智维科技有限公司"
    assert c.parties.firm.representative == "周建国"
    assert c.parties.street_office is not None
    assert (c.parties.street_office.name, c.parties.street_office.representative) == (
        "杭州市上城区湖滨街道办事处",
        None,
    )
    community = c.parties.community("湖滨")
    assert community is not None and community.name == "湖滨社区居民委员会"
    assert c.availability == (
        AvailabilityTerm("all", Decimal("0.995"), Decimal(500)),
        AvailabilityTerm("access_gate", Decimal("0.999"), Decimal(1000)),
    )
    # the change is audited like any other contract change
    entries = services.audit.page(SYSTEM, action="contract.update")
    assert entries and "湖滨社区居民委员会" in (entries[0].after_json or "")


def test_a_contract_without_parties_imports_and_names_none(services, a):
    c = services.contracts.get(a["mgr"], "HB-2026")
    assert c.parties.firm is None and c.parties.street_office is None
    assert c.parties.community("湖滨") is None and c.availability == ()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"湖滨" = {', '"西湖" = {', 'parties.communities: "西湖" is not one of the contract\'s'),
        (
            'street_office = "杭州市上城区湖滨街道办事处"',
            'street_office = { nme = "杭州市上城区湖滨街道办事处" }',
            'parties.street_office: unknown key "nme"',
        ),
        ('street_office = "杭州市上城区湖滨街道办事处"', "street_office = 3", "expected a name"),
        ('representative = "陈静"', 'representative = ""', "representative: expected a text"),
        ("target = 0.995", "target = 1.2", "availability.target: must be above 0 and at most 1"),
        ("target = 0.995", "target = 0", "availability.target: must be above 0"),
        ("penalty_per_point = 500", "penalty_per_point = nan", "expected a finite number"),
        ("penalty_per_point = 500", "penalty_per_point = inf", "expected a finite number"),
        ("penalty_per_point = 500", "penalty_per_point = -5", "must not be negative"),
        ("[availability.access_gate]", "[availability.toaster]", '"toaster" is not a device cat'),
        ("[parties]", "[partys]", 'unknown table "partys"'),
    ],
)
def test_bad_parties_or_availability_name_the_place_and_write_nothing(
    services, a, old, new, message
):
    text = _with(PARTIES)
    assert old in text
    with pytest.raises(ValidationError) as exc:
        services.contracts.import_text(SYSTEM, text.replace(old, new))
    assert message in str(exc.value)
    c = services.contracts.get(SYSTEM, "HB-2026")
    assert c.parties.firm is None and c.availability == ()


def test_availability_penalty_counts_started_tenths_of_a_point_exactly():
    term = AvailabilityTerm("all", Decimal("0.995"), Decimal(500))
    day = 86400
    assert availability_penalty(term, 995 * day, 1000 * day) == (0, Decimal(0))  # exactly 99.5 %
    assert availability_penalty(term, 994 * day, 1000 * day) == (1, Decimal(500))  # 99.4 %
    assert availability_penalty(term, 9945, 10000) == (1, Decimal(500))  # 99.45 %: one started
    assert availability_penalty(term, 9949, 10000) == (1, Decimal(500))
    assert availability_penalty(term, 9939, 10000) == (2, Decimal(1000))  # 99.39 %
    assert availability_penalty(term, 0, 0) == (0, Decimal(0))  # nothing known: nothing owed


def test_contracts_show_prints_the_parties_in_full(tmp_path, capsys, monkeypatch):
    u = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("rootpass1\n"))
    assert main(["init", "--db", u, "--admin", "root", "--password-stdin"]) == 0
    monkeypatch.setenv("OPS_CONSOLE_USER", "root")
    monkeypatch.setenv("OPS_CONSOLE_PASSWORD", "rootpass1")
    assert main(["communities", "add", "湖滨", "--db", u]) == 0
    path = tmp_path / "c.toml"
    path.write_text(CONTRACT, "utf-8")
    assert main(["contracts", "import", str(path), "--db", u]) == 0
    capsys.readouterr()
    assert main(["contracts", "show", "HB-2026", "--db", u]) == 0
    out = capsys.readouterr().out
    assert "firm" in out and "(not named in the contract)" in out
    assert "(no availability term)" in out

    path.write_text(_with(PARTIES), "utf-8")
    assert main(["contracts", "import", str(path), "--db", u]) == 0
    capsys.readouterr()
    assert main(["contracts", "show", "HB-2026", "--db", u]) == 0
    out = capsys.readouterr().out
    for expected in (
        "杭州西湖智维科技有限公司 (representative: 周建国)",
        "湖滨社区居民委员会 (representative: 陈静)",
        "杭州市上城区湖滨街道办事处",
        "target 99.5 %",
        "access_gate",
        "SLA policy v1",
        "P1",
    ):
        assert expected in out, expected
    assert "not named" not in out
    assert main(["contracts", "show", "HB-2026", "--format", "json", "--db", u]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["parties"]["communities"]["湖滨"]["name"] == "湖滨社区居民委员会"
    assert data["availability"]["all"] == {"target": "0.995", "penalty_per_point": "500"}
    assert main(["contracts", "show", "NOPE", "--db", u]) != 0
    assert "NOPE" in capsys.readouterr().err
