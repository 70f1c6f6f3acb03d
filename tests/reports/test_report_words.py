"""The reports' words (resources/report_words.toml): every key in both languages with the
same placeholders, and every key the report code names literally is there."""

from __future__ import annotations

import ast
from pathlib import Path

from ops_console.domain.messages import placeholders
from ops_console.reports.i18n import LANGUAGES, Messages, messages

ROOT = Path(__file__).resolve().parents[2]


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    words = messages()
    assert len(words) > 400
    problems = [
        f"{key}: {sorted(texts)}"
        for key, texts in words.items()
        if sorted(texts) != sorted(LANGUAGES)
        or placeholders(texts["zh_CN"]) != placeholders(texts["en"])
    ]
    assert not problems


def _constants(node: ast.AST, names: dict[str, ast.AST]) -> list[str]:
    """The strings a tuple of literals holds, ``*NAME`` and ``NAME`` read from ``names`` (the
    module's and the function's assignments)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Starred | ast.Name):
        target = node.value if isinstance(node, ast.Starred) else node
        value = names.get(getattr(target, "id", ""))
        return _constants(value, names) if value is not None else []
    if isinstance(node, ast.Tuple | ast.List):
        return [key for item in node.elts for key in _constants(item, names)]
    if isinstance(node, ast.Dict):
        return [key for item in node.keys if item is not None for key in _constants(item, names)]
    return []


def _literal_keys() -> set[str]:
    """The keys the reports ask for as literals: ``m("key", …)``, ``ctx.m("key")``,
    ``m.headings("group", "key", …)``, a table's ``Columns("group", ("key", …))`` and a CSV's
    ``csv_table(m, title, "group", {"key": …})``."""
    found: set[str] = set()
    for path in (ROOT / "ops_console" / "reports").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: dict[str, ast.AST] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                names[getattr(node.targets[0], "id", "")] = node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                names[getattr(node.target, "id", "")] = node.value
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if (
                called == "m"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
            # m.headings("group", "key", …): the keys group.key of a table's headings
            if (
                called == "headings"
                and node.args
                and all(isinstance(a, ast.Constant) for a in node.args)
            ):
                group, *keys = (a.value for a in node.args)  # type: ignore[attr-defined]
                found.update(f"{group}.{key}" for key in keys)
            # Columns("group", keys) and csv_table(m, title, "group", columns): the same
            at = {"Columns": 0, "csv_table": 2}.get(called)
            if at is not None and len(node.args) > at + 1:
                group = node.args[at]
                assert isinstance(group, ast.Constant), ast.unparse(node)
                keys = _constants(node.args[at + 1], names)
                assert keys, ast.unparse(node)
                found.update(f"{group.value}.{key}" for key in keys)
    return found


def test_every_key_the_reports_name_is_in_the_table() -> None:
    keys = _literal_keys()
    assert len(keys) > 100
    assert sorted(keys - set(messages())) == []


def test_a_message_reads_in_each_language_with_its_values() -> None:
    assert Messages("en")("page_of", page=2, pages=5) == "Page 2 of 5"
    assert Messages("zh_CN")("page_of", page=2, pages=5) == "第 2 页 / 共 5 页"
    assert Messages("en").get("no.such.key", "fallback") == "fallback"


def test_care_alerts_are_called_as_the_console_calls_them() -> None:
    """The sidebar says 关怀告警 for "Care alerts"; the audit words, the report words and
    every translation say the same, never 关爱告警."""
    import xml.etree.ElementTree as ET

    from ops_console.reports.audit_words import ACTIONS, ENTITIES

    ts = ET.parse(ROOT / "resources" / "translations" / "ops_console_zh_CN.ts")
    pairs = [
        (m.findtext("source") or "", m.findtext("translation") or "")
        for m in ts.getroot().iter("message")
    ]
    sidebar = dict(pairs)["Care alerts"]
    assert sidebar == "关怀告警"
    care_zh = [
        zh for zh, en in [*ACTIONS.values(), *ENTITIES.values()] if "care alert" in en.lower()
    ]
    care_zh += [zh for en, zh in pairs if "care alert" in en.lower()]
    care_zh += [t["zh_CN"] for t in messages().values() if "care alert" in t["en"].lower()]
    assert len(care_zh) > 10
    assert [zh for zh in care_zh if sidebar not in zh] == []
