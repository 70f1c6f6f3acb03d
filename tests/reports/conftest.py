"""Fixtures of the report tests: the demo database (or a small stand-in until it ships)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from ops_console.demo.loader import demo_dir
from ops_console.services.container import Services
from ops_console.services.context import SYSTEM, Actor


def demo_available() -> bool:
    return (demo_dir() / "communities.toml").is_file()


def _seed(services: Services) -> None:
    """The parts of the demo the reports need, through the real services."""
    services.accounts.add_community(
        SYSTEM, "湖滨", zones=["1号楼", "东门"], name_en="Lakeside", address="湖滨路 1 号"
    )
    services.accounts.add_community(SYSTEM, "枫林", zones=["南门"], name_en="Maple Grove")
    services.accounts.add_organization(SYSTEM, "安捷运维有限公司", "firm")
    services.accounts.add_user(
        SYSTEM,
        "wang",
        "managerpass1",
        "manager",
        display_name="王经理",
        organization="安捷运维有限公司",
    )
    services.accounts.add_user(
        SYSTEM,
        "li",
        "technician1",
        "technician",
        display_name="李工",
        organization="安捷运维有限公司",
    )
    services.accounts.add_user(
        SYSTEM, "zhao", "liaisonpass1", "liaison", display_name="赵联络员", communities=["湖滨"]
    )
    services.accounts.add_user(SYSTEM, "audit", "auditorpass1", "auditor", display_name="审计员")


@pytest.fixture
def rs(request: pytest.FixtureRequest) -> Services:
    """Services over the demo database, or over a seeded stand-in while the demo has no data."""
    if demo_available():
        return request.getfixturevalue("demo_services")
    services: Services = request.getfixturevalue("services")
    _seed(services)
    return services


@pytest.fixture
def manager(rs: Services) -> Actor:
    for u in rs.accounts.list_users(SYSTEM):
        if u.role == "manager":
            return rs.accounts.actor(u.username)
    raise AssertionError("no manager in the demo")


@pytest.fixture
def auditor(rs: Services) -> Actor:
    for u in rs.accounts.list_users(SYSTEM):
        if u.role == "auditor":
            return rs.accounts.actor(u.username)
    raise AssertionError("no auditor in the demo")


def pdf_text(path: Path) -> str:
    """Return the text of every page (pypdf), pages separated by form feeds."""
    return "\f".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def pdftotext(path: Path) -> str:
    """Return the text as poppler reads it (proves the font is embedded)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def auditor_signed_in(auditor: Actor, monkeypatch: pytest.MonkeyPatch) -> Actor:
    """The auditor, signed in for the command line (it has no implicit reader)."""
    monkeypatch.setenv("OPS_CONSOLE_USER", auditor.username)
    monkeypatch.setenv(
        "OPS_CONSOLE_PASSWORD", "demo1234" if auditor.username == "zhou.min" else "auditorpass1"
    )
    return auditor
