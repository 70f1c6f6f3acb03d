"""docs/ARCHITECTURE.md stays true: every ``file::name`` it points to (a module under
ops_console/ and a class, function or method in it) still exists, so a rename or a move that
forgets the newcomers' map fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ARCHITECTURE.md"
REFERENCE = re.compile(r"`([\w/]+\.py)::([\w.]+)`")


def _defined(tree: ast.Module, dotted: str) -> bool:
    """Whether ``Name`` or ``Class.method`` is defined at the top of the module."""
    scope: list[ast.stmt] = tree.body
    for part in dotted.split("."):
        found = [
            node
            for node in scope
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name == part
        ]
        if not found:
            return False
        node = found[0]
        scope = node.body if isinstance(node, ast.ClassDef) else []
    return True


def missing_references(text: str, package: Path) -> list[str]:
    """The ``file::name`` references of ``text`` that ``package`` does not define."""
    missing = []
    for path, name in REFERENCE.findall(text):
        source = package / path
        if not source.is_file():
            missing.append(f"{path}::{name} (no such file)")
        elif not _defined(ast.parse(source.read_text(encoding="utf-8")), name):
            missing.append(f"{path}::{name}")
    return missing


def test_every_reference_of_the_architecture_page_exists():
    text = DOC.read_text(encoding="utf-8")
    assert len(REFERENCE.findall(text)) >= 20  # the two walks are written as references
    assert missing_references(text, ROOT / "ops_console") == []


def test_a_renamed_function_or_a_moved_module_is_reported(tmp_path):
    package = tmp_path / "pkg"
    (package / "services").mkdir(parents=True)
    (package / "services" / "store.py").write_text(
        "class Store:\n    def put(self): ...\n\ndef helper(): ...\n", encoding="utf-8"
    )
    text = (
        "`services/store.py::Store.put` `services/store.py::helper` "
        "`services/store.py::Store.get` `services/store.py::gone` `services/moved.py::helper`"
    )
    assert missing_references(text, package) == [
        "services/store.py::Store.get",
        "services/store.py::gone",
        "services/moved.py::helper (no such file)",
    ]
