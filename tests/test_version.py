"""One version source: the CLI, the About box, the metainfo, the changelog and the recipes agree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ops_console import __version__

ROOT = Path(__file__).resolve().parents[1]


def changelog_release() -> tuple[str, str]:
    """The newest release heading of CHANGELOG.md: (version, date)."""
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    match = re.search(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.MULTILINE)
    assert match, "CHANGELOG.md has no release heading like '## [0.1.0] - 2026-12-04'"
    return match.group(1), match.group(2)


def test_version_is_semantic() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_cli_says_the_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ops_console", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert out.stdout.strip() == f"ops-console {__version__}", out.stderr


def test_changelog_and_metainfo_release_the_same_version_on_the_same_day() -> None:
    version, day = changelog_release()
    assert version == __version__
    metainfo = (ROOT / "installers/linux/io.github.ops_console.metainfo.xml").read_text("utf-8")
    newest = re.search(r'<release version="([^"]+)" date="([^"]+)"', metainfo)
    assert newest and newest.groups() == (version, day)


def test_the_installer_recipes_take_the_version_from_the_source() -> None:
    iss = (ROOT / "installers/windows/ops-console.iss").read_text("utf-8")
    assert f'#define AppVersion "{__version__}"' in iss
    spec = (ROOT / "installers/ops-console.spec").read_text("utf-8")
    assert "from ops_console import __version__" in spec
    for script in ("build_deb.sh", "smoke_bundle.sh"):
        assert "ops_console/__init__.py" in (ROOT / "scripts" / script).read_text("utf-8")
