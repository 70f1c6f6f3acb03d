"""Facts written once in the code: the default time zone's name stands only in its constant."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ZONE_HOME = "ops_console/domain/clock.py"


def code_files() -> list[Path]:
    return sorted([*(ROOT / "ops_console").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")])


def test_the_default_time_zone_is_named_only_by_its_constant() -> None:
    from ops_console.domain.clock import DEFAULT_TIMEZONE

    elsewhere = [
        f"{path.relative_to(ROOT).as_posix()}:{n}"
        for path in code_files()
        if path.relative_to(ROOT).as_posix() != DEFAULT_ZONE_HOME
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DEFAULT_TIMEZONE in line
    ]
    assert elsewhere == [], "use domain.clock.DEFAULT_TIMEZONE (or DEFAULT_ZONE)"
    assert DEFAULT_TIMEZONE in (ROOT / DEFAULT_ZONE_HOME).read_text(encoding="utf-8")
