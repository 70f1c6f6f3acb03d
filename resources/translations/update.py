"""Refresh ops_console_zh_CN.ts from the UI's tr()/N() strings and build the .qm.

    python resources/translations/update.py [--fill translations.tsv]

Strings are collected from ``ops_console/ui`` (calls of ``tr("…")`` and ``N("…")``, context
``ops``) and the error message templates from ``ops_console/services`` and
``ops_console/domain``, ``ops_console/reports`` and ``ops_console/app.py`` (``SomeError.of("…")``, ``Message("…")``, ``term("…")``, context
``errors``). Existing translations are kept; new strings are added as unfinished; a TSV
(source<TAB>translation per line, ``\\n`` for new lines) fills translations in (both
contexts). The .qm is then built with pyside6-lrelease.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
UI = ROOT / "ops_console" / "ui"
TS = HERE / "ops_console_zh_CN.ts"
CONTEXT = "ops"
ERRORS_CONTEXT = "errors"
ERROR_SOURCES = (
    ROOT / "ops_console" / "app.py",
    ROOT / "ops_console" / "services",
    ROOT / "ops_console" / "domain",
    ROOT / "ops_console" / "reports",
)


def extract() -> dict[str, list[tuple[str, int]]]:
    """Return every translatable string with where it is used."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            f = node.func
            name = (
                f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            )
            arg = node.args[0]
            if name in ("tr", "N") and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                rel = path.relative_to(ROOT).as_posix()
                found.setdefault(arg.value, []).append((rel, node.lineno))
    return found


def extract_errors() -> dict[str, list[tuple[str, int]]]:
    """Every error message template raised in services and domain, with where it is used."""
    found: dict[str, list[tuple[str, int]]] = {}
    for folder in ERROR_SOURCES:
        for path in [folder] if folder.is_file() else sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                f = node.func
                arg = node.args[0]
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    continue
                marked = (isinstance(f, ast.Attribute) and f.attr == "of") or (
                    isinstance(f, ast.Name) and f.id in ("Message", "term")
                )
                if marked:
                    rel = path.relative_to(ROOT).as_posix()
                    found.setdefault(arg.value, []).append((rel, node.lineno))
    return found


def read_ts() -> dict[tuple[str, str], str]:
    """Finished translations by (context, source)."""
    if not TS.exists():
        return {}
    out = {}
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name") or CONTEXT
        for msg in ctx.iter("message"):
            src = msg.findtext("source") or ""
            t = msg.find("translation")
            if t is not None and t.text and t.get("type") != "unfinished":
                out[(name, src)] = t.text
    return out


def read_tsv(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line and not line.startswith("#"):
            src, dst = line.split("\t", 1)
            out[src.replace("\\n", "\n")] = dst.replace("\\n", "\n")
    return out


def write_ts(
    contexts: dict[str, dict[str, list[tuple[str, int]]]], done: dict[tuple[str, str], str]
) -> list[str]:
    root = ET.Element("TS", version="2.1", language="zh_CN", sourcelanguage="en")
    missing = []
    for name, strings in contexts.items():
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = name
        for src, places in strings.items():
            msg = ET.SubElement(ctx, "message")
            for file, line in places:
                ET.SubElement(msg, "location", filename=f"../../{file}", line=str(line))
            ET.SubElement(msg, "source").text = src
            t = ET.SubElement(msg, "translation")
            if (name, src) in done:
                t.text = done[(name, src)]
            else:
                t.set("type", "unfinished")
                missing.append(f"[{name}] {src}")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    TS.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return missing


def build_qm() -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)


def main(argv: list[str]) -> int:
    contexts = {CONTEXT: extract(), ERRORS_CONTEXT: extract_errors()}
    done = read_ts()
    if len(argv) > 2 and argv[1] == "--fill":
        for src, dst in read_tsv(Path(argv[2])).items():
            for name in contexts:
                done[(name, src)] = dst
    missing = write_ts(contexts, done)
    build_qm()
    total = sum(len(v) for v in contexts.values())
    print(f"{total} strings, {len(missing)} without a translation")
    for m in missing:
        print("  missing:", m.replace("\n", "\\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
