"""One composition root: only ops_console/app.py builds the database connection, the services
container and the poller; the CLI and the window start from it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ops_console"
BUILT_ONLY_BY_APP = {"Services", "PollerService", "Database"}
ALLOWED = {
    "app.py",  # the composition root
    "db/engine.py",  # defines Database
    "services/container.py",  # defines Services; signed_in_as: the same, reached as a person
    # the poller's store process: a child process opens its own connection (one cannot be
    # handed across processes), from the URL and person the poller built in app.py
    "services/monitoring/ingest/process.py",
}


def constructions(tree: ast.AST) -> list[tuple[str, int]]:
    """The calls of ``Services(...)``, ``PollerService(...)`` or ``Database(...)`` in a module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = (
                f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            )
            if name in BUILT_ONLY_BY_APP:
                found.append((name, node.lineno))
    return found


def test_only_the_composition_root_builds_services_database_and_poller() -> None:
    elsewhere = [
        f"{path.relative_to(PACKAGE).as_posix()}:{line} builds {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() not in ALLOWED
        for name, line in constructions(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert elsewhere == [], "wire it in ops_console/app.py instead"


def test_the_check_sees_a_construction() -> None:
    tree = ast.parse("from x import Services\nservices = Services(db)\nother = m.Database(u)\n")
    assert constructions(tree) == [("Services", 2), ("Database", 3)]


def test_cli_and_window_start_from_the_root() -> None:
    for module in ("cli/common.py", "ui/launch.py"):
        text = (PACKAGE / module).read_text(encoding="utf-8")
        assert "from .. import app" in text, module
