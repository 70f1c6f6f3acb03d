"""CI fails when the PostgreSQL tests were skipped (OPS_CONSOLE_REQUIRE_POSTGRES=1, set by
.ci/run); elsewhere a machine without PostgreSQL skips them and passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(tmp_path: Path, require: str | None) -> subprocess.CompletedProcess[str]:
    test = tmp_path / "test_needs_pg.py"
    test.write_text(
        "import pytest\n\n"
        "@pytest.mark.postgres\n"
        "def test_needs_pg():\n"
        "    pytest.skip('PostgreSQL server binaries not installed')\n\n"
        "def test_plain():\n"
        "    pass\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("OPS_CONSOLE_REQUIRE_POSTGRES", None)
    if require is not None:
        env["OPS_CONSOLE_REQUIRE_POSTGRES"] = require
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), str(test)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_a_skipped_postgres_test_fails_the_ci_run(tmp_path: Path) -> None:
    done = _run(tmp_path, "1")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 PostgreSQL test(s) skipped" in done.stdout
    assert "test_needs_pg: Skipped: PostgreSQL server binaries not installed" in done.stdout


def test_elsewhere_a_skipped_postgres_test_is_only_a_skip(tmp_path: Path) -> None:
    done = _run(tmp_path, None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 1 skipped" in done.stdout
