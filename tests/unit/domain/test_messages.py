"""The message catalogue: every code in both languages, used codes all present."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ops_console.domain.messages import (
    LANGUAGES,
    Instant,
    Localized,
    Msg,
    catalogue,
    load_catalogue,
    placeholders,
    render,
    stored,
)

ROOT = Path(__file__).resolve().parents[3]


def test_every_code_has_both_languages_with_the_same_parameters() -> None:
    book = catalogue()
    assert len(book) > 30
    problems = []
    for code, template in book.items():
        missing = [lang for lang in LANGUAGES if not template.texts.get(lang)]
        if missing:
            problems.append(f"{code}: no {', '.join(missing)}")
            continue
        if placeholders(template.texts["en"]) != placeholders(template.texts["zh_CN"]):
            problems.append(f"{code}: en and zh_CN take different parameters")
    assert not problems


def test_a_code_without_chinese_fails_the_check(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text('[alarm.x]\nen = "{device} on fire"\n', encoding="utf-8")
    book = load_catalogue(path)
    assert book["alarm.x"].texts == {"en": "{device} on fire"}
    assert not book["alarm.x"].texts.get("zh_CN")


def _codes_in_source() -> set[str]:
    """Every literal message code the program writes: ``Msg("…")`` and ``code="poll.…"``."""
    found: set[str] = set()
    for path in (ROOT / "ops_console").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "Msg" and node.args and isinstance(node.args[0], ast.Constant):
                found.add(str(node.args[0].value))
            for kw in node.keywords:
                value = kw.value.value if isinstance(kw.value, ast.Constant) else None
                if kw.arg == "code" and isinstance(value, str) and "." in value:
                    found.add(value)
    return found


def test_every_code_the_program_writes_is_in_the_catalogue() -> None:
    from ops_console.polling.errors import GENERIC
    from ops_console.polling.usm import REPORT_CODES

    used = _codes_in_source() | set(GENERIC.values()) | set(REPORT_CODES.values())
    used |= {f"level.{lvl}" for lvl in ("ok", "warning", "critical", "compliance")}
    used |= {f"poll.v3_{c}" for c in ("wrong_digest", "unknown_user", "decryption")}
    assert len(used) > 25
    assert sorted(used - set(catalogue())) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nested_messages_labels_and_times_render_in_the_reader_language(lang: str) -> None:
    msg = Msg(
        "alarm.unreachable",
        {"device": "HB-BIN-001", "error": Msg("poll.timeout", {"tries": 2, "timeout_s": 1.0})},
    )
    again = Msg.from_json(msg.dumps())
    assert again == msg
    text = render(again, lang)
    if lang == "en":
        assert text == (
            "HB-BIN-001 unreachable: no response after 2 × 1 s "
            "(host down, wrong community, or not an SNMP agent)"
        )
    else:
        assert text == "HB-BIN-001 无法连接：2 × 1 秒无应答（设备关机、团体名错误或不是 SNMP 代理）"
    stale = Msg(
        "alarm.stale_since",
        {"device": "T", "time": Instant(datetime(2026, 12, 3, 17, 57, tzinfo=UTC))},
    )
    # 17:57 UTC is 01:57 the next day in the console's time zone (Asia/Shanghai)
    assert "2026-12-04 01:57" in render(Msg.from_json(stale.dumps()), lang)
    status = Msg(
        "alarm.status",
        {
            "device": "T",
            "metric": Localized("Lid", "桶盖"),
            "row": "",
            "state": Localized("Jammed", "卡住"),
        },
    )
    assert render(status, lang) == ("T Lid: Jammed" if lang == "en" else "T 桶盖：卡住")


def test_a_legacy_text_is_kept_and_json_is_read_back() -> None:
    assert stored(None) is None and stored("") is None
    legacy = stored("something typed long ago")
    assert legacy == Msg("poll.recorded", {"text": "something typed long ago"})
    msg = Msg("poll.tcp_refused", {"port": 554})
    assert stored(msg.dumps()) == msg
