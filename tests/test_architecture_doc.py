"""docs/ARCHITECTURE.md stays true: every ``file::name`` it points to (a module under
ops_console/ and a class, function, method or module-level name in it) still exists, and so does
every file path it names, so a rename or a move that forgets the newcomers' map fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "ARCHITECTURE.md"
REFERENCE = re.compile(r"`([\w/]+\.py)::([\w.]+)`")
# a path with a folder in it (``cli/common.py``, ``scripts/make_demo.py``), not a pattern
PATH = re.compile(r"`(?:python3 )?([\w]+(?:/[\w.]+)+\.py)`")


def _names(scope: list[ast.stmt]) -> dict[str, ast.stmt]:
    """The classes, functions and assigned names defined directly in ``scope``."""
    found: dict[str, ast.stmt] = {}
    for node in scope:
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            found.setdefault(node.name, node)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, node)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.setdefault(node.target.id, node)
    return found


def _defined(tree: ast.Module, dotted: str) -> bool:
    """Whether ``Name`` (a class, function or constant) or ``Class.method`` is defined at the
    top of the module."""
    scope: list[ast.stmt] = tree.body
    for part in dotted.split("."):
        node = _names(scope).get(part)
        if node is None:
            return False
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


def missing_paths(text: str, roots: list[Path]) -> list[str]:
    """The file paths ``text`` names that exist under none of ``roots``."""
    return [
        path for path in PATH.findall(text) if not any((root / path).is_file() for root in roots)
    ]


def test_every_reference_of_the_architecture_page_exists():
    text = DOC.read_text(encoding="utf-8")
    assert len(REFERENCE.findall(text)) >= 20  # the two walks are written as references
    assert missing_references(text, ROOT / "ops_console") == []
    assert len(PATH.findall(text)) >= 10
    assert missing_paths(text, [ROOT / "ops_console", ROOT]) == []


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


def test_a_constant_counts_and_a_missing_path_is_reported(tmp_path):
    package = tmp_path / "pkg"
    (package / "domain").mkdir(parents=True)
    (package / "domain" / "clock.py").write_text("ZONE = 'x'\nTYPED: int = 1\n", encoding="utf-8")
    text = "`domain/clock.py::ZONE` `domain/clock.py::TYPED` `domain/clock.py::GONE`"
    assert missing_references(text, package) == ["domain/clock.py::GONE"]
    paths = "`domain/clock.py` `python3 scripts/gone.py` `cli/<command>.py` `app.py`"
    assert missing_paths(paths, [package]) == ["scripts/gone.py"]
