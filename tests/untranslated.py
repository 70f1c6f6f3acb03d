"""What "nothing untranslated" means, for the tests that render every page, report and CSV.

In Chinese output no ASCII word that looks like an identifier (``snake_case``,
``dotted.action``, a status or enum code such as ``closed`` or ``True``, a command-line
option such as ``--contract``); in English output no
Chinese outside the names and words people entered (the demo's data files). Names are
allowed from the data, never by an exception per finding.
"""

from __future__ import annotations

import csv
import re
import tomllib
from functools import cache
from pathlib import Path

from ops_console.paths import resources_dir

SNAKE = re.compile(r"(?<![\w.@/-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w-])")
DOTTED = re.compile(r"(?<![\w.@/-])[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+(?![\w(/-])")
# the codes of statuses, kinds, sources, health, severities, criticality and booleans
CODES = frozenset(
    [
        "new",
        "assigned",
        "in_progress",
        "on_hold",
        "resolved",
        "closed",
        "cancelled",
        "repair",
        "inspection",
        "cleaning",
        "alarm",
        "liaison",
        "preventive",
        "up",
        "down",
        "degraded",
        "unknown",
        "warning",
        "critical",
        "compliance",
        "ok",
        "low",
        "normal",
        "high",
        "in_service",
        "under_maintenance",
        "retired",
        "true",
        "false",
        "True",
        "False",
        "None",
        "intact",
        "broken",
        "running",
        "paused",
        "stopped",
        "met",
        "breached",
        "at_risk",
        "created",
        "accepted",
        "held",
        "resumed",
        "reopened",
        "verified",
        "system",
    ]
)
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]+")  # a command-line option, in the console's words
WORD = re.compile(r"(?<![\w.@/-])[A-Za-z_]+(?![\w-])")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@cache
def _demo_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((resources_dir() / "demo").rglob("*.csv")):
        with path.open(encoding="utf-8") as f:
            rows.extend(csv.DictReader(f))
    return rows


@cache
def demo_words() -> str:
    """Every text of the demo's data files (names, titles, notes people typed), one blob."""
    parts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    folder = resources_dir() / "demo"
    for path in sorted(folder.rglob("*.toml")):
        with path.open("rb") as f:
            walk(tomllib.load(f))
    for row in _demo_rows():
        walk(list(row.values()))
    return "\n".join(parts)


@cache
def demo_names() -> frozenset[str]:
    """ASCII names of the demo's data: logins, asset tags, codes, models, serials."""
    names: set[str] = set()
    for row in _demo_rows():
        for key in ("username", "actor", "assignee", "asset_tag", "model", "serial", "course"):
            if row.get(key):
                names.add(row[key])
    return frozenset(names)


def english_problems(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """Chinese in English output that is not in the demo's data (names, people's words) nor
    one of ``names`` (a language's own name in the language menu)."""
    blob = "\n".join((demo_words(), *names))
    return sorted({run for run in CJK.findall(text) if run not in blob})


def chinese_problems(text: str) -> list[str]:
    """Identifier-looking ASCII words in Chinese output (names of the demo's data allowed)."""
    names = demo_names()
    found = set(SNAKE.findall(text)) | set(DOTTED.findall(text)) | set(OPTION.findall(text))
    found |= {w for w in WORD.findall(text) if w in CODES}
    return sorted(w for w in found if w not in names)


def problems(text: str, lang: str, names: tuple[str, ...] = ()) -> list[str]:
    return chinese_problems(text) if lang.startswith("zh") else english_problems(text, names)


def context(text: str, word: str, width: int = 40) -> str:
    """Where a word stands in the output (for the failure message)."""
    i = text.find(word)
    return text[max(0, i - width) : i + len(word) + width].replace("\n", " ⏎ ")


def report(texts: dict[str, str], lang: str, names: tuple[str, ...] = ()) -> list[str]:
    """``where: word … context`` for each problem in the named outputs."""
    out = []
    for where, text in texts.items():
        for word in problems(text, lang, names):
            out.append(f"{where}: {word!r} in …{context(text, word)}…")
    return out


def read_text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")
