"""An installed wheel, not only the source tree, finds its resources and migrations."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ops_console.db import migrate

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_carries_resources_and_finds_them(tmp_path):
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("ops_console-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "ops_console/resources/categories.toml" in names
    assert any(n.startswith("ops_console/resources/profiles/") for n in names)
    assert any(n.startswith("ops_console/db/migrations/versions/0001") for n in names)
    assert "ops_console/db/migrations/script.py.mako" in names
    # unpack it alone (no source tree on the path) and ask it where its resources are
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import ops_console.paths as p, ops_console.db.migrate as m;"
        "r = p.resources_dir(); print(r); print(m.head_revision())"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    where, head = out.stdout.split()
    assert where.startswith(str(site))
    # the wheel's migrations reach the same head as the source tree's
    assert head == migrate.head_revision()
